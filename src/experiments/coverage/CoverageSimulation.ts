/**
 * One seeded run of the coverage family, step by step: sample occupied sites, charge
 * pseudo-regret, let the planner observe and command, deliver commands over the erasure links,
 * move the robots. The same order is what a node implementation must follow to match it.
 */
import type { GraphPlanner } from '../../core/graph/GraphPlanner.js';
import type { Rng } from '../../core/random.js';
import { GraphRobotMotion } from '../../envs/sites/GraphRobotMotion.js';
import { SiteSampler } from '../../envs/sites/SiteSampler.js';
import { WaypointErasureLink } from '../../envs/sites/WaypointErasureLink.js';
import type { RobotFaults } from '../../envs/faults/RobotFaults.js';
import type { CoverageWorld } from './CoverageWorld.js';

export interface CoverageSimulationOptions {
  /** Called with the message of each refused waypoint (the robot model counts them too). */
  onRefusal?: (message: string) => void;
  /** Crashed and stuck robots (scenario faults); absent: none. */
  faults?: RobotFaults;
}

/**
 * Streams below the run's Rng (`Rng(seed).stream('run/<r>')`):
 * - `starts`: with random starts, `int(K)` per robot in robot order, once;
 * - `site/<k>`: one sample per step in which site k is occupied by a robot that is not in transit;
 * - `link/<i>`: with erasure probability > 0, one uniform per step for robot i (lost if < p),
 *   whether or not the robot is in transit.
 * The planners draw nothing. Graph and means come from the scenario seed (see `CoverageWorld`).
 *
 * Step t (1-based): (1) robots standing on sites give one sample per occupied site;
 * (2) regret += OPT - sum_k f_k(c_k) mu_k; (3) `planner.observe(t, ...)`;
 * (4) `planner.nextWaypoints(t, ...)`; (5) each robot's command passes its link or is lost;
 * (6) every robot moves (or continues its edge). Robots start on their start sites at t = 1.
 * Faults (step index s = t - 1): a robot down in step s samples nothing in (1), is not counted
 * in (2), is planned from the site and transit flag it last reported (4), loses a waypoint that
 * gets through its link (5; the link still draws), forgets its waypoint and does not move (6).
 * A stuck robot samples and takes waypoints as usual but does not move (6). Counters:
 * `stepsDown`, `stepsStuck` (robot-steps) and `lostToDown` (waypoints that reached a down robot).
 *
 * ```ts
 * const sim = new CoverageSimulation(world, planner, runRng);
 * while (sim.t < T) sim.step();
 * sim.regret; // cumulative pseudo-regret
 * ```
 */
export class CoverageSimulation {
  readonly world: CoverageWorld;
  readonly planner: GraphPlanner;
  readonly motion: GraphRobotMotion;
  readonly sampler: SiteSampler;
  readonly link: WaypointErasureLink | null;
  /** Steps done. */
  t = 0;
  /** Cumulative pseudo-regret sum_t (OPT - sum_k f_k(c_kt) mu_k). */
  regret = 0;
  /** Cumulative realised reward sum_t sum_k f_k(c_kt) X_kt. */
  reward = 0;
  /** Site robot i sampled in the last step (-1 in transit). */
  readonly robotSites: Int32Array;
  /** The planner's last commands. */
  readonly waypoints: Int32Array;
  /** Samples of the last step, by site (only occupied sites are current). */
  readonly samples: Float64Array;
  /** Robots on each occupied site in the last step (only occupied sites are current). */
  readonly occupancy: Int32Array;
  readonly #stamp: Int32Array;
  readonly #occupied: Int32Array;
  #occupiedCount = 0;
  readonly #faults: RobotFaults | undefined;
  /** With faults: what the planner last heard of each robot (site, in transit), and who is held. */
  readonly #knownSite: Int32Array;
  readonly #knownTransit: Uint8Array;
  readonly #held: Uint8Array;
  stepsDown = 0;
  stepsStuck = 0;
  lostToDown = 0;

