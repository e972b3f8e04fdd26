/**
 * What the round-based node programs (learner, agent, link, monitor) need from a family whose
 * learner commands an arm to each of M agents every round (single-agent bandit, erasure).
 * Each family builds these from the same streams as its `sim` experiment, so the node path
 * reproduces the fast path bit for bit.
 */
import type { FeedbackMode } from '../../core/erasure/feedback.js';
import type { Rng } from '../../core/random.js';
import type { AgentDowntime } from '../../envs/faults/AgentDowntime.js';
import type { ScenarioBase } from '../../experiments/Family.js';

export interface LearnerSnapshot {
  batch: number;
  activeArms: number[];
  estimates: number[];
  counts: number[];
}

export interface RoundLearner {
  /** Commands (arm per agent) for round `round` (0-based), written into `out`. */
  commands(round: number, out: Int32Array): void;
  /** Rewards of round `round` per agent; NaN where the reward did not arrive in time. */
  observe(round: number, rewards: Float64Array): void;
  /** Uplink feedback heard about round `round` (FB_* per agent), before `observe`; feedback learners only. */
  hear?(round: number, bits: Uint8Array): void;
  snapshot(): LearnerSnapshot;
  /**
   * Round `round` passed without this learner (it started late or missed the tick): no command
   * went out and no reward comes back. The learner keeps its round count in step without learning
   * anything from the round.
   */
  skip(round: number): void;
}

/** The uplink of one agent: which feedback it sends and the loss model of the way back. */
export interface FeedbackLink {
  mode: FeedbackMode;
  /** Round-indexed loss draw like a downlink (< 0: the bit is lost); undefined: reliable. */
  uplink?: { send(round: number): number };
}

export interface AgentModel {
  /** A command sent in round `sentRound` arrived (call for each arrival, before `play`). */
  receive(sentRound: number, arm: number): void;
  /** Close the round: the arm played (-1: idle, nothing received yet and no base action). */
  play(): number;
  /** One reward of `arm`, from the agent's own stream. */
  reward(arm: number): number;
  /** The agent crashed (scenario faults): it forgets what it received (see AgentDowntime). */
  reset(): void;
}

/** A downlink: whether (and when) the command sent in `round` reaches the agent. */
export interface LinkModel {
  /** Round at which the command sent in `round` is delivered (>= round), or -1 if erased. */
  send(round: number): number;
  /** Erasure probability in force at `round` (for LinkStats). */
  erasureProbability(round: number): number;
  /** Whether the last `send` was erased by an injected fault, and which (scenario faults). */
  lastFault?(): string | undefined;
}

export interface RoundFamily<S extends ScenarioBase = ScenarioBase> {
  agents(s: S): number;
  arms(s: S): number;
  createLearner(s: S, algorithmIndex: number, rng: Rng): RoundLearner;
  createAgent(s: S, agent: number, rng: Rng): AgentModel;
  /** Links between learner and agents; undefined for families with perfect links. */
  createLink?(s: S, agent: number, rng: Rng): LinkModel;
  /** The uplink feedback of algorithm `algorithmIndex` for one agent (families with links). */
  createFeedback?(s: S, algorithmIndex: number, agent: number, rng: Rng): FeedbackLink;
  /** True arm means of this run (ground truth for the monitor). */
  means(s: S, rng: Rng): Float64Array;
  /** When each agent is down (scenario faults `agent-crash`); the same schedule as `sim`. */
  downtime(s: S): AgentDowntime;
}
