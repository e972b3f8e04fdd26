/**
 * `npm run bench` (after `npm run build`): every performance figure of the project, as medians of
 * repeated samples after a warm-up (in-process with tinybench, or whole `node` processes), written
 * to bench/results.json with the machine (cores, CPU, Node, load, date), printed as a table, the
 * scaling series plotted to bench/scaling.svg. `-- --quick` takes fewer samples and skips the
 * slowest figures; `-- --readme` also rewrites the README's Performance table; `-- --report-only`
 * redoes table, plot and README from an existing bench/results.json without measuring;
 * `-- --only dag,nodes` measures only those groups and prints them (bench/results.json, the plot and
 * the README keep the last full run). Speed is never asserted in tests: run this on an otherwise
 * idle machine.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphPlanner } from '../core/graph/GraphPlanner.js';
import { Rng } from '../core/random.js';
import { CoverageSimulation } from '../experiments/coverage/CoverageSimulation.js';
import { coverageWorld } from '../experiments/coverage/CoverageWorld.js';
import { createCoveragePlanner } from '../experiments/coverage/createCoveragePlanner.js';
import type { CoverageScenario } from '../experiments/coverage/schema.js';
import { familyOf } from '../experiments/families.js';
import { makeGrid } from '../experiments/grid.js';
import { withOverrides } from '../experiments/runExperiment.js';
import { runRng } from '../experiments/runTask.js';
import { loadScenario, parseScenarioText } from '../experiments/scenario/loadScenario.js';
import type { ScenarioBase } from '../experiments/Family.js';
import { coverageField, erasureProblem, writeScenario } from './fixtures.js';
import { inProcess, median, wholeProcess, type Measurement } from './measure.js';
import { renderScalingSvg, type ScalingPoint } from './scalingPlot.js';

const quick = process.argv.includes('--quick');
const GROUPS = ['start', 'erasure', 'multistage', 'dag', 'fields', 'coverage', 'nodes', 'scaling'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? null : (process.argv[onlyAt + 1] ?? '').split(',').filter((g) => g !== '');
if (only && (only.length === 0 || only.some((g) => !(GROUPS as readonly string[]).includes(g)))) {
  process.stderr.write(`error: --only takes groups from ${GROUPS.join(', ')}, comma-separated; found '${process.argv[onlyAt + 1] ?? ''}'\n`);
  process.exit(2);
}
const updateReadme = process.argv.includes('--readme');
const SAMPLES = quick ? 3 : 7;
const root = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'fleet-bandits-bench-'));
const results: Measurement[] = [];
const scaling: ScalingPoint[] = [];
const CLI = 'bin/fleet-bandits.js';

function note(m: Measurement): void {
  results.push(m);
  process.stderr.write(`  ${m.id}: ${format(m.value, m.unit)}${m.target ? ` (target ${m.target})` : ''}\n`);
}

function format(value: number, unit: string): string {
  if (unit === 's') return value < 1e-3 ? `${(value * 1e6).toFixed(value < 1e-5 ? 2 : 1)} µs` : value < 1 ? `${(value * 1000).toFixed(value < 0.01 ? 2 : 0)} ms` : `${value.toFixed(2)} s`;
  if (unit === 'x') return `${value.toFixed(2)}x`;
  return `${value >= 1e6 ? `${(value / 1e6).toFixed(1)} M` : value >= 1e3 ? `${(value / 1e3).toFixed(0)} k` : value.toFixed(1)} ${unit}`;
}

/** Whole-process measurement; a failure is recorded as NaN with the reason, not a crash of the bench. */
function processFigure(m: Omit<Measurement, 'value' | 'unit' | 'stat'>, args: string[], samples = SAMPLES): number {
  try {
    const r = wholeProcess(args, samples, { cwd: root });
    note({ ...m, value: r.seconds, unit: 's', stat: r.stat });
    return r.seconds;
  } catch (err) {
    note({ ...m, value: NaN, unit: 's', stat: 'failed', detail: (err as Error).message.slice(0, 300) });
    return NaN;
  }
}

