/**
 * UCB1 for bounded (or sub-Gaussian) rewards (Auer, Cesa-Bianchi, Fischer 2002, Fig. 1).
 *
 * index(a) = mean(a) + c * sqrt( 2 ln t / n(a) ), t = rounds played, n(a) = pulls of a.
 * c = 1 is the paper's UCB1 for rewards in [0, 1]; scale c by the noise standard deviation
 * for Gaussian rewards.
 */
import type { Rng } from '../random.js';
import { IndexPolicy } from './IndexPolicy.js';

export interface Ucb1Options {
  /** Exploration scale (reward units, > 0). Default 1. */
  c?: number;
}

export class Ucb1 extends IndexPolicy {
  readonly c: number;
  #logT = 0;
  #logTAt = -1;

  constructor(arms: number, rng: Rng, { c = 1 }: Ucb1Options = {}) {
    super(arms, rng);
    if (!(c > 0)) throw new Error(`the 'c' parameter of a Ucb1 object must be > 0, found ${c}`);
    this.c = c;
  }

  protected computeIndex(arm: number): number {
    // ln t changes once per round, not per arm: cache it.
    if (this.#logTAt !== this.t) {
      this.#logT = Math.log(this.t);
      this.#logTAt = this.t;
    }
    const n = this.pulls[arm];
    return this.sums[arm] / n + this.c * Math.sqrt((2 * this.#logT) / n);
  }
}
