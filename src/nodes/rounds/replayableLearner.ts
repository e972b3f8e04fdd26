/**
 * Save and restore for every round-based learner (bandit and erasure families), by replay: the
 * wrapper logs each call it forwards (commands, uplink bits, rewards, skipped rounds), and a
 * fresh learner of the same scenario, seed and algorithm fed that log again ends in exactly the
 * same state, including its random generator's position, whatever the algorithm keeps in
 * private fields. The statistics LearnerState shows are saved too and must come out equal.
 */
import { decodeFloatsInto, decodeIntsInto, encodeFloats, type Checkpointable, type Json } from '../../core/checkpoint/stateJson.js';
import type { LearnerSnapshot, RoundLearner } from './RoundFamily.js';

export type ReplayableRoundLearner = RoundLearner & Checkpointable;

function statisticsOf(s: LearnerSnapshot): Json {
  return { batch: s.batch, activeArms: [...s.activeArms], estimates: encodeFloats(s.estimates), counts: encodeFloats(s.counts) };
}

/**
 * `learner` (fresh) with a log of its inputs; `agents` = M, the length of command and reward
 * arrays. The log grows with the run: with `log: false` (no checkpoints) nothing is kept and
 * `saveState` throws; `restoreState` works either way.
 */
export function replayable(learner: RoundLearner, agents: number, options: { log?: boolean } = {}): ReplayableRoundLearner {
  const log = options.log ?? true;
  const ops: Json[] = [];
  let rounds = 0;
  let replaying = false;
  const wrapped: ReplayableRoundLearner = {
    commands(round, out) {
      if (log && !replaying) ops.push(['c', round]);
      learner.commands(round, out);
    },
    hear: learner.hear
      ? (round, bits) => {
          if (log && !replaying) ops.push(['h', round, Array.from(bits)]);
          learner.hear!(round, bits);
        }
      : undefined,
    observe(round, rewards) {
      if (log && !replaying) ops.push(['o', round, encodeFloats(rewards)]);
      learner.observe(round, rewards);
      rounds = round + 1;
    },
    skip(round) {
      if (log && !replaying) ops.push(['s', round]);
      learner.skip(round);
      rounds = round + 1;
    },
    snapshot: () => learner.snapshot(),
    saveState() {
      if (!log) throw new Error('saveState: this learner was built without its input log ({ log: false })');
      return { rounds, statistics: statisticsOf(learner.snapshot()), ops };
    },
    restoreState(state) {
      if (ops.length > 0 || rounds > 0) throw new Error('restoreState: the learner has already played; restore into a fresh one');
      const commands = new Int32Array(agents);
      const rewards = new Float64Array(agents);
      const bits = new Uint8Array(agents);
      replaying = true;
      try {
        for (let i = 0; i < state.ops.length; i++) {
          const op = state.ops[i];
          const what = `ops[${i}]`;
          if (!Array.isArray(op) || typeof op[0] !== 'string' || typeof op[1] !== 'number' || !Number.isSafeInteger(op[1]) || op[1] < 0) throw new Error(`${what}: expected [kind, round, ...]`);
          const round = op[1];
          if (op[0] === 'c') wrapped.commands(round, commands);
          else if (op[0] === 'h' && wrapped.hear) wrapped.hear(round, decodeIntsInto(op[2], bits, 0, 3, `${what}[2]`));
          else if (op[0] === 'o') wrapped.observe(round, decodeFloatsInto(op[2], rewards, `${what}[2]`));
          else if (op[0] === 's') wrapped.skip(round);
          else throw new Error(`${what}: unknown kind ${JSON.stringify(op[0])}`);
          if (log) ops.push(op);
        }
      } finally {
        replaying = false;
      }
      if (rounds !== state.rounds) throw new Error(`rounds: the log replays ${rounds} rounds, the state says ${state.rounds}`);
      const got = JSON.stringify(statisticsOf(learner.snapshot()));
      if (got !== JSON.stringify(state.statistics)) throw new Error('statistics: replaying the log does not reproduce the saved statistics (another build, scenario or algorithm)');
    },
  };
  return wrapped;
}
