// `kill -9` of `fleet-bandits run --checkpoint DIR --record FILE`, then `run --resume DIR`: the
// checkpoint restores to its own statistics, the killed recording replays up to its last flush,
// and the resumed run passes the checkpoint's state and ends with the regret of an uninterrupted
// run, bit for bit. Wrong resumes are one-line errors with exit code 2.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../src/io/checkpointStore.js';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { runRng } from '../../src/experiments/runTask.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { replayable } from '../../src/nodes/rounds/replayableLearner.js';
import { roundFamilyOf } from '../../src/nodes/rounds/roundFamilies.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const FILE = 'sim/scenarios/erasure-quick.yaml';
const T = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const roundOf = (dir: string) => {
  try {
    return readCheckpoint(dir, 'learner').state.rounds;
  } catch {
    return 0;
  }
};

describe('checkpoint and resume of a killed run', () => {
  it('kill -9 after a checkpoint, then --resume: same statistics, replayable recording, final regret of an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-resume-'));
    const ck = join(dir, 'ck');
    const rec = join(dir, 'run.mcap');
    // Paced at 100 rounds per second, so the kill surely comes mid-run.
    const child = spawn(process.execPath, ['bin/fleet-bandits.js', 'run', FILE, '-T', String(T), '--round-period', '0.01', '--realtime', '1', '-q', '--checkpoint', ck, '--checkpoint-every', '100', '--record', rec], { cwd: repoRoot, stdio: 'ignore' });
    try {
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline && roundOf(ck) < 200) await sleep(100);
      await sleep(1200); // at least one more recording flush (every second)
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const cp = readCheckpoint(ck, 'learner');
    const R = cp.state.rounds;
    expect(R).toBeGreaterThanOrEqual(200);
    expect(R).toBeLessThan(T);
    expect(R % 100).toBe(0);

    // The checkpoint restores into a fresh learner with exactly its statistics (restoreState checks).
    const base = loadScenario(FILE).scenario;
    const s = { ...withOverrides(base, { horizon: T }), algorithms: base.algorithms };
    const family = roundFamilyOf(s);
    const learner = replayable(family.createLearner(s, 0, runRng(s.seed, 0)), family.agents(s));
    learner.restoreState(cp.state);
    expect(JSON.stringify(learner.saveState().statistics)).toBe(JSON.stringify(cp.state.statistics));

    // The killed recording replays up to its last flush.
    expect(statSync(rec).size).toBeGreaterThan(10_000);
    const replay = runCli(['replay', rec, '--rate', '1000000', '--json'], { timeout: 60_000 });
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stderr).toMatch(/cut off/);
    expect(JSON.parse(replay.stdout).replayed.messages).toBeGreaterThan(1000);

    // Resuming never overwrites the killed run's recording.
    const clash = runCli(['run', FILE, '-T', String(T), '--resume', ck, '-q', '--record', rec]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/^error: --record: '.*run\.mcap' exists; a resumed run never overwrites a recording/);

    const resumed = runCli(['run', FILE, '-T', String(T), '--round-period', '0.01', '--resume', ck, '--json', '--log-level', 'info', '--record', join(dir, 'resumed.mcap')], { timeout: 120_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming from ${ck}/learner.json: round ${R} of ${T}`);
    expect(resumed.stderr).toContain(`resumed at round ${R}: the learner's learned state equals the checkpoint's`);
    const uninterrupted = await runExperiment(withOverrides(base, { horizon: T, runs: 1, algorithms: [base.algorithms[0].label!] }), { workers: 0 });
    expect(JSON.parse(resumed.stdout)).toEqual(uninterrupted);
    expect(readCheckpoint(ck, 'learner').state.rounds).toBe(T); // checkpoints went on to the horizon
  });

  it('a checkpoint of another seed, a damaged one, or an existing one for a fresh run: one line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-resume-bad-'));
    const ck = join(dir, 'ck');
    expect(runCli(['run', FILE, '-T', '300', '-q', '--checkpoint', ck]).code).toBe(0);
    const seed = runCli(['run', FILE, '-T', '300', '-q', '--resume', ck, '--seed', '99']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toBe(`error: ${ck}/learner.json: seed: the checkpoint is of 7, this run has 99\n`);
    const horizon = runCli(['run', FILE, '-T', '400', '-q', '--resume', ck]);
    expect(horizon.stderr).toBe(`error: ${ck}/learner.json: horizon: the checkpoint is of 300, this run has 400\n`);
    const other = runCli(['run', 'sim/scenarios/erasure-mild.yaml', '-T', '300', '-q', '--resume', ck]);
    expect(other.stderr).toMatch(/^error: .*learner\.json: scenario: the checkpoint is of "erasure-quick", this run has "erasure-mild"\n$/);
    const again = runCli(['run', FILE, '-T', '300', '-q', '--checkpoint', ck]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error: --checkpoint: '.*ck' already holds a checkpoint of the learner; continue that run with --resume/);
    const dag = runCli(['run', 'sim/scenarios/dag-quick.yaml', '-T', '30', '-q', '--checkpoint', join(dir, 'dag')]);
    expect(dag.stderr).toBe('error: --checkpoint: the dag family has no checkpoint support (families that have: bandit, erasure, coverage)\n');
    const manifest = join(ck, 'learner.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 100));
    const damaged = runCli(['run', FILE, '-T', '300', '-q', '--resume', ck]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/^error: .*learner\.json: not a complete checkpoint \([^\n]*\)\n$/);
    const missing = runCli(['run', FILE, '-T', '300', '-q', '--resume', join(dir, 'nothing')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`error: ${join(dir, 'nothing')}/learner.json: no checkpoint to resume from\n`);
  });

  it('coverage: a run stopped by --duration saves the planner at shutdown; --resume goes on from there and ends as an uninterrupted run', async () => {
    const file = 'sim/scenarios/coverage-quick.yaml';
    const dir = mkdtempSync(join(tmpdir(), 'fb-resume-cov-'));
    const ck = join(dir, 'ck');
    const first = runCli(['run', file, '-T', '300', '-q', '--duration', '10.5', '--checkpoint', ck]);
    expect(first.code, first.stderr).toBe(0);
    const R = readCheckpoint(ck, 'planner').state.rounds;
    expect(R).toBe(104); // 10.5 s of 0.1 s steps starting at 0.1 s; the shutdown checkpoint (the periodic one was at 100)
    const resumed = runCli(['run', file, '-T', '300', '--resume', ck, '--json', '--log-level', 'info']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resumed at round ${R}: the planner's learned state equals the checkpoint's`);
    const base = loadScenario(file).scenario;
    expect(JSON.parse(resumed.stdout)).toEqual(await runExperiment(withOverrides(base, { horizon: 300, runs: 1, algorithms: [base.algorithms[0].label!] }), { workers: 0 }));
    // saved at shutdown: the run ends on the monitor's last report, before the planner's step 300
    expect(readCheckpoint(ck, 'planner').state.rounds).toBe(299);
  });
});
