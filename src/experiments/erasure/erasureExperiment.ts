/**
 * One seeded run of the erasure-channel family (Hanna et al., AISTATS 2024, Sec. V): a central
 * learner commands M agents over lossy links for T rounds; regret is the sum over rounds and
 * agents of mu* - mu_played, every pull included.
 *
 * Streams below the run's Rng (common random numbers: none depends on the algorithm):
 *   'arms'               Fisher-Yates shuffle of the means (`Rng.shuffle`), when `arms.shuffle`
 *   'channel/<j>'        agent j's link (delays on 'channel/<j>/delay'), see createChannel
 *   'agent/<j>'          agent j's base action: one `int(K)` at construction
 *   'agent/<j>/reward'   agent j's reward noise: one sample per round
 *   'algorithm'          the learner
 *   'feedback/<j>'       agent j's uplink loss (scenario `feedbackLink`), one draw per round
 *                        when the algorithm uses feedback
 *   'faults/<i>/link/<j>' fault i's burst on link j (scenario `faults`, see FaultyChannel)
 *   'algorithm/restart/<k>' the learner after its k-th restart (see restartingErasureLearner)
 * With `faults`, the run also reports `faultErased` (commands erased by a blackout or burst),
 * `lostToDown` (commands that reached a crashed agent) and `rewardsMissing` (agent-rounds down).
 * Per-round order: see ErasureEnvironment. The learner and agent nodes build the same objects
 * with `buildErasureRun` and `createErasureLearner`, so they reproduce this run exactly. Once the
 * learner has settled (one arm left) the run stops driving it and draws no more rewards; the
 * nodes keep going round by round and give the same regret.
 */
import { KeepLastAgent } from '../../core/erasure/KeepLastAgent.js';
import type { Rng } from '../../core/random.js';
import { RewardModel } from '../../envs/arms/RewardModel.js';
import { createChannel } from '../../envs/channels/createChannel.js';
import { ErasureEnvironment } from '../../envs/erasure/ErasureEnvironment.js';
import type { CommandChannel } from '../../envs/channels/CommandChannel.js';
import { AgentDowntime } from '../../envs/faults/AgentDowntime.js';
import { FaultyChannel } from '../../envs/faults/FaultyChannel.js';
import type { FamilyExperiment } from '../Family.js';
import { erasureFeedbackMode } from './createErasureLearner.js';
import { createRestartingErasureLearner } from './restartingErasureLearner.js';
import { erasureAgents, feedbackLinkSpec, type ErasureAgentSpec } from './erasureAgents.js';
import { erasureAlgorithmSchema, type ErasureScenario } from './schema.js';

/** Everything of one run except the learner. */
export interface ErasureRun {
  rewards: RewardModel;
  /** The per-agent declarations (channel spec, nominal eps, bound), by agent id. */
  agents: ErasureAgentSpec[];
  /** The learner's bound per agent. */
  epsBounds: Float64Array;
  environment: ErasureEnvironment;
  /** Link j's fault wrapper, when the scenario has faults on it. */
  faultyLinks: (FaultyChannel | undefined)[];
}

/**
 * Link j's channel on stream `channel/<j>`, wrapped in its faults if the scenario has any on it
 * (the node path's link node builds it here too).
 */
export function erasureLink(scenario: ErasureScenario, agent: ErasureAgentSpec, j: number, runRng: Rng): CommandChannel | FaultyChannel {
  const channel = createChannel(agent.channel, runRng.stream(`channel/${j}`));
  const faulty = scenario.faults ? new FaultyChannel(channel, scenario.faults, j, runRng) : undefined;
  return faulty?.faulty ? faulty : channel;
}

/** The reward model of one run: the scenario's means, shuffled from stream 'arms' if asked. */
export function erasureRewardModel(scenario: ErasureScenario, runRng: Rng): RewardModel {
  const means = [...scenario.arms.means];
  if (scenario.arms.shuffle) runRng.stream('arms').shuffle(means);
  const sd = scenario.arms.distribution === 'gaussian' ? Math.sqrt(scenario.arms.variance) : 0;
  return new RewardModel({ distribution: scenario.arms.distribution, means, sd });
}

