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

/**
 * Communication cost per algorithm (mean over runs, log scale): commands sent (transmissions)
 * and uplink feedback bits, for summaries whose family reports them (erasure).
 */
export function communicationPlotSpec(summary: ExperimentSummary): TopLevelSpec | undefined {
  const names: Record<string, string> = { transmissions: 'transmissions', feedbackBits: 'feedback bits' };
  const values = summary.algorithms.flatMap((a) =>
    Object.entries(a.metrics ?? {})
      .filter(([k]) => k in names)
      // A log axis cannot show 0; a count of 0 is drawn at 0.5 and labelled by the tooltip-free table in summary.json.
      .map(([k, v]) => ({ algorithm: a.name, counter: names[k], count: Math.max(v.mean, 0.5) })),
  );
  if (values.length === 0) return undefined;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${summary.scenario}: communication per run`, subtitle: `mean of ${summary.runs} runs over ${summary.horizon} rounds (log scale; 0 drawn at 0.5)` },
    data: { values },
    width: 300,
    height: 260,
    facet: { column: { field: 'counter', type: 'nominal', title: null } },
    spec: {
      mark: 'bar',
      encoding: {
        x: { field: 'algorithm', type: 'nominal', title: null, sort: null },
        y: { field: 'count', type: 'quantitative', scale: { type: 'log' }, title: 'count' },
        color: { field: 'algorithm', type: 'nominal', legend: null },
      },
    },
    resolve: { scale: { y: 'independent' } },
    config: { font: 'sans-serif' },
  };
}

export async function renderCommunicationSvg(summary: ExperimentSummary): Promise<string | undefined> {
  const spec = communicationPlotSpec(summary);
  if (!spec) return undefined;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
