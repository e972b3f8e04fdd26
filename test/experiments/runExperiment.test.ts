import { describe, expect, it } from 'vitest';
import { makeGrid } from '../../src/experiments/grid.js';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { quantile, summarizeAlgorithm } from '../../src/experiments/summary.js';
import { regretCsv } from '../../src/experiments/writeOutputs.js';
import { regretPlotOf, renderRegretSvg } from '../../src/experiments/plot.js';

const base = withOverrides(loadScenario('sim/scenarios/single-agent.yaml').scenario, { runs: 4, horizon: 3000 });

describe('makeGrid', () => {
  it('is ascending, within [1, T] and ends at T', () => {
    for (const spacing of ['linear', 'log'] as const) {
      for (const [T, n] of [[1, 5], [10, 200], [3000, 50], [12345, 17]]) {
        const g = [...makeGrid(T, n, spacing)];
        expect(g[g.length - 1]).toBe(T);
        expect(g[0]).toBeGreaterThanOrEqual(1);
        for (let i = 1; i < g.length; i++) expect(g[i]).toBeGreaterThan(g[i - 1]);
      }
    }
  });
});

describe('summarizeAlgorithm', () => {
  it('computes mean, standard error and rates', () => {
    const grid = Int32Array.from([2, 3, 4]);
    const s = summarizeAlgorithm('x', grid, [Float64Array.from([1, 2, 4]), Float64Array.from([3, 4, 8])]);
    expect(s.finalRegret.mean).toBe(6);
    expect(s.finalRegret.stderr).toBeCloseTo(2, 12); // sd = 2*sqrt(2), / sqrt(2)
    expect(s.rates.average).toBe(1.5);
    expect(s.rates.lastQuarter).toBe(3); // from t=3 (mean 3) to t=4 (mean 6)
  });

  it('keeps every run\'s final regret and the quantiles over runs (linear between order statistics)', () => {
    const grid = Int32Array.from([1, 2]);
    const finals = [7, 1, 4, 10, 2];
    const s = summarizeAlgorithm('Label', grid, finals.map((f) => Float64Array.from([0, f])), [], 'algo');
    expect(s.algorithm).toBe('algo');
    expect(s.perRun).toEqual(finals);
    // sorted 1 2 4 7 10: q25 at index 1, median at 2, q75 at 3, q10 at 0.4, q90 at 3.6
    expect(s.finalRegret).toMatchObject({ min: 1, q25: 2, median: 4, q75: 7, max: 10 });
    expect(s.finalRegret.q10).toBeCloseTo(1.4, 12);
    expect(s.finalRegret.q90).toBeCloseTo(8.8, 12);
    expect(s.curve[1]).toMatchObject({ t: 2, q25: 2, median: 4, q75: 7 });
    expect(quantile([5], 0.9)).toBe(5);
  });
});

describe('runExperiment', () => {
  it('learning algorithms end far below uniform random', async () => {
    const s = await runExperiment(base, { workers: 0 });
    const final = Object.fromEntries(s.algorithms.map((a) => [a.name, a.finalRegret.mean]));
    expect(final.UCB1).toBeLessThan(final.uniform / 4);
    expect(final.SAE).toBeLessThan(final.uniform / 2); // still exploring at T = 3000
    expect(final.EXP3).toBeLessThan(final.uniform / 2);
  });

  it('gives identical results on 0, 1 and 2 workers', async () => {
    const inline = await runExperiment(base, { workers: 0 });
    const one = await runExperiment(base, { workers: 1 });
    const two = await runExperiment(base, { workers: 2 });
    expect(one).toEqual(inline);
    expect(two).toEqual(inline);
  });

  it('a different seed gives different numbers', async () => {
    const a = await runExperiment(withOverrides(base, { algorithms: ['UCB1'] }), { workers: 0 });
    const b = await runExperiment(withOverrides(base, { algorithms: ['UCB1'], seed: 99 }), { workers: 0 });
    expect(a.algorithms[0].finalRegret.mean).not.toBe(b.algorithms[0].finalRegret.mean);
  });

  it('rejects an algorithm the scenario does not have, listing the ones it has', () => {
    expect(() => withOverrides(base, { algorithms: ['ucb9'] })).toThrow("algorithm 'ucb9' is not in scenario 'single-agent'; it has: UCB1, SAE, EXP3, uniform");
  });

  it('writes a CSV row per algorithm and grid point and a real SVG plot', async () => {
    const s = await runExperiment(withOverrides(base, { runs: 2 }), { workers: 0 });
    const csv = regretCsv(s).trim().split('\n');
    expect(csv[0]).toBe('algorithm,t,mean,stderr,q25,median,q75');
    expect(csv).toHaveLength(1 + s.algorithms.length * s.algorithms[0].curve.length);
    const svg = await renderRegretSvg(regretPlotOf(s));
    expect(svg).toMatch(/^<svg/);
    for (const a of s.algorithms) expect(svg).toContain(a.name);
    expect(svg).toContain('cumulative regret');
    expect(svg).toContain('round t');
  });
});
