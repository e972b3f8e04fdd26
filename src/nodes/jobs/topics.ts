/**
 * Topic names of the multi-stage family, relative to the run's namespace. A job for tree node
 * <n> travels on `tree/<n>/job`; node <n> answers with the end-to-end cost on `tree/<n>/cost`
 * (a leaf computes it, a stage relays its child's after learning). The source publishes every
 * finished or missed job on `job_costs` (monitor, viewer) and every forwarded job on `jobs`.
 * Every stage publishes its forwarding distribution once per round on `stage_states`
 * (LearnerState: learner_id the stage's tree node id, active_arms its children's ids, one
 * estimate and count per child; viewer).
 */
import { MsgType } from '../../msg/definitions.generated.js';

export const jobTopic = (node: string) => `tree/${node}/job`;
export const costTopic = (node: string) => `tree/${node}/cost`;
export const jobsTopic = 'jobs';
export const jobCostsTopic = 'job_costs';
export const stageStatesTopic = 'stage_states';

export const JOB = MsgType.Job;
export const JOB_COST = MsgType.JobCost;
export const STAGE_STATE = MsgType.LearnerState;
