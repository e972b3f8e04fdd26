// adaptive without feedback (AdaptiveBlind): what it credits, how its repetitions grow, and that
// it never settles on a wrong arm. Fixed seeds, well under a second.
import { describe, expect, it } from 'vitest';
import { AdaptiveBlind, BLIND_RHO } from '../../../src/core/erasure/AdaptiveBlind.js';
import { repetitions } from '../../../src/core/erasure/repetitions.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

const means = [0.8, 1.0, 0.5, 0.0];
const eps = [0.3, 0.5, 0.9, 0.95];
const T = 6000;
const make = (seed = 1) => new AdaptiveBlind({ arms: means.length, epsBounds: eps, horizon: T, rng: new Rng(seed).stream('algorithm') });

/** Runs the learner and returns, per credited reward, the run position of its command and whether the agent really played the credited arm. */
function trace(learner: AdaptiveBlind, seed: number) {
  const M = eps.length;
  const run = new Int32Array(M).fill(-1);
  const last = new Int32Array(M).fill(-1);
  const played = new Int32Array(M);
  const credits: { j: number; position: number; right: boolean }[] = [];
  const check = () => {
    for (let j = 0; j < M; j++) if (learner.credited[j] >= 0) credits.push({ j, position: run[j], right: learner.credited[j] === played[j] });
  };
  const curve = simulate(learner, {
    means,
    eps,
    rounds: T,
    seed,
    onRound: (t, cmd, p) => {
      if (t > 0) check(); // the learner's credits of round t - 1
      for (let j = 0; j < M; j++) {
        run[j] = cmd[j] === last[j] ? run[j] + 1 : 0;
        last[j] = cmd[j];
        played[j] = p[j];
      }
    },
  });
  check();
  return { curve, credits };
}

describe('AdaptiveBlind (adaptive, feedback none)', () => {
  it('credits a reward only at a run position where the command is delivered with high probability, and nearly never wrongly', () => {
    const learner = make();
    const { credits } = trace(learner, 3);
    const maxAllowed = (BLIND_RHO * Math.sqrt(2 * Math.log(T * eps.length))) / learner.meanRange;
    let expectedWrong = 0;
    for (const c of credits) {
      const q = eps[c.j] ** (c.position + 1);
      expect(q <= maxAllowed || c.position + 1 >= learner.alpha[c.j]).toBe(true);
      expectedWrong += q;
    }
    const wrong = credits.filter((c) => !c.right).length;
    expect(credits.length).toBeGreaterThan(0.8 * T * eps.length);
    expect(wrong).toBeLessThanOrEqual(2 * expectedWrong + 5);
    expect(wrong / credits.length).toBeLessThan(1e-3);
  });

  it('repeats more as an arm is resolved, never more than BatchSP2 (alpha_j - 1)', () => {
    const learner = make();
    const before = eps.map((_, j) => learner.repetitionsFor(j, 1));
    trace(learner, 4);
    const after = eps.map((_, j) => learner.repetitionsFor(j, 1));
    for (let j = 0; j < eps.length; j++) {
      expect(learner.alpha[j]).toBe(repetitions(eps[j], T));
      expect(after[j]).toBeGreaterThan(before[j]);
      expect(after[j]).toBeLessThanOrEqual(learner.alpha[j] - 1);
    }
    // far below BatchSP2 at first: 0.3 -> alpha 15, 0.95 -> alpha 340
    expect(before[0]).toBeLessThanOrEqual(2);
    expect(before[3]).toBeLessThan(learner.alpha[3] / 4);
  });

  it('never settles on a wrong arm: over 30 seeds the best arm leads and the last quarter costs almost nothing', () => {
    for (let seed = 0; seed < 30; seed++) {
      const learner = make(seed);
      const curve = simulate(learner, { means, eps, rounds: T, seed: `lock-${seed}` });
      const s = learner.summary();
      const leader = s.estimates.indexOf(Math.max(...s.estimates.filter((x) => !Number.isNaN(x))));
      expect(leader, `seed ${seed}`).toBe(1);
      // held on the 0.8 arm by all four agents would cost 4 x 0.2 x T/4 = 1200
      expect(curve[T - 1] - curve[(3 * T) / 4 - 1], `seed ${seed}`).toBeLessThan(60);
    }
  });

  it('is deterministic, and missing rewards end blocks instead of stalling them', () => {
    const a = simulate(make(5), { means, eps, rounds: 2000, seed: 'd' });
    const b = simulate(make(5), { means, eps, rounds: 2000, seed: 'd' });
    expect(Array.from(b)).toEqual(Array.from(a));
    const learner = make(6);
    const curve = simulate(learner, { means, eps, rounds: 3000, seed: 'm', missing: (t) => t % 3 === 0 });
    expect(learner.summary().missingRewards).toBe(1000 * eps.length);
    expect(curve[2999] - curve[2249]).toBeLessThan(100);
  });

  it('rejects bad bounds and tunables with the parameter named', () => {
    const rng = new Rng(1);
    expect(() => new AdaptiveBlind({ arms: 3, epsBounds: [0.2, 1], horizon: 100, rng })).toThrow(/'epsBounds\[1\]'/);
    expect(() => new AdaptiveBlind({ arms: 3, epsBounds: [0.2], horizon: 100, meanRange: 0, rng })).toThrow(/'meanRange'/);
    expect(() => new AdaptiveBlind({ arms: 0, epsBounds: [0.2], horizon: 100, rng })).toThrow(/'arms'/);
  });
});