  constructor(world: CoverageWorld, planner: GraphPlanner, runRng: Rng, options: CoverageSimulationOptions = {}) {
    const N = world.robots;
    const K = world.graph.size;
    if (planner.robots !== N) throw new Error(`CoverageSimulation: the planner drives ${planner.robots} robots, the world has ${N}`);
    let starts = world.starts;
    if (starts === null) {
      const rng = runRng.stream('starts');
      starts = new Int32Array(N);
      for (let i = 0; i < N; i++) starts[i] = rng.int(K);
    }
    this.world = world;
    this.planner = planner;
    this.motion = new GraphRobotMotion(world.graph, starts, { travel: world.travel, onRefusal: options.onRefusal });
    this.sampler = new SiteSampler(world.means, world.noise, runRng);
    this.link = world.erasure > 0 ? new WaypointErasureLink(N, world.erasure, runRng) : null;
    this.robotSites = new Int32Array(N);
    this.waypoints = new Int32Array(N);
    this.samples = new Float64Array(K);
    this.occupancy = new Int32Array(K);
    this.#stamp = new Int32Array(K);
    this.#occupied = new Int32Array(N);
    this.#faults = options.faults?.any ? options.faults : undefined;
    this.#knownSite = Int32Array.from(starts);
    this.#knownTransit = new Uint8Array(N);
    this.#held = new Uint8Array(N);
  }

  /** Sites occupied in the last step, in order of their first robot. */
  get occupiedSites(): Int32Array {
    return this.#occupied.subarray(0, this.#occupiedCount);
  }

  /** One step; returns its pseudo-regret. */
  step(): number {
    const t = ++this.t;
    const { world, motion, planner, robotSites, samples, occupancy } = this;
    const N = world.robots;
    const stride = world.weights.maxCount + 1;
    const f = world.weights.values;
    const rows = world.weights.rows;
    const mu = world.means;
    const stamp = this.#stamp;
    const occupied = this.#occupied;

    motion.writeRobotSites(robotSites);
    const faults = this.#faults;
    if (faults) {
      for (let i = 0; i < N; i++) {
        const down = faults.isDown(i, t - 1);
        const stuck = !down && faults.isStuck(i, t - 1);
        this.#held[i] = down || stuck ? 1 : 0;
        if (stuck) this.stepsStuck++;
        if (down) {
          this.stepsDown++;
          robotSites[i] = -1;
          continue;
        }
        this.#knownSite[i] = motion.site[i];
        this.#knownTransit[i] = motion.inTransit[i];
      }
    }
    let m = 0;
    for (let i = 0; i < N; i++) {
      const k = robotSites[i];
      if (k < 0) continue;
      if (stamp[k] !== t) {
        stamp[k] = t;
        occupancy[k] = 0;
        occupied[m++] = k;
      }
      occupancy[k]++;
    }
    this.#occupiedCount = m;
    let expected = 0;
    let realised = 0;
    for (let j = 0; j < m; j++) {
      const k = occupied[j];
      const x = this.sampler.sample(k);
      samples[k] = x;
      const weight = f[rows[k] * stride + occupancy[k]];
      expected += weight * mu[k];
      realised += weight * x;
    }
    const instant = world.opt - expected;
    this.regret += instant;
    this.reward += realised;

    planner.observe(t, robotSites, samples);
    const link = this.link;
    if (faults) {
      planner.nextWaypoints(t, this.#knownSite, this.#knownTransit, this.waypoints);
      for (let i = 0; i < N; i++) {
        const delivered = link === null || link.delivered(i);
        if (!faults.isDown(i, t - 1)) {
          if (delivered) motion.receive(i, this.waypoints[i]);
          continue;
        }
        if (delivered) this.lostToDown++;
        motion.forget(i);
      }
      motion.advance(this.#held);
      return instant;
    }
    planner.nextWaypoints(t, motion.site, motion.inTransit, this.waypoints);
    for (let i = 0; i < N; i++) if (link === null || link.delivered(i)) motion.receive(i, this.waypoints[i]);
    motion.advance();
    return instant;
  }
}

/**
 * Runs `horizon` steps and returns the cumulative pseudo-regret after each step listed in
 * `grid` (ascending, last = horizon).
 */
export function simulateCoverage(sim: CoverageSimulation, horizon: number, grid: Int32Array): Float64Array {
  const out = new Float64Array(grid.length);
  let g = 0;
  while (sim.t < horizon) {
    sim.step();
    while (g < grid.length && grid[g] === sim.t) out[g++] = sim.regret;
  }
  return out;
}
