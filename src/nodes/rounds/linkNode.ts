/**
 * `link`: the lossy-link simulator. One node serves every learner-to-agent link: it reads each
 * agent's raw command topic and republishes to the agent's command topic as that link's channel
 * model says: now, later (delay: released at phase 0.25 of the arrival round, before agents play
 * at 0.5) or never (erasure; nobody is told). On a real graph a command may reach the link well
 * after phase 0 (a loaded machine, a slow radio): any time before the agents play it still counts
 * for its round; rounds are only given up as silent one round later. It publishes LinkStats for every link every
 * `stats_period` rounds. Each link's draws come from its own stream `channel/<j>`, so the link
 * node reproduces the simulator's erasures exactly.
 * `link_eps` (one probability per link, run-time settable) replaces the scenario's models by
 * i.i.d. erasure for loss-injection experiments on real robots.
 *
 * Feedback (algorithms with uplink feedback, e.g. TPG): the learner transmits nothing while a
 * command is known delivered, and says so with a marker (arm -1) that the link consumes: the
 * channel still draws once for that round, as `sim` does, and the round's feedback bit goes back
 * while the learner still has the round open. A round with neither (a learner that stopped) is
 * drawn as silent at phase 0.25 of the next round. For every round the link computes the agent side's feedback bit (ACK, NACK,
 * or STATUS in mode 'all'), draws the uplink's own loss model (stream `feedback/<j>`) and
 * publishes the bits that survive on `agent_<j>/feedback`; LinkStats counts bits sent and lost.
 * Injected link faults (scenario faults `link-blackout`, `burst-loss`) wrap each link's model
 * exactly as in `sim` (FaultyChannel): their erasures count in LinkStats `erased` and, per
 * kind, as drops on /diagnostics. A crashed agent (`agent-crash`) sends no feedback bit; its
 * uplink still draws.
 */
