/**
 * `fleet-bandits plot DIR...`: redraws the regret plot of saved results (summary.json), or
 * overlays several results directories in one plot, with the same fixed style per algorithm.
 */
import { Command } from 'commander';
import type { RegretPlot } from '../experiments/plot.js';
import type { PlotFormat } from '../experiments/plotFiles.js';
import type { SavedPlotData } from '../experiments/readSavedSummary.js';
import { formatsOption } from './options.js';

interface PlotOptions {
  out?: string;
  formats: PlotFormat[];
  logX?: boolean;
  title?: string;
  quiet?: boolean;
}

/** Several results in one plot: series named `scenario: algorithm`, settings in the subtitle. */
export async function overlayPlot(saved: readonly SavedPlotData[], title?: string): Promise<RegretPlot> {
  if (saved.length === 1) {
    const { regretPlotOf } = await import('../experiments/plot.js');
    const plot = regretPlotOf(saved[0]);
    return title ? { ...plot, title } : plot;
  }
  return {
    title: title ?? `cumulative regret: ${saved.map((s) => s.scenario).join(' vs ')}`,
    subtitle: saved.map((s) => `${s.scenario}: ${[s.setting, `T = ${s.horizon}`, `${s.runs} runs`].filter((x) => x).join(', ')}`).join('; '),
    horizon: Math.max(...saved.map((s) => s.horizon)),
    series: saved.flatMap((s) => s.algorithms.map((a) => ({ label: `${s.scenario}: ${a.name}`, algorithm: a.algorithm ?? a.name, curve: a.curve }))),
  };
}

export function plotCommand(): Command {
  return new Command('plot')
    .description('redraw the regret plot of saved results (DIR/summary.json from `sim`), or overlay several results directories')
    .argument('<dir...>', 'results directories written by `fleet-bandits sim` (out/<scenario>)')
    .option('-o, --out <dir>', 'where to write regret.svg/png/pdf (default: the directory itself; out/overlay for several)')
    .option('--formats <list>', 'plot files to write, comma-separated: svg, png, pdf', formatsOption, ['svg', 'png', 'pdf'])
    .option('--log-x', 'logarithmic round axis')
    .option('--title <text>', 'plot title')
    .option('-q, --quiet', 'no messages on stderr')
    .action(async (dirs: string[], o: PlotOptions) => {
      // Loaded here, not at the top: every command's module is imported for `--help`.
      const { readSavedSummary } = await import('../experiments/readSavedSummary.js');
      const { writePlots } = await import('../experiments/writeOutputs.js');
      const saved = dirs.map((d) => readSavedSummary(d));
      const out = o.out ?? (dirs.length === 1 ? dirs[0] : 'out/overlay');
      const written = await writePlots(await overlayPlot(saved, o.title), out, { formats: o.formats, logX: o.logX });
      if (!o.quiet) process.stderr.write(`wrote ${written.join(', ')}\n`);
    });
}
