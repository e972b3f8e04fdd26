// MA-LSAE-V: one agent per arm (fastest first), idle agents on random active arms.
import { describe, expect, it } from 'vitest';
import { MaLsaeVertical } from '../../../src/core/erasure/MaLsaeVertical.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

describe('MaLsaeVertical', () => {
  it('gives the next arm to the fastest free agent and keeps it until its M_i samples are in', () => {
    // Agent ids 0..2 with eps bounds 0.5, 0, 0.9: speed order 1, 0, 2.
    const learner = new MaLsaeVertical({ arms: 2, epsBounds: [0.5, 0, 0.9], horizon: 100, rng: new Rng(1) });
    const cmd = new Int32Array(3);
    const rewards = new Float64Array(3).fill(1);
    learner.nextCommands(0, cmd);
    expect(cmd[1]).toBe(0);
    expect(cmd[0]).toBe(1);
    const firstOfAgent2 = cmd[2];
    expect([0, 1]).toContain(firstOfAgent2);
    learner.observe(0, rewards);
    for (let t = 1; t < 4; t++) {
      learner.nextCommands(t, cmd);
      expect(cmd[1]).toBe(0);
      learner.observe(t, rewards);
    }
    // Agent 1 (alpha = 1) has arm 0's 4 samples and, with no arm left, turns idle: its random
    // pulls count for arm 1 too, so batch 1 ends no later than agent 0's 13 + 4 rounds.
    let t = 4;
    for (; t < 100; t++) {
      learner.nextCommands(t, cmd);
      if (learner.summary().batch > 1) break;
      expect(cmd[0]).toBe(1);
      learner.observe(t, rewards);
    }
    expect(t).toBeLessThanOrEqual(17);
    const { samples } = learner.summary();
    expect(samples[0]).toBeGreaterThanOrEqual(4);
    expect(samples[1]).toBeGreaterThanOrEqual(4);
  });

  it('eliminates down to the best arm through erasures', () => {
    const eps = [0.2, 0.5, 0.8];
    const learner = new MaLsaeVertical({ arms: 4, epsBounds: eps, horizon: 20_000, rng: new Rng(2) });
    simulate(learner, { means: [0.1, 1, 0.2, 0.3], eps, rounds: 20_000, seed: 2 });
    expect(learner.summary().activeArms).toEqual([1]);
  });
});
