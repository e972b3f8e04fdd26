// Anytime BatchSP2: epochs of doubling length, each a fresh BatchSp2 with the epoch's horizon.
import { describe, expect, it } from 'vitest';
import { BatchSp2Anytime } from '../../../src/core/erasure/BatchSp2Anytime.js';
import { repetitions } from '../../../src/core/erasure/repetitions.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

describe('BatchSp2Anytime', () => {
  it('restarts at rounds T0, 3 T0, 7 T0 with the horizon doubled', () => {
    const learner = new BatchSp2Anytime({ arms: 3, epsBounds: [0.5, 0.9], initialHorizon: 100, rng: new Rng(1) });
    const epochs: number[] = [];
    simulate(learner, { means: [0, 1, 0.5], eps: [0.5, 0.9], rounds: 701, seed: 1, onRound: () => epochs.push(learner.epoch) });
    expect(epochs[99]).toBe(0);
    expect(epochs[100]).toBe(1);
    expect(epochs[299]).toBe(1);
    expect(epochs[300]).toBe(2);
    expect(epochs[700]).toBe(3);
    expect(learner.current.horizon).toBe(800);
    expect(learner.current.alpha[1]).toBe(repetitions(0.9, 800));
    expect(learner.summary()).toMatchObject({ algorithm: 'batchsp2-anytime', epoch: 3, rounds: 701 });
  });

  it('learns without a horizon', () => {
    const eps = [0.2, 0.5, 0.8];
    const learner = new BatchSp2Anytime({ arms: 4, epsBounds: eps, initialHorizon: 512, rng: new Rng(4) });
    const curve = simulate(learner, { means: [0.2, 1, 0, 0.6], eps, rounds: 30_000, seed: 4 });
    expect(learner.summary().activeArms).toContain(1);
    // Sub-linear: the second half costs much less than the first.
    expect(curve[29_999] - curve[14_999]).toBeLessThan(0.5 * curve[14_999]);
  });

  it('rejects a bad initial horizon', () => {
    expect(() => new BatchSp2Anytime({ arms: 3, epsBounds: [0.5], initialHorizon: 0, rng: new Rng(1) })).toThrow(/'initialHorizon' parameter .* found 0/);
  });
});
