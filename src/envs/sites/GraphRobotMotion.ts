/**
 * Robot motion on a site graph: each robot holds its last accepted waypoint and moves one edge
 * towards it; an edge takes one step (graph_step) or its travel time on weighted graphs.
 * Waypoints that are not the robot's site or a neighbour of it are refused, counted and logged.
 */
import { edgeIndex, type Graph } from '../../core/graph/Graph.js';
import { waypointRefusal } from './waypointRefusal.js';

export interface GraphRobotMotionOptions {
  /** Steps per CSR edge (see `travelSteps`); null or absent: every edge takes one step. */
  travel?: Int32Array | null;
  /** Called with a one-line message for each refused waypoint. */
  onRefusal?: (message: string) => void;
}

/**
 * State per robot i (typed arrays, read them freely, never write):
 * - `site[i]`: the site it stands on, or the one it is heading to while in transit;
 * - `from[i]`: the site it left (equal to `site[i]` when not in transit);
 * - `remaining[i]`: steps until it arrives (0 = standing on `site[i]`); `duration[i]`: steps of the current edge;
 * - `target[i]`: its last accepted waypoint.
 *
 * A move from u to v taking tau steps: at the step the robot departs it is at u; it is in
 * transit (samples nothing) for the next tau - 1 steps and stands on v tau steps later.
 *
 * ```ts
 * const motion = new GraphRobotMotion(graph, starts, { travel, onRefusal: log });
 * motion.receive(i, waypoint); // for each robot whose command got through
 * motion.advance();            // everyone moves one step
 * ```
 */
export class GraphRobotMotion {
  readonly site: Int32Array;
  readonly from: Int32Array;
  readonly target: Int32Array;
  readonly remaining: Int32Array;
  readonly duration: Int32Array;
  /** 1 while robot i is between sites. */
  readonly inTransit: Uint8Array;
  /** Waypoints refused so far (not the robot's site or a neighbour of it). */
  refusals = 0;
  /** The last refusal's message, or null. */
  lastRefusal: string | null = null;
  readonly #graph: Graph;
  readonly #travel: Int32Array | null;
  readonly #onRefusal: ((message: string) => void) | null;

  constructor(graph: Graph, starts: ArrayLike<number>, options: GraphRobotMotionOptions = {}) {
    const { travel = null, onRefusal = null } = options;
    if (travel !== null && travel.length !== graph.neighbors.length) {
      throw new Error(`GraphRobotMotion: travel has ${travel.length} entries but the graph has ${graph.neighbors.length} CSR edges`);
    }
    const N = starts.length;
    for (let i = 0; i < N; i++) {
      const s = starts[i];
      if (!Number.isInteger(s) || s < 0 || s >= graph.size) throw new Error(`GraphRobotMotion: robot ${i} starts at site index ${s}, outside [0, ${graph.size})`);
    }
    this.#graph = graph;
    this.#travel = travel;
    this.#onRefusal = onRefusal;
    this.site = Int32Array.from(starts);
    this.from = Int32Array.from(starts);
    this.target = Int32Array.from(starts);
    this.remaining = new Int32Array(N);
    this.duration = new Int32Array(N).fill(1);
    this.inTransit = new Uint8Array(N);
  }

  get robots(): number {
    return this.site.length;
  }

  /**
   * Robot i receives a waypoint: accepted if it is the robot's site (or, in transit, the site it
   * is heading to) or a neighbour of it; it is acted on when the robot stands on a site.
   * Otherwise refused: the robot keeps its previous target. Returns whether it was accepted.
   */
  receive(robot: number, waypoint: number): boolean {
    const refusal = waypointRefusal(this.#graph, robot, this.site[robot], waypoint, this.inTransit[robot] !== 0);
    if (refusal === null) {
      this.target[robot] = waypoint;
      return true;
    }
    this.refusals++;
    this.lastRefusal = refusal;
    this.#onRefusal?.(refusal);
    return false;
  }

  /** Robot i forgets its waypoint (a restart): it stops at the site it stands on or is heading to. */
  forget(robot: number): void {
    this.target[robot] = this.site[robot];
  }

  /**
   * One step for every robot: finish a step of travel, or depart towards the target. Robots with
   * `held[i]` set (crashed or stuck: scenario faults) stay exactly as they are.
   */
  advance(held?: Uint8Array): void {
    const N = this.site.length;
    for (let i = 0; i < N; i++) {
      if (held !== undefined && held[i] !== 0) continue;
      if (this.remaining[i] > 0) {
        if (--this.remaining[i] === 0) {
          this.inTransit[i] = 0;
          this.from[i] = this.site[i];
        }
        continue;
      }
      const u = this.site[i];
      const v = this.target[i];
      if (v === u) continue;
      const tau = this.#travel === null ? 1 : this.#travel[edgeIndex(this.#graph, u, v)];
      this.site[i] = v;
      this.duration[i] = tau;
      this.remaining[i] = tau - 1;
      if (tau > 1) {
        this.from[i] = u;
        this.inTransit[i] = 1;
      } else {
        this.from[i] = v;
      }
    }
  }

  /** Writes the site each robot samples this step into `out`: its site, or -1 in transit. */
  writeRobotSites(out: Int32Array): Int32Array {
    for (let i = 0; i < this.site.length; i++) out[i] = this.inTransit[i] !== 0 ? -1 : this.site[i];
    return out;
  }
}
