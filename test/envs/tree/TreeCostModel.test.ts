import { describe, expect, it } from 'vitest';
import { JobTree } from '../../../src/core/multistage/JobTree.js';
import { Rng } from '../../../src/core/random.js';
import { bernoulliPanel } from '../../../src/envs/tree/bernoulliPanel.js';
import { layeredProblem } from '../../../src/envs/tree/layeredProblem.js';
import { mecProblem } from '../../../src/envs/tree/mecProblem.js';
import { erlangSurvival, sumOfExponentialsSurvival } from '../../../src/envs/tree/sumOfExponentialsSurvival.js';
import { bernoulliMean, TreeCostModel, TreeModelError } from '../../../src/envs/tree/TreeCostModel.js';

describe('sumOfExponentialsSurvival', () => {
  it('matches closed forms: one exponential, Erlang, two distinct rates', () => {
    expect(sumOfExponentialsSurvival([0.5], 1)).toBeCloseTo(Math.exp(-2), 14);
    expect(sumOfExponentialsSurvival([0.2, 0.2, 0.2], 1)).toBeCloseTo(erlangSurvival(3, 5, 1), 14);
    // Hypoexponential with rates a, b: (b e^{-a x} - a e^{-b x}) / (b - a).
    const a = 1 / 0.3;
    const b = 1 / 0.1;
    expect(sumOfExponentialsSurvival([0.3, 0.1], 0.8)).toBeCloseTo((b * Math.exp(-a * 0.8) - a * Math.exp(-b * 0.8)) / (b - a), 12);
    expect(sumOfExponentialsSurvival([0.3], -0.1)).toBe(1);
    expect(sumOfExponentialsSurvival([], 0.5)).toBe(0);
  });

  it('agrees with Monte Carlo for mixed equal and distinct means', () => {
    const means = [0.15, 0.15, 0.4, 0.2];
    const rng = new Rng(2);
    const N = 200_000;
    let miss = 0;
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (const m of means) s += rng.exponential(1 / m);
      if (s > 1) miss++;
    }
    const p = sumOfExponentialsSurvival(means, 1);
    expect(Math.abs(miss / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });
});

describe('TreeCostModel', () => {
  it('switches Bernoulli means after floor(at * T)', () => {
    const spec = { mean: 1, changes: [{ at: 0.5, mean: 0 }] };
    expect(bernoulliMean(spec, 50, 100)).toBe(1);
    expect(bernoulliMean(spec, 51, 100)).toBe(0);
  });

  it('draws deadline costs whose mean is the exact expected cost (MEC, congested link)', () => {
    const problem = mecProblem({
      robot: 'robot',
      servers: [{ name: 's0', link: { mean: { from: 0.1, to: 0.6 } } }],
      networks: [{ name: 'n', missRate: 0.2, processingTime: 0.3 }],
      deadline: 1,
    });
    const tree = JobTree.fromSpec(problem.tree);
    const T = 1000;
    const model = new TreeCostModel(tree, problem, T, new Rng(1));
    const leaf = tree.indexOf('s0_n');
    const s0 = tree.indexOf('s0');
    const N = 100_000;
    for (const t of [1, T]) {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += model.leafCost(leaf, t, model.linkDelay(s0, t));
      const mean = 1 / (t === 1 ? 0.1 : 0.6);
      const miss = Math.exp(-mean * 0.7);
      expect(model.expectedCost(leaf, t)).toBeCloseTo(miss + (1 - miss) * 0.2, 12);
      expect(Math.abs(sum / N - model.expectedCost(leaf, t))).toBeLessThan(0.01);
    }
  });

  it('finds the best fixed leaf over the horizon (the switching leaf in a Bernoulli panel)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const problem = bernoulliPanel({ depth: 2, arity: 3, pMin: 0.6, changeAt: 0.5 }, new Rng(seed));
      const tree = JobTree.fromSpec(problem.tree);
      const model = new TreeCostModel(tree, problem, 1000, new Rng(seed));
      const best = model.bestFixedLeaf();
      expect(problem.leaves[tree.names[best.leaf]]).toMatchObject({ mean: 1, changes: [{ at: 0.5, mean: 0 }] });
      expect(best.total).toBe(500);
      const pMinLeaf = tree.leaves.find((l) => model.expectedCost(l, 1) === 0.6)!;
      expect(tree.pathTo(pMinLeaf)[1]).not.toBe(tree.pathTo(best.leaf)[1]);
    }
  });

  it('builds the layered multi-hop tree (3^H leaves) and rejects problems that do not fit their tree', () => {
    const problem = layeredProblem({ source: 'src', layers: 2, relays: [{ mean: 0.1 }, { mean: 0.2 }, { mean: 0.3 }], lastHop: { mean: 0.2 }, deadline: 1 });
    const tree = JobTree.fromSpec(problem.tree);
    expect(tree.leaves.length).toBe(9);
    expect(tree.names).toContain('a1b2');
    const model = new TreeCostModel(tree, problem, 10, new Rng(1));
    expect(model.expectedCost(tree.indexOf('a1b2'), 1)).toBeCloseTo(sumOfExponentialsSurvival([0.2, 0.3, 0.2], 1), 14);
    const bad = { ...problem, leaves: { ...problem.leaves, src: { type: 'bernoulli' as const, mean: 2 } } };
    expect(() => new TreeCostModel(tree, bad, 10, new Rng(1))).toThrow(TreeModelError);
    expect(() => new TreeCostModel(tree, bad, 10, new Rng(1))).toThrow(/leaves\.src: 'src' is an internal node[\s\S]*leaves\.src\.mean: a cost probability must be in \[0, 1\], found 2/);
  });

  it('keeps exact miss probabilities: every model of a problem reads the numbers a fresh computation gives', () => {
    const problem = layeredProblem({ source: 'src', layers: 2, relays: [{ mean: 0.15 }, { mean: { from: 0.05, to: 0.4 } }, { mean: 0.25 }], lastHop: { mean: 0.2 }, deadline: 1 });
    const tree = JobTree.fromSpec(problem.tree);
    const T = 40;
    const fresh = (leaf: number, t: number) => {
      const means: number[] = [];
      for (let m = leaf; m > 0; m = tree.parent[m]) {
        const spec = problem.links[tree.names[m]].mean;
        means.push(typeof spec === 'number' ? spec : spec.from + ((spec.to - spec.from) * (t - 1)) / (T - 1));
      }
      means.push(0.2);
      return sumOfExponentialsSurvival(means, 1);
    };
    const first = new TreeCostModel(tree, problem, T, new Rng(1));
    const second = new TreeCostModel(tree, problem, T, new Rng(2));
    for (const model of [first, second, first]) {
      for (const l of tree.leaves) for (const t of [1, 2, 17, T, T + 3]) expect(model.expectedCost(l, t)).toBe(fresh(l, t));
    }
    // Another horizon moves the congested means: its own table, not the first one's.
    const longer = new TreeCostModel(tree, problem, 2 * T, new Rng(1));
    const a1b1 = tree.indexOf('a1b1');
    expect(longer.expectedCost(a1b1, T)).not.toBe(first.expectedCost(a1b1, T));
  });
});
