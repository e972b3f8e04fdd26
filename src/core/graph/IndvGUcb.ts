/**
 * Indv-G-UCB, the non-cooperative baseline of Paschalidis, Zhang, Li 2024 (§V): every robot runs
 * single-agent G-UCB (Zhang, Johansson, Li 2023) on its own samples only, while the system
 * reward still depends on the joint occupancy.
 */
import type { Graph } from './Graph.js';
import { DfsExplorer } from './DfsExplorer.js';
import { graphDiameter } from './graphDiameter.js';
import type { GraphPlanner, PlannerPhase, PlannerSummary } from './GraphPlanner.js';
import { HopLimitedPaths } from './HopLimitedPaths.js';
import { PathFollower } from './PathFollower.js';
import { travelTimeDiameter } from './travelSteps.js';
import { UcbStats } from './UcbStats.js';

export interface IndvGUcbOptions {
  graph: Graph;
  /** Fleet size N. */
  robots: number;
  /** Steps per CSR edge on weighted graphs; null or absent: one step per edge. */
  travel?: Int32Array | null;
  /** Most hops (steps with `travel`) per path; default the (time) diameter; smaller limits throw once a target is out of reach. */
  pathLimit?: number;
}

type Mutable<T> = { -readonly [P in keyof T]: T[P] };

/**
 * Robot i keeps private counts n_{i,k} and sums of the samples it observed itself (robots on
 * one site all see that site's single sample). Initialisation: each robot runs its own DFS
 * until it has sampled every site; robots that finish early wait. Episode m (common to all, as
 * all robots move simultaneously): robot i targets argmax_k U_{i,k}, U_{i,k} = mean_{i,k} +
 * sqrt(2 ln t_m / n_{i,k}) (ties to the lower index), along the at-most-D-hop path with edge
 * costs max_k U_{i,k} - U_{i,v}; the episode ends once all robots have arrived and the robot
 * whose target had the fewest own samples n_0 (ties to the lower robot) has doubled that count.
 */
export class IndvGUcb implements GraphPlanner {
  readonly algorithm = 'indv-g-ucb';
  readonly robots: number;
  readonly pathLimit: number;
  /** Pooled statistics, for reporting only: no robot uses them. */
  readonly pooled: UcbStats;
  readonly #graph: Graph;
  /** n_{i,k} at i * K + k. */
  readonly #counts: Int32Array;
  readonly #sums: Float64Array;
  readonly #unseen: Int32Array;
  readonly #target: Int32Array;
  readonly #dfs: DfsExplorer;
  readonly #paths: HopLimitedPaths;
  readonly #follower: PathFollower;
  readonly #ucb: Float64Array;
  readonly #cost: Float64Array;
  readonly #scratchPath: Int32Array;
  readonly #oneTarget = new Int32Array(1);
  readonly #stamp: Int32Array;
  readonly #summary: Mutable<PlannerSummary>;
  #started = false;
  #phase: PlannerPhase = 'initialisation';
  #episode = 0;
  #episodeStart = 0;
  #referenceRobot = -1;
  #referenceCount = 0;

