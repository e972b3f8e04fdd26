// MA-UCB: round-robin initialisation, one command for all, credit to the commanded arm.
import { describe, expect, it } from 'vitest';
import { MaUcb } from '../../../src/core/erasure/MaUcb.js';
import { Rng } from '../../../src/core/random.js';
import { simulate } from './simulate.js';

describe('MaUcb', () => {
  it('initialises round-robin (extra agents random), then commands one arm to everybody', () => {
    const learner = new MaUcb({ arms: 5, agents: 3, rng: new Rng(1) });
    const cmd = new Int32Array(3);
    const r = new Float64Array(3);
    learner.nextCommands(0, cmd);
    expect(Array.from(cmd)).toEqual([0, 1, 2]);
    learner.observe(0, r.fill(0));
    learner.nextCommands(1, cmd);
    expect(Array.from(cmd.subarray(0, 2))).toEqual([3, 4]);
    learner.observe(1, r);
    learner.nextCommands(2, cmd);
    expect(new Set(cmd).size).toBe(1);
  });

  it('credits each reward to the commanded arm and ignores NaN', () => {
    const learner = new MaUcb({ arms: 3, agents: 3, rng: new Rng(1) });
    const cmd = new Int32Array(3);
    learner.nextCommands(0, cmd);
    learner.observe(0, new Float64Array([0.5, NaN, 2]));
    const s = learner.summary();
    expect(s.samples).toEqual([1, 0, 1]);
    expect(s.estimates[0]).toBe(0.5);
    expect(s.estimates[1]).toBeNaN();
    expect(s.estimates[2]).toBe(2);
    expect(s.missingRewards).toBe(1);
  });

  it('finds the best arm on perfect links', () => {
    const learner = new MaUcb({ arms: 4, agents: 4, rng: new Rng(3) });
    let last = -1;
    simulate(learner, { means: [0.1, 0.2, 0.9, 0.3], eps: [0, 0, 0, 0], rounds: 3000, seed: 3, onRound: (_t, c) => (last = c[0]) });
    expect(last).toBe(2);
  });
});
