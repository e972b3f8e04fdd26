/**
 * Site sample model of graph bandits: each occupied site k yields one sample X ~ P_k per step,
 * Gaussian N(mu_k, sd^2) or Bernoulli(mu_k), drawn from the site's own stream `site/<k>`.
 */
import type { Rng } from '../../core/random.js';

export type SiteNoise = { type: 'gaussian'; /** standard deviation, reward units, >= 0 */ sd: number } | { type: 'bernoulli' };

/**
 * One stream per site, so a site's n-th sample is the same whatever the planner does and
 * whichever other sites are occupied: algorithms compared on a run see common random numbers,
 * and a node implementation reproduces the simulator by drawing `rng.stream('site/<k>')` once
 * per step in which site k is occupied (Gaussian: `normal(mu_k, sd)`; Bernoulli:
 * `bernoulli(mu_k) ? 1 : 0`).
 */
export class SiteSampler {
  readonly means: Float64Array;
  readonly noise: SiteNoise;
  readonly #streams: Rng[];
  readonly #sd: number;
  readonly #gaussian: boolean;

  /** `rng`: the run's stream; site k draws from `rng.stream('site/<k>')`. */
  constructor(means: ArrayLike<number>, noise: SiteNoise, rng: Rng) {
    if (means.length === 0) throw new Error('SiteSampler: means must list at least one site');
    for (let k = 0; k < means.length; k++) {
      const mu = means[k];
      if (!Number.isFinite(mu)) throw new Error(`SiteSampler: the mean of site ${k} must be a finite number, found ${mu}`);
      if (noise.type === 'bernoulli' && !(mu >= 0 && mu <= 1)) throw new Error(`SiteSampler: the Bernoulli mean of site ${k} must be in [0, 1], found ${mu}`);
    }
    if (noise.type === 'gaussian' && !(noise.sd >= 0 && Number.isFinite(noise.sd))) {
      throw new Error(`SiteSampler: the Gaussian sd must be a finite number >= 0, found ${noise.sd}`);
    }
    this.means = Float64Array.from(means);
    this.noise = noise;
    this.#gaussian = noise.type === 'gaussian';
    this.#sd = noise.type === 'gaussian' ? noise.sd : 0;
    this.#streams = Array.from({ length: means.length }, (_, k) => rng.stream(`site/${k}`));
  }

  get sites(): number {
    return this.means.length;
  }

  /** The next sample of site k. */
  sample(site: number): number {
    const rng = this.#streams[site];
    const mu = this.means[site];
    return this.#gaussian ? rng.normal(mu, this.#sd) : rng.bernoulli(mu) ? 1 : 0;
  }
}
