/* global process, performance */
// `npm run bench:peer -- PATH_TO_AUTHORS_CODE [RUNS]`: times the authors' Python BatchSP2
// (github.com/mervekarakas/mamab_erasures, spec algorithms.md 1.0) and ours on the same experiment
// (erasure-exp2: M = 20, T = 5e4), in one process tree, and prints the ratio of the medians.
// Needs python3 with numpy and a checkout of the authors' code (never inside this repository);
// skipped with a message otherwise. Never run in CI. Writes the result under `peer` in
// bench/results.json (other keys kept). Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [peerArg, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const skip = (why) => {
  process.stdout.write(`bench:peer skipped: ${why}\n`);
  process.exit(0);
};
if (!peerArg) skip('give the path of a checkout of mervekarakas/mamab_erasures: npm run bench:peer -- PATH [RUNS]');
if (!(Number.isInteger(runs) && runs >= 1)) {
  process.stderr.write(`error: RUNS must be an integer >= 1, found '${runsArg}'\n`);
  process.exit(2);
}
const peer = resolve(peerArg);
if (!existsSync(join(peer, 'models', 'batch_sp2.py'))) skip(`${peer} has no models/batch_sp2.py (not the authors' code)`);
const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) skip('python3 with numpy is not available (Debian: apt-get install python3-numpy)');
const dist = join(root, 'dist', 'experiments');
if (!existsSync(join(dist, 'families.js'))) skip('dist/ is missing: run `npm run build` first');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Ours: one BatchSP2 run of erasure-exp2 in this process, after one warm-up run.
const { familyOf } = await import(join(dist, 'families.js'));
const { makeGrid } = await import(join(dist, 'grid.js'));
const { withOverrides } = await import(join(dist, 'runExperiment.js'));
const { runRng } = await import(join(dist, 'runTask.js'));
const { loadScenario } = await import(join(dist, 'scenario', 'loadScenario.js'));
const s = withOverrides(loadScenario(join(root, 'sim', 'scenarios', 'erasure-exp2.yaml')).scenario, { algorithms: ['BatchSP2'] });
const grid = makeGrid(s.horizon, 10, 'linear');
const ours = [];
for (let r = -1; r < Math.max(runs, 5); r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const curve = familyOf(s).experiment.runOne(s, 0, runRng(s.seed, Math.max(r, 0)), grid);
  const c = process.cpuUsage(c0);
  if (r >= 0) ours.push({ seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, regret: curve[curve.length - 1] });
}

// Theirs: the same setting in python3, run by bench/peer_batchsp2.py.
const py = spawnSync('python3', [join(root, 'bench', 'peer_batchsp2.py'), peer, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
if (py.status !== 0) {
  process.stderr.write(`error: the authors' code failed:\n${py.stderr.trim().split('\n').slice(-5).join('\n')}\n`);
  process.exit(1);
}
const theirs = JSON.parse(py.stdout.trim().split('\n').pop());

const row = (xs) => ({ wallMs: median(xs.map((x) => x.seconds)) * 1000, cpuMs: median(xs.map((x) => x.cpuSeconds)) * 1000, meanRegret: xs.reduce((a, x) => a + x.regret, 0) / xs.length, runs: xs.length });
const result = {
  what: 'one BatchSP2 run of erasure-exp2 (M = 20, T = 50,000), medians',
  ours: row(ours),
  authors: row(theirs),
  ratioWall: 0,
  ratioCpu: 0,
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, python: spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim() },
  date: new Date().toISOString(),
};
result.ratioWall = result.authors.wallMs / result.ours.wallMs;
result.ratioCpu = result.authors.cpuMs / result.ours.cpuMs;
const fmt = (x) => x.toFixed(1);
process.stdout.write(
  `| implementation | wall ms | CPU ms | mean final regret | runs |\n|---|---|---|---|---|\n` +
    `| fleet-bandits (TypeScript) | ${fmt(result.ours.wallMs)} | ${fmt(result.ours.cpuMs)} | ${fmt(result.ours.meanRegret)} | ${result.ours.runs} |\n` +
    `| authors' Python (numpy) | ${fmt(result.authors.wallMs)} | ${fmt(result.authors.cpuMs)} | ${fmt(result.authors.meanRegret)} | ${result.authors.runs} |\n` +
    `\nratio (authors / ours): ${result.ratioWall.toFixed(0)}x wall, ${result.ratioCpu.toFixed(0)}x CPU\n`,
);
const out = join(root, 'bench', 'results.json');
const all = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
all.peer = result;
writeFileSync(out, JSON.stringify(all, null, 2) + '\n');
process.stdout.write(`wrote ${out} (key 'peer')\n`);
