/**
 * `monitor` of a DAG scenario (the shared `monitor` executable dispatches here by family): reads
 * every player's PlayerAction and, when a round's joint action is complete, adds its joint
 * pseudo-regret (best fixed joint action's mean minus the played one's, as `sim` sums it) and
 * publishes a RegretReport. A round still missing an action at the deadline earns nothing: its
 * regret is the best mean (counted).
 */
import type { RegretReport } from '../../msg/definitions.generated.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import { finishLine, type NodeInstance } from '../NodeProgram.js';
import type { RunContext } from '../runContext.js';
import { REGRET_REPORT, regretTopic } from '../rounds/topics.js';
import { header } from '../stamp.js';
import { dagRunOf } from './dagRun.js';
import { declareActionDeadline } from './playerNode.js';
import { RoundBuffer, collectRounds, type OpenRound } from './RoundBuffer.js';

export function dagMonitor(node: NodeHandle, ctx: RunContext): NodeInstance {
  const deadline = declareActionDeadline(node);
  const run = dagRunOf(ctx, node.fullyQualifiedName);
  const { dag, model, regret, scenario: s } = run;
  const algorithm = s.algorithms[ctx.algorithmIndex];
  const label = `${s.name}/${algorithm.label ?? algorithm.name}/seed${s.seed}/run${ctx.run}`;
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const all = Array.from({ length: dag.size }, (_, i) => i);
  const buffer = new RoundBuffer({ actionCounts: dag.actions, watched: all, horizon: s.horizon, drops });
  const pub = node.createPublisher<RegretReport>(REGRET_REPORT, regretTopic, TELEMETRY_QOS);
  let cumulative = 0;
  const end = finishLine();

  const close = (o: OpenRound, complete: boolean) => {
    if (!complete) drops.drop('missing-action', `round ${o.round}: ${dag.size - o.received} of ${dag.size} actions missing at the deadline; counted as earning nothing`);
    const optimal = regret.optimal(o.round);
    const achieved = complete ? model.mean(o.round, o.actions) : 0;
    const instant = complete ? regret.instant(o.round, o.actions) : optimal;
    cumulative += instant;
    pub.publish({
      header: header(node),
      algorithm: algorithm.label ?? algorithm.name,
      run_label: label,
      round: o.round,
      optimal_value: optimal,
      achieved_value: achieved,
      instant_regret: instant,
      cumulative_regret: cumulative,
    });
    if (o.round === s.horizon - 1) end.finish(`horizon reached: ${s.horizon} rounds, cumulative regret ${cumulative}`);
  };

  collectRounds(node, ctx.clock, buffer, all, deadline, s.horizon, close);
  return {
    finished: end.finished,
    shutdown() {
      node.logger.info(`cumulative regret ${cumulative} after ${buffer.closedThrough + 1} rounds${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
}
