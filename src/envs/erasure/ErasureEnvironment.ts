/**
 * The world of the erasure-channel family for one run (Hanna et al., AISTATS 2024, Sec. II-B):
 * M command links, M keep-last agents and one reward model. Given the learner's commands of a
 * round it returns the rewards (what the learner sees) and the arms played (ground truth for the
 * monitor), and the round's pseudo-regret sum_j (mu* - mu_played_j).
 *
 * Per round t, for each agent j = 0..M-1 in turn (each draw is on its own stream, so only the
 * order within a stream matters):
 *   1. `channels[j].send(t)` (stream `channel/<j>`, delay on `channel/<j>/delay`): arrival round
 *      d, or -1. d = t: the agent receives the command now; d > t: it waits in agent j's queue.
 *   2. every queued command with arrival <= t is received (earliest arrival first);
 *   3. `agents[j].play()`: the last arrival of this round (latest sent wins), else the previous arm;
 *   4. reward = `rewards.sample(played, rewardRngs[j])` (stream `agent/<j>/reward`): exactly one
 *      sample per agent per round, whether or not anything arrived.
 * A command of -1 means the learner sent nothing this round (stop-on-success feedback): the
 * channel still draws (step 1) so the erasure pattern does not depend on the algorithm, and its
 * outcome is ignored. With uplink feedback, after step 3:
 *   5. bit = feedbackBit(mode, sent, delivered now); `uplinks[j].send(t)` (stream
 *      `feedback/<j>`), drawn every round when an uplink model is given, erases the bit;
 *      heard[j] = the bit if it got through, else FB_NONE.
 * Counters: `transmissions` (commands sent), `feedbackBits` (bits the agents sent, lost or not)
 * and `feedbackLost`.
 * Crashed agents (`downtime`, scenario faults `agent-crash`): in a round where agent j is down,
 * steps 1 and 5 still draw (the link and uplink streams never shift), but whatever arrives is
 * lost (`lostToDown`), the agent forgets its last command (back to its base action), plays
 * nothing (played -1, no regret), draws no reward (reward NaN, `rewardsMissing`) and sends no
 * feedback bit.
 * A node implementation that performs the same calls on objects built from the same streams
 * reproduces the simulation bit for bit.
 *
 * Settled learners (`settle`, then `stepSettled` each round): once the learner commands a fixed
 * arm c_j to every agent for good (one arm left), rewards can no longer matter, so none is drawn,
 * and an agent is done as soon as it plays c_j with no other arm still in flight: from then on it
 * plays c_j every round, so its channel is not drawn either. The regret of every round is still
 * the same float sum over agents in order as `step` gives, so the curve stays exact bit for bit;
 * only streams whose later numbers nothing reads are left behind.
 */
import { FB_NONE, feedbackBit, type FeedbackMode } from '../../core/erasure/feedback.js';
import type { KeepLastAgent } from '../../core/erasure/KeepLastAgent.js';
import type { Rng } from '../../core/random.js';
import type { RewardModel } from '../arms/RewardModel.js';
import type { CommandChannel } from '../channels/CommandChannel.js';
import { DeliveryQueue } from '../channels/DeliveryQueue.js';
import type { AgentDowntime } from '../faults/AgentDowntime.js';

export interface ErasureEnvironmentOptions {
  /** True arm means and noise (shared by all agents). */
  rewards: RewardModel;
  /** Link of each agent, length M. */
  channels: readonly CommandChannel[];
  /** The agents, length M. */
  agents: readonly KeepLastAgent[];
  /** Reward-noise stream of each agent, length M. */
  rewardRngs: readonly Rng[];
  /** Uplink feedback mode (default 'none'). */
  feedback?: FeedbackMode;
  /** Loss model of each agent's uplink (feedback bits); absent: a reliable uplink. */
  uplinks?: readonly CommandChannel[];
  /** When agents are down (scenario faults); absent: never. */
  downtime?: AgentDowntime;
}

