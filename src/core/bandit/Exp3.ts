/**
 * EXP3 for adversarial bandits (Auer, Cesa-Bianchi, Freund, Schapire 2002, Fig. 1).
 *
 * p(a) = (1 - gamma) w(a) / sum_b w(b) + gamma / K;  after playing a with reward x in [0, 1]:
 * log w(a) += gamma * (x / p(a)) / K. Weights are kept in log space and normalised against
 * the maximum (softmax), so long runs never overflow. Rewards outside [lo, hi] are clipped
 * after the affine map to [0, 1] (Gaussian rewards need a range).
 * Default gamma = min(1, sqrt( K ln K / ((e - 1) T) )) (the paper's Corollary 3.2 tuning).
 */
import type { Learner } from '../Learner.js';
import type { Rng } from '../random.js';

export interface Exp3Options {
  /** Exploration probability in (0, 1]. Default: the horizon-tuned value above. */
  gamma?: number;
  /** Rewards are mapped from [lo, hi] to [0, 1] and clipped. Default [0, 1]. */
  rewardRange?: readonly [number, number];
}

export class Exp3 implements Learner {
  readonly arms: number;
  readonly gamma: number;
  readonly #lo: number;
  readonly #span: number;
  readonly #logW: Float64Array;
  readonly #p: Float64Array;
  readonly #rng: Rng;

  constructor(arms: number, horizon: number, rng: Rng, { gamma, rewardRange = [0, 1] }: Exp3Options = {}) {
    if (!Number.isInteger(arms) || arms < 1) throw new Error(`the 'arms' parameter of an Exp3 object must be an integer >= 1, found ${arms}`);
    const g = gamma ?? Math.min(1, Math.sqrt((arms * Math.log(Math.max(arms, 2))) / ((Math.E - 1) * horizon)));
    if (!(g > 0 && g <= 1)) throw new Error(`the 'gamma' parameter of an Exp3 object must be in (0, 1], found ${g}`);
    const [lo, hi] = rewardRange;
    if (!(hi > lo)) throw new Error(`the 'rewardRange' parameter of an Exp3 object must have hi > lo, found [${lo}, ${hi}]`);
    this.arms = arms;
    this.gamma = g;
    this.#lo = lo;
    this.#span = hi - lo;
    this.#logW = new Float64Array(arms);
    this.#p = new Float64Array(arms);
    this.#rng = rng;
  }

  reset(): void {
    this.#logW.fill(0);
  }

  /** Current play probabilities (a view; valid until the next call). */
  probabilities(): Float64Array {
    let max = -Infinity;
    for (let a = 0; a < this.arms; a++) max = Math.max(max, this.#logW[a]);
    let total = 0;
    for (let a = 0; a < this.arms; a++) {
      this.#p[a] = Math.exp(this.#logW[a] - max);
      total += this.#p[a];
    }
    for (let a = 0; a < this.arms; a++) this.#p[a] = (1 - this.gamma) * (this.#p[a] / total) + this.gamma / this.arms;
    return this.#p;
  }

  choose(): number {
    return this.#rng.categorical(this.probabilities());
  }

  observe(arm: number, reward: number): void {
    const p = this.probabilities()[arm];
    const x = Math.min(1, Math.max(0, (reward - this.#lo) / this.#span));
    this.#logW[arm] += (this.gamma * (x / p)) / this.arms;
  }
}
