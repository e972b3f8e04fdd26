/**
 * The stage learners of every internal node for one bandit-feedback algorithm. Node n draws from
 * `rng.stream('stage/<name of n>')`, so a stage node process builds exactly the learner the fast
 * path uses.
 */
import type { Rng } from '../random.js';
import { BroadOmdStage } from './BroadOmdStage.js';
import { epsExp3Parameters, type EpsExp3Tuning } from './epsExp3Parameters.js';
import { EpsExp3Stage, type EpsExp3Estimator, type EpsExp3EtaRule } from './EpsExp3Stage.js';
import { Exp3AuerStage } from './Exp3AuerStage.js';
import { Exp3Stage } from './Exp3Stage.js';
import type { JobTree } from './JobTree.js';
import type { StageLearner } from './StageLearner.js';

export type StageAlgorithm =
  | { name: 'eps-exp3'; params: EpsExp3Tuning & { estimator?: EpsExp3Estimator; eta?: EpsExp3EtaRule } }
  | { name: 'eps-exp3-anytime'; params: EpsExp3Tuning & { estimator?: EpsExp3Estimator; eta?: EpsExp3EtaRule } }
  | { name: 'exp3'; params: { eta?: number } }
  | { name: 'exp3-auer'; params: { gamma?: number } }
  | { name: 'broad-omd'; params: { eta?: number } };

export const STAGE_ALGORITHMS = ['eps-exp3', 'eps-exp3-anytime', 'exp3', 'exp3-auer', 'broad-omd'] as const;

/** The learner of internal node n. */
export function createStage(tree: JobTree, n: number, algorithm: StageAlgorithm, horizon: number, algorithmRng: Rng): StageLearner {
  const children = tree.childCount(n);
  if (children === 0) throw new Error(`createStage: node '${tree.names[n]}' is a leaf`);
  const rng = algorithmRng.stream(`stage/${tree.names[n]}`);
  switch (algorithm.name) {
    case 'eps-exp3':
    case 'eps-exp3-anytime': {
      const { estimator, eta, ...tuning } = algorithm.params;
      return new EpsExp3Stage({
        children,
        rng,
        horizon,
        anytime: algorithm.name === 'eps-exp3-anytime',
        estimator,
        eta,
        parameters: (T) => epsExp3Parameters(tree, T, tuning)[n],
      });
    }
    case 'exp3':
      return new Exp3Stage({ children, horizon, rng, eta: algorithm.params.eta });
    case 'exp3-auer':
      return new Exp3AuerStage({ children, horizon, rng, gamma: algorithm.params.gamma });
    case 'broad-omd':
      return new BroadOmdStage({ children, horizon, rng, eta: algorithm.params.eta });
  }
}

/** Learners of every node, indexed by node (null at leaves). */
export function createStages(tree: JobTree, algorithm: StageAlgorithm, horizon: number, algorithmRng: Rng): (StageLearner | null)[] {
  return Array.from({ length: tree.size }, (_, n) => (tree.isLeaf(n) ? null : createStage(tree, n, algorithm, horizon, algorithmRng)));
}
