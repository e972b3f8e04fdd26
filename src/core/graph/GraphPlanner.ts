/**
 * The step-by-step contract of a fleet planner on a site graph (Multi-G-UCB and its baselines,
 * Paschalidis, Zhang, Li 2024): what the simulator and the ROS planner node both call.
 */

export type PlannerPhase = 'initialisation' | 'transition' | 'exploitation';

/**
 * What a planner can tell the outside (an Allocation message, the viewer). The typed arrays are
 * live views owned by the planner: read them before the next call, copy what you keep.
 */
export interface PlannerSummary {
  /** Algorithm name, e.g. `multi-g-ucb`. */
  readonly algorithm: string;
  /** 0 during initialisation, then m = 1, 2, ... */
  readonly episode: number;
  readonly phase: PlannerPhase;
  /** t_m: first step of the current episode (0 during initialisation). */
  readonly episodeStart: number;
  /** Site whose sample count ends the episode when doubled (-1 during initialisation). */
  readonly referenceSite: number;
  /** Its count n_0 when the episode began. */
  readonly referenceCount: number;
  /** Target robots per site (the allocation c of this episode; zeros during initialisation). */
  readonly targetCounts: Int32Array;
  /** Destination site of each robot this episode (-1 during initialisation). */
  readonly destination: Int32Array;
  /** Samples per site n_k (Indv-G-UCB: of all robots, pooled). */
  readonly counts: Int32Array;
  /** Empirical mean per site (0 if unsampled). */
  readonly means: Float64Array;
  /** UCB per site at the start of the episode (Indv-G-UCB: the pooled statistics' bound). */
  readonly ucb: Float64Array;
}

/**
 * Call order per step t = 1, 2, ...: the robots' occupied sites are sampled, then
 * `observe(t, ...)`, then `nextWaypoints(t, ...)` gives every robot its next site for step t+1.
 *
 * ```ts
 * planner.observe(t, robotSites, samples);
 * planner.nextWaypoints(t, positions, inTransit, waypoints);
 * ```
 */
export interface GraphPlanner {
  readonly algorithm: string;
  readonly robots: number;
  /**
   * Samples of step `step`. `robotSites[i]` is the site robot i occupied (-1 while in transit);
   * `samples[k]` is the one sample X_k of each occupied site k (other entries are not read).
   * Robots on the same site share its single sample.
   */
  observe(step: number, robotSites: Int32Array, samples: Float64Array): void;
  /**
   * Writes into `out[i]` the waypoint of robot i: its site or a neighbour of it. `positions[i]`
   * is the site robot i is at, or, when `inTransit[i]` is 1, the site it is heading to (it is
   * then told to keep going). Returns `out`.
   */
  nextWaypoints(step: number, positions: Int32Array, inTransit: Uint8Array | null, out: Int32Array): Int32Array;
  /** The current state for reporting; see `PlannerSummary` for the lifetime of its arrays. */
  summary(): PlannerSummary;
}