/** Seconds of one `runOne` of algorithm `algorithm` of the scenario (its world built during warm-up). */
async function runOneSeconds(s: ScenarioBase, samples: number): Promise<{ seconds: number; stat: string }> {
  const grid = makeGrid(s.horizon, 10, 'linear');
  return inProcess(() => familyOf(s).experiment.runOne(s, 0, runRng(s.seed, 0), grid), samples);
}

function fromFile(file: string, o: { algorithms?: string[]; horizon?: number } = {}): ScenarioBase {
  return withOverrides(loadScenario(file).scenario, o);
}

async function start(): Promise<void> {
  process.stderr.write('start-up\n');
  processFigure({ id: 'start.node', goal: 'start', what: 'node -e 0 (Node.js itself, for reference)' }, ['-e', '0']);
  processFigure({ id: 'start.help', goal: 'start', what: '`fleet-bandits --help`, whole process', target: '< 0.15 s' }, [CLI, '--help']);
  processFigure({ id: 'start.plan', goal: 'start', what: '`fleet-bandits plan erasure-exp2.yaml`, whole process', target: '< 0.15 s' }, [CLI, 'plan', 'sim/scenarios/erasure-exp2.yaml']);
  processFigure(
    { id: 'start.node-process', goal: 'start', what: 'ROS 2 node process start: runNode.js and the robot program loaded (no rclnodejs here)', target: '< 0.15 s' },
    ['--input-type=module', '-e', "await import('./dist/ros/runNode.js'); await (await import('./dist/nodes/executables.js')).loadProgram('robot');"],
  );
  processFigure({ id: 'start.sim-one-run', goal: 'start', what: '`sim erasure-exp2 --runs 1 -a BatchSP2`, whole process' }, [CLI, 'sim', 'sim/scenarios/erasure-exp2.yaml', '--runs', '1', '-a', 'BatchSP2', '-w', '0', '-q', '-o', join(tmp, 'out-exp2')]);
}

/** Goal 1 (erasure family): one run of each AISTATS learner on erasure-exp2 (the authors' side: `bench:peer`). */
async function erasure(): Promise<void> {
  process.stderr.write('erasure core\n');
  for (const alg of ['BatchSP2', 'MA-UCB', 'MA-SAE', 'MA-LSAE-H', 'MA-LSAE-V']) {
    const s = fromFile('sim/scenarios/erasure-exp2.yaml', { algorithms: [alg] });
    const r = await runOneSeconds(s, quick ? 3 : 9);
    note({ id: `erasure.${alg.toLowerCase()}-run`, goal: 'erasure', what: `erasure core, one ${alg} run of erasure-exp2 (M = 20, T = 50,000)`, value: r.seconds, unit: 's', stat: r.stat, target: alg === 'BatchSP2' ? '<= 0.025 s' : undefined, detail: `${format((20 * s.horizon) / r.seconds, 'agent-rounds/s')}` });
  }
}

/** Issue 12's target: T = 1e6 jobs through a depth-3, 3-ary tree (27 leaves) with epsilon-EXP3 in under a second on one core. */
async function multistage(): Promise<void> {
  process.stderr.write('multi-stage core\n');
  const T = 1_000_000;
  const text = `{ name: bench-tree, family: multistage, horizon: ${T}, runs: 1, tree: { type: bernoulli-panel, depth: 3, arity: 3 }, algorithms: [{ name: eps-exp3 }, { name: exp3 }] }`;
  const s = parseScenarioText(text, 'bench-tree').scenario;
  const grid = makeGrid(T, 10, 'linear');
  for (const [a, label] of [[0, 'epsilon-EXP3'], [1, 'EXP3']] as const) {
    const r = await inProcess(() => familyOf(s).experiment.runOne(s, a, runRng(s.seed, 0), grid), quick ? 1 : 3);
    note({ id: `multistage.${label.toLowerCase()}-run`, goal: 'multistage', what: `multi-stage core, one ${label} run, depth-3 3-ary tree (T = 1,000,000 jobs)`, value: r.seconds, unit: 's', stat: r.stat, target: label === 'epsilon-EXP3' ? '< 1 s' : undefined, detail: format(T / r.seconds, 'jobs/s') });
  }
}

