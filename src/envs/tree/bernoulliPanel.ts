/**
 * The Bernoulli trees of the paper's Sec. 7.1 (spec 3.6, PROPOSAL values): a complete tree of
 * depth L and arity K; leaf means evenly spaced in [pMin, 1], shuffled per run; the leaf with
 * mean 1 switches to 0 at `changeAt * T` and is then the best leaf. It is kept out of the root
 * subtree of the initially best (pMin) leaf, as in Fig. 4, so a learner that starves that
 * subtree never notices the change.
 */
import { completeTreeSpec, JobTree } from '../../core/multistage/JobTree.js';
import type { Rng } from '../../core/random.js';
import type { LeafCostSpec, TreeProblem } from './TreeProblem.js';

export interface BernoulliPanelSpec {
  depth: number;
  arity: number;
  pMin: number;
  changeAt: number;
}

export function bernoulliPanel({ depth, arity, pMin, changeAt }: BernoulliPanelSpec, rng: Rng): TreeProblem {
  if (arity < 2) throw new Error(`bernoulliPanel: arity must be >= 2 (the switching leaf needs another root subtree), found ${arity}`);
  const spec = completeTreeSpec(depth, arity);
  const tree = JobTree.fromSpec(spec);
  const n = tree.leaves.length;
  const means = Array.from({ length: n }, (_, i) => pMin + ((1 - pMin) * i) / (n - 1));
  rng.shuffle(means);
  const subtree = (leaf: number) => tree.pathTo(leaf)[1];
  const iMin = means.indexOf(Math.min(...means));
  let iOne = means.indexOf(1);
  if (subtree(tree.leaves[iOne]) === subtree(tree.leaves[iMin])) {
    const j = means.findIndex((_, i) => subtree(tree.leaves[i]) !== subtree(tree.leaves[iMin]));
    [means[iOne], means[j]] = [means[j], means[iOne]];
    iOne = j;
  }
  const leaves: Record<string, LeafCostSpec> = {};
  tree.leaves.forEach((l, i) => {
    leaves[tree.names[l]] = i === iOne ? { type: 'bernoulli', mean: 1, changes: [{ at: changeAt, mean: 0 }] } : { type: 'bernoulli', mean: means[i] };
  });
  return { tree: spec, leaves, links: {}, deadline: 1 };
}
