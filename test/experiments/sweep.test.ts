import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { algorithmStyle } from '../../src/experiments/algorithmStyles.js';
import { fitTrend, runSweep, type SweepSummary } from '../../src/experiments/sweep.js';
import { sweepPlotSpec } from '../../src/experiments/writeSweep.js';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { runCli } from '../helpers/cli.js';

describe('sim --sweep', () => {
  it('fits a power law exactly on power-law data, and a with a known exponent at the middle horizon', () => {
    const points = [1e3, 1e4, 1e5].map((T) => ({ horizon: T, mean: 3 * Math.pow(T, -0.4), stderr: 0 }));
    const free = fitTrend(points)!;
    expect(free.exponent).toBeCloseTo(-0.4, 12);
    expect(free.a).toBeCloseTo(3, 10);
    expect(free.source).toBe('least squares');
    const fixed = fitTrend(points.map((p, i) => (i === 1 ? { ...p, mean: 2 * Math.pow(p.horizon, -1 / 3) } : p)), { value: -1 / 3, source: 'theory' })!;
    expect(fixed.a).toBeCloseTo(2, 12);
    expect(fitTrend([{ horizon: 10, mean: -1, stderr: 0 }, { horizon: 100, mean: 0.5, stderr: 0 }])).toBeNull();
  });

  it('runs the multistage family at each horizon with the -1/(L+1) trend, and another family with a fitted exponent', async () => {
    const tree = withOverrides(loadScenario('sim/scenarios/tree-quick.yaml').scenario, { runs: 2, algorithms: ['exp3'] });
    const s = await runSweep(tree, [800, 200, 400], { workers: 0 });
    expect(s.horizons).toEqual([200, 400, 800]);
    expect(s.algorithms[0].points.map((p) => p.horizon)).toEqual([200, 400, 800]);
    expect(s.algorithms[0].trend?.exponent).toBeCloseTo(-1 / 3, 15);
    expect(s.algorithms[0].trend?.source).toBe('theory: -1/(L+1), L = 2');
    const bandit = withOverrides(loadScenario('sim/scenarios/single-agent.yaml').scenario, { runs: 2, algorithms: ['ucb1'] });
    const b = await runSweep(bandit, [500, 2000, 8000], { workers: 0 });
    expect(b.algorithms[0].trend?.source).toBe('least squares');
    // UCB1's regret is logarithmic: regret / T falls nearly like 1/T.
    expect(b.algorithms[0].trend!.exponent).toBeLessThan(-0.5);
  });

  it('plots log-log with the algorithms\' own colours and a legend; symmetric-log once a regret is <= 0, so no point is left out', () => {
    const summary = (means: number[]): SweepSummary => ({
      scenario: 's',
      family: 'multistage',
      runs: 2,
      seed: 1,
      horizons: [100, 1000],
      algorithms: [
        { name: 'eps', algorithm: 'eps-exp3', points: [{ horizon: 100, mean: 0.2, stderr: 0.01 }, { horizon: 1000, mean: means[0], stderr: 0.01 }], trend: null },
        { name: 'auer', algorithm: 'exp3-auer', points: [{ horizon: 100, mean: 0.3, stderr: 0.01 }, { horizon: 1000, mean: means[1], stderr: 0.01 }], trend: null },
      ],
    });
    const yScale = (spec: ReturnType<typeof sweepPlotSpec>) => {
      const layers = (spec as unknown as { layer: { data: { values: unknown[] }; mark: { type: string; point?: boolean }; encoding: { y: { scale: { type: string } }; color: { scale: { range: string[] }; legend?: null } } }[] }).layer;
      const line = layers.find((l) => l.mark.type === 'line' && l.mark.point)!;
      return { type: line.encoding.y.scale.type, range: line.encoding.color.scale.range, legend: line.encoding.color.legend, points: line.data.values.length };
    };
    const positive = yScale(sweepPlotSpec(summary([0.1, 0.25])));
    expect(positive.type).toBe('log');
    expect(positive.range).toEqual([algorithmStyle('eps-exp3').color, algorithmStyle('exp3-auer').color]);
    expect(positive.legend).toBeUndefined();
    const negative = yScale(sweepPlotSpec(summary([-0.05, 0.25])));
    expect(negative.type).toBe('symlog');
    expect(negative.points).toBe(4);
  });

  it.each([
    ['sim/scenarios/erasure-quick.yaml', 'BatchSP2'],
    ['sim/scenarios/coverage-quick.yaml', 'multi-g-ucb'],
    ['sim/scenarios/dag-quick.yaml', 'dag-ucb1'],
  ])('works for every family: %s', async (file, alg) => {
    const s = withOverrides(loadScenario(file).scenario, { runs: 2, algorithms: [alg] });
    const sweep = await runSweep(s, [100, 300], { workers: 0 });
    expect(sweep.algorithms[0].points.map((p) => p.horizon)).toEqual([100, 300]);
    for (const p of sweep.algorithms[0].points) expect(Number.isFinite(p.mean)).toBe(true);
  });

  it('sweeps a DAG game: per-context UCB1 regret per round falls with T on dag-quick (fitted trend)', async () => {
    const s = withOverrides(loadScenario('sim/scenarios/dag-quick.yaml').scenario, { runs: 3, algorithms: ['dag-ucb1'] });
    const sweep = await runSweep(s, [500, 2000, 8000], { workers: 0 });
    const means = sweep.algorithms[0].points.map((p) => p.mean);
    expect(means[2]).toBeLessThan(means[0]);
    expect(sweep.algorithms[0].trend?.source).toBe('least squares');
    expect(sweep.algorithms[0].trend!.exponent).toBeLessThan(0);
  });

  it('writes sweep.json, sweep.csv and sweep.svg from the CLI, and rejects a bad list or --sweep with --horizon', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-sweep-'));
    const r = runCli(['sim', 'sim/scenarios/tree-quick.yaml', '--sweep', '100,300', '--runs', '2', '--workers', '0', '--quiet', '-o', dir, '--algorithms', 'epsilon-EXP3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'sweep.json'), 'utf8'));
    expect(summary.horizons).toEqual([100, 300]);
    expect(readFileSync(path.join(dir, 'sweep.csv'), 'utf8').split('\n')[0]).toBe('algorithm,T,regret_per_round,stderr,trend_a,trend_exponent,trend_source');
    expect(readFileSync(path.join(dir, 'sweep.svg'), 'utf8')).toMatch(/^<svg/);
    const bad = runCli(['sim', 'sim/scenarios/tree-quick.yaml', '--sweep', '100,x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sweep must be an integer/);
    const both = runCli(['sim', 'sim/scenarios/tree-quick.yaml', '--sweep', '100', '--horizon', '50']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--sweep and --horizon exclude each other/);
  });
});
