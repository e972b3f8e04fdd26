/**
 * Writes an experiment's results into a directory: summary.json (numbers + provenance),
 * regret.csv (mean, s.e., quartiles per grid round), runs.csv (every run's curve) and the
 * regret plot as SVG, PNG and PDF; communication.svg when the family reports communication
 * counters (erasure).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describeErrno, InputFileError } from '../io/InputFileError.js';
import { join } from 'node:path';
import { regretPlotOf, renderCommunicationSvg, renderRegretSvg, type PlotOptions, type RegretPlot } from './plot.js';
import { PLOT_FORMATS, svgToPdf, svgToPng, type PlotFormat } from './plotFiles.js';
import type { Provenance } from './provenance.js';
import type { ExperimentSummary, RunCurves } from './summary.js';

/** What summary.json holds. */
export type SavedSummary = ExperimentSummary & { provenance?: Provenance };

export interface OutputOptions extends PlotOptions {
  provenance?: Provenance;
  /** Without them, runs.csv is not written. */
  runCurves?: RunCurves;
  /** Plot files to write (default all: svg, png, pdf). */
  formats?: readonly PlotFormat[];
}

const csvText = (s: string) => JSON.stringify(s);

export function regretCsv(summary: ExperimentSummary): string {
  const lines = ['algorithm,t,mean,stderr,q25,median,q75'];
  for (const a of summary.algorithms) {
    for (const p of a.curve) lines.push(`${csvText(a.name)},${p.t},${p.mean},${p.stderr},${p.q25},${p.median},${p.q75}`);
  }
  return lines.join('\n') + '\n';
}

/** One row per (algorithm, run, grid round): the run's cumulative regret. */
export function runsCsv(summary: ExperimentSummary, runs: RunCurves): string {
  const lines = ['algorithm,name,run,t,regret'];
  summary.algorithms.forEach((a, i) => {
    for (let r = 0; r < summary.runs; r++) {
      const curve = runs.curves[i * summary.runs + r];
      const prefix = `${csvText(a.name)},${csvText(a.algorithm)},${r}`;
      for (let g = 0; g < runs.grid.length; g++) lines.push(`${prefix},${runs.grid[g]},${curve[g]}`);
    }
  });
  return lines.join('\n') + '\n';
}

/** Writes regret.<format> for each format; returns the paths. */
export async function writePlots(plot: RegretPlot, dir: string, options: PlotOptions & { formats?: readonly PlotFormat[] } = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const formats = options.formats ?? PLOT_FORMATS;
  const svg = await renderRegretSvg(plot, options);
  const written: string[] = [];
  for (const format of PLOT_FORMATS) {
    if (!formats.includes(format)) continue;
    const path = join(dir, `regret.${format}`);
    writeFileSync(path, format === 'svg' ? svg : format === 'png' ? await svgToPng(svg) : await svgToPdf(svg, plot.title));
    written.push(path);
  }
  return written;
}

/** Returns the paths written. */
export async function writeOutputs(summary: ExperimentSummary, dir: string, options: OutputOptions = {}): Promise<string[]> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputFileError(dir, `cannot create the output directory (${describeErrno(err)})`, { cause: err });
  }
  const saved: SavedSummary = options.provenance ? { ...summary, provenance: options.provenance } : summary;
  const files: Record<string, string> = {
    'summary.json': JSON.stringify(saved, null, 2) + '\n',
    'regret.csv': regretCsv(summary),
  };
  const communication = await renderCommunicationSvg(summary);
  if (communication !== undefined) files['communication.svg'] = communication;
  if (options.runCurves) files['runs.csv'] = runsCsv(summary, options.runCurves);
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    try {
      writeFileSync(path, text);
    } catch (err) {
      throw new InputFileError(path, `cannot write it (${describeErrno(err)})`, { cause: err });
    }
    written.push(path);
  }
  written.push(...(await writePlots(regretPlotOf(summary), dir, options)));
  return written;
}
