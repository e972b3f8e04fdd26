/**
 * Checks of incoming Job / JobCost messages shared by the source, stage and leaf nodes: a bad
 * one is a counted drop with a reason, never a crash or a wrong update.
 */
import type { JobTree } from '../../core/multistage/JobTree.js';
import type { Job, JobCost } from '../../msg/definitions.generated.js';

/** Why `job` cannot be served by tree node `n`, or null. */
export function jobProblem(job: Job, tree: JobTree, n: number, horizon: number): { reason: string; detail: string } | null {
  if (!Number.isSafeInteger(job.round) || job.round < 0 || job.round >= horizon) return { reason: 'bad-round', detail: `job ${job.job_id} with round ${job.round} (rounds 0..${horizon - 1})` };
  if (!(job.arrival_probability > 0 && job.arrival_probability <= 1)) return { reason: 'bad-value', detail: `job ${job.job_id} with arrival probability ${job.arrival_probability}` };
  if (!(Number.isFinite(job.delay) && job.delay >= 0)) return { reason: 'bad-value', detail: `job ${job.job_id} with delay ${job.delay}` };
  const path = job.path;
  if (path.length === 0 || path[path.length - 1] !== n || path[0] !== 0) return { reason: 'wrong-path', detail: `job ${job.job_id} with path [${path.join(', ')}] at node ${tree.names[n]} (${n})` };
  for (let i = 1; i < path.length; i++) {
    if (path[i] >= tree.size || tree.parent[path[i]] !== path[i - 1]) return { reason: 'wrong-path', detail: `job ${job.job_id} with path [${path.join(', ')}], not a path of the tree` };
  }
  return null;
}

/** Why `cost` is not a usable end-to-end cost, or null. */
export function costProblem(cost: JobCost): { reason: string; detail: string } | null {
  if (!(Number.isFinite(cost.cost) && cost.cost >= 0 && cost.cost <= 1)) return { reason: 'bad-cost', detail: `cost ${cost.cost} for job ${cost.job_id} (costs are in [0, 1])` };
  return null;
}
