/**
 * What a multi-stage scenario describes once resolved: the tree, a cost model per leaf, an
 * exponential delay per link (the link into a node, keyed by the node's name) and the deadline.
 */
import type { TreeSpec } from '../../core/multistage/JobTree.js';

/** An exponential delay whose mean is constant or grows linearly from round 1 to round T. */
export interface LinkSpec {
  mean: number | { from: number; to: number };
}

/** A change of a Bernoulli leaf's mean after round floor(at * T). */
export interface MeanChange {
  at: number;
  mean: number;
}

export type LeafCostSpec =
  /** Cost ~ Bernoulli(mean), the mean switching at the scheduled fractions of the horizon. */
  | { type: 'bernoulli'; mean: number; changes?: readonly MeanChange[] }
  /**
   * A service with a deadline (mobile edge computing, multi-hop): the job misses when the link
   * delays on its path + the processing time (+ an optional last hop) exceed the deadline; the
   * cost is 1 on a miss, else the service's miss rate (a network's classification error).
   */
  | { type: 'deadline'; missRate: number; processingTime: number; lastHop?: LinkSpec };

export interface TreeProblem {
  tree: TreeSpec;
  leaves: Readonly<Record<string, LeafCostSpec>>;
  links: Readonly<Record<string, LinkSpec>>;
  /** Deadline for `deadline` leaves (same time unit as the delays). */
  deadline: number;
}
