/**
 * Multi-G-UCB (Paschalidis, Zhang, Li 2024, Alg. 1 with SPMatching, Alg. 2) and its -median /
 * -max variants (§V): a central planner learns site means with shared UCB statistics and moves
 * the fleet to the optimistic allocation in episodes that end when a destination's count doubles.
 */
import type { Graph } from './Graph.js';
import { DfsExplorer } from './DfsExplorer.js';
import { graphDiameter } from './graphDiameter.js';
import type { GraphPlanner, PlannerPhase, PlannerSummary } from './GraphPlanner.js';
import { greedyAllocation } from './greedyAllocation.js';
import { HopLimitedPaths } from './HopLimitedPaths.js';
import { PathFollower } from './PathFollower.js';
import { SpMatching } from './SpMatching.js';
import { travelTimeDiameter } from './travelSteps.js';
import { UcbStats } from './UcbStats.js';
import type { WeightTable } from './WeightTable.js';

/** Which destination's count must double to end an episode: the least sampled (the paper), median or most sampled. */
export type DoublingReference = 'min' | 'median' | 'max';

export interface MultiGUcbOptions {
  graph: Graph;
  /** Fleet size N. */
  robots: number;
  /** f_k tabulated up to at least N robots. */
  weights: WeightTable;
  /** Steps per CSR edge on weighted graphs (see `travelSteps`); null or absent: one step per edge. */
  travel?: Int32Array | null;
  /**
   * Most hops per transition path (steps with `travel`). Default: the graph's diameter D (time
   * diameter with `travel`), the paper's limit, computed with one BFS per site. A smaller limit
   * makes planning throw once a destination is out of reach.
   */
  pathLimit?: number;
  /** Default `min` (Multi-G-UCB); `median` and `max` are the paper's baselines. */
  reference?: DoublingReference;
}

type Mutable<T> = { -readonly [P in keyof T]: T[P] };

/**
 * Per step (see `GraphPlanner`): `observe` adds each occupied site's sample to shared
 * statistics; `nextWaypoints` moves the fleet:
 *
 * - initialisation: shared-visited DFS until every site has a sample;
 * - episode m begins at t_m: UCB_k = mean_k + sqrt(2 ln t_m / n_k), allocation c by greedy
 *   marginal gains, S = each site k repeated c_k times, reference site (least-sampled of S for
 *   `min`, ties to the lower index), n_0 its count; SPMatching assigns robots to S;
 * - transition: robots follow their paths (at most D hops); early arrivals wait;
 * - exploitation: everyone stays until n_ref >= 2 n_0, then the next episode begins.
 *
 * If the fleet already stands on the allocation, SPMatching is skipped (every robot staying
 * costs 0, which is optimal), which saves most of the planning time late in a run.
 *
 * ```ts
 * const planner = new MultiGUcb({ graph, robots: N, weights: logWeightTable(K, N) });
 * for (let t = 1; t <= T; t++) {
 *   // sample occupied sites into `samples`, robot sites into `robotSites`
 *   planner.observe(t, robotSites, samples);
 *   planner.nextWaypoints(t, positions, inTransit, waypoints); // send waypoints[i] to robot i
 * }
 * ```
 */
export class MultiGUcb implements GraphPlanner {
  readonly algorithm: string;
  readonly robots: number;
  readonly reference: DoublingReference;
  /** Hop (or step) limit of transition paths. */
  readonly pathLimit: number;
  readonly stats: UcbStats;
  readonly #graph: Graph;
  readonly #weights: WeightTable;
  readonly #dfs: DfsExplorer;
  readonly #matching: SpMatching;
  readonly #reroute: HopLimitedPaths;
  readonly #follower: PathFollower;
  readonly #stamp: Int32Array;
  readonly #ucb: Float64Array;
  readonly #arrivalCost: Float64Array;
  readonly #allocation: Int32Array;
  readonly #occupancy: Int32Array;
  readonly #destinations: Int32Array;
  readonly #sorted: Int32Array;
  readonly #scratchPath: Int32Array;
  readonly #oneTarget = new Int32Array(1);
  readonly #summary: Mutable<PlannerSummary>;
  #unsampled: number;
  #started = false;
  #phase: PlannerPhase = 'initialisation';
  #episode = 0;
  #maxU = 0;
  #referenceSite = -1;
  #referenceCount = 0;