/** @param algorithmIndex the algorithm whose feedback mode the environment serves (default: none). */
export function buildErasureRun(scenario: ErasureScenario, runRng: Rng, algorithmIndex = -1): ErasureRun {
  const rewards = erasureRewardModel(scenario, runRng);
  const agents = erasureAgents(scenario);
  const K = rewards.arms;
  const feedback = algorithmIndex >= 0 ? erasureFeedbackMode(scenario, algorithmIndex) : 'none';
  const uplink = feedbackLinkSpec(scenario);
  const channels = agents.map((a, j) => erasureLink(scenario, a, j, runRng));
  const environment = new ErasureEnvironment({
    feedback,
    uplinks: uplink && feedback !== 'none' ? agents.map((_, j) => createChannel(uplink, runRng.stream(`feedback/${j}`))) : undefined,
    rewards,
    channels,
    agents: agents.map((_, j) => new KeepLastAgent({ arms: K, rng: runRng.stream(`agent/${j}`) })),
    rewardRngs: agents.map((_, j) => runRng.stream(`agent/${j}/reward`)),
    downtime: scenario.faults ? new AgentDowntime(scenario.faults, agents.length) : undefined,
  });
  const faultyLinks = channels.map((c) => (c instanceof FaultyChannel ? c : undefined));
  return { rewards, agents, epsBounds: Float64Array.from(agents, (a) => a.epsBound), environment, faultyLinks };
}

export const erasureExperiment: FamilyExperiment<ErasureScenario> = {
  family: 'erasure',
  algorithms: erasureAlgorithmSchema.options.map((o) => o.shape.name.value),
  runOne(scenario, algorithmIndex, rng, grid, metrics) {
    const run = buildErasureRun(scenario, rng, algorithmIndex);
    const learner = createRestartingErasureLearner(scenario, algorithmIndex, run.epsBounds, rng.stream('algorithm'));
    const faulty = run.faultyLinks.some((f) => f !== undefined) ? run.faultyLinks : undefined;
    let faultErased = 0;
    const env = run.environment;
    const M = env.agents;
    const commands = new Int32Array(M);
    const played = new Int32Array(M);
    const rewards = new Float64Array(M);
    const heard = new Uint8Array(M);
    const out = new Float64Array(grid.length);
    const hear = learner.hear?.bind(learner);
    // A learner that settles (one arm left) needs no more rewards: the rest of the run only
    // waits for each agent to receive that arm (see ErasureEnvironment.settle). Exact, and most of
    // an elimination run: BatchSP2 settles after about 1,800 of erasure-exp2's 50,000 rounds.
    // Not with faults: crashes reset agents, and the fault counters need every round's draws.
    const canSettle = learner.settled !== undefined && erasureFeedbackMode(scenario, algorithmIndex) === 'none' && (scenario.faults?.length ?? 0) === 0;
    let settled = false;
    let regret = 0;
    let g = 0;
    for (let t = 0; t < scenario.horizon; t++) {
      if (settled) regret += env.stepSettled(t);
      else {
        learner.nextCommands(t, commands);
        regret += env.step(t, commands, played, rewards, heard);
        if (faulty) for (let j = 0; j < M; j++) if (commands[j] >= 0 && faulty[j]?.lastFault) faultErased++;
        if (hear) hear(t, heard);
        learner.observe(t, rewards);
        if (canSettle && learner.settled!(commands)) {
          env.settle(commands);
          settled = true;
        }
      }
      while (g < grid.length && grid[g] === t + 1) out[g++] = regret;
    }
    if (metrics) {
      metrics.transmissions = env.transmissions;
      metrics.feedbackBits = env.feedbackBits;
      if (scenario.faults) Object.assign(metrics, { faultErased, lostToDown: env.lostToDown, rewardsMissing: env.rewardsMissing });
    }
    return out;
  },
};
