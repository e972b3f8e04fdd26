/**
 * `source`: the robot that creates the jobs, one per round at phase 0 (a rate of 1/round_period),
 * and sends each to the root stage with arrival probability 1. It publishes every finished job's
 * JobCost on `job_costs` (for the monitor and the viewer); a job whose cost is not back by the
 * deadline phase is a deadline miss: published with cost 1 and the path it was sent on (the
 * root only), and counted. Costs for unknown, answered or expired jobs are dropped and counted.
 */
import type { Job, JobCost } from '../../msg/definitions.generated.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { header } from '../stamp.js';
import { costProblem } from './checkJob.js';
import { costTopic, JOB, JOB_COST, jobCostsTopic, jobsTopic, jobTopic } from './topics.js';
import { declareTreeContext } from './treeContext.js';

export const sourceNode: NodeProgram = (node) => {
  const ctx = declareTreeContext(node);
  const { tree, scenario: s } = ctx;
  const root = tree.names[0];
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const pending = new Set<number>();
  let done = 0;
  let misses = 0;
  const toRoot = node.createPublisher<Job>(JOB, jobTopic(root), REWARD_QOS);
  const jobs = node.createPublisher<Job>(JOB, jobsTopic, TELEMETRY_QOS);
  const outcomes = node.createPublisher<JobCost>(JOB_COST, jobCostsTopic, TELEMETRY_QOS);

  node.createSubscription<JobCost>(JOB_COST, costTopic(root), (msg) => {
    if (!pending.has(msg.job_id)) return drops.drop('unknown-job', `cost for job ${msg.job_id} that is not pending (unknown, answered or expired)`);
    const bad = costProblem(msg);
    if (bad) return drops.drop(bad.reason, bad.detail);
    pending.delete(msg.job_id);
    done++;
    outcomes.publish({ ...msg, header: header(node) });
  }, REWARD_QOS);

  ctx.clock.every(node, 0, (round) => {
    if (round >= s.horizon) return false;
    const job: Job = { header: header(node), job_id: round, round, path: [0], arrival_probability: 1, delay: 0 };
    pending.add(round);
    toRoot.publish(job);
    jobs.publish(job);
  });
  ctx.clock.every(node, ctx.deadline, (round) => {
    for (const id of pending) {
      if (id > round) continue;
      pending.delete(id);
      misses++;
      drops.drop('deadline-miss', `no cost for job ${id} by the deadline: cost 1`);
      outcomes.publish({ header: header(node), job_id: id, round: id, path: [0], arrival_probability: 1, cost: 1 });
    }
    return round < s.horizon - 1;
  });

  node.logger.info(`source: ${s.horizon} jobs into '${root}', one per ${ctx.clock.periodNs / 1e9}s`);
  return {
    shutdown() {
      node.logger.info(`source: ${done} jobs answered, ${misses} deadline misses${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
