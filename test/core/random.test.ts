import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.uniform());
}

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draws(new Rng(7), 100)).toEqual(draws(new Rng(7), 100));
    expect(draws(new Rng(7), 10)).not.toEqual(draws(new Rng(8), 10));
  });

  it('derives streams that do not depend on draws of the parent or of sibling streams', () => {
    const a = new Rng(3);
    const expected = draws(a.stream('channel/1'), 50);
    const b = new Rng(3);
    draws(b, 1000);
    draws(b.stream('channel/0'), 1000);
    expect(draws(b.stream('channel/1'), 50)).toEqual(expected);
    expect(draws(b.stream('channel/2'), 50)).not.toEqual(expected);
    expect(a.stream('x').stream('y').key).toBe('3/x/y');
  });

  it('has streams with negligible correlation', () => {
    const root = new Rng(11);
    const x = draws(root.stream('a'), 20000);
    const y = draws(root.stream('b'), 20000);
    const mx = moments(x).mean;
    const my = moments(y).mean;
    let cov = 0;
    for (let i = 0; i < x.length; i++) cov += (x[i] - mx) * (y[i] - my);
    const corr = cov / (x.length - 1) / Math.sqrt(moments(x).variance * moments(y).variance);
    expect(Math.abs(corr)).toBeLessThan(0.03);
  });

  const N = 40000;
  it.each([
    ['uniform', (r: Rng) => r.uniform(), 0.5, 1 / 12],
    ['normal(2, 3)', (r: Rng) => r.normal(2, 3), 2, 9],
    ['bernoulli(0.3)', (r: Rng) => (r.bernoulli(0.3) ? 1 : 0), 0.3, 0.21],
    ['exponential(4)', (r: Rng) => r.exponential(4), 0.25, 1 / 16],
    ['geometric(0.2)', (r: Rng) => r.geometric(0.2), 4, 0.8 / 0.04],
    ['int(10)', (r: Rng) => r.int(10), 4.5, 99 / 12],
  ])('%s has the right mean and variance', (_name, draw, mean, variance) => {
    const rng = new Rng(`moments-${_name}`);
    const xs = Array.from({ length: N }, () => draw(rng));
    const m = moments(xs);
    expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.05);
  });

  it('int, intRange and choice stay in range; shuffle is a permutation', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
      const j = rng.intRange(-2, 2);
      expect(j >= -2 && j <= 2).toBe(true);
    }
    expect(['a', 'b']).toContain(rng.choice(['a', 'b']));
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = rng.shuffle([...xs]);
    expect(shuffled).not.toEqual(xs);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(xs);
  });

  it('categorical follows its weights', () => {
    const rng = new Rng(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[rng.categorical([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.7);
    expect(counts[2] / counts[0]).toBeLessThan(3.3);
  });

  it('rejects empty input with a clear message', () => {
    expect(() => new Rng(1).choice([])).toThrow(/empty array/);
    expect(() => new Rng(1).stream('')).toThrow(/must not be empty/);
  });
});