  constructor(options: IndvGUcbOptions) {
    const { graph, robots, travel = null } = options;
    if (!Number.isInteger(robots) || robots < 1) throw new Error(`IndvGUcb: robots must be a positive integer, found ${robots}`);
    let pathLimit = options.pathLimit;
    if (pathLimit === undefined) pathLimit = travel === null ? graphDiameter(graph) : travelTimeDiameter(graph, travel);
    else if (!Number.isInteger(pathLimit) || pathLimit < 1) throw new Error(`IndvGUcb: pathLimit must be a positive integer, found ${pathLimit}`);
    const K = graph.size;
    this.robots = robots;
    this.pathLimit = pathLimit;
    this.pooled = new UcbStats(K);
    this.#graph = graph;
    this.#counts = new Int32Array(robots * K);
    this.#sums = new Float64Array(robots * K);
    this.#unseen = new Int32Array(robots).fill(K);
    this.#target = new Int32Array(robots).fill(-1);
    this.#dfs = new DfsExplorer(graph, robots, false);
    this.#paths = new HopLimitedPaths(graph, pathLimit, travel);
    this.#follower = new PathFollower(robots, pathLimit + 1);
    this.#ucb = new Float64Array(K);
    this.#cost = new Float64Array(K);
    this.#scratchPath = new Int32Array(pathLimit + 1);
    this.#stamp = new Int32Array(K).fill(-1);
    this.#summary = {
      algorithm: this.algorithm,
      episode: 0,
      phase: 'initialisation',
      episodeStart: 0,
      referenceSite: -1,
      referenceCount: 0,
      targetCounts: new Int32Array(K),
      destination: this.#target,
      counts: this.pooled.counts,
      means: new Float64Array(K),
      ucb: new Float64Array(K),
    };
  }

  observe(step: number, robotSites: Int32Array, samples: Float64Array): void {
    const K = this.#graph.size;
    for (let i = 0; i < this.robots; i++) {
      const k = robotSites[i];
      if (k < 0) continue;
      const x = samples[k];
      const idx = i * K + k;
      if (this.#counts[idx] === 0) this.#unseen[i]--;
      this.#counts[idx]++;
      this.#sums[idx] += x;
      if (this.#stamp[k] !== step) {
        this.#stamp[k] = step;
        this.pooled.add(k, x);
      }
    }
  }

  nextWaypoints(step: number, positions: Int32Array, inTransit: Uint8Array | null, out: Int32Array): Int32Array {
    const N = this.robots;
    const K = this.#graph.size;
    if (this.#phase === 'initialisation') {
      let done = true;
      for (let i = 0; i < N; i++) if (this.#unseen[i] > 0) done = false;
      if (!done) {
        this.#explore(positions, inTransit, out);
        return out;
      }
      this.#beginEpisode(step + 1, positions);
    }
    // Transition, then exploitation, which may end at once (the reference count already doubled
    // while travelling) and start the next episode in the same call; a fresh episode cannot end
    // at once, so this runs at most twice.
    while (true) {
      if (this.#phase === 'exploitation') {
        if (this.#counts[this.#referenceRobot * K + this.#target[this.#referenceRobot]] < 2 * this.#referenceCount) {
          for (let i = 0; i < N; i++) out[i] = positions[i];
          break;
        }
        this.#beginEpisode(step + 1, positions);
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
          this.#planRobot(i, p, this.#episodeStart, true);
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
    const s = this.#summary;
    this.pooled.writeMeans(s.means);
    this.pooled.writeUcb(Math.max(this.#episodeStart, 1), s.ucb);
    return s;
  }

  #explore(positions: Int32Array, inTransit: Uint8Array | null, out: Int32Array): void {
    const dfs = this.#dfs;
    const K = this.#graph.size;
    for (let i = 0; i < this.robots; i++) {
      const p = positions[i];
      if (inTransit !== null && inTransit[i] !== 0) {
        out[i] = p;
        continue;
      }
      if (this.#unseen[i] === 0) {
        out[i] = p;
        continue;
      }
      if (!this.#started || dfs.finished(i)) {
        // First call, or (only after a displacement) the walk ended with sites unseen: restart
        // from what this robot has really sampled.
        dfs.clearRobot(i);
        for (let k = 0; k < K; k++) if (this.#counts[i * K + k] > 0) dfs.markVisited(i, k);
        dfs.root(i, p);
      }
      out[i] = dfs.next(i, p);
    }
    this.#started = true;
  }

  #beginEpisode(tm: number, positions: Int32Array): void {
    const K = this.#graph.size;
    this.#episode++;
    this.#episodeStart = tm;
    this.#phase = 'transition';
    const targets = this.#summary.targetCounts;
    targets.fill(0);
    let reference = -1;
    let referenceCount = Infinity;
    for (let i = 0; i < this.robots; i++) {
      this.#planRobot(i, positions[i], tm, false);
      const t = this.#target[i];
      targets[t]++;
      const n = this.#counts[i * K + t];
      if (n < referenceCount) {
        referenceCount = n;
        reference = i;
      }
    }
    this.#referenceRobot = reference;
    this.#referenceCount = referenceCount;
    const s = this.#summary;
    s.episode = this.#episode;
    s.episodeStart = tm;
    s.referenceSite = this.#target[reference];
    s.referenceCount = referenceCount;
  }

  /** Robot i's own UCBs at t_m, its target (or the one it has, when `keepTarget`) and its path from `position`. */
  #planRobot(robot: number, position: number, tm: number, keepTarget: boolean): void {
    const K = this.#graph.size;
    const ucb = this.#ucb;
    const twoLogT = 2 * Math.log(Math.max(tm, 1));
    let target = 0;
    let maxU = -Infinity;
    for (let k = 0; k < K; k++) {
      const n = this.#counts[robot * K + k];
      const u = n > 0 ? this.#sums[robot * K + k] / n + Math.sqrt(twoLogT / n) : Infinity;
      ucb[k] = u;
      if (u > maxU) {
        maxU = u;
        target = k;
      }
    }
    if (keepTarget) target = this.#target[robot];
    else this.#target[robot] = target;
    if (position === target) {
      // Staying costs 0, the least possible: no path search needed (most episodes, late on).
      this.#follower.stay(robot, position);
      return;
    }
    maxU = ucb[target];
    for (let k = 0; k < K; k++) {
      const c = maxU - ucb[k];
      this.#cost[k] = c > 0 ? c : 0;
    }
    // Only the path to the target is read: let the search skip what cannot lie on it.
    this.#oneTarget[0] = target;
    this.#paths.setTargets(this.#oneTarget, 1);
    this.#paths.run(position, this.#cost, maxU);
    const n = this.#paths.writePath(target, this.#scratchPath, 0);
    if (n === 0) throw new Error(`IndvGUcb: site ${target} cannot be reached from site ${position} within ${this.pathLimit} hops; pathLimit must be at least the graph's (time) diameter`);
    this.#follower.set(robot, this.#scratchPath, 0, n);
  }
}
