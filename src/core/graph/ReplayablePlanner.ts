/**
 * Save and restore for every coverage planner, by replay: each step's inputs (the robots' sampled
 * sites and their samples, positions, in-transit flags) are logged, and a fresh planner of the
 * same world and algorithm fed them again ends in exactly the same state (see LearnerStateJson).
 * Only the samples of occupied sites are kept: GraphPlanner.observe reads no other entry.
 */
import { decodeFloat, decodeIntsInto, encodeFloat, encodeFloats, type Checkpointable, type Json, type LearnerStateJson } from '../checkpoint/stateJson.js';
import type { GraphPlanner, PlannerSummary } from './GraphPlanner.js';

export type ReplayablePlanner = GraphPlanner & Checkpointable;

function statisticsOf(s: PlannerSummary): Json {
  return {
    episode: s.episode,
    phase: s.phase,
    episodeStart: s.episodeStart,
    referenceSite: s.referenceSite,
    referenceCount: s.referenceCount,
    targetCounts: Array.from(s.targetCounts),
    destination: Array.from(s.destination),
    counts: Array.from(s.counts),
    means: encodeFloats(s.means),
    ucb: encodeFloats(s.ucb),
  };
}

/**
 * `planner` (fresh) with a log of its inputs; `sites` = K. Each step must call observe, then
 * nextWaypoints. With `log: false` (no checkpoints) nothing is kept and `saveState` throws.
 */
export function replayablePlanner(planner: GraphPlanner, sites: number, options: { log?: boolean } = {}): ReplayablePlanner {
  const log = options.log ?? true;
  const N = planner.robots;
  const ops: Json[] = [];
  let steps = 0;
  let pending: Json[] | undefined; // the step's observe, completed by its nextWaypoints
  let replaying = false;
  const wrapped: ReplayablePlanner = {
    algorithm: planner.algorithm,
    robots: N,
    observe(step, robotSites, samples) {
      if (log && !replaying) pending = ['p', step, Array.from(robotSites), Array.from(robotSites, (k) => (k >= 0 ? encodeFloat(samples[k]) : 0))];
      planner.observe(step, robotSites, samples);
    },
    nextWaypoints(step, positions, inTransit, out) {
      if (log && !replaying) {
        if (pending === undefined || pending[1] !== step) throw new Error(`replayablePlanner: nextWaypoints(${step}) without observe(${step}) first`);
        pending.push(Array.from(positions), inTransit ? Array.from(inTransit) : null);
        ops.push(pending);
        pending = undefined;
      }
      planner.nextWaypoints(step, positions, inTransit, out);
      steps = step;
      return out;
    },
    summary: () => planner.summary(),
    saveState() {
      if (!log) throw new Error('saveState: this planner was built without its input log ({ log: false })');
      return { rounds: steps, statistics: statisticsOf(planner.summary()), ops };
    },
    restoreState(state: LearnerStateJson) {
      if (ops.length > 0 || pending || steps > 0) throw new Error('restoreState: the planner has already planned; restore into a fresh one');
      const sitesOf = new Int32Array(N);
      const samples = new Float64Array(sites);
      const positions = new Int32Array(N);
      const transit = new Uint8Array(N);
      const out = new Int32Array(N);
      replaying = true;
      try {
        for (let i = 0; i < state.ops.length; i++) {
          const op = state.ops[i];
          const what = `ops[${i}]`;
          if (!Array.isArray(op) || op.length !== 6 || op[0] !== 'p' || typeof op[1] !== 'number' || !Number.isSafeInteger(op[1]) || op[1] < 1) throw new Error(`${what}: expected ['p', step, sites, samples, positions, inTransit]`);
          const step = op[1];
          decodeIntsInto(op[2], sitesOf, -1, sites - 1, `${what}[2]`);
          const values = op[3];
          if (!Array.isArray(values) || values.length !== N) throw new Error(`${what}[3]: expected ${N} samples`);
          for (let r = 0; r < N; r++) if (sitesOf[r] >= 0) samples[sitesOf[r]] = decodeFloat(values[r], `${what}[3][${r}]`);
          decodeIntsInto(op[4], positions, 0, sites - 1, `${what}[4]`);
          if (op[5] !== null) decodeIntsInto(op[5], transit, 0, 1, `${what}[5]`);
          planner.observe(step, sitesOf, samples);
          planner.nextWaypoints(step, positions, op[5] === null ? null : transit, out);
          steps = step;
          if (log) ops.push(op);
        }
      } finally {
        replaying = false;
      }
      if (steps !== state.rounds) throw new Error(`rounds: the log replays ${steps} steps, the state says ${state.rounds}`);
      if (JSON.stringify(statisticsOf(planner.summary())) !== JSON.stringify(state.statistics)) throw new Error('statistics: replaying the log does not reproduce the saved statistics (another build, scenario or algorithm)');
    },
  };
  return wrapped;
}
