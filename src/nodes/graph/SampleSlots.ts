/**
 * The SiteSample rule (README "Sensor contract"): the planner uses at most one sample per site and
 * step, the one of the lowest-numbered robot that sent one, whatever the arrival order (so real
 * sensors on several robots at one site give the same choice on every run). Samples of other
 * robots for the same site and step are redundant (counted, not an error). A second sample of the
 * same robot, site and step is a duplicate; a sample for a step already decided, or older than
 * the one held, is late; one for a later step while an undecided one is held is early. Those three
 * are dropped and counted. Memory: one slot per site.
 */
import type { SiteSample } from '../../msg/definitions.generated.js';
import type { DropCounter } from '../DropCounter.js';

export class SampleSlots {
  readonly #sites: number;
  readonly #robots: number;
  readonly #horizon: number;
  readonly #drops: DropCounter;
  readonly #step: Float64Array;
  readonly #robot: Int32Array;
  readonly values: Float64Array;
  /** Steps below this are decided: their samples come too late. */
  #decided = 0;
  /** Samples of a site and step already served by a lower-numbered robot. */
  redundant = 0;

  constructor(sites: number, robots: number, horizon: number, drops: DropCounter) {
    this.#sites = sites;
    this.#robots = robots;
    this.#horizon = horizon;
    this.#drops = drops;
    this.#step = new Float64Array(sites).fill(-1);
    this.#robot = new Int32Array(sites);
    this.values = new Float64Array(sites);
  }

  add(m: SiteSample): void {
    const k = m.node;
    if (k >= this.#sites) return this.#drops.drop('unknown-site', `sample for site ${k} (sites 0..${this.#sites - 1})`);
    if (m.robot_id >= this.#robots) return this.#drops.drop('unknown-robot', `sample from robot ${m.robot_id} (robots 0..${this.#robots - 1})`);
    if (!Number.isFinite(m.sample)) return this.#drops.drop('bad-value', `sample ${m.sample} for site ${k}`);
    if (m.step >= this.#horizon) return this.#drops.drop('late-step', `sample for step ${m.step} beyond the horizon ${this.#horizon}`);
    if (m.step < this.#decided) return this.#drops.drop('late-sample', `sample of site ${k} for step ${m.step} after the planner decided that step`);
    const held = this.#step[k];
    if (held === m.step) {
      if (this.#robot[k] === m.robot_id) return this.#drops.drop('duplicate', `second sample of robot ${m.robot_id} for site ${k} in step ${m.step}`);
      this.redundant++;
      if (m.robot_id > this.#robot[k]) return;
    } else if (held > m.step) {
      return this.#drops.drop('late-sample', `sample of site ${k} for step ${m.step} after one for step ${held}`);
    } else if (held >= this.#decided) {
      return this.#drops.drop('early-sample', `sample of site ${k} for step ${m.step} while step ${held} is undecided`);
    }
    this.#step[k] = m.step;
    this.#robot[k] = m.robot_id;
    this.values[k] = m.sample;
  }

  /** Whether site k has a sample for `step`. */
  has(k: number, step: number): boolean {
    return this.#step[k] === step;
  }

  /** The robot whose sample of site k is held. */
  robotOf(k: number): number {
    return this.#robot[k];
  }

  /** Step `step` is decided: later samples for it (or earlier steps) are late. */
  decide(step: number): void {
    this.#decided = Math.max(this.#decided, step + 1);
  }
}
