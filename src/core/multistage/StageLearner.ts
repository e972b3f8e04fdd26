/**
 * One decision maker of a job tree: it sees a job (with the probability that the job reached it),
 * picks a child, and later learns from the job's end-to-end cost. Only nodes on the job's path
 * learn (Hou, MobiHoc 2024, Sec. 3: no feedback off the path).
 *
 * A pick records everything its update needs, so costs may come back late or out of order (the
 * node path) and still update exactly as the sequential fast path does.
 */

/** The decision for one job, filled in by `StageLearner.pick`. */
export interface StagePick {
  /** Child ordinal in [0, |C(n)|). */
  child: number;
  /** The overall forwarding probability p_{n,child} at the time of the pick. */
  prob: number;
  /**
   * Denominator of the importance-weighted estimate (c / weight), or 0 when this pick must not
   * update (education mode, or a pick from an earlier epoch).
   */
  weight: number;
  /** Learner-specific tag (the epoch of an anytime learner); -1 when unused. */
  epoch: number;
}

export function emptyPick(): StagePick {
  return { child: 0, prob: 1, weight: 0, epoch: -1 };
}

export interface StageLearner {
  /** |C(n)|. */
  readonly children: number;
  /** Decide for a job of round t (1-based) that reached this node with probability `arrival`. */
  pick(t: number, arrival: number, out: StagePick): StagePick;
  /** The end-to-end cost in [0, 1] of a job this node picked for. */
  learn(pick: StagePick, cost: number): void;
  /** The current forwarding distribution over children (a view valid until the next call). */
  probabilities(t: number): Float64Array;
}
