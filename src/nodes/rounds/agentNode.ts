/**
 * `agent`: plays, at phase 0.5 of every round, the arm of the last command it received (even
 * when this round's command was lost), publishes the ArmReward (no arm: the learner may not
 * know it) and ground-truth AgentTelemetry for the monitor. Before its first command it plays
 * the family's base action (erasure family: uniform from its own stream). Rewards come from the family's model in simulation
 * (`reward_source: model`) or from the last value on the `measurement` topic on a real robot.
 * Commands for another agent, an unknown arm or a bad round are dropped and counted.
 * Injected crashes (scenario faults `agent-crash`, the same schedule as `sim`): in a round where
 * the agent is down it plays nothing and publishes no reward and no telemetry; commands reaching
 * it are dropped and counted ('agent-down'); it forgets its last command (see AgentDowntime).
 */
import type { AgentTelemetry, ArmCommand, ArmReward, StdMsgsFloat64 } from '../../msg/definitions.generated.js';
import { COMMAND_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { roundFamilyOf } from './roundFamilies.js';
import { AGENT_TELEMETRY, ARM_COMMAND, ARM_REWARD, NO_TRANSMISSION } from './topics.js';

const FLOAT64 = 'std_msgs/msg/Float64';

export const agentNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const id = node.declareParameter({ name: 'agent_id', type: 'integer', default: 0, description: 'this agent\'s index j in [0, M)', range: { min: 0, max: 1_000_000 }, readOnly: true }) as number;
  const source = node.declareParameter({ name: 'reward_source', type: 'string', default: 'model', description: "'model' (simulated reward) or 'topic' (last std_msgs/Float64 on 'measurement')", readOnly: true }) as string;
  if (source !== 'model' && source !== 'topic') throw new Error(`parameter 'reward_source' is '${source}'; known: model, topic [node=${node.fullyQualifiedName}]`);
  const family = roundFamilyOf(ctx.scenario);
  const s = ctx.scenario;
  const M = family.agents(s);
  const K = family.arms(s);
  if (id >= M) throw new Error(`parameter 'agent_id' is ${id} but the scenario has ${M} agents (0..${M - 1}) [node=${node.fullyQualifiedName}]`);
  const model = family.createAgent(s, id, ctx.rng);
  const means = family.means(s, ctx.rng);
  const downtime = family.downtime(s);
  let nextPlay = 0; // the round this agent plays next: what arrives now counts for it
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);

  let lastArm = -1;
  let lastSeq = 0;
  let arrived = false;
  let measurement = NaN;

  const rewardPub = node.createPublisher<ArmReward>(ARM_REWARD, 'reward', REWARD_QOS);
  const telemetryPub = node.createPublisher<AgentTelemetry>(AGENT_TELEMETRY, 'telemetry', TELEMETRY_QOS);
  node.createSubscription<ArmCommand>(ARM_COMMAND, 'cmd', (cmd) => {
    if (cmd.agent_id !== id) return drops.drop('wrong-agent', `command for agent ${cmd.agent_id}`);
    if (cmd.arm === NO_TRANSMISSION) return; // a silent round's marker (no link node in between): keep playing
    if (!Number.isInteger(cmd.arm) || cmd.arm < 0 || cmd.arm >= K) return drops.drop('unknown-arm', `command with arm ${cmd.arm} (arms 0..${K - 1})`);
    if (!Number.isSafeInteger(cmd.round) || cmd.round < 0) return drops.drop('bad-round', `command with round ${cmd.round}`);
    if (downtime.isDown(id, nextPlay)) return drops.drop('agent-down', `command of round ${cmd.round} reached agent ${id} while it is down (round ${nextPlay})`);
    // The model decides which of a round's arrivals counts (the latest sent, for keep-last agents).
    model.receive(cmd.round, cmd.arm);
    lastArm = cmd.arm;
    lastSeq = cmd.seq;
    arrived = true;
  }, COMMAND_QOS);
  if (source === 'topic') {
    node.createSubscription<StdMsgsFloat64>(FLOAT64, 'measurement', (m) => {
      if (Number.isFinite(m.data)) measurement = m.data;
      else drops.drop('bad-value', `measurement ${m.data}`);
    }, REWARD_QOS);
  }

  ctx.clock.every(node, 0.5, (round) => {
    if (round >= s.horizon) return false;
    nextPlay = round + 1;
    if (downtime.isDown(id, round)) {
      model.reset();
      lastArm = -1;
      arrived = false;
      return;
    }
    const played = model.play();
    const reward = played < 0 ? NaN : source === 'model' ? model.reward(played) : measurement;
    if (!Number.isNaN(reward)) rewardPub.publish({ header: header(node), agent_id: id, round, reward });
    telemetryPub.publish({
      header: header(node),
      agent_id: id,
      round,
      commanded_arm: lastArm,
      commanded_seq: lastArm < 0 ? 0 : lastSeq,
      command_arrived: arrived,
      played_arm: played,
      reward,
      played_arm_mean: played < 0 ? NaN : means[played],
    });
    arrived = false;
  });
  return {
    shutdown() {
      if (drops.total > 0) node.logger.info(`dropped ${drops.summary()}`);
    },
  };
};
