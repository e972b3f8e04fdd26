/**
 * Checkpoint files of one learner or planner in a directory DIR:
 *
 * - `DIR/<name>.json`, the manifest: format and version, the run it belongs to (scenario name
 *   and hash, algorithm, seed, run index, horizon), the round reached, the learned statistics
 *   and the list of log segments with their sizes and SHA-256;
 * - `DIR/<name>.<k>.json`, segment k: the inputs logged since segment k-1 (see LearnerStateJson),
 *   so a checkpoint writes only what is new and the total written stays linear in the run.
 *
 * Every file is written atomically: `DIR/.<file>.tmp`, fsync, rename over the file, fsync of DIR;
 * a segment is on disk before the manifest that lists it. A crash at any point leaves the old
 * manifest, which lists only complete segments, so the last checkpoint always loads; a stray temp
 * file or an unlisted segment is ignored and overwritten by the next checkpoint.
 * Loading validates everything; any problem is an InputFileError naming the file and the field.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, type Json, type LearnerStateJson } from '../core/checkpoint/stateJson.js';
import { InputFileError, describeErrno } from './InputFileError.js';
import { readTextBounded } from './readBounded.js';

export const CHECKPOINT_FORMAT = 'fleet-bandits-checkpoint';
export const CHECKPOINT_VERSION = 1;
/** Manifests hold statistics only; segments a bounded number of rounds each. */
const MAX_CHECKPOINT_FILE_BYTES = 256 * 1024 * 1024;

/** Which run a checkpoint belongs to; all must match to resume from it. */
export interface CheckpointIdentity {
  /** Node name: `learner` or `planner`. */
  node: string;
  scenario: string;
  /** SHA-256 (16 hex digits) of the scenario's content but seed, horizon and runs (every algorithm). */
  scenarioHash: string;
  algorithm: string;
  seed: number;
  run: number;
  horizon: number;
}

export interface Checkpoint extends CheckpointIdentity {
  state: LearnerStateJson;
}

interface Segment {
  file: string;
  ops: number;
  sha256: string;
}

/** The hash `CheckpointIdentity.scenarioHash` of a scenario object. */
export function scenarioHash(scenario: unknown): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex').slice(0, 16);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Test hook: called after a temp file is complete and synced, before it is renamed over `file`. */
export type BeforeRename = (tmp: string, file: string) => void;

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `text` to `DIR/<file>` atomically (temp, fsync, rename, fsync DIR). */
function writeAtomic(dir: string, file: string, text: string, beforeRename?: BeforeRename): void {
  const tmp = join(dir, `.${file}.tmp`);
  const target = join(dir, file);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  beforeRename?.(tmp, target);
  renameSync(tmp, target);
  fsyncDirectory(dir);
}

const FIELDS: (keyof CheckpointIdentity)[] = ['node', 'scenario', 'scenarioHash', 'algorithm', 'seed', 'run', 'horizon'];

export class CheckpointStore {
  readonly dir: string;
  readonly identity: CheckpointIdentity;
  readonly #beforeRename?: BeforeRename;
  readonly #segments: Segment[] = [];
  #persistedOps = 0;

  constructor(dir: string, identity: CheckpointIdentity, options: { beforeRename?: BeforeRename } = {}) {
    this.dir = dir;
    this.identity = identity;
    this.#beforeRename = options.beforeRename;
  }

  get manifestPath(): string {
    return join(this.dir, `${this.identity.node}.json`);
  }

  /** Whether DIR holds a manifest for this node (complete or not). */
  exists(): boolean {
    return existsSync(this.manifestPath);
  }

  /**
   * The checkpoint in DIR, validated against this run's identity, or undefined if there is none.
   * Later `save` calls append to it.
   */
  load(): Checkpoint | undefined {
    if (!this.exists()) return undefined;
    const cp = readCheckpoint(this.dir, this.identity.node);
    const label = this.manifestPath;
    for (const f of FIELDS) {
      if (cp[f] !== this.identity[f]) {
        const what = f === 'scenarioHash' ? 'another version of the scenario (edited file or other overrides)' : `${JSON.stringify(cp[f])}, this run has ${JSON.stringify(this.identity[f])}`;
        throw new InputFileError(label, `${f}: the checkpoint is of ${what}`);
      }
    }
    this.#segments.length = 0;
    this.#segments.push(...cp.segments);
    this.#persistedOps = cp.state.ops.length;
    return { ...pick(cp), state: cp.state };
  }

