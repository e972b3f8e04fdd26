/**
 * Regret shortest paths of at most L hops for SPMatching (Paschalidis, Zhang, Li 2024, §III-B,
 * Alg. 2): a layered Bellman-Ford with exactly L relaxation rounds (L = diameter D).
 */

import type { Graph } from './Graph.js';
import { HopBalls } from './HopBalls.js';

/** Largest graph on which `setTargets` prunes runs: its hop balls take at most 3 K^2 bytes (12 MB). */
export const PRUNE_MAX_SITES = 2048;

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
 * When only a few destinations matter (`setTargets`), a run on an unweighted graph of at most
 * `PRUNE_MAX_SITES` sites skips every entry d_s(v) that no path to a target can use: v farther
 * than s hops from the source (d_s(v) is Infinity) or farther than L - s hops from every target.
 * The entries it does compute see the same inputs in the same order, so distances and paths to
 * the targets are bit for bit those of a full run. Hop balls come from one BFS per source or
 * target site, done the first time the site is used (see `HopBalls`).
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
  /** Whether runs with targets set are pruned (not on weighted or large graphs). */
  readonly #prune: boolean;
  /** Hop balls for pruned runs, made by the first `setTargets`. */
  #balls: HopBalls | null = null;
  // The target set (see `setTargets`) as hop counts, a nearest-first order and prefix ends
  // (`ends[h]`: sites within h hops of a target), each at its base: a single target reads its
  // ball's row directly, several targets the merged arrays below.
  #targeted = false;
  #tHops: Uint8Array;
  #tHopsBase = 0;
  #tOrder: Uint16Array;
  #tOrderBase = 0;
  #tEnds: Uint16Array;
  #tEndsBase = 0;
  readonly #mergedHops: Uint8Array;
  readonly #mergedOrder: Uint16Array;
  readonly #mergedEnds: Uint16Array;

  /** `travel` gives steps per CSR edge (null: every edge takes one step). */
  constructor(graph: Graph, limit: number, travel: Int32Array | null = null) {
    if (!Number.isInteger(limit) || limit < 0) throw new Error(`HopLimitedPaths: limit must be a non-negative integer, found ${limit}`);
    const K = graph.size;
    this.#graph = graph;
    this.#travel = travel;
    this.limit = limit;
    this.maxWaypoints = limit + 1;
    this.#dist = new Float64Array((limit + 1) * K);
    this.#via = new Int32Array((limit + 1) * K);
    const prune = travel === null && K <= PRUNE_MAX_SITES && limit <= 254;
    this.#prune = prune;
    this.#mergedHops = new Uint8Array(prune ? K : 0);
    this.#mergedOrder = new Uint16Array(prune ? K : 0);
    this.#mergedEnds = new Uint16Array(prune ? limit + 1 : 0);
    this.#tHops = this.#mergedHops;
    this.#tOrder = this.#mergedOrder;
    this.#tEnds = this.#mergedEnds;
  }

  /**
   * Restricts the following runs to the first `count` sites of `targets` (repeats allowed):
   * `distance` and `writePath` then answer for those sites only (others throw), which lets a
   * run skip the entries that cannot lie on a path to them. `null` lifts the restriction.
   */
  setTargets(targets: ArrayLike<number> | null, count = targets === null ? 0 : targets.length): void {
    const K = this.#graph.size;
    this.#targeted = targets !== null;
    if (targets === null) return;
    for (let j = 0; j < count; j++) {
      const t = targets[j];
      if (!(Number.isInteger(t) && t >= 0 && t < K)) throw new Error(`HopLimitedPaths: target ${t} is not a site (0..${K - 1})`);
    }
    if (count === 0) throw new Error('HopLimitedPaths: setTargets needs at least one target');
    if (!this.#prune) return;
    const balls = (this.#balls ??= new HopBalls(this.#graph, this.limit));
    const far = this.limit + 1;
    let single = true;
    for (let j = 1; j < count; j++) if (targets[j] !== targets[0]) single = false;
    if (single) {
      const t = targets[0];
      balls.ensure(t);
      this.#tHops = balls.hops;
      this.#tHopsBase = t * K;
      this.#tOrder = balls.order;
      this.#tOrderBase = t * K;
      this.#tEnds = balls.ends;
      this.#tEndsBase = t * far;
      return;
    }
    // Several targets: hops to the nearest one, then a counting sort by those hops.
    const hops = this.#mergedHops;
    const order = this.#mergedOrder;
    const ends = this.#mergedEnds;
    hops.fill(far);
    for (let j = 0; j < count; j++) {
      const t = targets[j];
      balls.ensure(t);
      const base = t * K;
      const n = balls.ends[t * far + far - 1];
      for (let i = 0; i < n; i++) {
        const v = balls.order[base + i];
        const h = balls.hops[base + v];
        if (h < hops[v]) hops[v] = h;
      }
    }
    ends.fill(0);
    for (let v = 0; v < K; v++) if (hops[v] < far) ends[hops[v]]++;
    for (let h = 1; h < far; h++) ends[h] += ends[h - 1];
    // Place back to front so each level keeps ascending site order.
    for (let v = K - 1; v >= 0; v--) if (hops[v] < far) order[--ends[hops[v]]] = v;
    // ends[h] now marks the start of level h; shift to prefix ends.
    for (let h = 0; h < far; h++) ends[h] = h + 1 < far ? ends[h + 1] : 0;
    let total = 0;
    for (let v = 0; v < K; v++) if (hops[v] < far) total++;
    ends[far - 1] = total;
    this.#tHops = hops;
    this.#tHopsBase = 0;
    this.#tOrder = order;
    this.#tOrderBase = 0;
    this.#tEnds = ends;
    this.#tEndsBase = 0;
  }

  run(source: number, arrivalCost: ArrayLike<number>, transitCost = 0): void {
    const { size: K, offsets, neighbors } = this.#graph;
    const dist = this.#dist;
    const via = this.#via;
    const travel = this.#travel;
    this.#source = source;
    dist.fill(Infinity, 0, K);
    dist[source] = 0;
    if (this.#balls !== null && this.#targeted) {
      this.#runPruned(source, arrivalCost);
      return;
    }
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

  /**
   * `run` on an unweighted graph with targets set: layer s computes only sites within s hops of
   * the source and within L - s hops of a target, walking the smaller of the two balls; the rest
   * of layer s is never read, or is Infinity (beyond s hops of the source) as in a full run.
   * Same loop body as `run`.
   */
  #runPruned(source: number, arrivalCost: ArrayLike<number>): void {
    const K = this.#graph.size;
    const balls = this.#balls as HopBalls;
    const L = this.limit;
    balls.ensure(source);
    // Sites skipped in a layer are Infinity there, as a full run finds (those a run reads, or a
    // target beyond the limit).
    this.#dist.fill(Infinity, K, (L + 1) * K);
    const sHops = balls.hops;
    const sBase = source * K;
    const sOrder = balls.order;
    const sEnds = balls.ends;
    const sEndsBase = source * (L + 1);
    const tHops = this.#tHops;
    const tBase = this.#tHopsBase;
    const tOrder = this.#tOrder;
    const tOrderBase = this.#tOrderBase;
    const tEnds = this.#tEnds;
    const tEndsBase = this.#tEndsBase;
    for (let s = 1; s <= L; s++) {
      const row = s * K;
      const prev = row - K;
      const room = L - s;
      const nSource = sEnds[sEndsBase + s];
      const nTarget = tEnds[tEndsBase + room];
      if (nSource <= nTarget) {
        for (let i = 0; i < nSource; i++) {
          const v = sOrder[sBase + i];
          if (tHops[tBase + v] <= room) this.#relax(v, prev, row, arrivalCost);
        }
      } else {
        for (let i = 0; i < nTarget; i++) {
          const v = tOrder[tOrderBase + i];
          if (sHops[sBase + v] <= s) this.#relax(v, prev, row, arrivalCost);
        }
      }
    }
  }

  /** Layer entry d_s(v) and its edge from layer s - 1 (rows at `row` and `prev`), unit steps. */
  #relax(v: number, prev: number, row: number, arrivalCost: ArrayLike<number>): void {
    const { offsets, neighbors } = this.#graph;
    const dist = this.#dist;
    let best = dist[prev + v];
    let bestEdge = -1;
    let m = Infinity;
    let arg = -1;
    const end = offsets[v + 1];
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
    dist[row + v] = best;
    this.#via[row + v] = bestEdge;
  }

  #checkTarget(site: number): void {
    if (this.#targeted && this.#balls !== null && this.#tHops[this.#tHopsBase + site] !== 0) {
      throw new Error(`HopLimitedPaths: site ${site} is not one of the targets set; the last run did not compute it`);
    }
  }

  /** Least cost from the last `run`'s source to `site` within the limit (Infinity if none). */
  distance(site: number): number {
    this.#checkTarget(site);
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
