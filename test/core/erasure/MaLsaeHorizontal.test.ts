// MA-LSAE-H: every agent on the head arm, warm-up discarded per agent, M_i = 4^i.
import { describe, expect, it } from 'vitest';
import { MaLsaeHorizontal } from '../../../src/core/erasure/MaLsaeHorizontal.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

describe('MaLsaeHorizontal', () => {
  it('moves all agents together through the arm list, each discarding alpha_j - 1 rewards per arm', () => {
    // eps bounds 0 and 0.5 at T = 100: alpha = 1 and ceil(2 ln 100 / ln 2) = 14.
    const learner = new MaLsaeHorizontal({ arms: 3, epsBounds: [0, 0.5], horizon: 100, rng: new Rng(1) });
    const cmd = new Int32Array(2);
    const rewards = new Float64Array(2).fill(1);
    const seen: number[] = [];
    for (let t = 0; t < 12; t++) {
      learner.nextCommands(t, cmd);
      expect(cmd[0]).toBe(cmd[1]);
      seen.push(cmd[0]);
      learner.observe(t, rewards);
    }
    // Batch 1 needs 4 samples per arm; only agent 0 (alpha = 1) delivers within 13 rounds.
    expect(seen).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    learner.nextCommands(12, cmd);
    expect(learner.summary()).toMatchObject({ batch: 2, batchSize: 16, samples: [4, 4, 4] });
  });

  it('eliminates down to the best arm through erasures', () => {
    const eps = [0.2, 0.5];
    const learner = new MaLsaeHorizontal({ arms: 4, epsBounds: eps, horizon: 20_000, rng: new Rng(2) });
    simulate(learner, { means: [0.1, 1, 0.2, 0.3], eps, rounds: 20_000, seed: 2 });
    expect(learner.summary().activeArms).toEqual([1]);
  });
});
