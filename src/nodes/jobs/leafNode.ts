/**
 * `leaf`: a service at a leaf of the job tree (a neural network on an edge server, the last relay
 * before the destination). It answers each Job on `tree/<leaf>/job` with a JobCost on
 * `tree/<leaf>/cost`, computed from the scenario's cost model with the leaf's own stream
 * ('leaf/<name>') and the link delay that travelled with the job: exactly the cost `sim` draws.
 * A real service replaces this node by answering on the same topics (see README: real services).
 */
import type { Job, JobCost } from '../../msg/definitions.generated.js';
import { REWARD_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { header } from '../stamp.js';
import { jobProblem } from './checkJob.js';
import { costTopic, JOB, JOB_COST, jobTopic } from './topics.js';
import { declareTreeContext, declareTreeNode } from './treeContext.js';

export const leafNode: NodeProgram = (node) => {
  const ctx = declareTreeContext(node);
  const n = declareTreeNode(node, ctx, 'leaf');
  const { tree, model, scenario: s } = ctx;
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const served = new Set<number>();
  const pub = node.createPublisher<JobCost>(JOB_COST, costTopic(tree.names[n]), REWARD_QOS);
  node.createSubscription<Job>(JOB, jobTopic(tree.names[n]), (job) => {
    const bad = jobProblem(job, tree, n, s.horizon);
    if (bad) return drops.drop(bad.reason, bad.detail);
    if (served.has(job.job_id)) return drops.drop('duplicate', `job ${job.job_id} arrived twice`);
    served.add(job.job_id);
    const cost = model.leafCost(n, job.round + 1, job.delay);
    pub.publish({ header: header(node), job_id: job.job_id, round: job.round, path: job.path, arrival_probability: job.arrival_probability, cost });
  }, REWARD_QOS);
  return {
    shutdown() {
      node.logger.info(`leaf '${tree.names[n]}': served ${served.size} jobs${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
