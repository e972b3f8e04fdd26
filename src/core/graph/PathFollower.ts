/**
 * Per-robot waypoint lists of an episode's transition (Paschalidis, Zhang, Li 2024, Alg. 1) and
 * the cursor logic that turns them into one waypoint per step, tolerant of lost commands.
 */
export class PathFollower {
  /** Slots per robot in `waypoints`. */
  readonly stride: number;
  /** Robot i's waypoints at `i * stride`: its site when planned, ..., its destination. */
  readonly waypoints: Int32Array;
  readonly count: Int32Array;
  /** Index of the waypoint robot i was last told to reach. */
  readonly cursor: Int32Array;

  constructor(robots: number, stride: number) {
    this.stride = stride;
    this.waypoints = new Int32Array(robots * stride);
    this.count = new Int32Array(robots);
    this.cursor = new Int32Array(robots);
  }

  /** Robot i's plan is to stay at `site`. */
  stay(robot: number, site: number): void {
    this.waypoints[robot * this.stride] = site;
    this.count[robot] = 1;
    this.cursor[robot] = 0;
  }

  /** Copies n waypoints from `source` at `offset` as robot i's new plan. */
  set(robot: number, source: Int32Array, offset: number, n: number): void {
    const base = robot * this.stride;
    for (let w = 0; w < n; w++) this.waypoints[base + w] = source[offset + w];
    this.count[robot] = n;
    this.cursor[robot] = 0;
  }

  destination(robot: number): number {
    return this.waypoints[robot * this.stride + this.count[robot] - 1];
  }

  /**
   * The waypoint for robot i now at `position` (not in transit), or -1 if it is off its plan
   * (the caller replans it). At the commanded waypoint it is given the next one; still at the
   * previous one (the command was lost) it is given the same one again.
   */
  next(robot: number, position: number): number {
    const base = robot * this.stride;
    let c = this.cursor[robot];
    if (position === this.waypoints[base + c]) {
      if (c < this.count[robot] - 1) this.cursor[robot] = ++c;
      return this.waypoints[base + c];
    }
    if (c > 0 && position === this.waypoints[base + c - 1]) return this.waypoints[base + c];
    return -1;
  }

  /** True when robot i stands at its destination with nothing left to do. */
  arrived(robot: number, position: number): boolean {
    return this.cursor[robot] === this.count[robot] - 1 && position === this.waypoints[robot * this.stride + this.cursor[robot]];
  }
}
