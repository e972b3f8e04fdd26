/** Writes sweep.json, sweep.csv and sweep.svg (time-average regret vs T on log axes, dashed trends). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { assignStyles } from './algorithmStyles.js';
import { SI_LABEL } from './plot.js';
import type { SweepSummary } from './sweep.js';

export function sweepPlotSpec(summary: SweepSummary): TopLevelSpec {
  // A learner can beat the fixed-leaf benchmark (regret <= 0, e.g. one that follows a change):
  // then the y axis is symmetric-log, logarithmic away from 0 and linear near it, so every point
  // is drawn; with all points positive it is plain log-log.
  const allPositive = summary.algorithms.every((a) => a.points.every((p) => p.mean > 0));
  const smallest = Math.min(...summary.algorithms.flatMap((a) => a.points.map((p) => Math.abs(p.mean)).filter((v) => v > 0)), 1);
  const yScale = allPositive ? { type: 'log' as const } : { type: 'symlog' as const, constant: smallest / 2 };
  // Symmetric-log ticks: 1-2-5 steps on both sides of 0 (the default ticks are linear and sparse).
  const extent = Math.max(...summary.algorithms.flatMap((a) => a.points.map((p) => Math.abs(p.mean) + p.stderr)));
  const steps = [1, 2, 5].flatMap((m) => [-4, -3, -2, -1, 0].map((e) => m * 10 ** e)).filter((v) => v >= smallest / 2 && v <= 2 * extent);
  const yAxis = allPositive ? {} : { axis: { values: [0, ...steps, ...steps.map((v) => -v)].sort((a, b) => a - b) } };
  const points = summary.algorithms.flatMap((a) =>
    a.points.map((p) => ({ algorithm: a.name, T: p.horizon, mean: p.mean, lo: allPositive ? Math.max(p.mean - p.stderr, p.mean / 10) : p.mean - p.stderr, hi: p.mean + p.stderr })),
  );
  const trend = summary.algorithms.flatMap((a) =>
    a.trend ? summary.horizons.map((T) => ({ algorithm: a.name, T, fit: a.trend!.a * Math.pow(T, a.trend!.exponent), trend: `${a.name}: ${a.trend!.a.toPrecision(3)} T^${a.trend!.exponent.toFixed(3)} (${a.trend!.source})` })) : [],
  );
  const domain = summary.algorithms.map((a) => a.name);
  const styles = assignStyles(summary.algorithms.map((a) => a.algorithm ?? a.name));
  const x = { field: 'T', type: 'quantitative' as const, title: 'horizon T', scale: { type: 'log' as const }, axis: { labelExpr: SI_LABEL } };
  const color = { field: 'algorithm', type: 'nominal' as const, title: null, scale: { domain, range: styles.map((s) => s.color) }, sort: domain };
  const subtitle = [`${summary.runs} runs per horizon, seed ${summary.seed}, bars = ±1 s.e., dashed = fitted trend`];
  if (!allPositive) subtitle.push('y axis symmetric-log: some time-average regrets are <= 0 (better than the best fixed action)');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${summary.scenario}: time-average regret vs horizon`, subtitle },
    width: 560,
    height: 380,
    layer: [
      ...(allPositive ? [] : [{ mark: { type: 'rule' as const, color: '#888', strokeWidth: 1 }, encoding: { y: { datum: 0, type: 'quantitative' as const, scale: yScale } } }]),
      { data: { values: points }, mark: { type: 'rule' }, encoding: { x, y: { field: 'lo', type: 'quantitative', scale: yScale }, y2: { field: 'hi' }, color: { ...color, legend: null } } },
      { data: { values: points }, mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'regret / T', scale: yScale, ...yAxis }, color } },
      { data: { values: trend }, mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x, y: { field: 'fit', type: 'quantitative', scale: yScale }, color: { ...color, legend: null }, tooltip: { field: 'trend' } } },
    ],
    // Error bars and trends share the colours but draw no legend of their own.
    resolve: { legend: { color: 'independent' } },
    config: { font: 'sans-serif', legend: { symbolType: 'stroke', symbolStrokeWidth: 2, labelLimit: 240 } },
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
