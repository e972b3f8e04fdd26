import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenarioText } from '../../../src/experiments/scenario/loadScenario.js';
import { simulateTree } from '../../../src/experiments/multistage/multistageExperiment.js';
import type { MultistageScenario } from '../../../src/experiments/multistage/schema.js';
import { runRng } from '../../../src/experiments/runTask.js';

function timeAverageRegret(scenario: MultistageScenario, algorithm: string, runs: number): number[] {
  const a = scenario.algorithms.findIndex((x) => x.name === algorithm);
  const T = scenario.horizon;
  return Array.from({ length: runs }, (_, r) => simulateTree(scenario, a, runRng(scenario.seed, r), Int32Array.of(T))[0] / T);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('multistage family on the Fig. 4 tree (paper Sec. 7, spec 6)', () => {
  const fig4 = { ...(loadScenario('sim/scenarios/tree-fig4.yaml').scenario as MultistageScenario), horizon: 30_000 };
  const withAll = {
    ...fig4,
    algorithms: [...fig4.algorithms, { name: 'normalized-eg' as const, params: {} }],
  } as MultistageScenario;

  it('epsilon-EXP3 reaches the best fixed leaf; Broad-OMD stays near the 0.1 of the starved subtree; EXP3 is worse on average', () => {
    const eps = timeAverageRegret(withAll, 'eps-exp3', 5);
    const exp3 = timeAverageRegret(withAll, 'exp3', 5);
    const omd = timeAverageRegret(withAll, 'broad-omd', 5);
    expect(mean(eps)).toBeLessThan(0.01);
    for (const r of eps) expect(r).toBeLessThan(0.03);
    for (const r of omd) expect(r).toBeGreaterThan(0.09);
    expect(mean(exp3)).toBeGreaterThan(mean(eps) + 0.01);
  });

  it('normalized-EG (full information) stays within the Theorem 2 bound L sqrt(2 T ln K)', () => {
    const s = { ...withAll, horizon: 20_000 };
    const T = s.horizon;
    const bound = (2 * Math.sqrt(2 * T * Math.log(2))) / T;
    const eg = timeAverageRegret(s, 'normalized-eg', 4);
    expect(mean(eg)).toBeLessThan(bound);
  });

  it('gives the same numbers for the same seed and different ones for another run', () => {
    const s = loadScenario('sim/scenarios/tree-quick.yaml').scenario as MultistageScenario;
    const grid = Int32Array.of(500, 1000, 2000);
    for (let a = 0; a < s.algorithms.length; a++) {
      const x = simulateTree(s, a, runRng(s.seed, 0), grid);
      expect(simulateTree(s, a, runRng(s.seed, 0), grid)).toEqual(x);
      expect(simulateTree(s, a, runRng(s.seed, 1), grid)).not.toEqual(x);
    }
  });
});

describe('multistage family on a Bernoulli panel (paper Sec. 7.1)', () => {
  const panel = { ...(loadScenario('sim/scenarios/tree-bernoulli.yaml').scenario as MultistageScenario), horizon: 40_000 };

  it('EXP3 in Auer et al.\'s reward form keeps starving the subtree of the switching leaf; epsilon-EXP3 finds it', () => {
    const auer = timeAverageRegret(panel, 'exp3-auer', 6);
    const eps = timeAverageRegret(panel, 'eps-exp3', 6);
    for (const r of auer) expect(r).toBeGreaterThan(0.1);
    expect(mean(eps)).toBeLessThan(mean(auer) - 0.05);
  });
});

describe('multistage scenarios: bad input', () => {
  const base = `
name: bad
family: multistage
horizon: 100
algorithms: [{ name: eps-exp3 }]
`;
  const errorOf = (tree: string, extra = '') => {
    try {
      parseScenarioText(base + tree + extra, 'bad.yaml');
    } catch (err) {
      return (err as Error).message;
    }
    return '';
  };

  it('names the field of a cycle, a node without children, a cost outside [0, 1], a missing model, a bad probe', () => {
    expect(errorOf('tree: { type: explicit, root: r, children: { r: [a], a: [r] }, leaves: {} }')).toMatch(/bad\.yaml: tree: the root 'r' appears as a child of 'a' \(a cycle\)/);
    expect(errorOf('tree: { type: explicit, root: r, children: { r: [a, b], a: [] }, leaves: { b: { type: bernoulli, mean: 0.5 } } }')).toMatch(/node 'a' is listed with no children/);
    expect(errorOf('tree: { type: explicit, root: r, children: { r: [a, b] }, leaves: { a: { type: bernoulli, mean: 1.5 }, b: { type: bernoulli, mean: 0.5 } } }')).toMatch(/tree\.leaves\.a\.mean: value must be <= 1, found 1.5/);
    expect(errorOf('tree: { type: explicit, root: r, children: { r: [a, b] }, leaves: { a: { type: bernoulli, mean: 0.5 } } }')).toMatch(/leaf 'b' has no cost model/);
    expect(errorOf('tree: { type: explicit, root: r, children: { r: [a, b] }, leaves: { a: { type: deadline, missRate: -0.1 }, b: { type: bernoulli, mean: 0.5 } } }')).toMatch(/missRate/);
    expect(
      errorOf('tree: { type: explicit, root: r, children: { r: [a, b] }, leaves: { a: { type: bernoulli, mean: 0.5 }, b: { type: bernoulli, mean: 0.5 } } }', '\ntransient: { window: 10, probes: [{ node: a, child: b }] }'),
    ).toMatch(/transient\.probes\[0\]\.node: 'a' is not an internal node/);
    expect(errorOf('tree: { type: layered, layers: 2, relays: [{ mean: 0 }], lastHop: { mean: 0.1 } }')).toMatch(/tree\.relays\[0\]\.mean/);
  });

  it('loads every shipped multistage scenario', () => {
    for (const f of ['tree-bernoulli', 'tree-fig4', 'offload-mec', 'multihop', 'tree-quick']) {
      expect(loadScenario(`sim/scenarios/${f}.yaml`).scenario.family).toBe('multistage');
    }
  });
});
