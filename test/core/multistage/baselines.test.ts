import { describe, expect, it } from 'vitest';
import { BroadOmdStage } from '../../../src/core/multistage/BroadOmdStage.js';
import { Exp3AuerStage, exp3AuerGamma } from '../../../src/core/multistage/Exp3AuerStage.js';
import { Exp3Stage } from '../../../src/core/multistage/Exp3Stage.js';
import { emptyPick, type StageLearner } from '../../../src/core/multistage/StageLearner.js';
import { Rng } from '../../../src/core/random.js';

function play(stage: StageLearner, means: number[], T: number, seed: number): Float64Array {
  const costs = new Rng(seed);
  const pick = emptyPick();
  let worst = 0;
  for (let t = 1; t <= T; t++) {
    stage.pick(t, 1, pick);
    const p = stage.probabilities(t);
    let sum = 0;
    for (const x of p) {
      if (!(x >= 0 && x <= 1)) worst = Infinity;
      sum += x;
    }
    worst = Math.max(worst, Math.abs(sum - 1));
    stage.learn(pick, costs.uniform() < means[pick.child] ? 1 : 0);
  }
  expect(worst).toBeLessThan(1e-9);
  return stage.probabilities(T);
}

describe('single-node baselines', () => {
  it.each([1, 2, 3])('Broad-OMD keeps a distribution and concentrates on the cheapest child (seed %i)', (seed) => {
    const T = 5000;
    const p = play(new BroadOmdStage({ children: 3, horizon: T, rng: new Rng(seed) }), [0.7, 0.3, 0.6], T, seed + 10);
    expect(p[1]).toBeGreaterThan(0.8);
  });

  it('EXP3 concentrates on the cheapest child', () => {
    const T = 20000;
    const p = play(new Exp3Stage({ children: 3, horizon: T, rng: new Rng(4) }), [0.7, 0.3, 0.6], T, 5);
    expect(p[1]).toBeGreaterThan(0.8);
  });

  it('EXP3 (Auer) concentrates on the cheapest child and never forwards below gamma / K', () => {
    const T = 20000;
    const stage = new Exp3AuerStage({ children: 3, horizon: T, rng: new Rng(4) });
    expect(stage.gamma).toBeCloseTo(Math.sqrt((3 * Math.log(3)) / ((Math.E - 1) * T)), 15);
    const p = play(stage, [0.7, 0.3, 0.6], T, 5);
    expect(p[1]).toBeGreaterThan(0.8);
    for (const x of p) expect(x).toBeGreaterThanOrEqual(stage.gamma / 3 - 1e-15);
  });

  it('EXP3 (Auer) with one child always forwards to it; gamma outside (0, 1] is refused', () => {
    const stage = new Exp3AuerStage({ children: 1, horizon: 100, rng: new Rng(1) });
    expect(exp3AuerGamma(1, 100)).toBe(0);
    expect(stage.pick(1, 1, emptyPick()).child).toBe(0);
    expect(() => new Exp3AuerStage({ children: 2, horizon: 100, rng: new Rng(1), gamma: 0 })).toThrow(/gamma/);
  });
});