  constructor(options: MultiGUcbOptions) {
    const { graph, robots, weights, travel = null, reference = 'min' } = options;
    if (!Number.isInteger(robots) || robots < 1) throw new Error(`MultiGUcb: robots must be a positive integer, found ${robots}`);
    if (weights.sites !== graph.size) throw new Error(`MultiGUcb: weights cover ${weights.sites} sites but the graph has ${graph.size}`);
    if (weights.maxCount < robots) throw new Error(`MultiGUcb: weights are tabulated up to ${weights.maxCount} robots, fewer than the ${robots} robots`);
    let pathLimit = options.pathLimit;
    if (pathLimit === undefined) pathLimit = travel === null ? graphDiameter(graph) : travelTimeDiameter(graph, travel);
    else if (!Number.isInteger(pathLimit) || pathLimit < 1) throw new Error(`MultiGUcb: pathLimit must be a positive integer, found ${pathLimit}`);
    const K = graph.size;
    this.algorithm = reference === 'min' ? 'multi-g-ucb' : `multi-g-ucb-${reference}`;
    this.robots = robots;
    this.reference = reference;
    this.pathLimit = pathLimit;
    this.stats = new UcbStats(K);
    this.#graph = graph;
    this.#weights = weights;
    this.#dfs = new DfsExplorer(graph, robots, true);
    this.#matching = new SpMatching(graph, robots, pathLimit, travel);
    this.#reroute = new HopLimitedPaths(graph, pathLimit, travel);
    this.#follower = new PathFollower(robots, pathLimit + 1);
    this.#stamp = new Int32Array(K).fill(-1);
    this.#ucb = new Float64Array(K);
    this.#arrivalCost = new Float64Array(K);
    this.#allocation = new Int32Array(K);
    this.#occupancy = new Int32Array(K);
    this.#destinations = new Int32Array(robots);
    this.#sorted = new Int32Array(robots);
    this.#scratchPath = new Int32Array(pathLimit + 1);
    this.#unsampled = K;
    this.#summary = {
      algorithm: this.algorithm,
      episode: 0,
      phase: 'initialisation',
      episodeStart: 0,
      referenceSite: -1,
      referenceCount: 0,
      targetCounts: this.#allocation,
      destination: new Int32Array(robots).fill(-1),
      counts: this.stats.counts,
      means: new Float64Array(K),
      ucb: this.#ucb,
    };
  }

  observe(step: number, robotSites: Int32Array, samples: Float64Array): void {
    const stats = this.stats;
    for (let i = 0; i < this.robots; i++) {
      const k = robotSites[i];
      if (k < 0 || this.#stamp[k] === step) continue;
      this.#stamp[k] = step;
      if (stats.counts[k] === 0) this.#unsampled--;
      stats.add(k, samples[k]);
    }
  }

  nextWaypoints(step: number, positions: Int32Array, inTransit: Uint8Array | null, out: Int32Array): Int32Array {
    const N = this.robots;
    if (this.#phase === 'initialisation') {
      if (this.#unsampled > 0) {
        this.#explore(positions, inTransit, out);
        return out;
      }
      this.#beginEpisode(step + 1, positions, inTransit);
    }
    // Transition, then exploitation, which may end at once (the reference count already doubled
    // while travelling) and start the next episode in the same call; a fresh episode cannot end
    // at once, so this runs at most twice.
    while (true) {
      if (this.#phase === 'exploitation') {
        if (this.stats.counts[this.#referenceSite] < 2 * this.#referenceCount) {
          for (let i = 0; i < N; i++) out[i] = positions[i];
          break;
        }
        this.#beginEpisode(step + 1, positions, inTransit);
      }
      const follower = this.#follower;
      let arrived = true;
      for (let i = 0; i < N; i++) {
        const p = positions[i];
        if (inTransit !== null && inTransit[i] !== 0) {
          out[i] = p;
          arrived = false;
          continue;
        }
        let w = follower.next(i, p);
        if (w < 0) {
          this.#replan(i, p);
          w = follower.next(i, p);
        }
        out[i] = w;
        if (!follower.arrived(i, p)) arrived = false;
      }
      if (!arrived) break;
      this.#phase = 'exploitation';
    }
    this.#summary.phase = this.#phase;
    return out;
  }

  summary(): PlannerSummary {
    this.stats.writeMeans(this.#summary.means);
    return this.#summary;
  }

  #explore(positions: Int32Array, inTransit: Uint8Array | null, out: Int32Array): void {
    const dfs = this.#dfs;
    let allFinished = true;
    for (let i = 0; i < this.robots; i++) if (!dfs.finished(i)) allFinished = false;
    if (!this.#started || allFinished) {
      // First call, or (only after robots were displaced) every walk ended with sites unsampled:
      // restart from what has really been sampled.
      this.#started = true;
      dfs.clear();
      for (let k = 0; k < this.#graph.size; k++) if (this.stats.counts[k] > 0) dfs.markVisited(0, k);
      for (let i = 0; i < this.robots; i++) dfs.root(i, positions[i]);
    }
    for (let i = 0; i < this.robots; i++) {
      out[i] = inTransit !== null && inTransit[i] !== 0 ? positions[i] : dfs.next(i, positions[i]);
    }
  }

  #beginEpisode(tm: number, positions: Int32Array, inTransit: Uint8Array | null): void {
    const N = this.robots;
    const K = this.#graph.size;
    const ucb = this.#ucb;
    const allocation = this.#allocation;
    this.#episode++;
    this.#phase = 'transition';
    this.stats.writeUcb(tm, ucb);
    greedyAllocation(ucb, this.#weights, N, allocation);

    const S = this.#destinations;
    let n = 0;
    let maxU = -Infinity;
    for (let k = 0; k < K; k++) {
      for (let c = 0; c < allocation[k]; c++) S[n++] = k;
      if (allocation[k] > 0 && ucb[k] > maxU) maxU = ucb[k];
    }
    this.#maxU = maxU;
    this.#referenceSite = this.#pickReference(S);
    this.#referenceCount = this.stats.counts[this.#referenceSite];
    // Eq. (4): the regret of sampling v instead of the best destination. maxU is the largest UCB
    // of all (greedy always places a robot on it), so costs are >= 0; the clamp guards rounding.
    for (let k = 0; k < K; k++) {
      const c = maxU - ucb[k];
      this.#arrivalCost[k] = c > 0 ? c : 0;
    }

    const follower = this.#follower;
    if (this.#standsOnAllocation(positions, inTransit)) {
      for (let i = 0; i < N; i++) follower.stay(i, positions[i]);
    } else {
      const plan = this.#matching.plan(positions, S, this.#arrivalCost, maxU);
      for (let i = 0; i < N; i++) follower.set(i, plan.waypoints, i * plan.stride, plan.waypointCount[i]);
    }

    const summary = this.#summary;
    summary.episode = this.#episode;
    summary.episodeStart = tm;
    summary.referenceSite = this.#referenceSite;
    summary.referenceCount = this.#referenceCount;
    for (let i = 0; i < N; i++) summary.destination[i] = follower.destination(i);
  }

  #standsOnAllocation(positions: Int32Array, inTransit: Uint8Array | null): boolean {
    const occ = this.#occupancy;
    for (let i = 0; i < this.robots; i++) occ[positions[i]] = 0;
    for (let i = 0; i < this.robots; i++) {
      if (inTransit !== null && inTransit[i] !== 0) return false;
      occ[positions[i]]++;
    }
    for (let i = 0; i < this.robots; i++) if (occ[positions[i]] !== this.#allocation[positions[i]]) return false;
    return true;
  }

  /** The doubling reference of S (sorted by site): least, median or most sampled destination, ties to the lower site. */
  #pickReference(S: Int32Array): number {
    const N = this.robots;
    const counts = this.stats.counts;
    if (this.reference === 'min') {
      let best = S[0];
      for (let j = 1; j < N; j++) if (counts[S[j]] < counts[best]) best = S[j];
      return best;
    }
    const sorted = this.#sorted;
    // Insertion sort by (count, site): N is small and S arrives sorted by site.
    for (let j = 0; j < N; j++) {
      const s = S[j];
      let i = j - 1;
      while (i >= 0 && counts[sorted[i]] > counts[s]) {
        sorted[i + 1] = sorted[i];
        i--;
      }
      sorted[i + 1] = s;
    }
    return this.reference === 'median' ? sorted[Math.floor(N / 2)] : sorted[N - 1];
  }

  /** A robot found off its path (displaced, refused a command) gets a new path to its destination. */
  #replan(robot: number, position: number): void {
    const destination = this.#follower.destination(robot);
    this.#oneTarget[0] = destination;
    this.#reroute.setTargets(this.#oneTarget, 1);
    this.#reroute.run(position, this.#arrivalCost, this.#maxU);
    const n = this.#reroute.writePath(destination, this.#scratchPath, 0);
    if (n === 0) throw new Error(`MultiGUcb: site ${destination} cannot be reached from site ${position} within ${this.pathLimit} hops; pathLimit must be at least the graph's (time) diameter`);
    this.#follower.set(robot, this.#scratchPath, 0, n);
  }
}
