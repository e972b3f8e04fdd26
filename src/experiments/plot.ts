/**
 * Regret plot as SVG, rendered headless with vega-lite + vega: one line per algorithm with a
 * shaded band of +-1 standard error, axes and a legend.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ExperimentSummary } from './summary.js';

export function regretPlotSpec(summary: ExperimentSummary, logX = false): TopLevelSpec {
  const values = summary.algorithms.flatMap((a) =>
    a.curve.map((p) => ({ algorithm: a.name, t: p.t, mean: p.mean, lo: p.mean - p.stderr, hi: p.mean + p.stderr })),
  );
  const x = { field: 't', type: 'quantitative' as const, title: 'round t', scale: logX ? { type: 'log' as const } : {} };
  const color = { field: 'algorithm', type: 'nominal' as const, title: 'algorithm' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${summary.scenario}: cumulative regret`, subtitle: `${summary.runs} runs, seed ${summary.seed}, band = ±1 s.e.` },
    width: 640,
    height: 380,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: { ...color, legend: null } } },
      { mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'cumulative regret' }, color } },
    ],
    resolve: { legend: { color: 'independent' } },
    config: { font: 'sans-serif' },
  };
}

export async function renderRegretSvg(summary: ExperimentSummary): Promise<string> {
  const view = new vega.View(vega.parse(compile(regretPlotSpec(summary)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
