/** The multi-stage family's entry for the registry (`families.ts`): schema, experiment, load-time checks. */
import { JobTree, TreeValidationError } from '../../core/multistage/JobTree.js';
import { Rng } from '../../core/random.js';
import { validateProblem } from '../../envs/tree/TreeCostModel.js';
import type { FamilyDefinition } from '../Family.js';
import { ScenarioError, type ScenarioIssue } from '../scenario/ScenarioError.js';
import { multistageExperiment } from './multistageExperiment.js';
import { resolveTreeProblem } from './resolveTreeProblem.js';
import { multistageScenarioSchema, type MultistageScenario } from './schema.js';

/**
 * Build the tree and check the cost models at load time, so a cycle, a node without children,
 * a leaf without a model or a bad probe is one line per problem naming its field, not an error
 * inside a worker. (The structure of generated trees does not depend on the run.)
 */
export function prepareMultistageScenario(scenario: MultistageScenario, _baseDir = '.', file = scenario.name): MultistageScenario {
  const problem = resolveTreeProblem(scenario, new Rng(scenario.seed).stream('run/0'));
  let tree: JobTree;
  try {
    tree = JobTree.fromSpec(problem.tree);
  } catch (err) {
    if (err instanceof TreeValidationError) throw new ScenarioError(file, err.issues.map((message) => ({ path: ['tree'], message })));
    throw err;
  }
  const issues: ScenarioIssue[] = validateProblem(tree, problem).map((message) => ({ path: ['tree'], message }));
  scenario.transient?.probes.forEach((p, i) => {
    const n = tree.indexOf(p.node);
    const c = tree.indexOf(p.child);
    if (n < 0 || tree.isLeaf(n)) issues.push({ path: ['transient', 'probes', i, 'node'], message: `'${p.node}' is not an internal node of the tree` });
    else if (c < 0 || tree.parent[c] !== n) issues.push({ path: ['transient', 'probes', i, 'child'], message: `'${p.child}' is not a child of '${p.node}'` });
  });
  if (issues.length > 0) throw new ScenarioError(file, issues);
  return scenario;
}

export const multistageFamily: FamilyDefinition<MultistageScenario> = {
  schema: multistageScenarioSchema,
  experiment: multistageExperiment,
  prepare: prepareMultistageScenario,
  // Loaded lazily: worker threads import the registry and need no plotting code.
  // Hou 2024, Theorem 4: regret O(T^(L/(L+1))), so regret / T falls like T^(-1/(L+1)).
  sweepExponent: (scenario) => {
    const L = JobTree.fromSpec(resolveTreeProblem(scenario, new Rng(scenario.seed).stream('run/0')).tree).height;
    return { value: -1 / (L + 1), source: `theory: -1/(L+1), L = ${L}` };
  },
  extraOutputs: async (scenario, dir) => (await import('./writeTransient.js')).writeTransient(scenario, dir),
};
