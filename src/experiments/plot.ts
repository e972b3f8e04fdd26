/**
 * Regret plot as SVG, rendered headless with vega-lite + vega: one line per series with a
 * shaded band of +-1 standard error, a fixed colour and dash per algorithm name
 * (`algorithmStyles.ts`), legend in scenario order, the origin, and the horizon as the x domain.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { assignStyles } from './algorithmStyles.js';
import type { CurvePoint, ExperimentSummary } from './summary.js';

/** What a plot needs of a curve point. */
export type PlotPoint = Pick<CurvePoint, 't' | 'mean' | 'stderr'>;

/** What a plot needs of a summary (also what `plot` reads back from summary.json). */
export interface PlottableSummary extends Pick<ExperimentSummary, 'scenario' | 'setting' | 'horizon' | 'runs' | 'seed'> {
  algorithms: { name: string; algorithm?: string; curve: readonly PlotPoint[] }[];
}

/** One line of a regret plot. */
export interface RegretSeries {
  /** Legend entry; unique within a plot. */
  label: string;
  /** Algorithm name that picks the line style. */
  algorithm: string;
  curve: readonly PlotPoint[];
}

export interface RegretPlot {
  title: string;
  subtitle: string;
  /** Right end of the x axis, rounds. */
  horizon: number;
  series: RegretSeries[];
}

export interface PlotOptions {
  /** Logarithmic round axis (starts at the first grid point; no origin). */
  logX?: boolean;
}

/** The plot of one experiment: its algorithms, its setting in the subtitle. */
export function regretPlotOf(summary: PlottableSummary): RegretPlot {
  const setting = [summary.setting, `T = ${summary.horizon}`].filter((s) => s.length > 0).join(', ');
  return {
    title: `${summary.scenario}: cumulative regret`,
    subtitle: `${setting}; ${summary.runs} run${summary.runs === 1 ? '' : 's'}, seed ${summary.seed}, band = ±1 s.e.`,
    horizon: summary.horizon,
    series: summary.algorithms.map((a) => ({ label: a.name, algorithm: a.algorithm ?? a.name, curve: a.curve })),
  };
}

/** Tick labels 0, 250, 10k, 1.5M: SI prefixes without trailing zeros (and a plain 0). */
export const SI_LABEL = "datum.value === 0 ? '0' : format(datum.value, '~s')";

export function regretPlotSpec(plot: RegretPlot, options: PlotOptions = {}): TopLevelSpec {
  const logX = options.logX === true;
  const values: { series: string; t: number; mean: number; lo: number; hi: number }[] = [];
  for (const s of plot.series) {
    // Regret is 0 before the first round; the origin anchors every line (not on a log axis).
    if (!logX && (s.curve.length === 0 || s.curve[0].t > 0)) values.push({ series: s.label, t: 0, mean: 0, lo: 0, hi: 0 });
    for (const p of s.curve) values.push({ series: s.label, t: p.t, mean: p.mean, lo: p.mean - p.stderr, hi: p.mean + p.stderr });
  }
  const first = Math.max(1, Math.min(...plot.series.map((s) => s.curve[0]?.t ?? 1)));
  const styles = assignStyles(plot.series.map((s) => s.algorithm));
  const domain = plot.series.map((s) => s.label);
  const x = {
    field: 't',
    type: 'quantitative' as const,
    title: 'round t',
    scale: logX ? { type: 'log' as const, domain: [first, plot.horizon], nice: false } : { domain: [0, plot.horizon], nice: false, zero: true },
    axis: { tickCount: logX ? undefined : 5, labelExpr: SI_LABEL, labelOverlap: true, labelFlush: true },
  };
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: styles.map((s) => s.color) }, sort: domain };
  const strokeDash = { field: 'series', type: 'nominal' as const, title: null, scale: { domain, range: styles.map((s) => s.dash) }, sort: domain };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: plot.title, subtitle: plot.subtitle },
    width: 640,
    height: 380,
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.15, clip: true }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: { ...color, legend: null } } },
      {
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: 'cumulative regret', scale: { zero: true }, axis: { tickCount: 6, labelExpr: SI_LABEL } },
          color,
          strokeDash,
        },
      },
    ],
    // The bands' colour scale has no legend; the lines' colour and dash share one.
    resolve: { legend: { color: 'independent', strokeDash: 'independent' } },
    config: { font: 'sans-serif', legend: { symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 400, labelLimit: 240 } },
  };
}

export async function renderRegretSvg(plot: RegretPlot, options: PlotOptions = {}): Promise<string> {
  const view = new vega.View(vega.parse(compile(regretPlotSpec(plot, options)).spec), { renderer: 'none' });
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
