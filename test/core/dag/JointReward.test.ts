import { describe, expect, it } from 'vitest';
import { Dag } from '../../../src/core/dag/Dag.js';
import { FactorReward, JointRegret, SwitchingReward, TableReward, randomTableMeans } from '../../../src/core/dag/JointReward.js';
import { Rng } from '../../../src/core/random.js';

const bern = { kind: 'bernoulli' as const };

describe('joint reward models', () => {
  it('a table reward reads the mean of the joint action and samples Bernoulli rewards around it', () => {
    const dag = new Dag([{ actions: 2, parents: [] }, { actions: 2, parents: [0] }]);
    const model = new TableReward(dag, [0.1, 0.2, 0.3, 0.9], bern);
    expect(model.mean(0, [1, 1])).toBe(0.9);
    expect(model.mean(0, [0, 1])).toBe(0.3);
    const rng = new Rng(3);
    let sum = 0;
    for (let t = 0; t < 20000; t++) sum += model.sample(t, [0, 1], rng);
    expect(sum / 20000).toBeCloseTo(0.3, 1);
    expect(new JointRegret(dag, model, 100).best).toEqual(Int32Array.from([1, 1]));
    expect(() => new TableReward(dag, [0.1], bern)).toThrow(/needs 4 means/);
  });

  it('random tables have a unique best joint action ahead of every other by the gap', () => {
    for (let seed = 0; seed < 20; seed++) {
      const means = randomTableMeans(9, 0.1, new Rng(seed));
      const sorted = [...means].sort((a, b) => b - a);
      expect(sorted[0] - sorted[1]).toBeCloseTo(0.1, 12);
      expect(sorted[0]).toBeLessThanOrEqual(1);
      expect(sorted[8]).toBeGreaterThanOrEqual(0);
    }
  });

  it('factor rewards: fit tables make a child pay only when it responds to its parent', () => {
    const dag = new Dag([{ actions: 2, parents: [] }, { actions: 2, parents: [0] }]);
    // root should play 1; the child should copy its parent
    const factors = [Float64Array.from([0, 1]), Float64Array.from([1, 0, 0, 1])];
    const mean = new FactorReward(dag, { factors, base: 0.1, scale: 0.8, combine: 'mean', noise: bern });
    expect(mean.mean(0, [1, 1])).toBeCloseTo(0.9, 12);
    expect(mean.mean(0, [0, 0])).toBeCloseTo(0.5, 12);
    expect(mean.mean(0, [1, 0])).toBeCloseTo(0.5, 12);
    expect(mean.mean(0, [0, 1])).toBeCloseTo(0.1, 12);
    const product = new FactorReward(dag, { factors, base: 0.1, scale: 0.8, combine: 'product', noise: bern });
    expect(product.mean(0, [0, 0])).toBeCloseTo(0.1, 12);
    expect(product.mean(0, [1, 1])).toBeCloseTo(0.9, 12);
    expect(mean.meanRange).toEqual([0.1, 0.9]);
  });

  it('gated factors: the root chooses the value, the followers pay as far as they fit it', () => {
    const dag = new Dag([{ actions: 2, parents: [] }, { actions: 2, parents: [0] }, { actions: 2, parents: [0] }]);
    const factors = [Float64Array.from([0.5, 1]), Float64Array.from([1, 0, 0, 1]), Float64Array.from([0, 1, 1, 0])];
    const gated = new FactorReward(dag, { factors, base: 0, scale: 1, combine: 'gated', noise: bern });
    expect(gated.mean(0, [1, 1, 0])).toBeCloseTo(1, 12);
    expect(gated.mean(0, [1, 1, 1])).toBeCloseTo(0.5, 12);
    expect(gated.mean(0, [0, 0, 1])).toBeCloseTo(0.5, 12);
    expect(gated.mean(0, [0, 1, 0])).toBeCloseTo(0, 12);
  });

  it('switching rewards change means at the phase starts; regret is against the best fixed joint action over the horizon', () => {
    const dag = new Dag([{ actions: 2, parents: [] }]);
    const a = new TableReward(dag, [0.9, 0.1], bern);
    const b = new TableReward(dag, [0.2, 0.6], bern);
    const model = new SwitchingReward([0, 30], [a, b]);
    expect(model.mean(29, [0])).toBe(0.9);
    expect(model.mean(30, [0])).toBe(0.2);
    expect(model.segments(100)).toEqual([{ from: 0, to: 30 }, { from: 30, to: 100 }]);
    expect(model.segments(20)).toEqual([{ from: 0, to: 20 }]);
    // action 0: 30*0.9 + 70*0.2 = 41; action 1: 30*0.1 + 70*0.6 = 45 -> action 1 is best
    const regret = new JointRegret(dag, model, 100);
    expect(regret.best).toEqual(Int32Array.from([1]));
    expect(regret.instant(0, [0])).toBeCloseTo(-0.8, 12);
    expect(regret.instant(50, [0])).toBeCloseTo(0.4, 12);
    expect(() => new SwitchingReward([5, 30], [a, b])).toThrow(/begin at 0/);
  });
});
