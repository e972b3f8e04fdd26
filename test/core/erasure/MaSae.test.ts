// MA-SAE: batch sizes n_i, the even split over agents, no warm-up, elimination.
import { describe, expect, it } from 'vitest';
import { MaSae } from '../../../src/core/erasure/MaSae.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

describe('MaSae', () => {
  it('spreads n_1 = ceil(2 ln(TM)) pulls per arm evenly: T = 5e4, M = 20, K = 10 gives 14 rounds of one arm per agent', () => {
    const learner = new MaSae({ arms: 10, agents: 20, horizon: 5e4, rng: new Rng(1) });
    const cmd = new Int32Array(20);
    const rewards = new Float64Array(20);
    for (let t = 0; t < 14; t++) {
      learner.nextCommands(t, cmd);
      expect(Array.from(cmd)).toEqual(Array.from({ length: 20 }, (_, j) => j >> 1));
      expect(learner.summary().batchSize).toBe(28);
      learner.observe(t, rewards);
    }
    learner.nextCommands(14, cmd);
    // Batch 2: delta = 1/2, n = ceil(2 ln(1e6 / 4) / (1/4)).
    expect(learner.summary()).toMatchObject({ batch: 2, batchSize: Math.ceil(8 * Math.log(1e6 / 4)) });
    expect(learner.summary().samples.every((n) => n === 28)).toBe(true);
  });

  it('eliminates down to the best arm on perfect links', () => {
    const learner = new MaSae({ arms: 5, agents: 4, horizon: 20_000, rng: new Rng(2) });
    simulate(learner, { means: [0.1, 0.2, 1, 0.3, 0.8], eps: [0, 0, 0, 0], rounds: 20_000, seed: 2 });
    expect(learner.summary().activeArms).toEqual([2]);
  });

  it('rejects a bad agent count', () => {
    expect(() => new MaSae({ arms: 5, agents: 0, horizon: 10, rng: new Rng(1) })).toThrow("the 'agents' parameter of a ma-sae learner must be an integer >= 1, found 0");
  });
});