export class ErasureEnvironment {
  readonly agents: number;
  readonly rewards: RewardModel;
  readonly #channels: readonly CommandChannel[];
  readonly #agents: readonly KeepLastAgent[];
  readonly #rewardRngs: readonly Rng[];
  readonly #queues: DeliveryQueue[];
  /** Per-arm gap mu* - mu_a, so the hot loop does one lookup. */
  readonly #gap: Float64Array;
  readonly #mode: FeedbackMode;
  readonly #uplinks: readonly CommandChannel[] | undefined;
  readonly #downtime: AgentDowntime | undefined;
  /** Commands sent so far. */
  transmissions = 0;
  /** Feedback bits the agents sent so far (including lost ones). */
  feedbackBits = 0;
  /** Feedback bits the uplink lost. */
  feedbackLost = 0;
  /** Commands that reached a crashed agent (lost). */
  lostToDown = 0;
  /** Rewards never produced because their agent was down. */
  rewardsMissing = 0;
  /** Settled commands by agent (`settle`), empty before. */
  #settled = new Int32Array(0);
  /** Per agent: 1 once it plays its settled arm for good. */
  #done = new Uint8Array(0);
  /** Per agent: queued commands carrying another arm than its settled one. */
  #stale = new Int32Array(0);
  #doneCount = 0;
  /** Regret of a round in which every agent is done. */
  #doneRegret = 0;

  constructor({ rewards, channels, agents, rewardRngs, feedback = 'none', uplinks, downtime }: ErasureEnvironmentOptions) {
    const M = agents.length;
    if (M < 1) throw new RangeError('an ErasureEnvironment needs at least one agent');
    if (channels.length !== M || rewardRngs.length !== M) {
      throw new RangeError(`an ErasureEnvironment needs one channel and one reward stream per agent: ${M} agents, ${channels.length} channels, ${rewardRngs.length} reward streams`);
    }
    agents.forEach((agent, j) => {
      if (agent.arms !== rewards.arms) throw new RangeError(`agent ${j} knows ${agent.arms} arms but the reward model has ${rewards.arms}`);
    });
    this.agents = M;
    this.rewards = rewards;
    this.#channels = channels;
    this.#agents = agents;
    this.#rewardRngs = rewardRngs;
    this.#queues = Array.from({ length: M }, () => new DeliveryQueue(4));
    this.#gap = Float64Array.from(rewards.means, (mu) => rewards.best - mu);
    if (uplinks && uplinks.length !== M) throw new RangeError(`an ErasureEnvironment needs one uplink per agent: ${M} agents, ${uplinks.length} uplinks`);
    this.#mode = feedback;
    this.#uplinks = feedback === 'none' ? undefined : uplinks;
    this.#downtime = downtime && downtime.total > 0 ? downtime : undefined;
  }

  /**
   * Run round `round` (0-based, consecutive): `commands[j]` is the arm commanded to agent j.
   * Writes `played[j]` and `rewards[j]` and returns the round's pseudo-regret.
   */
  step(round: number, commands: Int32Array, played: Int32Array, rewards: Float64Array, heard?: Uint8Array): number {
    const model = this.rewards;
    const mode = this.#mode;
    const uplinks = this.#uplinks;
    const downtime = this.#downtime;
    let regret = 0;
    for (let j = 0; j < this.agents; j++) {
      const agent = this.#agents[j];
      const arrival = this.#channels[j].send(round);
      const cmd = commands[j];
      const sent = cmd >= 0;
      const queue = this.#queues[j];
      if (downtime?.isDown(j, round)) {
        this.#stepDown(j, round, sent, arrival, cmd, played, rewards, heard);
        continue;
      }
      if (sent) {
        this.transmissions += 1;
        if (arrival === round) agent.receive(round, cmd);
        else if (arrival > round) queue.push(arrival, round, cmd);
      }
      while (queue.popDue(round)) agent.receive(queue.sent, queue.arm);
      const arm = agent.play();
      played[j] = arm;
      rewards[j] = model.sample(arm, this.#rewardRngs[j]);
      regret += this.#gap[arm];
      if (mode !== 'none') {
        let bit = feedbackBit(mode, sent, sent && arrival === round);
        const lost = uplinks !== undefined && uplinks[j].send(round) < 0;
        if (bit !== FB_NONE) {
          this.feedbackBits += 1;
          if (lost) {
            this.feedbackLost += 1;
            bit = FB_NONE;
          }
        }
        if (heard) heard[j] = bit;
      }
    }
    return regret;
  }

  /** Agent j is down in `round`: the draws happen, nothing else does. */
  #stepDown(j: number, round: number, sent: boolean, arrival: number, cmd: number, played: Int32Array, rewards: Float64Array, heard: Uint8Array | undefined): void {
    const queue = this.#queues[j];
    if (sent) {
      this.transmissions += 1;
      if (arrival === round) this.lostToDown += 1;
      else if (arrival > round) queue.push(arrival, round, cmd);
    }
    while (queue.popDue(round)) this.lostToDown += 1;
    this.#agents[j].reset();
    played[j] = -1;
    rewards[j] = NaN;
    this.rewardsMissing += 1;
    if (this.#mode !== 'none') {
      this.#uplinks?.[j].send(round);
      if (heard) heard[j] = FB_NONE;
    }
  }

