/**
 * Regret shortest paths of at most L hops for SPMatching (Paschalidis, Zhang, Li 2024, §III-B,
 * Alg. 2): a layered Bellman-Ford with exactly L relaxation rounds (L = diameter D).
 */

import type { Graph } from './Graph.js';

/**
 * Layer s holds, for every site v, the least cost of reaching v from the source within s hops
 * (or, on a weighted graph, within s steps of travel time):
 *
 *   d_0(source) = 0,  d_s(v) = min( d_{s-1}(v),  min_{u ~ v, tau(u,v) <= s} d_{s-tau}(u) + cost(u -> v) ),
 *   cost(u -> v) = arrivalCost[v] + (tau(u,v) - 1) * transitCost.
 *
 * In Multi-G-UCB arrivalCost[v] = maxU - UCB_v (eq. (4)): the per-step regret of sampling v
 * instead of the best destination. On weighted graphs a robot samples nothing while in
 * transit, so each extra step on an edge costs `transitCost` = maxU, the regret of a step with
 * no reward; the limit L then counts steps, and the paper's hop-limited paths are the case
 * tau = 1. Costs must be >= 0 (the "within s" carry-over assumes waiting never helps).
 *
 * Ties go to fewer hops, then to the lower-indexed predecessor, so paths are deterministic.
 * Buffers are allocated once; `run` allocates nothing. O(L E) per run.
 *
 * ```ts
 * const paths = new HopLimitedPaths(graph, graphDiameter(graph), null);
 * paths.run(robotSite, arrivalCost, maxU);
 * const n = paths.writePath(destination, waypoints); // waypoints[0] = robotSite, waypoints[n-1] = destination
 * ```
 */
export class HopLimitedPaths {
  /** L: the most hops (steps on weighted graphs) a path may take. */
  readonly limit: number;
  /** Longest path in waypoints, source included: the size `writePath` needs. */
  readonly maxWaypoints: number;
  readonly #graph: Graph;
  readonly #travel: Int32Array | null;
  readonly #dist: Float64Array;
  /** CSR index of the last edge into v at layer s (entry in v's own list), or -1 = same as layer s-1. */
  readonly #via: Int32Array;
  #source = -1;

  /** `travel` gives steps per CSR edge (null: every edge takes one step). */
  constructor(graph: Graph, limit: number, travel: Int32Array | null = null) {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`HopLimitedPaths: limit must be a non-negative integer, found ${limit}`);
    this.#graph = graph;
    this.#travel = travel;
    this.limit = limit;
    this.maxWaypoints = limit + 1;
    this.#dist = new Float64Array((limit + 1) * graph.size);
    this.#via = new Int32Array((limit + 1) * graph.size);
  }

  run(source: number, arrivalCost: ArrayLike<number>, transitCost = 0): void {
    const { size: K, offsets, neighbors } = this.#graph;
    const dist = this.#dist;
    const via = this.#via;
    const travel = this.#travel;
    this.#source = source;
    dist.fill(Infinity, 0, K);
    dist[source] = 0;
    via.fill(-1);
    for (let s = 1; s <= this.limit; s++) {
      const row = s * K;
      const prev = row - K;
      for (let v = 0; v < K; v++) {
        let best = dist[prev + v];
        let bestEdge = -1;
        const end = offsets[v + 1];
        if (travel === null) {
          // One step per edge: the arrival cost is common to all predecessors, add it once.
          let m = Infinity;
          let arg = -1;
          for (let e = offsets[v]; e < end; e++) {
            const d = dist[prev + neighbors[e]];
            if (d < m) {
              m = d;
              arg = e;
            }
          }
          const c = m + arrivalCost[v];
          if (c < best) {
            best = c;
            bestEdge = arg;
          }
        } else {
          for (let e = offsets[v]; e < end; e++) {
            const tau = travel[e];
            if (tau > s) continue;
            const c = dist[(s - tau) * K + neighbors[e]] + arrivalCost[v] + (tau - 1) * transitCost;
            if (c < best) {
              best = c;
              bestEdge = e;
            }
          }
        }
        dist[row + v] = best;
        via[row + v] = bestEdge;
      }
    }
  }

  /** Least cost from the last `run`'s source to `site` within the limit (Infinity if none). */
  distance(site: number): number {
    return this.#dist[this.limit * this.#graph.size + site];
  }

  /**
   * Writes the waypoints source, ..., site into `out` from `offset` and returns their number
   * (1 if site = source, 0 if unreachable within the limit). Needs `maxWaypoints` free slots.
   */
  writePath(site: number, out: Int32Array, offset = 0): number {
    const K = this.#graph.size;
    if (!(this.distance(site) < Infinity)) return 0;
    const neighbors = this.#graph.neighbors;
    let s = this.limit;
    let v = site;
    let n = 0;
    while (s > 0) {
      const e = this.#via[s * K + v];
      if (e < 0) {
        s--;
        continue;
      }
      out[offset + n++] = v;
      s -= this.#travel === null ? 1 : this.#travel[e];
      v = neighbors[e];
    }
    out[offset + n++] = v;
    // Collected backwards (destination first): reverse in place.
    for (let i = 0, j = n - 1; i < j; i++, j--) {
      const tmp = out[offset + i];
      out[offset + i] = out[offset + j];
      out[offset + j] = tmp;
    }
    return n;
  }

  /** The source of the last `run`. */
  get source(): number {
    return this.#source;
  }
}
