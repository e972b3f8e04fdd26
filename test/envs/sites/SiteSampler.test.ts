// Site samples come from per-site streams: independent of which other sites are sampled; right mean and spread.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { SiteSampler } from '../../../src/envs/sites/SiteSampler.js';

describe('SiteSampler', () => {
  it("draws site k's samples from stream site/<k>, whatever else is sampled", () => {
    const a = new SiteSampler([0.2, 0.5, 0.8], { type: 'gaussian', sd: 0.1 }, new Rng(4).stream('run/0'));
    const b = new SiteSampler([0.2, 0.5, 0.8], { type: 'gaussian', sd: 0.1 }, new Rng(4).stream('run/0'));
    const fromA = [a.sample(1), a.sample(0), a.sample(1), a.sample(2), a.sample(1)].filter((_, i) => i % 2 === 0);
    const fromB = [b.sample(1), b.sample(1), b.sample(1)];
    expect(fromA).toEqual(fromB);
    const direct = new Rng(4).stream('run/0').stream('site/1');
    expect(fromB[0]).toBe(direct.normal(0.5, 0.1));
  });

  it('has the right mean and sd (Gaussian) and values in {0, 1} (Bernoulli)', () => {
    const g = new SiteSampler([0.4], { type: 'gaussian', sd: 0.06 }, new Rng(1));
    const xs = Array.from({ length: 20_000 }, () => g.sample(0));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0.4, 2);
    expect(sd).toBeCloseTo(0.06, 2);
    const bern = new SiteSampler([0.3], { type: 'bernoulli' }, new Rng(2));
    const bs = Array.from({ length: 20_000 }, () => bern.sample(0));
    expect(new Set(bs)).toEqual(new Set([0, 1]));
    expect(bs.reduce((s, x) => s + x, 0) / bs.length).toBeCloseTo(0.3, 1);
  });

  it('rejects bad means and sd', () => {
    expect(() => new SiteSampler([0.5, 1.2], { type: 'bernoulli' }, new Rng(1))).toThrow('SiteSampler: the Bernoulli mean of site 1 must be in [0, 1], found 1.2');
    expect(() => new SiteSampler([0.5], { type: 'gaussian', sd: -1 }, new Rng(1))).toThrow(/sd must be a finite number >= 0, found -1/);
  });
});
