/**
 * The coverage family's monitor: from every robot's RobotState of a step it counts robots per
 * site (robots in transit sample nothing) and adds OPT - sum_k f_k(c_k) mu_k to the regret,
 * summing sites in the order of their first robot exactly as the simulator does. Without ground
 * truth (parameter `ground_truth` false: real sensors) see estimatedRegretMonitor.
 */
import { RobotState, type RegretReport } from '../../msg/definitions.generated.js';
import { TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { finishLine, type NodeInstance } from '../NodeProgram.js';
import { REGRET_REPORT, regretTopic } from '../rounds/topics.js';
import type { RunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { coverageWorldOf, robotFaultsOf } from './coverageContext.js';
import { estimatedRegretMonitor } from './estimatedRegretMonitor.js';
import { StepCollector } from './StepCollector.js';
import { ROBOT_STATE, robotStateTopic } from './topics.js';

export function coverageMonitor(node: NodeHandle, ctx: RunContext): NodeInstance {
  const groundTruth = node.declareParameter({ name: 'ground_truth', type: 'bool', default: true, description: "regret from the scenario's true site means (simulated environment); false: the planner's own estimate, plus the collected reward", readOnly: true }) as boolean;
  if (!groundTruth) return estimatedRegretMonitor(node, ctx);
  const s = ctx.scenario;
  const world = coverageWorldOf(s, node.fullyQualifiedName);
  const N = world.robots;
  const faults = robotFaultsOf(s, world);
  const K = world.graph.size;
  const stride = world.weights.maxCount + 1;
  const f = world.weights.values;
  const rows = world.weights.rows;
  const mu = world.means;
  const algorithm = s.algorithms[ctx.algorithmIndex];
  const label = `${s.name}/${algorithm.label ?? algorithm.name}/seed${s.seed}/run${ctx.run}`;
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const pub = node.createPublisher<RegretReport>(REGRET_REPORT, regretTopic, TELEMETRY_QOS);
  const occupancy = new Int32Array(K);
  const stamp = new Int32Array(K).fill(-1);
  const order = new Int32Array(N);
  let cumulative = 0;
  const end = finishLine();

  const collector = new StepCollector(N, s.horizon, drops, (step, states) => {
    let m = 0;
    for (let i = 0; i < N; i++) {
      const st = states[i];
      if (st === undefined || st.phase === RobotState.PHASE_IN_TRANSIT) continue;
      const k = st.current_node;
      if (stamp[k] !== step) {
        stamp[k] = step;
        occupancy[k] = 0;
        order[m++] = k;
      }
      occupancy[k]++;
    }
    let expected = 0;
    for (let j = 0; j < m; j++) expected += f[rows[order[j]] * stride + occupancy[order[j]]] * mu[order[j]];
    const instant = world.opt - expected;
    cumulative += instant;
    pub.publish({ header: header(node), algorithm: algorithm.label ?? algorithm.name, run_label: label, round: step, optimal_value: world.opt, achieved_value: expected, instant_regret: instant, cumulative_regret: cumulative });
    if (step === s.horizon - 1) end.finish(`horizon reached: ${s.horizon} steps, cumulative regret ${cumulative}`);
  }, (step) => faults.upCount(step));
  for (let i = 0; i < N; i++) {
    node.createSubscription<RobotState>(ROBOT_STATE, robotStateTopic(i), (st) => {
      if (st.current_node >= K) return drops.drop('unknown-site', `robot ${i} reports site ${st.current_node}`);
      collector.add(i, st);
    }, TELEMETRY_QOS);
  }
  return {
    finished: end.finished,
    shutdown() {
      node.logger.info(`cumulative regret ${cumulative} after ${collector.closed} steps${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
}
