// alpha_j and M_1 of BatchSP2 against the values worked out in spec 1.2 / 1.3.
import { describe, expect, it } from 'vitest';
import { firstBatchSize } from '../../../src/core/erasure/firstBatchSize.js';
import { repetitions, repetitionsFor } from '../../../src/core/erasure/repetitions.js';

describe('repetitions (alpha)', () => {
  it('matches the spec examples for T = 5e4', () => {
    expect(repetitions(0.9, 5e4)).toBe(206);
    expect(repetitions(0.99, 5e4)).toBe(2154);
    expect(repetitions(0.2, 5e4)).toBe(14);
    expect(repetitions(0.5, 5e4)).toBe(32);
    expect(repetitions(0.8, 5e4)).toBe(97);
    expect(repetitions(0, 5e4)).toBe(1);
  });

  it('makes eps^alpha <= 1/T^2 with the smallest such alpha', () => {
    for (const eps of [0.05, 0.3, 0.6, 0.93, 0.95, 0.999]) {
      for (const T of [10, 1000, 2e4, 1e6]) {
        const alpha = repetitions(eps, T);
        expect(alpha * Math.log(eps)).toBeLessThanOrEqual(-2 * Math.log(T) + 1e-9);
        if (alpha > 1) expect((alpha - 1) * Math.log(eps)).toBeGreaterThan(-2 * Math.log(T) - 1e-9);
      }
    }
  });

  it('computes a whole vector and rejects eps outside [0, 1)', () => {
    expect(Array.from(repetitionsFor([0, 0.9, 0.99], 5e4))).toEqual([1, 206, 2154]);
    expect(() => repetitions(1, 100)).toThrow(/eps must be a probability in \[0, 1\), found 1/);
    expect(() => repetitions(-0.1, 100)).toThrow(/found -0.1/);
    expect(() => repetitions(0.5, 0)).toThrow(/horizon must be >= 1/);
  });
});

describe('firstBatchSize (M_1)', () => {
  it('matches the spec examples', () => {
    expect(firstBatchSize(5e4, 20)).toBe(28);
    expect(firstBatchSize(5e4, 4)).toBe(24);
  });

  it('never collapses to 0 on tiny problems', () => {
    expect(firstBatchSize(1, 1)).toBe(4);
    expect(firstBatchSize(2, 2)).toBe(4);
  });
});
