/**
 * SPMatching, the offline transition planner of Multi-G-UCB (Paschalidis, Zhang, Li 2024,
 * §III-B, Alg. 2): regret shortest paths of at most D hops from every robot to every
 * destination copy, then a minimum-cost perfect assignment of robots to copies.
 */
import type { Graph } from './Graph.js';
import { HopLimitedPaths } from './HopLimitedPaths.js';
import { MinCostAssignment } from './MinCostAssignment.js';

/** Where each robot goes this episode and how. Arrays are owned by the planner and reused. */
export interface TransitionPlan {
  /** Destination site of each robot. */
  readonly destination: Int32Array;
  /** Robot i's waypoints (its site first, destination last) at `i * stride`. */
  readonly waypoints: Int32Array;
  /** Number of waypoints of robot i (1 = it already is at its destination). */
  readonly waypointCount: Int32Array;
  /** Slots per robot in `waypoints`: limit + 1. */
  readonly stride: number;
}

/**
 * Reuses all buffers across episodes. Robots on the same site share one shortest-path run, so
 * an episode costs O(min(N, K) L E + N^3).
 *
 * ```ts
 * const matching = new SpMatching(graph, N, graphDiameter(graph));
 * const plan = matching.plan(positions, destinations, arrivalCost, maxU); // destinations: the multiset S, N entries
 * plan.destination[i]; // robot i's destination copy
 * ```
 */
export class SpMatching {
  readonly #robots: number;
  readonly #paths: HopLimitedPaths;
  readonly #assignment: MinCostAssignment;
  readonly #cost: Float64Array;
  readonly #rowToColumn: Int32Array;
  /** Paths from each distinct source to each distinct destination, before assignment. */
  readonly #candidates: Int32Array;
  readonly #candidateCount: Int32Array;
  readonly #sourceSlot: Int32Array;
  readonly #destSlot: Int32Array;
  readonly #sourceOf: Int32Array;
  readonly #destOf: Int32Array;
  // Epoch stamps mark "seen in this call" without clearing K-sized arrays.
  readonly #sourceStamp: Int32Array;
  readonly #destStamp: Int32Array;
  #epoch = 0;
  readonly #plan: TransitionPlan;

  /** `limit`: most hops (steps, with `travel`) per path; at least the (time) diameter so every destination is reachable. */
  constructor(graph: Graph, robots: number, limit: number, travel: Int32Array | null = null) {
    this.#robots = robots;
    this.#paths = new HopLimitedPaths(graph, limit, travel);
    this.#assignment = new MinCostAssignment(robots);
    this.#cost = new Float64Array(robots * robots);
    this.#rowToColumn = new Int32Array(robots);
    const stride = this.#paths.maxWaypoints;
    this.#candidates = new Int32Array(robots * robots * stride);
    this.#candidateCount = new Int32Array(robots * robots);
    this.#sourceSlot = new Int32Array(graph.size);
    this.#destSlot = new Int32Array(graph.size);
    this.#sourceOf = new Int32Array(robots);
    this.#destOf = new Int32Array(robots);
    this.#sourceStamp = new Int32Array(graph.size);
    this.#destStamp = new Int32Array(graph.size);
    this.#plan = {
      destination: new Int32Array(robots),
      waypoints: new Int32Array(robots * stride),
      waypointCount: new Int32Array(robots),
      stride,
    };
  }

  /** The most recent plan (the same object `plan` returns). */
  get lastPlan(): TransitionPlan {
    return this.#plan;
  }

  /**
   * Plans the transition of robots at `positions` to the destination multiset `destinations`
   * (N sites, repeats allowed). Edge cost into v is `arrivalCost[v]` (plus `transitCost` per
   * extra step on weighted graphs); costs must be >= 0. The returned plan is overwritten by the
   * next call.
   */
  plan(positions: Int32Array, destinations: Int32Array, arrivalCost: ArrayLike<number>, transitCost: number): TransitionPlan {
    const N = this.#robots;
    const stride = this.#paths.maxWaypoints;
    const mark = ++this.#epoch;

    let destinationsSeen = 0;
    for (let j = 0; j < N; j++) {
      const d = destinations[j];
      if (this.#destStamp[d] !== mark) {
        this.#destStamp[d] = mark;
        this.#destSlot[d] = destinationsSeen;
        this.#destOf[destinationsSeen++] = d;
      }
    }
    let sourcesSeen = 0;
    for (let i = 0; i < N; i++) {
      const s = positions[i];
      if (this.#sourceStamp[s] !== mark) {
        this.#sourceStamp[s] = mark;
        this.#sourceSlot[s] = sourcesSeen;
        this.#sourceOf[sourcesSeen++] = s;
      }
    }

    // Only paths to the destinations are read: the searches may skip the rest of the graph.
    this.#paths.setTargets(this.#destOf, destinationsSeen);
    for (let a = 0; a < sourcesSeen; a++) {
      const source = this.#sourceOf[a];
      this.#paths.run(source, arrivalCost, transitCost);
      for (let b = 0; b < destinationsSeen; b++) {
        const slot = a * N + b;
        this.#candidateCount[slot] = this.#paths.writePath(this.#destOf[b], this.#candidates, slot * stride);
      }
      for (let i = 0; i < N; i++) {
        if (positions[i] !== source) continue;
        for (let j = 0; j < N; j++) {
          const c = this.#paths.distance(destinations[j]);
          if (!(c < Infinity)) {
            throw new Error(`SpMatching: site ${destinations[j]} cannot be reached from site ${source} within ${this.#paths.limit} hops; the limit must be at least the graph's (time) diameter`);
          }
          this.#cost[i * N + j] = c;
        }
      }
    }

    this.#assignment.solve(this.#cost, N, this.#rowToColumn);
    const plan = this.#plan;
    for (let i = 0; i < N; i++) {
      const d = destinations[this.#rowToColumn[i]];
      const slot = this.#sourceSlot[positions[i]] * N + this.#destSlot[d];
      const n = this.#candidateCount[slot];
      plan.destination[i] = d;
      plan.waypointCount[i] = n;
      for (let w = 0; w < n; w++) plan.waypoints[i * stride + w] = this.#candidates[slot * stride + w];
    }
    return plan;
  }
}
