/** `fleet-bandits sim SCENARIO`: the fast seeded experiment runner, many runs on worker threads. */
import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import type { ScenarioBase } from '../experiments/Family.js';
import { UserInputError } from '../experiments/UserInputError.js';
import { prepareOutputDirectory, safeFileName } from '../io/outputPaths.js';
import type { PlotFormat } from '../experiments/plotFiles.js';
import { formatsOption, intListOption, intOption, listOption, workersOption } from './options.js';

export function simCommand(): Command {
  return new Command('sim')
    .description('run a scenario many times on the fast path (core algorithms, no nodes) and write regret curves')
    .argument('<scenario>', 'scenario YAML file (see sim/scenarios/ and docs/scenarios.md)')
    .option('-r, --runs <n>', 'independent runs per algorithm (default: the scenario\'s runs)', intOption('--runs', 1, 100_000))
    .option('-s, --seed <n>', 'root seed (default: the scenario\'s seed)', intOption('--seed', 0))
    .option('-T, --horizon <rounds>', 'rounds per run (default: the scenario\'s horizon)', intOption('--horizon', 1, 100_000_000))
    .option('--sweep <horizons>', 'run at each of these horizons (comma-separated, e.g. 10000,100000,1000000) and plot time-average regret vs T on log axes with a fitted trend (sweep.svg)', intListOption('--sweep', 1, 100_000_000))
    .option('-a, --algorithms <names>', 'comma-separated subset of the scenario\'s algorithms (name or label)', listOption)
    .option('-o, --out <dir>', 'output directory for summary.json, regret.csv, runs.csv and the plots (default: out/<scenario name>, made file-name safe)')
    .option('-w, --workers <n>', `worker threads: auto (default: the main thread when the job is small, else one per core, here ${availableParallelism()}), or a count (0 = main thread)`, workersOption, 'auto')
    .option('--formats <list>', 'plot files to write, comma-separated: svg, png, pdf', formatsOption, ['svg', 'png', 'pdf'])
    .option('--log-x', 'logarithmic round axis in the plots')
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'no progress bar and no messages on stderr')
    .action(async (file: string, opts: SimOptions) => {
      // Loaded here, not at the top: every command's module is imported for `--help`.
      const { loadScenario } = await import('../experiments/scenario/loadScenario.js');
      const { runExperimentWithCurves, withOverrides } = await import('../experiments/runExperiment.js');
      const { familyOf } = await import('../experiments/families.js');
      const { collectProvenance } = await import('../experiments/provenance.js');
      const { progressBar } = await import('./progressBar.js');
      const loaded = loadScenario(file);
      const quiet = opts.quiet === true || !process.stderr.isTTY;
      if (!opts.quiet) for (const w of loaded.warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
      const scenario = withOverrides(loaded.scenario, opts);
      if (opts.sweep) return sweep(scenario, opts.sweep, opts);
      // The name is free text: as a default path it becomes one safe component under out/.
      const out = opts.out ?? `out/${safeFileName(scenario.name)}`;
      prepareOutputDirectory(out, '--out');
      // The plot library loads while the runs go on (worker threads); writing needs it at the end.
      const outputs = import('../experiments/writeOutputs.js');
      const bar = quiet ? undefined : progressBar(scenario.name, 'runs');
      const startedAt = new Date();
      const started = performance.now();
      bar?.start(scenario.algorithms.length * scenario.runs, 0);
      const result = await runExperimentWithCurves(scenario, { workers: opts.workers, onProgress: (done) => bar?.update(done) });
      bar?.stop();
      const seconds = (performance.now() - started) / 1000;
      const { summary } = result;
      const provenance = collectProvenance(scenario, { file, startedAt, wallTimeSeconds: seconds, workers: result.workers });
      const written = await (await outputs).writeOutputs(summary, out, { provenance, runCurves: result.runCurves, formats: opts.formats, logX: opts.logX });
      written.push(...((await familyOf(scenario).extraOutputs?.(scenario, out)) ?? []));
      if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
      if (!opts.quiet) {
        const where = result.workers === 0 ? 'on the main thread' : `on ${result.workers} worker threads`;
        process.stderr.write(`${scenario.algorithms.length} algorithms x ${scenario.runs} runs x ${scenario.horizon} rounds in ${seconds.toFixed(1)}s ${where}\n`);
        if (!opts.json) {
          const width = Math.max(...summary.algorithms.map((a) => a.name.length));
          for (const a of summary.algorithms) {
            const f = a.finalRegret;
            process.stderr.write(
              `  ${a.name.padEnd(width)}  final regret ${f.mean.toFixed(1)} ± ${f.stderr.toFixed(1)}  median ${f.median.toFixed(1)} [${f.q25.toFixed(1)}, ${f.q75.toFixed(1)}]  (rate ${a.rates.average.toFixed(4)}/round, last quarter ${a.rates.lastQuarter.toFixed(4)})\n`,
            );
          }
        }
        process.stderr.write(`wrote ${written.join(', ')}\n`);
      }
    });
}

async function sweep(scenario: ScenarioBase, horizons: number[], opts: SimOptions): Promise<void> {
  if (opts.horizon !== undefined) throw new UserInputError('--sweep and --horizon exclude each other: --sweep lists the horizons');
  const out = opts.out ?? `out/${safeFileName(scenario.name)}-sweep`;
  prepareOutputDirectory(out, '--out');
  const started = performance.now();
  const { runSweep } = await import('../experiments/sweep.js');
  const { writeSweepOutputs } = await import('../experiments/writeSweep.js');
  const summary = await runSweep(scenario, horizons, {
    workers: opts.workers,
    onHorizon: (T) => {
      if (!opts.quiet) process.stderr.write(`${scenario.name}: T = ${T} (${scenario.algorithms.length} algorithms x ${scenario.runs} runs)\n`);
    },
  });
  const written = await writeSweepOutputs(summary, out);
  if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
  if (!opts.quiet) {
    process.stderr.write(`sweep of ${summary.horizons.length} horizons in ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
    for (const a of summary.algorithms) {
      const pts = a.points.map((p) => `T=${p.horizon}: ${p.mean.toFixed(4)}`).join(', ');
      const trend = a.trend ? `; trend ${a.trend.a.toPrecision(3)} T^${a.trend.exponent.toFixed(3)} (${a.trend.source})` : '';
      process.stderr.write(`  ${a.name}: regret/T ${pts}${trend}\n`);
    }
    process.stderr.write(`wrote ${written.join(', ')}\n`);
  }
}

interface SimOptions {
  sweep?: number[];
  runs?: number;
  seed?: number;
  horizon?: number;
  algorithms?: string[];
  out?: string;
  workers: number | 'auto';
  formats: PlotFormat[];
  logX?: boolean;
  json?: boolean;
  quiet?: boolean;
}
