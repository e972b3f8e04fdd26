// Regret plots: a fixed style per algorithm name whatever the scenario, the horizon as the x
// domain, the origin, the setting in the subtitle; `fleet-bandits plot` redraws and overlays.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { algorithmStyle, assignStyles, DASHES, PALETTE } from '../../src/experiments/algorithmStyles.js';
import { families } from '../../src/experiments/families.js';
import { regretPlotOf, regretPlotSpec, renderRegretSvg } from '../../src/experiments/plot.js';
import type { ExperimentSummary } from '../../src/experiments/summary.js';
import { runCli } from '../helpers/cli.js';

function summary(scenario: string, algorithms: [label: string, name: string][], horizon = 1000): ExperimentSummary {
  const point = (t: number) => ({ t, mean: t / 10, stderr: 1, q25: t / 10, median: t / 10, q75: t / 10 });
  return {
    scenario,
    setting: 'M = 3, K = 2, eps = 0.5',
    horizon,
    runs: 4,
    seed: 7,
    algorithms: algorithms.map(([name, algorithm]) => ({
      name,
      algorithm,
      finalRegret: { mean: horizon / 10, stderr: 1, min: 0, q10: 0, q25: 0, median: 0, q75: 0, q90: 0, max: 0 },
      perRun: [],
      rates: { average: 0.1, lastQuarter: 0.1 },
      curve: [point(horizon / 4), point(horizon / 2), point(horizon)],
    })),
  };
}

/** The colour the spec gives each legend entry. */
function colours(s: ExperimentSummary): Record<string, string> {
  const spec = regretPlotSpec(regretPlotOf(s)) as unknown as { layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[] };
  const { domain, range } = spec.layer[1].encoding.color.scale;
  return Object.fromEntries(domain.map((d, i) => [d, range[i]]));
}

describe('algorithm styles', () => {
  it('give an algorithm the same colour in different scenarios, whatever else is plotted and in which order', () => {
    const a = colours(summary('exp1', [['BatchSP2', 'batchsp2'], ['MA-UCB', 'ma-ucb'], ['MA-LSAE-V', 'ma-lsae-v']]));
    const b = colours(summary('exp2', [['MA-LSAE-V', 'ma-lsae-v'], ['BatchSP2 tuned', 'batchsp2']]));
    expect(b['BatchSP2 tuned']).toBe(a.BatchSP2);
    expect(b['MA-LSAE-V']).toBe(a['MA-LSAE-V']);
    expect(a.BatchSP2).not.toBe(a['MA-LSAE-V']);
    expect(a.BatchSP2).toBe(algorithmStyle('batchsp2').color);
  });

  it('differ within every registered family, and between all series of one plot', () => {
    for (const [family, def] of Object.entries(families)) {
      const keys = def.experiment.algorithms.map((n) => `${algorithmStyle(n).color} ${algorithmStyle(n).dash}`);
      expect(new Set(keys).size, family).toBe(keys.length);
    }
    const styles = assignStyles(['batchsp2', 'batchsp2', 'batchsp2', 'new-algo', 'new-algo']);
    expect(new Set(styles.map((s) => `${s.color} ${s.dash}`)).size).toBe(5);
    // The same algorithm twice keeps its colour with another dash.
    expect(styles[1].color).toBe(styles[0].color);
    expect(styles[1].dash).not.toEqual(styles[0].dash);
  });

  it('give names outside the table a deterministic palette slot', () => {
    const s = algorithmStyle('eps-exp3');
    expect(algorithmStyle('eps-exp3')).toEqual(s);
    expect(PALETTE).toContain(s.color);
    expect(DASHES).toContainEqual(s.dash);
  });
});

describe('regret plot', () => {
  it('spans exactly [0, horizon], starts every line at the origin, and names the setting in the subtitle', async () => {
    const s = summary('exp1', [['BatchSP2', 'batchsp2']], 50_000);
    const plot = regretPlotOf(s);
    expect(plot.subtitle).toBe('M = 3, K = 2, eps = 0.5, T = 50000; 4 runs, seed 7, band = ±1 s.e.');
    const spec = regretPlotSpec(plot) as unknown as { data: { values: { t: number; mean: number }[] }; layer: { encoding: { x: { scale: { domain: number[]; nice: boolean } } } }[] };
    expect(spec.layer[1].encoding.x.scale).toMatchObject({ domain: [0, 50_000], nice: false });
    expect(spec.data.values[0]).toMatchObject({ t: 0, mean: 0 });
    const svg = await renderRegretSvg(plot);
    // Ticks at 0, 10k, ..., 50k: few, readable, the last one at the horizon.
    for (const label of ['>0<', '>10k<', '>50k<']) expect(svg).toContain(label);
    expect(svg).not.toContain('>60k<');
    const log = regretPlotSpec(plot, { logX: true }) as unknown as typeof spec;
    expect(log.layer[1].encoding.x.scale).toMatchObject({ type: 'log', domain: [12_500, 50_000] });
    expect(log.data.values.some((v) => v.t === 0)).toBe(false);
  });
});

describe('fleet-bandits plot', () => {
  const root = mkdtempSync(join(tmpdir(), 'fb-plot-'));
  const save = (name: string, s: unknown) => {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, 'summary.json'), JSON.stringify(s));
    return join(root, name);
  };

  it('redraws one results directory and overlays several', () => {
    const one = save('one', summary('exp1', [['BatchSP2', 'batchsp2']]));
    const two = save('two', summary('exp2', [['BatchSP2', 'batchsp2'], ['MA-UCB', 'ma-ucb']], 2000));
    const r = runCli(['plot', one, '--formats', 'svg']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(one, 'regret.svg'), 'utf8')).toContain('exp1: cumulative regret');
    const out = join(root, 'overlay');
    const o = runCli(['plot', one, two, '--out', out, '--formats', 'svg', '--log-x']);
    expect(o.code).toBe(0);
    const svg = readFileSync(join(out, 'regret.svg'), 'utf8');
    for (const label of ['exp1: BatchSP2', 'exp2: BatchSP2', 'exp2: MA-UCB', 'exp1 vs exp2']) expect(svg).toContain(label);
  });

  it('rejects a directory without results, or a damaged summary.json, in one line with exit code 2', () => {
    const none = runCli(['plot', join(root, 'nothing')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("summary.json: not found (is '");
    const bad = save('bad', { ...summary('x', [['A', 'a']]), horizon: 'long' });
    const r = runCli(['plot', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('summary.json: horizon:');
  });
});
