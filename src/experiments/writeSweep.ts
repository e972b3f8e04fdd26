/** Writes sweep.json, sweep.csv and sweep.svg (log-log time-average regret vs T, dashed trends). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { SweepSummary } from './sweep.js';

export function sweepPlotSpec(summary: SweepSummary): TopLevelSpec {
  // Log axes cannot show regret <= 0 (a learner that beats the fixed-leaf benchmark): those
  // points stay in sweep.csv and sweep.json and are named in the subtitle.
  const points = summary.algorithms.flatMap((a) =>
    a.points.filter((p) => p.mean > 0).map((p) => ({ algorithm: a.name, T: p.horizon, mean: p.mean, lo: Math.max(p.mean - p.stderr, p.mean / 10), hi: p.mean + p.stderr })),
  );
  const hidden = summary.algorithms.flatMap((a) => a.points.filter((p) => !(p.mean > 0)).map((p) => `${a.name} at T=${p.horizon}`));
  const trend = summary.algorithms.flatMap((a) =>
    a.trend ? summary.horizons.map((T) => ({ algorithm: a.name, T, fit: a.trend!.a * Math.pow(T, a.trend!.exponent), trend: `${a.name}: ${a.trend!.a.toPrecision(3)} T^${a.trend!.exponent.toFixed(3)} (${a.trend!.source})` })) : [],
  );
  const x = { field: 'T', type: 'quantitative' as const, title: 'horizon T', scale: { type: 'log' as const } };
  const color = { field: 'algorithm', type: 'nominal' as const, title: 'algorithm' };
  const subtitle = [`${summary.runs} runs per horizon, seed ${summary.seed}, bars = ±1 s.e., dashed = fitted trend`];
  if (hidden.length > 0) subtitle.push(`not shown (regret <= 0): ${hidden.join(', ')}`);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${summary.scenario}: time-average regret vs horizon`, subtitle },
    width: 560,
    height: 380,
    layer: [
      { data: { values: points }, mark: { type: 'rule' }, encoding: { x, y: { field: 'lo', type: 'quantitative', scale: { type: 'log' } }, y2: { field: 'hi' }, color: { ...color, legend: null } } },
      { data: { values: points }, mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'regret / T', scale: { type: 'log' } }, color } },
      { data: { values: trend }, mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x, y: { field: 'fit', type: 'quantitative', scale: { type: 'log' } }, color: { ...color, legend: null }, tooltip: { field: 'trend' } } },
    ],
    config: { font: 'sans-serif' },
  };
}

export function sweepCsv(summary: SweepSummary): string {
  const lines = ['algorithm,T,regret_per_round,stderr,trend_a,trend_exponent,trend_source'];
  for (const a of summary.algorithms) {
    for (const p of a.points) lines.push(`${JSON.stringify(a.name)},${p.horizon},${p.mean},${p.stderr},${a.trend?.a ?? ''},${a.trend?.exponent ?? ''},${JSON.stringify(a.trend?.source ?? '')}`);
  }
  return lines.join('\n') + '\n';
}

export async function writeSweepOutputs(summary: SweepSummary, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const view = new vega.View(vega.parse(compile(sweepPlotSpec(summary)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const files: Record<string, string> = { 'sweep.json': JSON.stringify(summary, null, 2) + '\n', 'sweep.csv': sweepCsv(summary), 'sweep.svg': svg };
  return Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
