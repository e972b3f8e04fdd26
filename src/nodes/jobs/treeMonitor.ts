/**
 * The monitor of a multi-stage run (called by the shared `monitor` program): reads `job_costs`
 * and, round by round in order, adds E[c_leaf(t)] - E[c_best(t)] exactly as `sim` does (a
 * deadline miss, with no leaf, adds 1 - E[c_best(t)]), publishing a RegretReport per round.
 * Costs that arrive for an already closed round, or twice, are dropped and counted.
 */
import type { JobCost, RegretReport } from '../../msg/definitions.generated.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import { finishLine, type NodeInstance } from '../NodeProgram.js';
import { REGRET_REPORT, regretTopic } from '../rounds/topics.js';
import { header } from '../stamp.js';
import { JOB_COST, jobCostsTopic } from './topics.js';
import type { RunContext } from '../runContext.js';
import { treeContextOf } from './treeContext.js';

export function treeMonitor(node: NodeHandle, run: RunContext): NodeInstance {
  const ctx = treeContextOf(node, run);
  const { tree, model, scenario: s } = ctx;
  const best = model.bestFixedLeaf().leaf;
  const algorithm = s.algorithms[ctx.algorithmIndex];
  const label = `${s.name}/${algorithm.label ?? algorithm.name}/seed${s.seed}/run${ctx.run}`;
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const pub = node.createPublisher<RegretReport>(REGRET_REPORT, regretTopic, TELEMETRY_QOS);
  const waiting = new Map<number, number>(); // round -> leaf (-1: deadline miss)
  let next = 0;
  let cumulative = 0;
  let misses = 0;
  const end = finishLine();

  node.createSubscription<JobCost>(JOB_COST, jobCostsTopic, (msg) => {
    if (!Number.isSafeInteger(msg.round) || msg.round < next || msg.round >= s.horizon) return drops.drop('late-round', `cost for round ${msg.round} (next open round ${next})`);
    if (waiting.has(msg.round)) return drops.drop('duplicate', `second cost for round ${msg.round}`);
    const leaf = msg.path.length > 0 ? msg.path[msg.path.length - 1] : -1;
    waiting.set(msg.round, leaf < tree.size && tree.isLeaf(leaf) ? leaf : -1);
    while (waiting.has(next)) {
      const l = waiting.get(next)!;
      waiting.delete(next);
      const t = next + 1;
      const achieved = l >= 0 ? model.expectedCost(l, t) : 1;
      if (l < 0) misses++;
      const optimal = model.expectedCost(best, t);
      const instant = achieved - optimal;
      cumulative += instant;
      pub.publish({ header: header(node), algorithm: algorithm.label ?? algorithm.name, run_label: label, round: next, optimal_value: optimal, achieved_value: achieved, instant_regret: instant, cumulative_regret: cumulative });
      next++;
    }
    if (next === s.horizon) end.finish(`horizon reached: ${next} jobs, cumulative regret ${cumulative}`);
  }, TELEMETRY_QOS);
  return {
    finished: end.finished,
    shutdown() {
      node.logger.info(`cumulative regret ${cumulative} after ${next} jobs, ${misses} deadline misses${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
}
