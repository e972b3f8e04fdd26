/**
 * The central learner of the erasure-channel family (Hanna et al., AISTATS 2024, Sec. II-B):
 * each round it commands an arm to every agent, then sees every agent's reward, never the arm
 * an agent actually played. The same object runs in the fast simulator and in the learner node.
 *
 * Lifecycle (the contract callers cannot see from the types):
 * ```ts
 * const learner = new BatchSp2({ arms: 10, epsBounds: [0.2, 0.9], horizon: 50_000, rng: runRng.stream('algorithm') });
 * const cmd = new Int32Array(learner.agents);
 * const rewards = new Float64Array(learner.agents);
 * for (let t = 0; t < T; t++) {
 *   learner.nextCommands(t, cmd);   // cmd[j] = arm commanded to agent j in round t
 *   // ... send, play, collect rewards[j] (NaN when agent j's reward did not arrive) ...
 *   learner.observe(t, rewards);
 * }
 * ```
 * Rounds are 0-based and strictly alternate nextCommands(t), observe(t), nextCommands(t + 1), ...;
 * calling out of order throws. A missing reward (NaN, or any non-finite value) is not counted
 * as a sample: the round still happened (warm-up counters advance, UCB's pull counter grows),
 * only the estimate ignores it, and `summary().missingRewards` counts it.
 *
 * Learners with uplink feedback (`feedback` other than 'none': BatchTPG, SP2-Feedback,
 * adaptive) may write -1 for an agent, meaning "send nothing this round" (stop-on-success), and
 * take `hear(t, bits)` between nextCommands(t) and observe(t): bits[j] is what arrived on the
 * uplink about agent j (FB_* in feedback.ts, FB_NONE for silence). A round without `hear` is
 * taken as silence from every agent.
 */
import type { FeedbackMode } from './feedback.js';

/** A read-only snapshot for the LearnerState message and the viewer; a fresh copy on each call. */
export interface ErasureLearnerSummary {
  /** Algorithm name as in scenarios: 'batchsp2', 'ma-ucb', ... */
  algorithm: string;
  /** Rounds observed so far. */
  rounds: number;
  /** 1-based index of the current batch (0 before the first; always 0 for MA-UCB). */
  batch: number;
  /** Effective samples per arm targeted by the current batch (0 when not batched). */
  batchSize: number;
  /** Doubling-trick epoch (0-based), only for anytime variants. */
  epoch?: number;
  /** Arm indices not eliminated, ascending. */
  activeArms: number[];
  /** Mean reward estimate per arm from completed batches (NaN when an arm has no sample). */
  estimates: number[];
  /** Samples behind each estimate. */
  samples: number[];
  /** Rewards that arrived as NaN (or non-finite) and were therefore not counted. */
  missingRewards: number;
  /** Commands actually sent (feedback learners stay silent once a command is known delivered). */
  transmissions?: number;
}

/**
 * The summary of a learner that keeps every arm active and a running sum per arm (no batches):
 * estimate = sum / count, NaN for an arm never sampled.
 */
export function unbatchedSummary(
  algorithm: string,
  rounds: number,
  counts: ArrayLike<number>,
  sums: ArrayLike<number>,
  missingRewards: number,
  transmissions: number,
): ErasureLearnerSummary {
  const arms = counts.length;
  return {
    algorithm,
    rounds,
    batch: 0,
    batchSize: 0,
    activeArms: Array.from({ length: arms }, (_, a) => a),
    estimates: Array.from({ length: arms }, (_, a) => (counts[a] > 0 ? sums[a] / counts[a] : NaN)),
    samples: Array.from(counts),
    missingRewards,
    transmissions,
  };
}

export interface ErasureLearner {
  /** Algorithm name as in scenarios. */
  readonly algorithm: string;
  /** K, arm indices are 0..K-1. */
  readonly arms: number;
  /** M, agent indices are 0..M-1. */
  readonly agents: number;
  /** Uplink feedback the learner expects ('none' when absent: the AISTATS learners). */
  readonly feedback?: FeedbackMode;
  /** Write the arm commanded to each agent in round `round` into `out[0..M-1]` (-1: nothing sent). */
  nextCommands(round: number, out: Int32Array): void;
  /** What was heard on the uplink about round `round` (feedback learners only). */
  hear?(round: number, bits: Uint8Array): void;
  /** The rewards of round `round` by agent (`rewards[j]`); NaN marks a reward that did not arrive. */
  observe(round: number, rewards: Float64Array): void;
  /**
   * Whether the learner has settled: from the next round on it commands `out[j]` to agent j in
   * every round, forever, whatever the rewards (an elimination learner with one arm left). Writes
   * those commands into `out` (length M) only when it returns true; call it after `observe`.
   * The simulator then stops driving the learner and runs the remaining rounds without rewards
   * (`ErasureEnvironment.settle`); a node keeps driving it, with the same commands. Absent:
   * never settles. Learners with uplink feedback do not settle.
   */
  settled?(out: Int32Array): boolean;
  /** Snapshot of the learner's state (allocates; call it per batch or on a timer, not per round). */
  summary(): ErasureLearnerSummary;
}
