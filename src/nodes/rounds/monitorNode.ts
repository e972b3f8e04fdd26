/**
 * `monitor`: computes regret from ground truth (coverage missions: see coverageMonitorNode). It reads every agent's AgentTelemetry, and once a
 * round is complete adds the agents' gaps (best mean - mean of the arm each really played),
 * summed over agents in order and then over rounds exactly as the fast simulator sums, then publishes a RegretReport for the round.
 * A round missing telemetry when a later round completes is closed with what arrived (counted).
 * Agents down in a round (scenario faults `agent-crash`) are not waited for: they play nothing,
 * so they add no regret, as in `sim`.
 * After the last round it is `finished` (a launched run then ends).
 */
import type { AgentTelemetry, RegretReport } from '../../msg/definitions.generated.js';
import { TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import { finishLine, type NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { coverageMonitor } from '../graph/coverageMonitorNode.js';
import { treeMonitor } from '../jobs/treeMonitor.js';
import { dagMonitor } from '../dag/dagMonitor.js';
import { roundFamilyOf } from './roundFamilies.js';
import { AGENT_TELEMETRY, REGRET_REPORT, regretTopic, telemetryTopic } from './topics.js';

export const monitorNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  if (ctx.scenario.family === 'coverage') return coverageMonitor(node, ctx);
  if (ctx.scenario.family === 'multistage') return treeMonitor(node, ctx);
  if (ctx.scenario.family === 'dag') return dagMonitor(node, ctx);
  const s = ctx.scenario;
  const family = roundFamilyOf(s);
  const M = family.agents(s);
  const means = family.means(s, ctx.rng);
  let best = -Infinity;
  for (const m of means) best = Math.max(best, m);
  const algorithm = s.algorithms[ctx.algorithmIndex];
  const label = `${s.name}/${algorithm.label ?? algorithm.name}/seed${s.seed}/run${ctx.run}`;
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const pub = node.createPublisher<RegretReport>(REGRET_REPORT, regretTopic, TELEMETRY_QOS);
  const downtime = family.downtime(s);
  const expected = (round: number) => (downtime.total > 0 ? downtime.upCount(round) : M);

  // Rounds in flight: round -> played arm per agent (-2 = not yet reported).
  const pending = new Map<number, Int32Array>();
  const counts = new Map<number, number>();
  let next = 0; // the next round to close
  let latestComplete = -1; // the latest round with telemetry from every agent
  let cumulative = 0;
  const end = finishLine();

  const closeRound = (round: number) => {
    const played = pending.get(round);
    const got = counts.get(round) ?? 0;
    if (got < expected(round)) drops.drop('missing-telemetry', `round ${round}: telemetry from ${got} of ${expected(round)} agents`);
    let instant = 0;
    let achieved = 0;
    for (let j = 0; j < M; j++) {
      const arm = played ? played[j] : -2;
      if (arm < 0) continue;
      instant += best - means[arm]; // agents in order, then rounds: the same float sums as `sim`
      achieved += means[arm];
    }
    cumulative += instant;
    pending.delete(round);
    counts.delete(round);
    pub.publish({
      header: header(node),
      algorithm: algorithm.label ?? algorithm.name,
      run_label: label,
      round,
      optimal_value: M * best,
      achieved_value: achieved,
      instant_regret: instant,
      cumulative_regret: cumulative,
    });
  };

  for (let j = 0; j < M; j++) {
    node.createSubscription<AgentTelemetry>(AGENT_TELEMETRY, telemetryTopic(j), (t) => {
      if (t.agent_id !== j) return drops.drop('wrong-agent', `telemetry on ${telemetryTopic(j)} claims agent ${t.agent_id}`);
      if (t.round < next || t.round >= s.horizon) return drops.drop('late-round', `telemetry of agent ${j} for round ${t.round} (next open round ${next})`);
      if (t.played_arm >= means.length) return drops.drop('unknown-arm', `agent ${j} reports arm ${t.played_arm}`);
      let row = pending.get(t.round);
      if (!row) {
        row = new Int32Array(M).fill(-2);
        pending.set(t.round, row);
      }
      if (row[j] !== -2) return drops.drop('duplicate', `second telemetry of agent ${j} for round ${t.round}`);
      row[j] = t.played_arm;
      const got = (counts.get(t.round) ?? 0) + 1;
      counts.set(t.round, got);
      if (got === expected(t.round)) latestComplete = Math.max(latestComplete, t.round);
      // Close rounds in order up to the latest complete one: a later complete round forces
      // earlier, incomplete ones closed; rounds where every agent is down need nobody.
      while (next < s.horizon && (next <= latestComplete || expected(next) === 0)) closeRound(next++);
      if (next === s.horizon) end.finish(`horizon reached: ${next} rounds, cumulative regret ${cumulative}`);
    }, TELEMETRY_QOS);
  }
  return {
    finished: end.finished,
    shutdown() {
      node.logger.info(`cumulative regret ${cumulative} after ${next} rounds${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
