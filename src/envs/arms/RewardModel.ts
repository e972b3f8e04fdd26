/**
 * Stochastic arm rewards: Gaussian N(mu_a, sd^2) or Bernoulli(mu_a). The noise comes from the
 * Rng passed to `sample`, so the caller decides which stream (per agent, per run) it uses.
 */
import type { Rng } from '../../core/random.js';

export type RewardDistribution = 'gaussian' | 'bernoulli';

export interface RewardModelOptions {
  distribution: RewardDistribution;
  /** Mean reward of each arm (for Bernoulli, a probability in [0, 1]). */
  means: readonly number[];
  /** Gaussian noise standard deviation (reward units, >= 0). Ignored for Bernoulli. */
  sd?: number;
}

export class RewardModel {
  readonly distribution: RewardDistribution;
  readonly means: Float64Array;
  readonly sd: number;
  /** Largest mean: the benchmark of pseudo-regret. */
  readonly best: number;

  constructor({ distribution, means, sd = 1 }: RewardModelOptions) {
    if (means.length === 0) throw new Error('RewardModel: means must list at least one arm');
    if (distribution === 'bernoulli') {
      means.forEach((m, a) => {
        if (!(m >= 0 && m <= 1)) throw new Error(`RewardModel: Bernoulli mean of arm ${a} must be in [0, 1], found ${m}`);
      });
    }
    if (!(sd >= 0)) throw new Error(`RewardModel: sd must be >= 0, found ${sd}`);
    this.distribution = distribution;
    this.means = Float64Array.from(means);
    this.sd = sd;
    this.best = Math.max(...means);
  }

  get arms(): number {
    return this.means.length;
  }

  /** One reward of `arm`, noise drawn from `rng`. */
  sample(arm: number, rng: Rng): number {
    const mu = this.means[arm];
    return this.distribution === 'gaussian' ? rng.normal(mu, this.sd) : rng.bernoulli(mu) ? 1 : 0;
  }

  /** Pseudo-regret of one pull of `arm`. */
  gap(arm: number): number {
    return this.best - this.means[arm];
  }
}
