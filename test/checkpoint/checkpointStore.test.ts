// Checkpoint files: atomic writes (a crash between writing and renaming, or a torn temp file,
// leaves the previous checkpoint loadable), validation on load (another seed, scenario or
// algorithm; a truncated manifest; a damaged segment: one-line InputFileError naming the file).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LearnerStateJson } from '../../src/core/checkpoint/stateJson.js';
import { InputFileError } from '../../src/io/InputFileError.js';
import { CheckpointStore, type CheckpointIdentity } from '../../src/io/checkpointStore.js';

const id: CheckpointIdentity = { node: 'learner', scenario: 'erasure-quick', scenarioHash: '0123456789abcdef', algorithm: 'BatchSP2', seed: 7, run: 0, horizon: 3000 };
const state = (rounds: number): LearnerStateJson => ({
  rounds,
  statistics: { counts: [rounds, 1], estimates: [0.1 + 0.2, 'NaN'] },
  ops: Array.from({ length: rounds }, (_, r) => ['o', r, [r / 3, 'NaN']]),
});
const tmp = () => mkdtempSync(join(tmpdir(), 'fb-ckpt-'));

function loadError(dir: string, identity = id): string {
  try {
    new CheckpointStore(dir, identity).load();
  } catch (err) {
    expect(err).toBeInstanceOf(InputFileError);
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('CheckpointStore', () => {
  it('saves incrementally (one segment per checkpoint) and loads the exact state back', () => {
    const dir = tmp();
    const store = new CheckpointStore(dir, id);
    expect(store.load()).toBeUndefined();
    store.save(state(100));
    store.save(state(200));
    expect(readdirSync(dir).sort()).toEqual(['learner.0.json', 'learner.1.json', 'learner.json']);
    expect(JSON.parse(readFileSync(join(dir, 'learner.1.json'), 'utf8'))).toHaveLength(100); // only what is new
    const cp = new CheckpointStore(dir, id).load()!;
    expect(cp.state).toEqual(state(200));
    expect(cp.seed).toBe(7);
  });

  it('a crash between writing and renaming (segment or manifest) leaves the previous checkpoint, and the next save succeeds', () => {
    for (const victim of ['learner.1.json', 'learner.json']) {
      const dir = tmp();
      let crash = false;
      const store = new CheckpointStore(dir, id, {
        beforeRename: (tmpFile, file) => {
          if (crash && file.endsWith(`/${victim}`)) {
            expect(existsSync(tmpFile)).toBe(true);
            throw new Error('killed');
          }
        },
      });
      store.save(state(100));
      crash = true;
      expect(() => store.save(state(200))).toThrow(/cannot write the checkpoint: killed/);
      // the process "died" here: a new one finds the old checkpoint, whole
      expect(readdirSync(dir)).toContain(`.${victim}.tmp`);
      expect(new CheckpointStore(dir, id).load()!.state).toEqual(state(100));
      crash = false;
      const again = new CheckpointStore(dir, id);
      again.load();
      again.save(state(300));
      expect(new CheckpointStore(dir, id).load()!.state).toEqual(state(300));
    }
  });

  it('a torn temp file or an unlisted segment left by a crash is ignored', () => {
    const dir = tmp();
    new CheckpointStore(dir, id).save(state(100));
    writeFileSync(join(dir, '.learner.json.tmp'), '{"format": "fleet-bandits-checkpoint", "vers');
    writeFileSync(join(dir, 'learner.1.json'), '[["o", 100, [0.5');
    expect(new CheckpointStore(dir, id).load()!.state).toEqual(state(100));
  });

  it('refuses a checkpoint of another seed, algorithm or scenario version with one line naming the field', () => {
    const dir = tmp();
    new CheckpointStore(dir, id).save(state(100));
    expect(loadError(dir, { ...id, seed: 8 })).toBe(`${dir}/learner.json: seed: the checkpoint is of 7, this run has 8`);
    expect(loadError(dir, { ...id, algorithm: 'MA-UCB' })).toBe(`${dir}/learner.json: algorithm: the checkpoint is of "BatchSP2", this run has "MA-UCB"`);
    expect(loadError(dir, { ...id, scenarioHash: 'ffffffffffffffff' })).toMatch(/learner\.json: scenarioHash: the checkpoint is of another version of the scenario/);
  });

  it('refuses a truncated manifest, a damaged segment, a missing segment and a foreign file, one line each', () => {
    const dir = tmp();
    new CheckpointStore(dir, id).save(state(100));
    new CheckpointStore(dir, id).load();
    const manifest = readFileSync(join(dir, 'learner.json'), 'utf8');
    const segment = readFileSync(join(dir, 'learner.0.json'), 'utf8');
    writeFileSync(join(dir, 'learner.json'), manifest.slice(0, 150));
    expect(loadError(dir)).toMatch(/learner\.json: not a complete checkpoint \(/);
    writeFileSync(join(dir, 'learner.json'), manifest);
    writeFileSync(join(dir, 'learner.0.json'), segment.replace('0.3333333333333333', '0.3333333333333334'));
    expect(loadError(dir)).toBe(`${dir}/learner.0.json: damaged or overwritten: its SHA-256 differs from the one ${dir}/learner.json lists`);
    writeFileSync(join(dir, 'learner.0.json'), segment.slice(0, 40));
    expect(loadError(dir)).toMatch(/learner\.0\.json: damaged or overwritten/);
    writeFileSync(join(dir, 'learner.json'), manifest.replace('"learner.0.json"', '"learner.7.json"'));
    expect(loadError(dir)).toMatch(/learner\.json: segments\[0\]\.file: expected 'learner\.0\.json'/);
    writeFileSync(join(dir, 'learner.json'), manifest.replace('"version": 1', '"version": 9'));
    expect(loadError(dir)).toMatch(/learner\.json: version: this build reads version 1, the file is version 9/);
    writeFileSync(join(dir, 'learner.json'), '{"hello": 1}');
    expect(loadError(dir)).toMatch(/learner\.json: format: expected 'fleet-bandits-checkpoint'/);
    for (const e of [loadError(dir)]) expect(e).not.toContain('\n');
  });
});
