/**
 * Node bindings of the erasure-channel family: the same learner, channels, keep-last agents and
 * reward streams as `buildErasureRun`, split across the learner, link and agent nodes.
 */
import { KeepLastAgent } from '../../core/erasure/KeepLastAgent.js';
import { createChannel } from '../../envs/channels/createChannel.js';
import { nominalLossRate } from '../../envs/channels/ChannelSpec.js';
import { AgentDowntime } from '../../envs/faults/AgentDowntime.js';
import { FaultyChannel } from '../../envs/faults/FaultyChannel.js';
import { erasureFeedbackMode } from '../../experiments/erasure/createErasureLearner.js';
import { erasureAgents, feedbackLinkSpec } from '../../experiments/erasure/erasureAgents.js';
import { erasureLink, erasureRewardModel } from '../../experiments/erasure/erasureExperiment.js';
import { createRestartingErasureLearner } from '../../experiments/erasure/restartingErasureLearner.js';
import type { ErasureScenario } from '../../experiments/erasure/schema.js';
import type { RoundFamily } from './RoundFamily.js';

export const erasureFamily: RoundFamily<ErasureScenario> = {
  agents: (s) => erasureAgents(s).length,
  arms: (s) => s.arms.means.length,
  createLearner(s, algorithmIndex, rng) {
    const bounds = Float64Array.from(erasureAgents(s), (a) => a.epsBound);
    const learner = createRestartingErasureLearner(s, algorithmIndex, bounds, rng.stream('algorithm'));
    const unsent = new Int32Array(bounds.length);
    const missing = new Float64Array(bounds.length).fill(NaN);
    return {
      commands: (round, out) => learner.nextCommands(round, out),
      observe: (round, rewards) => learner.observe(round, rewards),
      skip(round) {
        // To the learner a skipped round is one whose commands were all erased and whose rewards
        // never came: the erasure model it is built for. The commands are computed, never sent.
        learner.nextCommands(round, unsent);
        learner.observe(round, missing);
      },
      hear: learner.hear ? (round, bits) => learner.hear!(round, bits) : undefined,
      snapshot() {
        const sum = learner.summary();
        return { batch: sum.batch, activeArms: [...sum.activeArms], estimates: [...sum.estimates], counts: [...sum.samples] };
      },
    };
  },
  createAgent(s, agent, rng) {
    const model = erasureRewardModel(s, rng);
    const keeper = new KeepLastAgent({ arms: model.arms, rng: rng.stream(`agent/${agent}`) });
    const noise = rng.stream(`agent/${agent}/reward`);
    return {
      receive: (sent, arm) => keeper.receive(sent, arm),
      play: () => keeper.play(),
      reward: (arm) => model.sample(arm, noise),
      reset: () => keeper.reset(),
    };
  },
  createLink(s, agent, rng) {
    const entry = erasureAgents(s)[agent];
    const channel = erasureLink(s, entry, agent, rng);
    const nominal = nominalLossRate(entry.channel);
    const scheduled = channel as { epsAt?: (round: number) => number };
    return {
      send: (round) => channel.send(round),
      erasureProbability: (round) => (scheduled.epsAt ? scheduled.epsAt(round) : nominal),
      lastFault: () => (channel instanceof FaultyChannel ? channel.lastFault : undefined),
    };
  },
  createFeedback(s, algorithmIndex, agent, rng) {
    const mode = erasureFeedbackMode(s, algorithmIndex);
    const spec = feedbackLinkSpec(s);
    return { mode, uplink: spec && mode !== 'none' ? createChannel(spec, rng.stream(`feedback/${agent}`)) : undefined };
  },
  means: (s, rng) => erasureRewardModel(s, rng).means,
  downtime: (s) => new AgentDowntime(s.faults, erasureAgents(s).length),
};
