/**
 * Node plan of a coverage mission: planner, environment (simulated sensors), N robots (with their
 * adapter), a kinematic robot per robot when a physical adapter runs in simulation, and a monitor.
 */
import { coverageWorld } from '../../experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../experiments/coverage/schema.js';
import type { ScenarioBase } from '../../experiments/Family.js';
import type { ParameterValue } from '../../runtime/Parameters.js';
import type { KinematicOptions, NodeSpec, PlanOptions } from '../NodePlan.js';
import { sitePositions } from './coverageContext.js';
import { robotNamespace } from './topics.js';

/** Ticks of the kinematic robots per step window (phase 0.75 to the next step's phase 0). */
const TICKS_PER_WINDOW = 10;

export function planCoverage(scenario: ScenarioBase, common: Record<string, ParameterValue>, options: PlanOptions & { roundPeriod: number }): NodeSpec[] {
  const s = scenario as CoverageScenario;
  const adapter = options.adapter ?? 'graph_step';
  const nodes: NodeSpec[] = [
    { executable: 'planner', name: 'planner', namespace: '/', parameters: { ...common }, remappings: {} },
    { executable: 'environment', name: 'environment', namespace: '/', parameters: { ...common }, remappings: {} },
  ];
  for (let i = 0; i < s.robots.count; i++) {
    nodes.push({ executable: 'robot', name: 'robot', namespace: `/${robotNamespace(i)}`, parameters: { ...common, robot_id: i, adapter }, remappings: {} });
  }
  if (adapter !== 'graph_step' && options.simulateRobots !== false) {
    const k = kinematicParameters(s, options.roundPeriod, options.kinematic ?? {});
    for (let i = 0; i < s.robots.count; i++) {
      nodes.push({
        executable: 'kinematic_robot',
        name: 'kinematic_robot',
        namespace: `/${robotNamespace(i)}`,
        parameters: { ...common, robot_id: i, max_speed: k.maxSpeed, gain: k.gain, rate: k.rate, nav2_server: adapter === 'nav2' },
        remappings: {},
      });
    }
  }
  nodes.push({ executable: 'monitor', name: 'monitor', namespace: '/', parameters: { ...common }, remappings: {} });
  return nodes;
}

/**
 * Kinematic robots' parameters in node time. A robot acts at phase 0.75 and reports at the next
 * phase 0, so it has a quarter period to arrive. With travel times (`robots.speed`,
 * `motion.stepDuration`) the robot flies at its speed scaled to node time (one step of the
 * scenario = one round period), so moves take about as many steps as the simulator's travel
 * times. Without, every move takes one step: the top speed covers the longest edge in half the
 * window, and the gain settles the rest well within it. The rate gives 10 ticks per window.
 */
export function kinematicParameters(s: CoverageScenario, roundPeriod: number, o: KinematicOptions): Required<KinematicOptions> {
  const window = 0.25 * roundPeriod;
  let maxSpeed = o.maxSpeed;
  if (maxSpeed === undefined) {
    if (s.motion.model === 'travel-time' && s.robots.speed !== undefined) maxSpeed = (s.robots.speed * s.motion.stepDuration) / roundPeriod;
    else maxSpeed = (2 * longestEdge(s)) / window;
  }
  return {
    maxSpeed: round6(Math.max(maxSpeed, 1e-3)),
    gain: round6(o.gain ?? 40 / window),
    rate: round6(o.rate ?? TICKS_PER_WINDOW / window),
  };
}

/** The longest edge in metres between site positions (the layout's for abstract graphs). */
function longestEdge(s: CoverageScenario): number {
  const world = coverageWorld(s);
  const g = world.graph;
  const xyz = sitePositions(world);
  let longest = 1;
  for (let u = 0; u < g.size; u++) {
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const v = g.neighbors[e];
      longest = Math.max(longest, Math.hypot(xyz[3 * u] - xyz[3 * v], xyz[3 * u + 1] - xyz[3 * v + 1], xyz[3 * u + 2] - xyz[3 * v + 2]));
    }
  }
  return longest;
}

/** Plan parameters print as JSON and land in launch files: keep them short. */
function round6(x: number): number {
  return Number(x.toPrecision(6));
}