/**
 * Consecutive play on a DAG: the core's time per round on the seven-player game (per-context
 * EXP3 and UCB1, independent UCB1), and the node path of dag-quick against `sim`.
 */
async function dag(): Promise<void> {
  process.stderr.write('DAG core and node path\n');
  for (const alg of ['dag-exp3', 'dag-ucb1', 'indep-ucb1']) {
    const s = fromFile('sim/scenarios/dag-seven.yaml', { algorithms: [alg] });
    const r = await runOneSeconds(s, quick ? 1 : 3);
    note({ id: `dag.${alg}-run`, goal: 'dag', what: `DAG core, one ${alg} run of dag-seven (7 players, T = ${s.horizon.toLocaleString('en')})`, value: r.seconds, unit: 's', stat: r.stat, detail: format(s.horizon / r.seconds, 'rounds/s') });
  }
  const samples = quick ? 1 : 3;
  const sim = processFigure({ id: 'dag.sim-dag-quick', goal: 'dag', what: '`sim dag-quick --runs 1 -a dag-ucb1`, whole process' }, [CLI, 'sim', 'sim/scenarios/dag-quick.yaml', '--runs', '1', '-a', 'dag-ucb1', '-w', '0', '-q', '-o', join(tmp, 'out-dag-quick')], samples);
  for (const strict of [false, true]) {
    const run = processFigure(
      { id: `dag.run-dag-quick${strict ? '-strict' : ''}`, goal: 'dag', what: `\`run dag-quick -a dag-ucb1${strict ? ' --strict' : ''}\` (3 players, T = 3,000), whole process` },
      [CLI, 'run', 'sim/scenarios/dag-quick.yaml', '-a', 'dag-ucb1', '-q', ...(strict ? ['--strict'] : [])],
      samples,
    );
    note({ id: `dag.ratio-dag-quick${strict ? '-strict' : ''}`, goal: 'dag', what: `run${strict ? ' --strict' : ''} / sim, dag-quick`, value: run / sim, unit: 'x', stat: 'ratio of the medians above', target: strict ? '<= 4x' : '<= 2x' });
  }
}

async function fields(): Promise<void> {
  process.stderr.write('large fields\n');
  const field1000 = writeScenario(tmp, 'field-1000-sites-100-robots', coverageField(1000, 100, 20));
  processFigure({ id: 'fields.run-start', goal: 'fields', what: '`run` with 100 robots on 1,000 sites (Erdos-Renyi), start and first step, whole process', target: '< 1 s' }, [CLI, 'run', field1000, '-T', '1', '-q']);
  episodeLatency(field1000);
  const field100k = writeScenario(tmp, 'field-100k-sites-1000-robots', coverageField(100_000, 1000, 10));
  processFigure({ id: 'fields.plan-100k', goal: 'fields', what: '`plan` with 1,000 robots on 99,856 sites (316 x 316 grid), whole process', target: 'seconds' }, [CLI, 'plan', field100k], quick ? 1 : 3);
  if (!quick) {
    processFigure({ id: 'fields.sim-100k', goal: 'fields', what: '`sim` 10 steps, 1,000 robots on 99,856 sites (316 x 316 grid), whole process', target: 'seconds' }, [CLI, 'sim', field100k, '-w', '0', '-q', '-o', join(tmp, 'out-100k')], 1);
  }
}

/** Seconds of the planner calls that start an episode (allocation + paths + matching), Multi-G-UCB, along one simulated run. */
function episodeLatency(file: string): void {
  const s = withOverrides(loadScenario(file).scenario, { horizon: 3000 }) as CoverageScenario;
  const world = coverageWorld(s);
  const planner = createCoveragePlanner(world, s.algorithms[0]);
  const times: number[] = [];
  let episode = planner.summary().episode;
  const timed: GraphPlanner = {
    algorithm: planner.algorithm,
    robots: planner.robots,
    observe: (step, sites, samples) => planner.observe(step, sites, samples),
    summary: () => planner.summary(),
    nextWaypoints(step, positions, inTransit, out) {
      const t0 = performance.now();
      planner.nextWaypoints(step, positions, inTransit, out);
      const seconds = (performance.now() - t0) / 1000;
      const now = planner.summary().episode;
      if (now !== episode) times.push(seconds);
      episode = now;
      return out;
    },
  };
  const sim = new CoverageSimulation(world, timed, new Rng(s.seed).stream('run/0'));
  for (let t = 0; t < s.horizon && times.length < 12; t++) sim.step();
  // The first episode warms the JIT up.
  const samples = times.slice(1);
  note({ id: 'fields.episode-1000x100', goal: 'fields', what: 'one Multi-G-UCB planning episode (allocation + paths + matching), 1,000 sites, 100 robots', value: samples.length > 0 ? median(samples) : NaN, unit: 's', stat: `median of ${samples.length} episodes after 1 warm-up`, target: '< 0.1 s' });
}

