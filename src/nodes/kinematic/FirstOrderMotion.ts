/**
 * First-order motion toward a goal point with a speed limit: each step closes the fraction
 * 1 - exp(-gain dt) of the remaining gap (exact for the linear system dp/dt = gain (goal - p)),
 * capped at max_speed dt. Far away the robot cruises at max_speed, near the goal it slows down
 * exponentially, never overshooting whatever the step. Pure: no clock, no ROS.
 */
export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface FirstOrderOptions {
  /** Metres per second (> 0). */
  maxSpeed: number;
  /** 1 / seconds (> 0): the approach rate near the goal. */
  gain: number;
}

export class FirstOrderMotion {
  readonly position: Vec3;
  /** Velocity of the last step, map frame (m/s). */
  readonly velocity: Vec3 = { x: 0, y: 0, z: 0 };
  /** Heading about z (rad), from the last horizontal motion; kept while hovering or standing. */
  yaw = 0;
  /** Where it is going, or null to stand still. */
  goal: Vec3 | null = null;
  readonly #maxSpeed: number;
  readonly #gain: number;

  constructor(start: Vec3, { maxSpeed, gain }: FirstOrderOptions) {
    if (!(maxSpeed > 0) || !(gain > 0)) throw new Error(`FirstOrderMotion: maxSpeed and gain must be > 0, found ${maxSpeed} and ${gain}`);
    this.position = { ...start };
    this.#maxSpeed = maxSpeed;
    this.#gain = gain;
  }

  /** Metres to the goal (0 without one). */
  distanceToGoal(): number {
    const g = this.goal;
    return g === null ? 0 : Math.hypot(g.x - this.position.x, g.y - this.position.y, g.z - this.position.z);
  }

  /** Moves for `dt` seconds. */
  step(dt: number): void {
    const v = this.velocity;
    const g = this.goal;
    const d = this.distanceToGoal();
    if (g === null || d === 0 || !(dt > 0)) {
      v.x = v.y = v.z = 0;
      return;
    }
    const travel = Math.min(d * (1 - Math.exp(-this.#gain * dt)), this.#maxSpeed * dt);
    const k = travel / d;
    const dx = (g.x - this.position.x) * k;
    const dy = (g.y - this.position.y) * k;
    const dz = (g.z - this.position.z) * k;
    // Land exactly on the goal once the remaining gap is below floating-point noise.
    if (d - travel < 1e-9) Object.assign(this.position, g);
    else {
      this.position.x += dx;
      this.position.y += dy;
      this.position.z += dz;
    }
    v.x = dx / dt;
    v.y = dy / dt;
    v.z = dz / dt;
    if (Math.hypot(dx, dy) > 1e-12) this.yaw = Math.atan2(dy, dx);
  }
}
