/**
 * `stage`: one internal node of the job tree (an edge server choosing a network, a relay choosing
 * the next hop). On a Job (with the probability P_n that it got here) it picks a child with its
 * learner, adds the simulated delay of that link, and forwards the job with P_n p_{n,child}; when
 * the child's JobCost comes back it learns from it and passes it up. Only nodes on a job's path
 * learn. A cost not back by the deadline phase of the job's round is learned as 1 (a deadline
 * miss, counted); a JobCost for an unknown or expired job, from the wrong child, or outside
 * [0, 1] is dropped and counted. The learner is the one `sim` builds for this node
 * (stream 'algorithm/stage/<node>'), so the node path reproduces the fast path. After each
 * round's deadline it publishes its forwarding distribution for the next round and its picks per
 * child on `stage_states` (LearnerState: learner_id its tree node id, active_arms its children's,
 * estimates and counts in child order; for viewers, the learner is only read).
 */
import { createStage, STAGE_ALGORITHMS, type StageAlgorithm } from '../../core/multistage/createStages.js';
import { emptyPick, type StagePick } from '../../core/multistage/StageLearner.js';
import { stageAlgorithm } from '../../experiments/multistage/multistageExperiment.js';
import type { Job, JobCost, LearnerState } from '../../msg/definitions.generated.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { header } from '../stamp.js';
import { costProblem, jobProblem } from './checkJob.js';
import { costTopic, JOB, JOB_COST, jobsTopic, jobTopic, STAGE_STATE, stageStatesTopic } from './topics.js';
import { declareTreeContext, declareTreeNode } from './treeContext.js';

interface Pending {
  pick: StagePick;
  child: number;
  round: number;
}

export const stageNode: NodeProgram = (node) => {
  const ctx = declareTreeContext(node);
  const n = declareTreeNode(node, ctx, 'stage');
  const { tree, model, scenario: s } = ctx;
  const entry = s.algorithms[ctx.algorithmIndex];
  const algorithm: StageAlgorithm | null = stageAlgorithm(entry);
  if (!algorithm) throw new Error(`algorithm '${entry.name}' needs full one-hop feedback every round and runs in sim only; node algorithms: ${STAGE_ALGORITHMS.join(', ')} [node=${node.fullyQualifiedName}]`);
  const learner = createStage(tree, n, algorithm, s.horizon, ctx.rng.stream('algorithm'));
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const pending = new Map<number, Pending>();
  let learned = 0;
  let misses = 0;

  const children = Array.from({ length: tree.childCount(n) }, (_, i) => tree.child(n, i));
  const forward = children.map((c) => node.createPublisher<Job>(JOB, jobTopic(tree.names[c]), REWARD_QOS));
  const up = node.createPublisher<JobCost>(JOB_COST, costTopic(tree.names[n]), REWARD_QOS);
  const telemetry = node.createPublisher<Job>(JOB, jobsTopic, TELEMETRY_QOS);
  const state = node.createPublisher<LearnerState>(STAGE_STATE, stageStatesTopic, TELEMETRY_QOS);
  const picks = children.map(() => 0);
  let lastT = 1;

  node.createSubscription<Job>(JOB, jobTopic(tree.names[n]), (job) => {
    const bad = jobProblem(job, tree, n, s.horizon);
    if (bad) return drops.drop(bad.reason, bad.detail);
    if (pending.has(job.job_id)) return drops.drop('duplicate', `job ${job.job_id} arrived twice`);
    const t = job.round + 1;
    const pick = learner.pick(t, job.arrival_probability, emptyPick());
    lastT = Math.max(lastT, t);
    const child = children[pick.child];
    picks[pick.child]++;
    pending.set(job.job_id, { pick, child, round: job.round });
    const out: Job = {
      header: header(node),
      job_id: job.job_id,
      round: job.round,
      path: [...job.path, child],
      arrival_probability: Math.min(1, job.arrival_probability * pick.prob), // as routeJob
      delay: job.delay + model.linkDelay(child, t),
    };
    forward[pick.child].publish(out);
    telemetry.publish(out);
  }, REWARD_QOS);

  children.forEach((c) => {
    node.createSubscription<JobCost>(JOB_COST, costTopic(tree.names[c]), (msg) => {
      const p = pending.get(msg.job_id);
      if (!p) return drops.drop('unknown-job', `cost for job ${msg.job_id} that is not pending here (unknown, answered or expired)`);
      if (p.child !== c) return drops.drop('wrong-child', `cost for job ${msg.job_id} from '${tree.names[c]}', which it was not sent to`);
      const bad = costProblem(msg);
      if (bad) return drops.drop(bad.reason, bad.detail);
      pending.delete(msg.job_id);
      learner.learn(p.pick, msg.cost);
      learned++;
      up.publish({ ...msg, header: header(node) });
    }, REWARD_QOS);
  });

  ctx.clock.every(node, ctx.deadline, (round) => {
    for (const [id, p] of pending) {
      if (p.round > round) continue;
      pending.delete(id);
      learner.learn(p.pick, 1);
      misses++;
      drops.drop('deadline-miss', `no cost for job ${id} (round ${p.round}) by the deadline: learned as cost 1`);
    }
    // The distribution the next round's job will meet (round + 2 is its 1-based t). Reading it
    // leaves the learning as it is: every earlier pick has just been learned, and an anytime
    // learner only enters the epoch its next pick would enter (never an earlier one: lastT).
    if (round + 1 < s.horizon) {
      const t = Math.max(round + 2, lastT);
      state.publish({ header: header(node), algorithm: entry.label ?? entry.name, learner_id: n, round: t - 1, batch: 0, active_arms: children, estimates: [...learner.probabilities(t)], counts: [...picks] });
    }
    return round < s.horizon - 1 || pending.size > 0;
  });

  return {
    shutdown() {
      node.logger.info(`stage '${tree.names[n]}': learned ${learned} costs, ${misses} deadline misses${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