async function coverage(): Promise<void> {
  process.stderr.write('coverage\n');
  const perRun: number[] = [];
  for (const alg of ['Multi-G-UCB', 'Indv-G-UCB']) {
    const s = fromFile('sim/scenarios/coverage-paper.yaml', { algorithms: [alg] });
    const r = await runOneSeconds(s, quick ? 1 : 3);
    perRun.push(r.seconds);
    note({ id: `coverage.${alg.toLowerCase()}-run`, goal: 'coverage', what: `coverage core, one ${alg} run of coverage-paper (K = 300, N = 20, T = 150,000)`, value: r.seconds, unit: 's', stat: r.stat, detail: format(s.horizon / r.seconds, 'steps/s') });
  }
  note({ id: 'coverage.ratio-indv-multi', goal: 'coverage', what: 'Indv-G-UCB / Multi-G-UCB, one coverage-paper run', value: perRun[1] / perRun[0], unit: 'x', stat: 'ratio of the medians above', target: '<= 2x' });
  if (!quick) {
    processFigure({ id: 'coverage.paper', goal: 'coverage', what: '`sim coverage-paper.yaml` (10 runs x 4 algorithms), 2 workers, whole process', target: '< 20 s' }, [CLI, 'sim', 'sim/scenarios/coverage-paper.yaml', '-w', '2', '-q', '-o', join(tmp, 'out-paper')], 1);
  }
}

async function nodes(): Promise<void> {
  process.stderr.write('node path\n');
  const pairs = [
    { name: 'erasure-exp2', file: 'sim/scenarios/erasure-exp2.yaml', alg: 'BatchSP2' },
    { name: 'coverage-quick', file: 'sim/scenarios/coverage-quick.yaml', alg: 'Multi-G-UCB' },
  ];
  for (const p of pairs) {
    const samples = quick ? 1 : 3;
    const sim = processFigure({ id: `nodes.sim-${p.name}`, goal: 'nodes', what: `\`sim ${p.name} --runs 1 -a ${p.alg}\`, whole process` }, [CLI, 'sim', p.file, '--runs', '1', '-a', p.alg, '-w', '0', '-q', '-o', join(tmp, `out-${p.name}`)], samples);
    for (const strict of [false, true]) {
      const run = processFigure(
        { id: `nodes.run-${p.name}${strict ? '-strict' : ''}`, goal: 'nodes', what: `\`run ${p.name} -a ${p.alg}${strict ? ' --strict' : ''}\`, whole process` },
        [CLI, 'run', p.file, '-a', p.alg, '-q', ...(strict ? ['--strict'] : [])],
        samples,
      );
      note({ id: `nodes.ratio-${p.name}${strict ? '-strict' : ''}`, goal: 'nodes', what: `run${strict ? ' --strict' : ''} / sim, ${p.name}`, value: run / sim, unit: 'x', stat: 'ratio of the medians above', target: strict ? '<= 4x' : '<= 2x' });
    }
  }
}

