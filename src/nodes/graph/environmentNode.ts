/**
 * `environment`: the site sensor model in simulation. Once every robot's state of a step is in,
 * it draws one sample for each occupied site (not for robots in transit) from the site's own
 * stream `site/<k>` and publishes it as a SiteSample, tagged with the first robot on the site.
 * On hardware this node is left out and each robot's sensor publishes SiteSamples itself.
 */
import { SiteSampler } from '../../envs/sites/SiteSampler.js';
import { RobotState, type SiteSample } from '../../msg/definitions.generated.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { dagEnvironment } from '../dag/dagEnvironment.js';
import { header } from '../stamp.js';
import { coverageWorldOf, robotFaultsOf } from './coverageContext.js';
import { StepCollector } from './StepCollector.js';
import { ROBOT_STATE, SITE_SAMPLE, robotStateTopic, samplesTopic } from './topics.js';

export const environmentNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  if (ctx.scenario.family === 'dag') return dagEnvironment(node, ctx);
  const world = coverageWorldOf(ctx.scenario, node.fullyQualifiedName);
  const N = world.robots;
  const faults = robotFaultsOf(ctx.scenario, world);
  const sampler = new SiteSampler(world.means, world.noise, ctx.rng);
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const pub = node.createPublisher<SiteSample>(SITE_SAMPLE, samplesTopic, REWARD_QOS);
  const seen = new Int32Array(world.graph.size).fill(-1);

  const collector = new StepCollector(N, ctx.scenario.horizon, drops, (step, states) => {
    for (let i = 0; i < N; i++) {
      const s = states[i];
      if (s === undefined || s.phase === RobotState.PHASE_IN_TRANSIT) continue;
      const k = s.current_node;
      if (seen[k] === step) continue;
      seen[k] = step;
      pub.publish({ header: header(node), robot_id: i, node: k, sample: sampler.sample(k), step });
    }
  }, (step) => faults.upCount(step));
  for (let i = 0; i < N; i++) {
    node.createSubscription<RobotState>(ROBOT_STATE, robotStateTopic(i), (s) => {
      if (s.current_node >= world.graph.size) return drops.drop('unknown-site', `robot ${i} reports site ${s.current_node}`);
      collector.add(i, s);
    }, TELEMETRY_QOS);
  }
};
