/**
 * One seeded run of the multi-stage family (Hou, MobiHoc 2024, Sec. 7): T jobs pass one by one
 * through the tree; each internal node on a job's path picks a child, the leaf's cost comes back
 * up the path. Regret is pseudo-regret against the best fixed leaf over the horizon:
 * sum_t E[c_{leaf_t}(t)] - min_l sum_t E[c_l(t)].
 *
 * Streams below the run's Rng (none depends on the algorithm):
 *   'tree/means'        Bernoulli panels: shuffle of the leaf means
 *   'link/<node>'       the link into <node>: one exponential per job that crosses it
 *   'leaf/<node>'       the leaf's cost draw (and last hop) per job it serves
 *   'algorithm'         below it 'stage/<node>' per internal node (see createStages)
 * Normalized-EG (full information) draws every link and every leaf in every round.
 */
import { JobTree } from '../../core/multistage/JobTree.js';
import { NormalizedEg } from '../../core/multistage/NormalizedEg.js';
import { createStages, type StageAlgorithm } from '../../core/multistage/createStages.js';
import { JobRoute, learnRoute, routeJob } from '../../core/multistage/routeJob.js';
import type { StageLearner } from '../../core/multistage/StageLearner.js';
import type { Rng } from '../../core/random.js';
import { TreeCostModel } from '../../envs/tree/TreeCostModel.js';
import type { FamilyExperiment } from '../Family.js';
import { resolveTreeProblem } from './resolveTreeProblem.js';
import { multistageAlgorithmSchema, type MultistageAlgorithm, type MultistageScenario } from './schema.js';

/** Everything of one run except the learners. */
export interface TreeRun {
  tree: JobTree;
  model: TreeCostModel;
  /** The best fixed leaf over the horizon (node index). */
  best: number;
}

/** The tree and cost model of one run (what every node of the node path builds). */
export function buildTreeModel(scenario: MultistageScenario, runRng: Rng): Omit<TreeRun, 'best'> {
  const problem = resolveTreeProblem(scenario, runRng);
  const tree = JobTree.fromSpec(problem.tree);
  return { tree, model: new TreeCostModel(tree, problem, scenario.horizon, runRng) };
}

export function buildTreeRun(scenario: MultistageScenario, runRng: Rng): TreeRun {
  const { tree, model } = buildTreeModel(scenario, runRng);
  return { tree, model, best: model.bestFixedLeaf().leaf };
}

/** Forwarding probability of (node, child ordinal) in round t, for transient plots. */
export type ProbabilityProbe = (t: number, node: number) => Float64Array;

export interface TreeRoundObserver {
  /** Called at the start of round t, before the job is routed. */
  beforeRound(t: number, probabilities: ProbabilityProbe): void;
}

export function stageAlgorithm(entry: MultistageAlgorithm): StageAlgorithm | null {
  return entry.name === 'normalized-eg' ? null : (entry as StageAlgorithm);
}

/** Simulate one run; returns cumulative regret at each grid round. */
export function simulateTree(scenario: MultistageScenario, algorithmIndex: number, rng: Rng, grid: Int32Array, observer?: TreeRoundObserver): Float64Array {
  const { tree, model, best } = buildTreeRun(scenario, rng);
  const T = scenario.horizon;
  const entry = scenario.algorithms[algorithmIndex];
  const out = new Float64Array(grid.length);
  const algorithm = stageAlgorithm(entry);
  let regret = 0;
  let g = 0;
  if (algorithm) {
    const stages = createStages(tree, algorithm, T, rng.stream('algorithm'));
    const probe: ProbabilityProbe = (t, n) => (stages[n] as StageLearner).probabilities(t);
    const route = new JobRoute(tree);
    let delay = 0;
    let t = 0;
    const onHop = (n: number) => {
      delay += model.linkDelay(n, t);
    };
    for (t = 1; t <= T; t++) {
      observer?.beforeRound(t, probe);
      delay = 0;
      const leaf = routeJob(tree, stages, t, route, onHop);
      learnRoute(stages, route, model.leafCost(leaf, t, delay));
      regret += model.expectedCost(leaf, t) - model.expectedCost(best, t);
      while (g < grid.length && grid[g] === t) out[g++] = regret;
    }
    return out;
  }
  const params = entry.params as { etaScale?: number };
  const eg = new NormalizedEg(tree, T, rng.stream('algorithm'), params.etaScale);
  const probe: ProbabilityProbe = (_t, n) => eg.probabilities(n);
  const delay = new Float64Array(tree.size);
  const cost = new Float64Array(tree.size);
  for (let t = 1; t <= T; t++) {
    observer?.beforeRound(t, probe);
    // Full information: every link and every leaf reports this round (children after parents).
    for (let n = 1; n < tree.size; n++) delay[n] = delay[tree.parent[n]] + model.linkDelay(n, t);
    for (const l of tree.leaves) cost[l] = model.leafCost(l, t, delay[l]);
    let n = 0;
    while (!tree.isLeaf(n)) n = tree.child(n, eg.pick(n));
    eg.update(cost);
    regret += model.expectedCost(n, t) - model.expectedCost(best, t);
    while (g < grid.length && grid[g] === t) out[g++] = regret;
  }
  return out;
}

export const multistageExperiment: FamilyExperiment<MultistageScenario> = {
  family: 'multistage',
  algorithms: multistageAlgorithmSchema.options.map((o) => o.shape.name.value),
  runOne: (scenario, algorithmIndex, rng, grid) => simulateTree(scenario, algorithmIndex, rng, grid),
};