/** Seconds per round (step) against one size, the others fixed; in-process runs with the world built in warm-up. */
async function scalingSeries(): Promise<void> {
  process.stderr.write('scaling\n');
  const series: { axis: ScalingPoint['axis']; sizes: number[]; make: (n: number) => Record<string, unknown> }[] = [
    { axis: 'arms', sizes: [10, 100, 1000], make: (n) => erasureProblem(n, 20, 5000) },
    { axis: 'agents', sizes: [1, 10, 100, 1000], make: (n) => erasureProblem(10, n, 2000) },
    { axis: 'sites', sizes: quick ? [100, 1000, 10_000] : [100, 1000, 10_000, 100_000], make: (n) => coverageField(n, 10, 200) },
    { axis: 'robots', sizes: [1, 10, 100, 1000], make: (n) => coverageField(1000, n, 200) },
  ];
  for (const { axis, sizes, make } of series) {
    for (const n of sizes) {
      const file = writeScenario(tmp, `scaling-${axis}-${n}`, make(n));
      try {
        const s = loadScenario(file).scenario;
        const r = await runOneSeconds(s, quick ? 1 : 3);
        const perRound = r.seconds / s.horizon;
        scaling.push({ axis, size: n, secondsPerRound: perRound });
        note({ id: `scaling.${axis}-${n}`, goal: 'scaling', what: `time per round, ${axis} = ${n} (${s.family}, ${s.algorithms[0].name}, T = ${s.horizon})`, value: perRound, unit: 's', stat: r.stat });
      } catch (err) {
        note({ id: `scaling.${axis}-${n}`, goal: 'scaling', what: `time per round, ${axis} = ${n}`, value: NaN, unit: 's', stat: 'failed', detail: (err as Error).message.slice(0, 300) });
      }
    }
  }
}

function table(rows: readonly Measurement[]): string {
  const lines = ['| figure | value | target | how |', '|---|---|---|---|'];
  for (const m of rows) lines.push(`| ${m.what} | ${Number.isNaN(m.value) ? `failed: ${m.detail ?? ''}` : format(m.value, m.unit)} | ${m.target ?? ''} | ${m.stat} |`);
  return lines.join('\n');
}

const README_START = '<!-- bench:start (generated by npm run bench -- --readme) -->';
const README_END = '<!-- bench:end -->';

interface Machine {
  cores: number;
  cpu: string;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  date: string;
}

async function main(): Promise<void> {
  let machine: Machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`, loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))), date: new Date().toISOString() };
  let wasQuick = quick;
  if (process.argv.includes('--report-only')) {
    // Table, plot and README from an existing bench/results.json (e.g. one taken on another machine).
    const saved = JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8')) as { machine: Machine; quick: boolean; results: Measurement[]; scaling: ScalingPoint[] };
    machine = saved.machine;
    wasQuick = saved.quick;
    results.push(...saved.results.map((m) => ({ ...m, value: m.value ?? NaN })));
    scaling.push(...saved.scaling);
  } else if (only) {
    const run: Record<(typeof GROUPS)[number], () => Promise<void>> = { start, erasure, multistage, dag, fields, coverage, nodes, scaling: scalingSeries };
    for (const g of GROUPS) if (only.includes(g)) await run[g]();
    process.stdout.write(`${table(results)}\n\n(--only ${only.join(',')}: bench/results.json, bench/scaling.svg and the README are left as they were)\n`);
    return;
  } else {
    await start();
    await erasure();
    await multistage();
    await dag();
    await fields();
    await coverage();
    await nodes();
    await scalingSeries();
    machine.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
    writeFileSync(join(root, 'bench/results.json'), JSON.stringify({ machine, quick, results, scaling }, null, 2) + '\n');
  }
  writeFileSync(join(root, 'bench/scaling.svg'), await renderScalingSvg(scaling, machine));
  const text = table(results);
  const about = `${machine.cores} cores, ${machine.cpu}, Node ${machine.node}, ${machine.date.slice(0, 10)}, load average ${machine.loadAverageAtStart[0]} at the start${machine.loadAverageAtEnd ? ` and ${machine.loadAverageAtEnd[0]} at the end` : ''}${wasQuick ? ', --quick' : ''}`;
  process.stdout.write(`${text}\n\n${about}\nwrote bench/results.json and bench/scaling.svg\n`);
  if (updateReadme) {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const a = readme.indexOf(README_START);
    const b = readme.indexOf(README_END);
    if (a < 0 || b < a) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
    writeFileSync(join(root, 'README.md'), `${readme.slice(0, a + README_START.length)}\n${about}:\n\n${text}\n${readme.slice(b)}`);
    process.stdout.write('updated the Performance table in README.md\n');
  }
}

await main();
