/**
 * Independent EXP3 at one internal node in its original form (Auer, Cesa-Bianchi, Freund,
 * Schapire 2002, Fig. 1, as `core/bandit/Exp3`): on the reward 1 - c of the end-to-end cost,
 * p = (1 - gamma) w / sum w + gamma / K, log w_m += gamma ((1 - c) / p_m) / K for the picked
 * child, gamma = min(1, sqrt(K ln K / ((e - 1) T))). No arrival probability, no education.
 *
 * It differs from `Exp3Stage` (losses, no mixing) in how a rarely picked child is judged: its
 * importance-weighted *reward* sum lags its expectation, so a starved subtree looks worse than it
 * is and stays starved, whereas a lagging *cost* sum makes it look better and it gets jobs again.
 */
import type { Rng } from '../random.js';
import { drawIndex } from './logSoftmax.js';
import type { StageLearner, StagePick } from './StageLearner.js';

export interface Exp3AuerStageOptions {
  children: number;
  horizon: number;
  rng: Rng;
  gamma?: number;
}

export function exp3AuerGamma(children: number, horizon: number): number {
  if (children < 2) return 0;
  return Math.min(1, Math.sqrt((children * Math.log(children)) / ((Math.E - 1) * Math.max(1, horizon))));
}

export class Exp3AuerStage implements StageLearner {
  readonly children: number;
  readonly gamma: number;
  readonly #rng: Rng;
  /** log w, shifted so that the largest is 0. */
  readonly #logW: Float64Array;
  readonly #p: Float64Array;

  constructor({ children, horizon, rng, gamma }: Exp3AuerStageOptions) {
    if (!Number.isInteger(children) || children < 1) throw new Error(`the 'children' parameter of an Exp3AuerStage must be an integer >= 1, found ${children}`);
    this.children = children;
    this.gamma = gamma ?? exp3AuerGamma(children, horizon);
    if (!(this.gamma >= 0 && this.gamma <= 1)) throw new Error(`the 'gamma' parameter of an Exp3AuerStage must be in [0, 1], found ${this.gamma}`);
    if (this.gamma === 0 && children > 1) throw new Error(`the 'gamma' parameter of an Exp3AuerStage must be > 0 with ${children} children`);
    this.#rng = rng;
    this.#logW = new Float64Array(children);
    this.#p = new Float64Array(children);
  }

  probabilities(): Float64Array {
    const K = this.children;
    let total = 0;
    for (let i = 0; i < K; i++) {
      this.#p[i] = Math.exp(this.#logW[i]);
      total += this.#p[i];
    }
    for (let i = 0; i < K; i++) this.#p[i] = (1 - this.gamma) * (this.#p[i] / total) + this.gamma / K;
    return this.#p;
  }

  pick(_t: number, _arrival: number, out: StagePick): StagePick {
    const p = this.probabilities();
    const child = drawIndex(p, this.#rng.uniform());
    out.child = child;
    out.prob = p[child];
    out.weight = p[child];
    out.epoch = -1;
    return out;
  }

  learn(pick: StagePick, cost: number): void {
    if (!(pick.weight > 0) || this.children < 2) return;
    // p >= gamma / K, so one update adds at most 1 and the shifted values stay finite for any T.
    this.#logW[pick.child] += (this.gamma * ((1 - cost) / pick.weight)) / this.children;
    let max = -Infinity;
    for (let i = 0; i < this.children; i++) if (this.#logW[i] > max) max = this.#logW[i];
    for (let i = 0; i < this.children; i++) this.#logW[i] -= max;
  }
}
