/**
 * Node plan of a coverage mission: planner, environment (simulated sensors) or, on real sensors,
 * a site_sensor per robot, N robots (with their adapter), a kinematic robot per robot when a
 * physical adapter runs in simulation, `markers` (MarkerArray for RViz and Foxglove) and a monitor
 * (without ground truth on real sensors).
 */
import { coverageWorld } from '../../experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../experiments/coverage/schema.js';
import type { ScenarioBase } from '../../experiments/Family.js';
import type { ParameterValue } from '../../runtime/Parameters.js';
import type { KinematicOptions, NodeSpec, PlanOptions, SensorOptions } from '../NodePlan.js';
import { sitePositions } from './coverageContext.js';
import { robotNamespace } from './topics.js';

/** Ticks of the kinematic robots per step window (phase 0.75 to the next step's phase 0). */
const TICKS_PER_WINDOW = 10;

/** The plan options of a coverage scenario's `field:` section (defaults under the CLI's and launch's). */
export function coverageFieldOptions(scenario: ScenarioBase): PlanOptions {
  const f = (scenario as CoverageScenario).field;
  if (f === undefined) return {};
  return { adapter: f.adapter, simulateRobots: f.simulateRobots, simulateEnvironment: f.simulateEnvironment, roundPeriod: f.roundPeriod, sensor: f.sensor };
}

export function planCoverage(scenario: ScenarioBase, common: Record<string, ParameterValue>, options: PlanOptions & { roundPeriod: number }): NodeSpec[] {
  const s = scenario as CoverageScenario;
  const adapter = options.adapter ?? 'graph_step';
  const simulated = options.simulateEnvironment !== false;
  const nodes: NodeSpec[] = [{ executable: 'planner', name: 'planner', namespace: '/', parameters: { ...common }, remappings: {} }];
  if (simulated) nodes.push({ executable: 'environment', name: 'environment', namespace: '/', parameters: { ...common }, remappings: {} });
  for (let i = 0; i < s.robots.count; i++) {
    const k = kinematicParameters(s, options.roundPeriod, options.kinematic ?? {});
    // PX4 wants its setpoint stream faster than the motion; a Crazyflie flies at the mission's speed.
    const timing: Record<string, ParameterValue> = adapter === 'px4' ? { heartbeat_rate: round6(Math.max(10, k.rate)) } : adapter === 'crazyflie' ? { flight_speed: k.maxSpeed } : {};
    nodes.push({ executable: 'robot', name: 'robot', namespace: `/${robotNamespace(i)}`, parameters: { ...common, robot_id: i, adapter, ...timing, ...vehicleParameters(s, i, adapter) }, remappings: {} });
  }
  if (!simulated) {
    const sensor = sensorParameters(options.sensor ?? {});
    for (let i = 0; i < s.robots.count; i++) {
      nodes.push({ executable: 'site_sensor', name: 'site_sensor', namespace: `/${robotNamespace(i)}`, parameters: { ...common, robot_id: i, ...sensor }, remappings: {} });
    }
  }
  if (adapter !== 'graph_step' && options.simulateRobots !== false) {
    const k = kinematicParameters(s, options.roundPeriod, options.kinematic ?? {});
    for (let i = 0; i < s.robots.count; i++) {
      nodes.push({
        executable: 'kinematic_robot',
        name: 'kinematic_robot',
        namespace: `/${robotNamespace(i)}`,
        parameters: { ...common, robot_id: i, max_speed: k.maxSpeed, gain: k.gain, rate: k.rate, nav2_server: adapter === 'nav2', ...(adapter === 'px4' || adapter === 'crazyflie' ? { vehicle: adapter, ...vehicleParameters(s, i, adapter) } : {}) },
        remappings: {},
      });
    }
  }
  nodes.push({ executable: 'markers', name: 'markers', namespace: '/', parameters: { ...common }, remappings: {} });
  nodes.push({ executable: 'monitor', name: 'monitor', namespace: '/', parameters: simulated ? { ...common } : { ...common, ground_truth: false }, remappings: {} });
  return nodes;
}

/** A robot's vehicle settings from the scenario's `field.robots` (robot and simulated vehicle alike). */
function vehicleParameters(s: CoverageScenario, i: number, adapter: string): Record<string, ParameterValue> {
  const r = s.field?.robots?.[i];
  const out: Record<string, ParameterValue> = {};
  if (adapter === 'px4') {
    if (r?.origin !== undefined) out.px4_origin = [...r.origin];
    if (r?.systemId !== undefined) out.px4_system_id = r.systemId;
  }
  if (adapter === 'crazyflie' && r?.name !== undefined) out.cf_name = r.name;
  return out;
}

/** site_sensor parameters: only those given, the node's defaults fill the rest. */
function sensorParameters(o: SensorOptions): Record<string, ParameterValue> {
  const out: Record<string, ParameterValue> = {};
  if (o.topic !== undefined) out.sensor_topic = o.topic;
  if (o.type !== undefined) out.sensor_type = o.type;
  if (o.field !== undefined) out.sensor_field = o.field;
  if (o.reducer !== undefined) out.reducer = o.reducer;
  if (o.dwell !== undefined) out.dwell = o.dwell;
  return out;
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
