/**
 * `learner`: the central learner of a round-based family. At phase 0 of every round it sends one
 * ArmCommand per agent (best effort: the link may drop it, and nobody tells the learner); it
 * closes the round when every agent's ArmReward has arrived or at the deadline phase, feeding the
 * algorithm NaN for the missing ones; it publishes LearnerState after each round.
 * Rewards for an unknown agent, another round, or with a non-finite value are dropped and counted.
 * Rounds it misses (it started late, a tick came late) are skipped: no command, no reward, counted.
 * Learners with uplink feedback (TPG, SP2-Feedback): a command of -1 goes out as a marker
 * (arm -1) that the link node consumes and no agent plays (the agent keeps playing what it was
 * last known to receive), and the LinkFeedback bits heard on
 * `agent_<j>/feedback` for the open round are handed to the learner before its rewards; a bit
 * that never arrives is silence, never an assumed delivery.
 * Injected faults: a reward missing because its agent was down (`agent-crash`, known from the
 * scenario's schedule) is counted as 'agent-down', one per agent and round; a restart
 * (`learner-restart`) is played inside the family's learner, as in `sim`.
 */
import type { ArmCommand, ArmReward, LearnerState, LinkFeedback } from '../../msg/definitions.generated.js';
import { COMMAND_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { declareCheckpointParameters, openCheckpoint } from '../checkpointing.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { replayable } from './replayableLearner.js';
import { roundFamilyOf } from './roundFamilies.js';
import { ARM_COMMAND, ARM_REWARD, LEARNER_STATE, LINK_FEEDBACK, NO_TRANSMISSION, feedbackTopic, learnerStateTopic, rawCommandTopic, rewardTopic } from './topics.js';

export const learnerNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const deadline = node.declareParameter({ name: 'reward_deadline', type: 'double', default: 0.9, description: 'phase of the round (fraction in [0.55, 0.99]) at which missing rewards are given up', range: { min: 0.55, max: 0.99 }, readOnly: true }) as number;
  const family = roundFamilyOf(ctx.scenario);
  const s = ctx.scenario;
  const M = family.agents(s);
  const horizon = s.horizon;
  const algorithm = s.algorithms[ctx.algorithmIndex];
  const checkpointing = declareCheckpointParameters(node, 'learner');
  const learner = replayable(family.createLearner(s, ctx.algorithmIndex, ctx.rng), M, { log: checkpointing.dir !== '' });
  const checkpoint = openCheckpoint(node, ctx, checkpointing, 'learner', learner, 'learner');
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const downtime = family.downtime(s);

  const commands = new Int32Array(M);
  const rewards = new Float64Array(M);
  const heard = new Uint8Array(M);
  const seq = new Uint32Array(M);
  let open = -1; // the round whose rewards are being collected, -1 if none
  let received = 0;
  let closedRounds = 0;
  let skippedRounds = 0;

  const cmdPubs = Array.from({ length: M }, (_, j) => node.createPublisher<ArmCommand>(ARM_COMMAND, rawCommandTopic(j), COMMAND_QOS));
  const statePub = node.createPublisher<LearnerState>(LEARNER_STATE, learnerStateTopic, TELEMETRY_QOS);

  const close = () => {
    if (open < 0) return;
    if (received < M) {
      let down = 0;
      for (let j = 0; j < M; j++) {
        if (!Number.isNaN(rewards[j]) || !downtime.isDown(j, open)) continue;
        down++;
        drops.drop('agent-down', `round ${open}: no reward from agent ${j}, which is down`);
      }
      if (received + down < M) drops.drop('missing-reward', `round ${open}: ${M - received - down} of ${M} rewards missing at the deadline`);
    }
    learner.hear?.(open, heard);
    learner.observe(open, rewards);
    const snap = learner.snapshot();
    statePub.publish({
      header: header(node),
      algorithm: algorithm.label ?? algorithm.name,
      learner_id: 0,
      round: open,
      batch: snap.batch,
      active_arms: snap.activeArms,
      estimates: snap.estimates,
      counts: snap.counts,
    });
    const done = open + 1;
    open = -1;
    closedRounds++;
    checkpoint.afterRound(done);
  };

  for (let j = 0; j < M; j++) {
    node.createSubscription<ArmReward>(ARM_REWARD, rewardTopic(j), (msg) => {
      if (msg.agent_id !== j) return drops.drop('wrong-agent', `reward on ${rewardTopic(j)} claims agent ${msg.agent_id}`);
      if (!Number.isFinite(msg.reward)) return drops.drop('bad-value', `reward ${msg.reward} from agent ${j} in round ${msg.round}`);
      if (msg.round !== open) return drops.drop('late-round', `reward from agent ${j} for round ${msg.round} while round ${open < 0 ? 'none' : open} is open`);
      if (!Number.isNaN(rewards[j])) return drops.drop('duplicate', `second reward from agent ${j} for round ${msg.round}`);
      rewards[j] = msg.reward;
      if (++received === M) close();
    }, REWARD_QOS);
  }

  if (learner.hear) {
    for (let j = 0; j < M; j++) {
      node.createSubscription<LinkFeedback>(LINK_FEEDBACK, feedbackTopic(j), (msg) => {
        if (msg.agent_id !== j) return drops.drop('wrong-agent', `feedback on ${feedbackTopic(j)} claims agent ${msg.agent_id}`);
        if (msg.round !== open) return drops.drop('late-round', `feedback about agent ${j} for round ${msg.round} while round ${open < 0 ? 'none' : open} is open`);
        if (!(msg.kind >= 1 && msg.kind <= 3)) return drops.drop('bad-value', `feedback kind ${msg.kind} about agent ${j}`);
        if (heard[j] !== 0) return drops.drop('duplicate', `second feedback bit about agent ${j} for round ${msg.round}`);
        heard[j] = msg.kind;
      }, COMMAND_QOS);
    }
  }

  ctx.clock.every(node, 0, (round, missed) => {
    if (open >= 0) close();
    // Rounds restored from a checkpoint are not played again (a restart before the clock got there).
    if (round < checkpoint.restoredRounds) return true;
    // Rounds this learner missed (late start, a missed tick, down since its checkpoint): no
    // command, no reward, counted.
    for (let r = Math.max(round - missed, checkpoint.restoredRounds); r < Math.min(round, horizon); r++) {
      learner.skip(r);
      skippedRounds++;
      checkpoint.afterRound(r + 1);
    }
    if (round >= horizon) return false;
    learner.commands(round, commands);
    open = round;
    received = 0;
    rewards.fill(NaN);
    heard.fill(0);
    for (let j = 0; j < M; j++) {
      // Stop-on-success: nothing goes on air, but the link is told at once that the round is
      // silent (the marker keeps the sequence number: it is not a command).
      if (commands[j] >= 0) seq[j] = (seq[j] + 1) >>> 0;
      cmdPubs[j].publish({ header: header(node), agent_id: j, arm: commands[j] >= 0 ? commands[j] : NO_TRANSMISSION, seq: seq[j], round });
    }
  });
  ctx.clock.every(node, deadline, (round) => {
    if (open === round) close();
    return round < horizon - 1;
  });

  node.logger.info(`learner '${algorithm.label ?? algorithm.name}' for ${M} agents, ${horizon} rounds of ${ctx.clock.periodNs / 1e9}s`);
  return {
    shutdown() {
      checkpoint.finish();
      node.logger.info(`closed ${closedRounds} rounds${skippedRounds > 0 ? `; skipped ${skippedRounds} (started late or missed their tick)` : ''}${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
