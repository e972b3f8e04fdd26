/**
 * Lossy planner-to-robot waypoint links: each command to robot i is lost with probability p,
 * i.i.d., from the robot's own stream `link/<i>`; a robot that misses one keeps its last target.
 */
import type { Rng } from '../../core/random.js';

export class WaypointErasureLink {
  /** Erasure probability per command, in [0, 1]. */
  readonly erasure: number;
  /** Commands lost so far, over all robots. */
  lost = 0;
  readonly #streams: Rng[];

  /** `rng`: the run's stream; robot i's link draws from `rng.stream('link/<i>')`. */
  constructor(robots: number, erasure: number, rng: Rng) {
    if (!(erasure >= 0 && erasure <= 1)) throw new Error(`WaypointErasureLink: erasure must be a probability in [0, 1], found ${erasure}`);
    this.erasure = erasure;
    this.#streams = Array.from({ length: robots }, (_, i) => rng.stream(`link/${i}`));
  }

  /** Whether this step's command to robot i arrives: one uniform from `link/<i>` per call. */
  delivered(robot: number): boolean {
    if (this.#streams[robot].bernoulli(this.erasure)) {
      this.lost++;
      return false;
    }
    return true;
  }
}
