/**
 * The `checkpoint` parameters of the learner and planner nodes: with `checkpoint` set to a
 * directory, the node writes its learned state there (CheckpointStore: atomic, validated) every
 * `checkpoint_every` rounds, at the horizon and at shutdown. `checkpoint_mode`:
 *
 * - `resume` (default): a checkpoint already there (of this scenario, seed and algorithm) is
 *   restored at start, so a restarted node goes on from its last checkpoint; the rounds that
 *   passed while it was down are skipped as missed rounds. None there: a fresh start.
 * - `replay` (`fleet-bandits run --resume`): the whole run is executed again from round 0, every
 *   node replaying its random draws, and when the checkpoint's round is reached the node's state
 *   must equal the checkpoint's bit for bit (else the run fails: another build or scenario);
 *   checkpoints go on from there.
 * - `fresh`: an existing checkpoint is ignored and overwritten.
 */
import type { Checkpointable } from '../core/checkpoint/stateJson.js';
import { InputFileError } from '../io/InputFileError.js';
import { CheckpointStore, scenarioHash, type Checkpoint } from '../io/checkpointStore.js';
import type { NodeHandle } from '../runtime/NodeHandle.js';
import type { RunContext } from './runContext.js';

export const CHECKPOINT_MODES = ['resume', 'replay', 'fresh'] as const;
export type CheckpointMode = (typeof CHECKPOINT_MODES)[number];

export interface NodeCheckpoint {
  /** Rounds (steps) already in the state at start: restored in `resume` mode, else 0. */
  readonly restoredRounds: number;
  /** Call when `rounds` rounds are complete; saves (or, in replay mode, checks) when due. */
  afterRound(rounds: number): void;
  /** At shutdown (end of the run, Ctrl-C): saves the rounds done since the last checkpoint. */
  finish(): void;
}

/** The identity a run's checkpoint carries (also computed by `run --resume` before it starts). */
export function checkpointIdentity(node: string, ctx: Pick<RunContext, 'scenario' | 'algorithmIndex' | 'run'>) {
  const s = ctx.scenario;
  const a = s.algorithms[ctx.algorithmIndex];
  // Seed and horizon are fields of their own (clearer errors); the number of runs does not matter.
  return { node, scenario: s.name, scenarioHash: scenarioHash({ ...s, seed: undefined, horizon: undefined, runs: undefined }), algorithm: a.label ?? a.name, seed: s.seed, run: ctx.run, horizon: s.horizon };
}

export interface CheckpointParameters {
  /** '' = no checkpoints (the learner then need not log its inputs). */
  dir: string;
  every: number;
  mode: string;
}

/** Declares the parameters; call before building the learner, which logs its inputs only if `dir` is set. */
export function declareCheckpointParameters(node: NodeHandle, what: string): CheckpointParameters {
  const dir = node.declareParameter({ name: 'checkpoint', type: 'string', default: '', description: `directory to write the ${what}'s learned state to ('' = none)`, readOnly: true }) as string;
  const every = node.declareParameter({ name: 'checkpoint_every', type: 'integer', default: 100, description: 'rounds (steps) between checkpoints', range: { min: 1, max: 1e9 }, readOnly: true }) as number;
  const mode = node.declareParameter({ name: 'checkpoint_mode', type: 'string', default: 'resume', description: "resume: restore a checkpoint found at start; replay: the run starts again from round 0 and must reach the checkpoint's state; fresh: overwrite", readOnly: true }) as string;
  return { dir, every, mode };
}

/** Opens the checkpoint of `target` (restoring it in resume mode); `name` is the file name (`learner`, `planner`). */
export function openCheckpoint(node: NodeHandle, ctx: RunContext, { dir, every, mode }: CheckpointParameters, name: string, target: Checkpointable, what: string): NodeCheckpoint {
  if (dir === '') return { restoredRounds: 0, afterRound() {}, finish() {} };
  if (!(CHECKPOINT_MODES as readonly string[]).includes(mode)) throw new Error(`parameter 'checkpoint_mode' is '${mode}': one of ${CHECKPOINT_MODES.join(', ')} [node=${node.fullyQualifiedName}]`);
  const store = new CheckpointStore(dir, checkpointIdentity(name, ctx));
  let restoredRounds = 0;
  let saved = 0;
  let expected: Checkpoint | undefined;
  if (mode !== 'fresh') {
    const cp = store.load();
    if (cp === undefined && mode === 'replay') throw new InputFileError(store.manifestPath, 'no checkpoint to resume from');
    if (cp !== undefined && mode === 'resume') {
      try {
        target.restoreState(cp.state);
      } catch (err) {
        throw new InputFileError(store.manifestPath, (err as Error).message);
      }
      restoredRounds = cp.state.rounds;
      node.logger.info(`restored the ${what} from ${store.manifestPath} at round ${restoredRounds}`);
    }
    if (mode === 'replay') expected = cp;
  }
  return {
    restoredRounds,
    afterRound(rounds) {
      if (expected !== undefined) {
        if (rounds < expected.state.rounds) return;
        const now = target.saveState();
        if (rounds !== expected.state.rounds || JSON.stringify(now.statistics) !== JSON.stringify(expected.state.statistics) || JSON.stringify(now.ops) !== JSON.stringify(expected.state.ops)) {
          throw new InputFileError(store.manifestPath, `the run replayed to round ${rounds} does not reach the checkpoint's state of round ${expected.state.rounds} (another build?)`);
        }
        node.logger.info(`resumed at round ${rounds}: the ${what}'s learned state equals the checkpoint's`);
        expected = undefined;
        return;
      }
      if (rounds % every === 0 || rounds === ctx.scenario.horizon) {
        store.save(target.saveState());
        saved = rounds;
      }
    },
    finish() {
      // A replay stopped before the checkpoint's round has nothing newer to save.
      if (expected !== undefined) return;
      const state = target.saveState();
      if (state.rounds > Math.max(saved, restoredRounds)) store.save(state);
    },
  };
}