  /** Writes `state` as the new checkpoint (the ops not yet on disk as a new segment, then the manifest). */
  save(state: LearnerStateJson): void {
    const label = this.manifestPath;
    try {
      if (state.ops.length < this.#persistedOps) throw new Error(`the state has ${state.ops.length} logged inputs, fewer than the ${this.#persistedOps} already saved`);
      const segments = [...this.#segments];
      if (state.ops.length > this.#persistedOps || segments.length === 0) {
        const file = `${this.identity.node}.${segments.length}.json`;
        const text = JSON.stringify(state.ops.slice(this.#persistedOps));
        writeAtomic(this.dir, file, text, this.#beforeRename);
        segments.push({ file, ops: state.ops.length - this.#persistedOps, sha256: sha256(text) });
      }
      const manifest = { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, ...pick(this.identity), round: state.rounds, statistics: state.statistics, segments };
      writeAtomic(this.dir, `${this.identity.node}.json`, JSON.stringify(manifest, null, 1) + '\n', this.#beforeRename);
      this.#segments.splice(0, this.#segments.length, ...segments);
      this.#persistedOps = state.ops.length;
    } catch (err) {
      throw new InputFileError(label, `cannot write the checkpoint: ${describeErrno(err)}`, { cause: err });
    }
  }
}

function pick(o: CheckpointIdentity): CheckpointIdentity {
  return { node: o.node, scenario: o.scenario, scenarioHash: o.scenarioHash, algorithm: o.algorithm, seed: o.seed, run: o.run, horizon: o.horizon };
}

/** Reads and checks `DIR/<node>.json` and its segments (no identity check). */
export function readCheckpoint(dir: string, node: string): Checkpoint & { segments: Segment[] } {
  const label = join(dir, `${node}.json`);
  const text = readTextBounded(label, label, MAX_CHECKPOINT_FILE_BYTES);
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new InputFileError(label, `not a complete checkpoint (${(err as Error).message.split('\n')[0]})`);
  }
  const fail = (field: string, msg: string): never => {
    throw new InputFileError(label, `${field}: ${msg}`);
  };
  if (m === null || typeof m !== 'object' || Array.isArray(m)) fail('(top level)', 'expected an object');
  if (m.format !== CHECKPOINT_FORMAT) fail('format', `expected '${CHECKPOINT_FORMAT}', got ${JSON.stringify(m.format)?.slice(0, 40)}`);
  if (m.version !== CHECKPOINT_VERSION) fail('version', `this build reads version ${CHECKPOINT_VERSION}, the file is version ${JSON.stringify(m.version)?.slice(0, 20)}`);
  for (const f of ['node', 'scenario', 'scenarioHash', 'algorithm'] as const) if (typeof m[f] !== 'string') fail(f, 'expected a string');
  for (const f of ['seed', 'run', 'horizon', 'round'] as const) if (typeof m[f] !== 'number' || !Number.isSafeInteger(m[f]) || (m[f] as number) < 0) fail(f, 'expected a non-negative integer');
  if (m.node !== node) fail('node', `expected '${node}', got ${JSON.stringify(m.node)}`);
  if ((m.round as number) > (m.horizon as number)) fail('round', `${m.round as number} is past the horizon ${m.horizon as number}`);
  if (!('statistics' in m)) fail('statistics', 'missing');
  if (!Array.isArray(m.segments) || m.segments.length === 0) fail('segments', 'expected a non-empty list');
  const segments: Segment[] = [];
  const ops: Json[] = [];
  (m.segments as unknown[]).forEach((s, k) => {
    const seg = s as Partial<Segment>;
    const expected = `${node}.${k}.json`;
    if (seg === null || typeof seg !== 'object' || seg.file !== expected) fail(`segments[${k}].file`, `expected '${expected}'`);
    if (typeof seg.ops !== 'number' || !Number.isSafeInteger(seg.ops) || seg.ops < 0) fail(`segments[${k}].ops`, 'expected a non-negative integer');
    if (typeof seg.sha256 !== 'string') fail(`segments[${k}].sha256`, 'expected a string');
    const path = join(dir, expected);
    const body = readTextBounded(path, path, MAX_CHECKPOINT_FILE_BYTES);
    if (sha256(body) !== seg.sha256) throw new InputFileError(path, `damaged or overwritten: its SHA-256 differs from the one ${label} lists`);
    const list = JSON.parse(body) as unknown;
    if (!Array.isArray(list) || list.length !== seg.ops) throw new InputFileError(path, `expected ${seg.ops!} logged inputs`);
    for (const op of list as Json[]) ops.push(op);
    segments.push({ file: expected, ops: seg.ops!, sha256: seg.sha256! });
  });
  const identity = pick(m as unknown as CheckpointIdentity);
  return { ...identity, segments, state: { rounds: m.round as number, statistics: m.statistics as Json, ops } };
}
