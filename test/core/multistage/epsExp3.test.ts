import { describe, expect, it } from 'vitest';
import { completeTreeSpec, JobTree } from '../../../src/core/multistage/JobTree.js';
import { createStages } from '../../../src/core/multistage/createStages.js';
import { epsExp3Parameters } from '../../../src/core/multistage/epsExp3Parameters.js';
import { EpsExp3Stage } from '../../../src/core/multistage/EpsExp3Stage.js';
import { exp3Eta } from '../../../src/core/multistage/Exp3Stage.js';
import { JobRoute, learnRoute, routeJob } from '../../../src/core/multistage/routeJob.js';
import { emptyPick } from '../../../src/core/multistage/StageLearner.js';
import { Rng } from '../../../src/core/random.js';

const fig4 = JobTree.fromSpec({ root: 'root', children: { root: ['n1', 'n2'], n1: ['l3', 'l4'], n2: ['l5', 'l6'] } });

describe('epsilon-EXP3 parameters', () => {
  it('eps_n = 0 exactly at nodes whose children are all leaves, T^(-1/(L+1)) elsewhere', () => {
    const tree = JobTree.fromSpec({ root: 'r', children: { r: ['a', 'x'], a: ['b', 'c'], b: ['d', 'e'] } });
    const p = epsExp3Parameters(tree, 1e6);
    expect(tree.height).toBe(3);
    expect(p[tree.indexOf('r')].eps).toBeCloseTo(Math.pow(1e6, -1 / 4), 15);
    expect(p[tree.indexOf('a')].eps).toBeCloseTo(Math.pow(1e6, -1 / 4), 15);
    expect(p[tree.indexOf('b')].eps).toBe(0);
    // eta shrinks with the arrival lower bound Pmin below educating ancestors.
    expect(p[tree.indexOf('b')].eta).toBeLessThan(p[tree.indexOf('a')].eta);
  });

  it('is plain EXP3 for a single stage (L = 1)', () => {
    const tree = JobTree.fromSpec(completeTreeSpec(1, 4));
    const [root] = epsExp3Parameters(tree, 5000);
    expect(root.eps).toBe(0);
    expect(root.eta).toBeCloseTo(exp3Eta(4, 5000), 15);
  });
});

describe('epsilon-EXP3 estimates', () => {
  it('are unbiased: the mean estimate of each child of n1 matches its expected cost', () => {
    // Freeze the learners (no learn calls) and accumulate n1's estimate c / (P (1-eps) q) of the
    // chosen child in EXP3 mode, 0 otherwise (including rounds where n1 gets no job).
    const T = 2000;
    const stages = createStages(fig4, { name: 'eps-exp3', params: { eps: 0.3 } }, T, new Rng(5).stream('algorithm'));
    // Skew the frozen state so that q is not uniform anywhere.
    const root = stages[0] as EpsExp3Stage;
    root.learn({ child: 0, prob: 0.5, weight: 0.05, epoch: 0 }, 1);
    const n1 = stages[fig4.indexOf('n1')] as EpsExp3Stage;
    n1.learn({ child: 1, prob: 0.5, weight: 0.02, epoch: 0 }, 1);
    const means = [0.7, 0.25];
    const costRng = new Rng(9);
    const N = 400_000;
    const sum = [0, 0];
    const sumSq = [0, 0];
    const route = new JobRoute(fig4);
    const n1Index = fig4.indexOf('n1');
    for (let i = 0; i < N; i++) {
      const leaf = routeJob(fig4, stages, 10, route);
      const cost = costRng.uniform() < (leaf === fig4.indexOf('l3') ? means[0] : leaf === fig4.indexOf('l4') ? means[1] : 0.5) ? 1 : 0;
      if (route.nodes[1] !== n1Index) continue;
      const pick = route.picks[1];
      if (pick.weight > 0) {
        const est = cost / pick.weight;
        sum[pick.child] += est;
        sumSq[pick.child] += est * est;
      }
    }
    for (const m of [0, 1]) {
      const mean = sum[m] / N;
      const sd = Math.sqrt(sumSq[m] / N - mean * mean);
      expect(Math.abs(mean - means[m])).toBeLessThan((4 * sd) / Math.sqrt(N));
    }
  });

  it('anytime version restarts exactly at powers of two and resets its estimates', () => {
    const stage = new EpsExp3Stage({ children: 2, rng: new Rng(1), horizon: 0, anytime: true, parameters: (T) => epsExp3Parameters(fig4, T)[0] });
    const restarts: number[] = [];
    const pick = emptyPick();
    for (let t = 1; t <= 300; t++) {
      const before = stage.restarts;
      stage.pick(t, 1, pick);
      if (stage.restarts > before) {
        restarts.push(t);
        expect(Array.from(stage.costs)).toEqual([0, 0]);
        expect(stage.eps).toBeCloseTo(Math.pow(t, -1 / 3), 12);
      }
      stage.learn(pick, 1);
    }
    expect(restarts).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
  });

  it('keeps weights finite and probabilities normalised at depth 4 over 1e6 rounds', () => {
    const tree = JobTree.fromSpec(completeTreeSpec(4, 2));
    const T = 1_000_000;
    const stages = createStages(tree, { name: 'eps-exp3', params: {} }, T, new Rng(3).stream('algorithm'));
    const costRng = new Rng(4);
    const route = new JobRoute(tree);
    const mean = new Float64Array(tree.size);
    tree.leaves.forEach((l, i) => (mean[l] = 0.3 + (0.6 * i) / tree.leaves.length));
    for (let t = 1; t <= T; t++) {
      const leaf = routeJob(tree, stages, t, route);
      learnRoute(stages, route, costRng.uniform() < mean[leaf] ? 1 : 0);
    }
    for (const n of tree.internal) {
      const stage = stages[n] as EpsExp3Stage;
      for (const w of stage.costs) expect(Number.isFinite(w)).toBe(true);
      const p = stage.probabilities(T);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const x of p) expect(Number.isFinite(x)).toBe(true);
    }
  });
});