  /**
   * From the next round on agent j is commanded `commands[j]` (an arm) in every round, and
   * nobody reads the rewards any more: call `stepSettled` instead of `step` from then on. Only
   * without uplink feedback (feedback learners send nothing once a command is known delivered).
   */
  settle(commands: Int32Array): void {
    const M = this.agents;
    if (this.#mode !== 'none') throw new Error(`ErasureEnvironment.settle: only without uplink feedback (feedback mode '${this.#mode}')`);
    if (this.#downtime) throw new Error('ErasureEnvironment.settle: only without agent crashes (a crash resets the agent)');
    if (commands.length < M) throw new RangeError(`ErasureEnvironment.settle needs one command per agent: ${M} agents, ${commands.length} commands`);
    this.#settled = Int32Array.from(commands.subarray(0, M));
    this.#done = new Uint8Array(M);
    this.#stale = new Int32Array(M);
    this.#doneCount = 0;
    let regret = 0;
    for (let j = 0; j < M; j++) {
      const c = this.#settled[j];
      if (!(Number.isInteger(c) && c >= 0 && c < this.rewards.arms)) throw new RangeError(`ErasureEnvironment.settle: agent ${j}'s command must be an arm in [0, ${this.rewards.arms}), found ${c}`);
      regret += this.#gap[c];
      this.#stale[j] = this.#queues[j].countOther(c);
      // Nothing newer can arrive before round t's commands, so an agent already playing c with
      // nothing else in flight is done at once.
      if (this.#stale[j] === 0 && this.#agents[j].current === c) this.#markDone(j);
    }
    this.#doneRegret = regret;
  }

  #markDone(j: number): void {
    this.#done[j] = 1;
    this.#doneCount += 1;
  }

  /**
   * Round `round` after `settle`: the agents not yet done run exactly as in `step` (same channel
   * draws), without rewards; returns the round's pseudo-regret.
   */
  stepSettled(round: number): number {
    const M = this.agents;
    if (this.#settled.length !== M) throw new Error('ErasureEnvironment.stepSettled: call settle() first');
    this.transmissions += M;
    if (this.#doneCount === M) return this.#doneRegret;
    let regret = 0;
    for (let j = 0; j < M; j++) {
      const c = this.#settled[j];
      if (this.#done[j] === 1) {
        regret += this.#gap[c];
        continue;
      }
      const agent = this.#agents[j];
      const queue = this.#queues[j];
      const arrival = this.#channels[j].send(round);
      if (arrival === round) agent.receive(round, c);
      else if (arrival > round) queue.push(arrival, round, c);
      while (queue.popDue(round)) {
        if (queue.arm !== c) this.#stale[j] -= 1;
        agent.receive(queue.sent, queue.arm);
      }
      const arm = agent.play();
      regret += this.#gap[arm];
      if (arm === c && this.#stale[j] === 0) this.#markDone(j);
    }
    return regret;
  }
}
