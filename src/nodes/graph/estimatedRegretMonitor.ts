/**
 * The coverage monitor of a mission without ground truth (`ground_truth: false`: real sensors, no
 * simulated environment, so the true site means are unknown). At phase 0.6 of every step, after
 * the planner decided it, it reports
 * - on `regret` (RegretReport, run label ending in ESTIMATED_SUFFIX): the planner's own estimate,
 *   OPT^ - sum_k f_k(c_k) mu^_k, where mu^ are the means of the planner's latest Allocation, c_k
 *   the robots standing on site k in the step, and OPT^ the best allocation's value under mu^;
 * - on `collected_reward` (CollectedReward): the sum of the SiteSamples the planner used
 *   (SampleSlots' rule: one per site and step, from a robot standing on it).
 * It says so in its first log line and its summary.
 */
import { greedyAllocation } from '../../core/graph/greedyAllocation.js';
import { weightAt } from '../../core/graph/WeightTable.js';
import { RobotState, type Allocation, type CollectedReward, type RegretReport, type SiteSample } from '../../msg/definitions.generated.js';
import { MsgType } from '../../msg/definitions.generated.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import { finishLine, type NodeInstance } from '../NodeProgram.js';
import { REGRET_REPORT, regretTopic } from '../rounds/topics.js';
import type { RunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { coverageWorldOf } from './coverageContext.js';
import { SampleSlots } from './SampleSlots.js';
import { ALLOCATION, ROBOT_STATE, SITE_SAMPLE, allocationTopic, robotStateTopic, samplesTopic } from './topics.js';

export const COLLECTED_REWARD = MsgType.CollectedReward;
export const collectedRewardTopic = 'collected_reward';
/** Appended to the run label of estimated RegretReports. */
export const ESTIMATED_SUFFIX = ' (estimated: no ground truth)';
/** Phase of a step at which the monitor reports it (the planner decides at 0.5). */
export const REPORT_PHASE = 0.6;

export function estimatedRegretMonitor(node: NodeHandle, ctx: RunContext): NodeInstance {
  const s = ctx.scenario;
  const world = coverageWorldOf(s, node.fullyQualifiedName);
  const N = world.robots;
  const K = world.graph.size;
  const algorithm = s.algorithms[ctx.algorithmIndex];
  const name = algorithm.label ?? algorithm.name;
  const label = `${s.name}/${name}/seed${s.seed}/run${ctx.run}`;
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const regretPub = node.createPublisher<RegretReport>(REGRET_REPORT, regretTopic, TELEMETRY_QOS);
  const rewardPub = node.createPublisher<CollectedReward>(COLLECTED_REWARD, collectedRewardTopic, TELEMETRY_QOS);
  const samples = new SampleSlots(K, N, s.horizon, drops);
  const site = new Int32Array(N);
  const standing = new Uint8Array(N);
  const stateStep = new Float64Array(N).fill(-1);
  const means = new Float64Array(K);
  const occupancy = new Int32Array(K);
  const stamp = new Int32Array(K).fill(-1);
  const order = new Int32Array(N);
  const best = new Int32Array(K);
  let cumulative = 0;
  let collected = 0;
  const end = finishLine();
  let sampleCount = 0;
  let reported = 0;

  for (let i = 0; i < N; i++) {
    node.createSubscription<RobotState>(ROBOT_STATE, robotStateTopic(i), (st) => {
      if (st.robot_id !== i) return drops.drop('wrong-robot', `state on robot ${i}'s topic claims robot ${st.robot_id}`);
      if (st.current_node >= K) return drops.drop('unknown-site', `robot ${i} reports site ${st.current_node}`);
      if (st.step < stateStep[i]) return drops.drop('late-step', `state of robot ${i} for step ${st.step} after step ${stateStep[i]}`);
      site[i] = st.current_node;
      standing[i] = st.phase === RobotState.PHASE_IN_TRANSIT ? 0 : 1;
      stateStep[i] = st.step;
    }, TELEMETRY_QOS);
  }
  node.createSubscription<SiteSample>(SITE_SAMPLE, samplesTopic, (m) => samples.add(m), REWARD_QOS);
  node.createSubscription<Allocation>(ALLOCATION, allocationTopic, (a) => {
    if (a.means.length !== K || a.node_ids.some((id, k) => id !== k)) return drops.drop('bad-allocation', `allocation with ${a.means.length} means for ${K} sites`);
    if (a.means.some((m) => !Number.isFinite(m))) return drops.drop('bad-allocation', 'allocation with a non-finite mean');
    means.set(a.means);
  }, TELEMETRY_QOS);

  ctx.clock.every(node, REPORT_PHASE, (round) => {
    if (round >= s.horizon) return false;
    let m = 0;
    let present = 0;
    for (let i = 0; i < N; i++) {
      if (stateStep[i] !== round) continue;
      present++;
      if (!standing[i]) continue;
      const k = site[i];
      if (stamp[k] !== round) {
        stamp[k] = round;
        occupancy[k] = 0;
        order[m++] = k;
      }
      occupancy[k]++;
    }
    if (present < N) drops.drop('missing-state', `step ${round}: states from ${present} of ${N} robots`);
    let value = 0;
    let reward = 0;
    let used = 0;
    for (let j = 0; j < m; j++) {
      const k = order[j];
      value += weightAt(world.weights, k, occupancy[k]) * means[k];
      const r = samples.has(k, round) ? samples.robotOf(k) : -1;
      if (r >= 0 && stateStep[r] === round && standing[r] && site[r] === k) {
        reward += samples.values[k];
        used++;
      }
    }
    samples.decide(round);
    const opt = greedyAllocation(means, world.weights, N, best);
    const instant = opt - value;
    cumulative += instant;
    collected += reward;
    sampleCount += used;
    reported = round + 1;
    regretPub.publish({ header: header(node), algorithm: name, run_label: label + ESTIMATED_SUFFIX, round, optimal_value: opt, achieved_value: value, instant_regret: instant, cumulative_regret: cumulative });
    rewardPub.publish({ header: header(node), run_label: label, step: round, samples: used, reward, cumulative_reward: collected, ground_truth: false });
    // As the ground-truth monitor: its exit after the last step is what ends a launched run.
    if (round === s.horizon - 1) end.finish(`horizon reached: ${s.horizon} steps, estimated regret ${cumulative} (the planner's estimate: no ground truth), collected reward ${collected}`);
  });
  node.logger.info('no ground truth (no simulated environment): regret on /regret is the planner\'s own estimate against its estimated best allocation; collected reward on /collected_reward');
  return {
    finished: end.finished,
    shutdown() {
      node.logger.info(`collected reward ${collected} from ${sampleCount} samples in ${reported} steps; estimated regret ${cumulative} (the planner's estimate: no ground truth)${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
}