import { FB_NONE, feedbackBit } from '../../core/erasure/feedback.js';
import type { ArmCommand, LinkFeedback, LinkStats } from '../../msg/definitions.generated.js';
import type { ParameterValue } from '../../runtime/Parameters.js';
import { COMMAND_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import type { LinkModel } from './RoundFamily.js';
import { roundFamilyOf } from './roundFamilies.js';
import { ARM_COMMAND, LINK_FEEDBACK, LINK_STATS, NO_TRANSMISSION, commandTopic, feedbackTopic, linkStatsTopic, rawCommandTopic } from './topics.js';

interface Counters {
  sent: number;
  delivered: number;
  erased: number;
  delayed: number;
  lastRound: number;
  feedbackBits: number;
  feedbackLost: number;
}

export const linkNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const statsPeriod = node.declareParameter({ name: 'stats_period', type: 'integer', default: 10, description: 'rounds between LinkStats messages', range: { min: 1, max: 1_000_000 } }) as number;
  const s = ctx.scenario;
  const family = roundFamilyOf(s);
  if (!family.createLink) throw new Error(`scenario family '${s.family}' has perfect links; it needs no link node [node=${node.fullyQualifiedName}]`);
  const M = family.agents(s);
  const epsOverride = node.declareParameter({ name: 'link_eps', type: 'double_array', default: [], description: `erasure probability per link in [0, 1) (${M} values), replacing the scenario's channel models; [] keeps them`, range: { min: 0, max: 0.999999 } }) as number[];
  const checkOverride = (v: ParameterValue): string | null =>
    Array.isArray(v) && v.length !== 0 && v.length !== M ? `'link_eps' needs ${M} values (one per link) or none, found ${v.length}` : null;
  const problem = checkOverride(epsOverride);
  if (problem) throw new Error(`${problem} [node=${node.fullyQualifiedName}]`);

  const models: LinkModel[] = Array.from({ length: M }, (_, j) => family.createLink!(s, j, ctx.rng));
  const overrideRngs = Array.from({ length: M }, (_, j) => ctx.rng.stream(`channel/${j}/override`));
  const feedback = Array.from({ length: M }, (_, j) => family.createFeedback?.(s, ctx.algorithmIndex, j, ctx.rng));
  const downtime = family.downtime(s);
  let override = epsOverride;
  node.onParameterChange((name, value) => {
    if (name !== 'link_eps') return null;
    const why = checkOverride(value);
    if (!why) override = value as number[];
    return why;
  });
  const send = (j: number, round: number) => (override.length === M ? (overrideRngs[j].uniform() < override[j] ? -1 : round) : models[j].send(round));
  const eps = (j: number, round: number) => (override.length === M ? override[j] : models[j].erasureProbability(round));

  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const counters: Counters[] = Array.from({ length: M }, () => ({ sent: 0, delivered: 0, erased: 0, delayed: 0, lastRound: -1, feedbackBits: 0, feedbackLost: 0 }));
  const inFlight: { arrival: number; msg: ArmCommand }[][] = Array.from({ length: M }, () => []);
  const outs = Array.from({ length: M }, (_, j) => node.createPublisher<ArmCommand>(ARM_COMMAND, commandTopic(j), COMMAND_QOS));
  const statsPub = node.createPublisher<LinkStats>(LINK_STATS, linkStatsTopic, TELEMETRY_QOS);
  const fbPubs = feedback.map((f, j) => (f && f.mode !== 'none' ? node.createPublisher<LinkFeedback>(LINK_FEEDBACK, feedbackTopic(j), COMMAND_QOS) : undefined));

  /** The agent side's feedback about round `round` on link j, through the uplink's loss model. */
  const sendFeedback = (j: number, round: number, transmitted: boolean, delivered: boolean) => {
    const f = feedback[j];
    if (!f || f.mode === 'none') return;
    const bit = downtime.isDown(j, round) ? FB_NONE : feedbackBit(f.mode, transmitted, delivered);
    const lost = f.uplink !== undefined && f.uplink.send(round) < 0;
    if (bit === FB_NONE) return;
    counters[j].feedbackBits++;
    if (lost) counters[j].feedbackLost++;
    else fbPubs[j]!.publish({ header: header(node), agent_id: j, round, kind: bit });
  };
  /** Round `round` passes on link j without a command: the channels still draw, as in `sim`. */
  const silentRound = (j: number, round: number) => {
    send(j, round);
    counters[j].lastRound = round;
    sendFeedback(j, round, false, false);
  };

  for (let j = 0; j < M; j++) {
    node.createSubscription<ArmCommand>(ARM_COMMAND, rawCommandTopic(j), (cmd) => {
      const c = counters[j];
      if (cmd.agent_id !== j) return drops.drop('wrong-agent', `command on ${rawCommandTopic(j)} for agent ${cmd.agent_id}`);
      // Channel models draw once per round in round order; a repeated or older round is a fault upstream.
      if (!Number.isSafeInteger(cmd.round) || cmd.round <= c.lastRound) return drops.drop('out-of-order', `command of round ${cmd.round} on link ${j} after round ${c.lastRound}`);
      if (cmd.round >= s.horizon) return drops.drop('bad-round', `command of round ${cmd.round} on link ${j} (horizon ${s.horizon})`);
      if (cmd.arm < NO_TRANSMISSION) return drops.drop('unknown-arm', `command with arm ${cmd.arm} on link ${j}`);
      // Rounds without a command (the learner skipped them) still pass on the channel: one draw
      // each, as in the simulator, so later rounds see the same erasures.
      for (let r = c.lastRound + 1; r < cmd.round; r++) silentRound(j, r);
      if (cmd.arm === NO_TRANSMISSION) {
        silentRound(j, cmd.round);
        return maybeFinal();
      }
      c.lastRound = cmd.round;
      c.sent++;
      const arrival = send(j, cmd.round);
      sendFeedback(j, cmd.round, true, arrival === cmd.round);
      const fault = override.length === M ? undefined : models[j].lastFault?.();
      if (fault) drops.drop(fault, `command of round ${cmd.round} on link ${j} erased by an injected ${fault}`);
      if (arrival < 0) c.erased++;
      else if (arrival === cmd.round) {
        c.delivered++;
        outs[j].publish(cmd);
      } else {
        c.delayed++;
        inFlight[j].push({ arrival, msg: cmd });
      }
      maybeFinal();
    }, COMMAND_QOS);
  }

  const publishStats = (round: number) => {
    for (let j = 0; j < M; j++) {
      const c = counters[j];
      statsPub.publish({
        header: header(node),
        agent_id: j,
        round,
        sent: c.sent,
        delivered: c.delivered,
        erased: c.erased,
        delayed: c.delayed,
        eps: eps(j, round),
        empirical_eps: c.sent > 0 ? c.erased / c.sent : NaN,
        feedback_bits: c.feedbackBits,
        feedback_lost: c.feedbackLost,
      });
    }
  };
  // The last round's totals go out once every link has seen that round's command (or marker) and
  // its in-flight commands were released: as soon as possible, since the run ends right after.
  let lastReleased = false;
  let finalSent = false;
  const maybeFinal = () => {
    if (finalSent || !lastReleased || !counters.every((c) => c.lastRound >= s.horizon - 1)) return;
    finalSent = true;
    publishStats(s.horizon - 1);
  };

  ctx.clock.every(node, 0.25, (round) => {
    // One round of grace: this round's command may still be on its way (at the horizon, none is).
    const silentUpTo = round >= s.horizon ? s.horizon - 1 : round - 1;
    for (let j = 0; j < M; j++) while (counters[j].lastRound < silentUpTo) silentRound(j, counters[j].lastRound + 1);
    if (round >= s.horizon) {
      lastReleased = true;
      maybeFinal();
      return false;
    }
    for (let j = 0; j < M; j++) {
      const queue = inFlight[j];
      if (queue.length === 0) continue;
      // Earliest arrival first, then earliest sent (stable sort keeps send order).
      queue.sort((a, b) => a.arrival - b.arrival);
      while (queue.length > 0 && queue[0].arrival <= round) {
        counters[j].delivered++;
        outs[j].publish(queue.shift()!.msg);
      }
    }
    if (round === s.horizon - 1) {
      lastReleased = true;
      maybeFinal();
    } else if ((round + 1) % statsPeriod === 0) publishStats(round);
    return true;
  });
  return {
    shutdown() {
      const erased = counters.reduce((a, c) => a + c.erased, 0);
      const sent = counters.reduce((a, c) => a + c.sent, 0);
      node.logger.info(`${M} links: ${sent} commands, ${erased} erased${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
