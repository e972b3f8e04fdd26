/**
 * `npm run bench`: throughput of the hot paths, printed as a Markdown table (copied into the
 * README). Wall-clock numbers: run on an otherwise idle machine. Speed is never asserted in tests.
 */
import { Rng } from '../core/random.js';
import { runExperiment, withOverrides } from '../experiments/runExperiment.js';
import { runRng } from '../experiments/runTask.js';
import { familyOf } from '../experiments/families.js';
import { makeGrid } from '../experiments/grid.js';
import { loadScenario, parseScenarioText } from '../experiments/scenario/loadScenario.js';
import type { ScenarioBase } from '../experiments/Family.js';
import { startEmbedded } from '../nodes/EmbeddedLaunch.js';
import { planNodes } from '../nodes/plan.js';
import { cdrCodec } from '../runtime/memory/cdrCodec.js';

interface Row {
  what: string;
  value: string;
  detail: string;
}

function best<T>(repeats: number, f: () => T): { seconds: number; result: T } {
  let seconds = Infinity;
  let result!: T;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = f();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, result };
}

const fmt = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)} k` : x.toFixed(1));

function oneRun(file: string, algorithm: string): { scenario: ScenarioBase; seconds: number } {
  const s = withOverrides(loadScenario(file).scenario, { algorithms: [algorithm] });
  const grid = makeGrid(s.horizon, 10, 'linear');
  const { seconds } = best(3, () => familyOf(s).experiment.runOne(s, 0, runRng(s.seed, 0), grid));
  return { scenario: s, seconds };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const quick = process.argv.includes('--quick');

  const n = 20_000_000;
  const rng = new Rng(1);
  const u = best(3, () => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += rng.uniform();
    return acc;
  });
  rows.push({ what: 'Rng.uniform (seedrandom alea)', value: `${fmt(n / u.seconds)} draws/s`, detail: `${n} draws` });
  const g = best(3, () => {
    let acc = 0;
    for (let i = 0; i < n / 4; i++) acc += rng.normal();
    return acc;
  });
  rows.push({ what: 'Rng.normal (polar, cached spare)', value: `${fmt(n / 4 / g.seconds)} draws/s`, detail: `${n / 4} draws` });

  for (const alg of ['BatchSP2', 'MA-UCB']) {
    const r = oneRun('sim/scenarios/erasure-exp2.yaml', alg);
    const agentRounds = r.scenario.horizon * 20;
    rows.push({ what: `erasure core, ${alg}, one run of erasure-exp2`, value: `${fmt(agentRounds / r.seconds)} agent-rounds/s`, detail: `M = 20, T = 50,000: ${(r.seconds * 1000).toFixed(0)} ms` });
  }
  if (!quick) {
    for (const alg of ['Multi-G-UCB', 'Indv-G-UCB']) {
      const r = oneRun('sim/scenarios/coverage-paper.yaml', alg);
      rows.push({ what: `coverage core, ${alg}, one run of coverage-paper`, value: `${fmt(r.scenario.horizon / r.seconds)} steps/s`, detail: `K = 300, N = 20, T = 150,000: ${r.seconds.toFixed(2)} s` });
    }
  }

  {
    // Issue 12's target: T = 1e6 jobs through a depth-3, 3-ary tree (27 leaves) with epsilon-EXP3 in
    // under one second on one core (one run on this thread, pseudo-regret bookkeeping included).
    const T = 1_000_000;
    const text = `{ name: bench-tree, family: multistage, horizon: ${T}, runs: 1, tree: { type: bernoulli-panel, depth: 3, arity: 3 }, algorithms: [{ name: eps-exp3 }, { name: exp3 }] }`;
    const s = parseScenarioText(text, 'bench-tree').scenario;
    const grid = makeGrid(T, 10, 'linear');
    for (const [a, label] of [[0, 'epsilon-EXP3'], [1, 'EXP3']] as const) {
      const r = best(quick ? 1 : 3, () => familyOf(s).experiment.runOne(s, a, runRng(s.seed, 0), grid));
      rows.push({ what: `multi-stage core, ${label}, depth-3 3-ary tree`, value: `${fmt(T / r.seconds)} jobs/s`, detail: `T = 1,000,000: ${r.seconds.toFixed(2)} s` });
    }
  }

  for (const strict of [false, true]) {
    const file = 'sim/scenarios/erasure-quick.yaml';
    const s = withOverrides(loadScenario(file).scenario, { algorithms: ['BatchSP2'] });
    const t0 = performance.now();
    const run = startEmbedded(planNodes(s, file, { algorithm: 'BatchSP2' }), s, { codec: strict ? cdrCodec : undefined, logSink: () => {} });
    await run.done;
    const seconds = (performance.now() - t0) / 1000;
    const st = run.transport.stats;
    rows.push({ what: `embedded node graph, erasure-quick${strict ? ', strict CDR' : ''}`, value: `${fmt(st.published / seconds)} msgs/s, ${fmt(s.horizon / seconds)} rounds/s`, detail: `7 nodes, ${st.published} messages, ${st.events} events in ${seconds.toFixed(2)} s` });
  }

  const exp2 = withOverrides(loadScenario('sim/scenarios/erasure-exp2.yaml').scenario, { runs: quick ? 4 : 20 });
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    await runExperiment(exp2, { workers });
    const seconds = (performance.now() - t0) / 1000;
    rows.push({ what: `sim erasure-exp2, ${exp2.runs} runs x 6 algorithms, ${workers} worker${workers > 1 ? 's' : ''}`, value: `${seconds.toFixed(2)} s`, detail: `${fmt((exp2.runs * 6 * exp2.horizon * 20) / seconds)} agent-rounds/s overall` });
  }

  process.stdout.write(`| benchmark | throughput | detail |\n|---|---|---|\n${rows.map((r) => `| ${r.what} | ${r.value} | ${r.detail} |`).join('\n')}\n`);
  process.stdout.write(`\nNode ${process.version}, ${(await import('node:os')).cpus()[0]?.model ?? 'unknown CPU'}, ${(await import('node:os')).availableParallelism()} cores\n`);
}

await main();
