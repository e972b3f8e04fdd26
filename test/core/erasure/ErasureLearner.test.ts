// The ErasureLearner contract, checked on every implementation: commands in range, call order
// enforced, missing rewards tolerated and counted, same seed same commands.
import { describe, expect, it } from 'vitest';
import { BatchSp2 } from '../../../src/core/erasure/BatchSp2.js';
import { BatchSp2Anytime } from '../../../src/core/erasure/BatchSp2Anytime.js';
import type { ErasureLearner } from '../../../src/core/erasure/ErasureLearner.js';
import { MaLsaeHorizontal } from '../../../src/core/erasure/MaLsaeHorizontal.js';
import { MaLsaeVertical } from '../../../src/core/erasure/MaLsaeVertical.js';
import { MaSae } from '../../../src/core/erasure/MaSae.js';
import { MaUcb } from '../../../src/core/erasure/MaUcb.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

const eps = [0.1, 0.4, 0.7, 0.9];
const K = 6;
const T = 3000;

const makers: Record<string, (rng: Rng) => ErasureLearner> = {
  batchsp2: (rng) => new BatchSp2({ arms: K, epsBounds: eps, horizon: T, rng }),
  'batchsp2-anytime': (rng) => new BatchSp2Anytime({ arms: K, epsBounds: eps, initialHorizon: 200, rng }),
  'ma-ucb': (rng) => new MaUcb({ arms: K, agents: eps.length, rng }),
  'ma-sae': (rng) => new MaSae({ arms: K, agents: eps.length, horizon: T, rng }),
  'ma-lsae-h': (rng) => new MaLsaeHorizontal({ arms: K, epsBounds: eps, horizon: T, rng }),
  'ma-lsae-v': (rng) => new MaLsaeVertical({ arms: K, epsBounds: eps, horizon: T, rng }),
};

describe.each(Object.keys(makers))('%s as an ErasureLearner (seed 5)', (name) => {
  const make = makers[name];
  const means = [0.3, 0.9, 0.1, 0.5, 0.7, 0.2];

  it('names itself and commands arms in range to every agent', () => {
    const learner = make(new Rng(5));
    expect(learner.algorithm).toBe(name);
    expect(learner.arms).toBe(K);
    expect(learner.agents).toBe(eps.length);
    simulate(learner, {
      means,
      eps,
      rounds: T,
      seed: 5,
      onRound: (_t, cmd) => {
        for (const a of cmd) {
          expect(Number.isInteger(a)).toBe(true);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThan(K);
        }
      },
    });
    expect(learner.summary().rounds).toBe(T);
  });

  it('tolerates missing rewards (NaN) without crashing, counts them and keeps finite estimates', () => {
    const learner = make(new Rng(5));
    const drops = new Rng('drops');
    simulate(learner, { means, eps, rounds: T, seed: 5, missing: () => drops.bernoulli(0.2) });
    const s = learner.summary();
    expect(s.missingRewards).toBeGreaterThan(0);
    for (let a = 0; a < K; a++) if (s.samples[a] > 0) expect(Number.isFinite(s.estimates[a])).toBe(true);
    expect(s.activeArms.length).toBeGreaterThan(0);
  });

  it('gives the same commands for the same seed', () => {
    const log = (seed: number) => {
      const out: number[] = [];
      simulate(make(new Rng(seed)), { means, eps, rounds: 1000, seed, onRound: (_t, c) => out.push(...c) });
      return out;
    };
    expect(log(9)).toEqual(log(9));
  });

  it('once settled, commands exactly what settled() said in every later round (elimination learners settle)', () => {
    const learner = make(new Rng(5));
    const said = new Int32Array(eps.length);
    let first = -1;
    simulate(learner, {
      means,
      eps,
      rounds: T,
      seed: 5,
      // onRound(t) comes after nextCommands(t), i.e. after observe(t - 1): settled() speaks about round t on.
      onRound: (t, cmd) => {
        if (first < 0 && learner.settled?.(said)) first = t;
        if (first >= 0) expect(Array.from(cmd), `round ${t}`).toEqual(Array.from(said));
      },
    });
    const settles = ['batchsp2', 'ma-sae', 'ma-lsae-h', 'ma-lsae-v'].includes(name);
    expect(first >= 0, `settled at ${first}`).toBe(settles);
    if (settles) expect(learner.summary().activeArms).toEqual([said[0]]);
  });

  it('rejects rounds out of order', () => {
    const learner = make(new Rng(1));
    const cmd = new Int32Array(eps.length);
    expect(() => learner.nextCommands(1, cmd)).toThrow(/expected round 0, found 1/);
    learner.nextCommands(0, cmd);
    expect(() => learner.nextCommands(1, cmd)).toThrow(/before observe\(0\)/);
  });
});
