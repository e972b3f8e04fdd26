/**
 * Node plan of a multi-stage run: the source (robot), one `stage` per internal tree node, one
 * `leaf` per leaf, and the monitor. Node names carry the tree node's name (`stage_<n>`,
 * `leaf_<n>`), all in the run's namespace.
 */
import { JobTree } from '../../core/multistage/JobTree.js';
import { Rng } from '../../core/random.js';
import { resolveTreeProblem } from '../../experiments/multistage/resolveTreeProblem.js';
import type { MultistageScenario } from '../../experiments/multistage/schema.js';
import type { ScenarioBase } from '../../experiments/Family.js';
import { UserInputError } from '../../experiments/UserInputError.js';
import type { ParameterValue } from '../../runtime/Parameters.js';
import type { NodeSpec } from '../NodePlan.js';

export function planJobs(scenario: ScenarioBase, common: Record<string, ParameterValue>): NodeSpec[] {
  const s = scenario as MultistageScenario;
  const alg = s.algorithms[0];
  if (alg.name === 'normalized-eg') throw new UserInputError(`algorithm '${alg.label ?? alg.name}' (normalized-eg) needs full one-hop feedback every round: it runs in sim only; pick another with --algorithm`);
  // The structure does not depend on the run (Bernoulli panels only shuffle leaf means).
  const tree = JobTree.fromSpec(resolveTreeProblem(s, new Rng(s.seed).stream('run/0')).tree);
  const node = (executable: string, name: string, extra: Record<string, ParameterValue> = {}): NodeSpec => ({ executable, name, namespace: '/', parameters: { ...common, ...extra }, remappings: {} });
  const nodes = [node('source', 'source')];
  for (const n of tree.internal) nodes.push(node('stage', `stage_${tree.names[n]}`, { tree_node: tree.names[n] }));
  for (const n of tree.leaves) nodes.push(node('leaf', `leaf_${tree.names[n]}`, { tree_node: tree.names[n] }));
  nodes.push(node('monitor', 'monitor'));
  return nodes;
}