describe('epsilon-EXP3 with the adaptive learning rate (our proposal)', () => {
  it('is the fixed rule when every job arrives with P = Pmin and the node receives Pmin T of them', () => {
    // eps = 0.5 at r and a (both have an internal child): Pmin_a = 0.5 / 2 = 0.25.
    const tree = JobTree.fromSpec({ root: 'r', children: { r: ['a', 'x'], a: ['c', 'y'], c: ['d', 'e'] } });
    const T = 4000;
    const a = tree.indexOf('a');
    const fixed = epsExp3Parameters(tree, T, { eps: 0.5 })[a];
    const stage = new EpsExp3Stage({ children: 2, rng: new Rng(2), horizon: T, eta: 'adaptive', parameters: (h) => epsExp3Parameters(tree, h, { eps: 0.5 })[a] });
    const pick = emptyPick();
    for (let i = 0; i < 0.25 * T; i++) stage.pick(i + 1, 0.25, pick);
    expect(stage.eta).toBeCloseTo(fixed.eta, 14);
  });

  it('is EXP3 with eta_t = sqrt(2 ln K / (t K)) at the root of a single stage', () => {
    const tree = JobTree.fromSpec(completeTreeSpec(1, 3));
    const [root] = createStages(tree, { name: 'eps-exp3', params: { eta: 'adaptive' } }, 1e6, new Rng(1).stream('algorithm')) as EpsExp3Stage[];
    const pick = emptyPick();
    for (let t = 1; t <= 500; t++) {
      root.pick(t, 1, pick);
      root.learn(pick, t % 3 === 0 ? 1 : 0.2);
      expect(root.eta).toBeCloseTo(exp3Eta(3, t), 15);
    }
  });

  it('only decreases, and faster-learning than the fixed rule at a node that receives most jobs', () => {
    const T = 30_000;
    const stages = createStages(fig4, { name: 'eps-exp3', params: { eta: 'adaptive' } }, T, new Rng(6).stream('algorithm'));
    const fixed = epsExp3Parameters(fig4, T);
    const route = new JobRoute(fig4);
    const costRng = new Rng(7);
    const last = new Float64Array(fig4.size).fill(Infinity);
    let increases = 0;
    for (let t = 1; t <= T; t++) {
      routeJob(fig4, stages, t, route);
      learnRoute(stages, route, costRng.uniform() < (route.leaf === fig4.indexOf('l6') ? 0.3 : 0.7) ? 1 : 0);
      for (const n of fig4.internal) {
        const eta = (stages[n] as EpsExp3Stage).eta;
        if (eta > last[n]) increases++;
        last[n] = eta;
      }
    }
    expect(increases).toBe(0);
    // The root sees every job with P = 1, so S = T and its eta ends at the fixed one. The busier
    // of n1, n2 receives far more than Pmin T jobs, so its eta ends larger than the fixed one.
    expect(last[0]).toBeCloseTo(fixed[0].eta, 15);
    const n1 = fig4.indexOf('n1');
    const n2 = fig4.indexOf('n2');
    expect(Math.max(last[n1] / fixed[n1].eta, last[n2] / fixed[n2].eta)).toBeGreaterThan(3);
  });

  it('keeps weights finite and probabilities normalised at depth 4 over 1e6 rounds', () => {
    const tree = JobTree.fromSpec(completeTreeSpec(4, 2));
    const T = 1_000_000;
    const stages = createStages(tree, { name: 'eps-exp3', params: { eta: 'adaptive' } }, T, new Rng(3).stream('algorithm'));
    const costRng = new Rng(4);
    const route = new JobRoute(tree);
    const mean = new Float64Array(tree.size);
    tree.leaves.forEach((l, i) => (mean[l] = 0.3 + (0.6 * i) / tree.leaves.length));
    for (let t = 1; t <= T; t++) {
      const leaf = routeJob(tree, stages, t, route);
      learnRoute(stages, route, costRng.uniform() < mean[leaf] ? 1 : 0);
    }
    for (const n of tree.internal) {
      const stage = stages[n] as EpsExp3Stage;
      expect(stage.eta).toBeGreaterThan(0);
      for (const w of stage.costs) expect(Number.isFinite(w)).toBe(true);
      const p = stage.probabilities(T);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const x of p) expect(Number.isFinite(x)).toBe(true);
    }
  });
});
