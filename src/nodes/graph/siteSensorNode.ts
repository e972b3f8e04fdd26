/**
 * `site_sensor`: turns a real sensor into SiteSamples for one robot (namespace `robot_<i>`), in
 * place of the simulated `environment`. It reads a numeric field (`sensor_field`, a path such as
 * `data` or `range`) of every message on `sensor_topic` (any type, `sensor_type`) and its robot's
 * RobotState on `state`. In step t the robot stands still from phase 0 (it has arrived) to phase
 * 0.75 (it departs); the readings that arrive during the dwell window, after the robot's state of
 * step t says it stands on a site and within the last `dwell` seconds
 * before SAMPLE_PHASE (or all of [phase 0, SAMPLE_PHASE] when `dwell` is 0), are reduced
 * (`reducer`: mean, max or last) to one SiteSample {robot_id, node: its site, step: t}, published
 * on `/samples` at SAMPLE_PHASE, before the planner decides at phase 0.5. Nothing is published
 * for a step the robot spends in transit, or without its state or any valid reading (counted).
 * Times are arrival times on the node clock: most sensor messages carry no header.
 */
import { RobotState, type SiteSample } from '../../msg/definitions.generated.js';
import type { QosProfile } from '../../runtime/Qos.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { coverageWorldOf } from './coverageContext.js';
import { DwellReadings, fieldPathProblem, isReducer, parseFieldPath, readField, REDUCERS, type FieldPath } from './sensorField.js';
import { ROBOT_STATE, SITE_SAMPLE, samplesTopic } from './topics.js';

/** Phase of a step at which the dwell ends and the SiteSample is published (the planner decides at 0.5). */
export const SAMPLE_PHASE = 0.45;

/**
 * Sensor subscription: best effort, keep last 10 (rclcpp's SensorDataQoS, deeper): it matches
 * reliable and best-effort drivers alike.
 */
export const SENSOR_QOS: QosProfile = { reliability: 'best_effort', durability: 'volatile', depth: 10 };

export const siteSensorNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const where = `[node=${node.fullyQualifiedName}]`;
  const id = node.declareParameter({ name: 'robot_id', type: 'integer', default: 0, description: "this robot's index i in [0, N)", range: { min: 0, max: 100_000 }, readOnly: true }) as number;
  const topic = node.declareParameter({ name: 'sensor_topic', type: 'string', default: 'sensor', description: "topic of the sensor readings (relative names resolve in the robot's namespace)", readOnly: true }) as string;
  const type = node.declareParameter({ name: 'sensor_type', type: 'string', default: 'std_msgs/msg/Float64', description: 'message type of sensor_topic, e.g. sensor_msgs/msg/Range', readOnly: true }) as string;
  const fieldText = node.declareParameter({ name: 'sensor_field', type: 'string', default: 'data', description: "numeric field of the message read as the reward, e.g. 'data', 'range', 'pose.position.z', 'ranges[0]'", readOnly: true }) as string;
  const reducer = node.declareParameter({ name: 'reducer', type: 'string', default: 'mean', description: `how the readings of a dwell become one sample: ${REDUCERS.join(', ')}`, readOnly: true }) as string;
  const dwell = node.declareParameter({ name: 'dwell', type: 'double', default: 0, description: `seconds of readings before phase ${SAMPLE_PHASE} of a step that count (0 = from the step's start)`, range: { min: 0, max: 1e6 }, readOnly: true }) as number;
  if (!isReducer(reducer)) throw new Error(`parameter 'reducer' is '${reducer}'; known: ${REDUCERS.join(', ')} ${where}`);
  if (!/^[a-zA-Z][a-zA-Z0-9_]*\/msg\/[A-Z][A-Za-z0-9]*$/.test(type)) throw new Error(`parameter 'sensor_type' is '${type}'; expected package/msg/Type, e.g. std_msgs/msg/Float64 ${where}`);
  let path: FieldPath;
  try {
    path = parseFieldPath(fieldText);
  } catch (err) {
    throw new Error(`parameter 'sensor_field': ${(err as Error).message} ${where}`);
  }
  const problem = fieldPathProblem(type, path);
  if (problem !== null) throw new Error(`parameter 'sensor_field' is '${fieldText}': ${problem} ${where}`);
  const world = coverageWorldOf(ctx.scenario, node.fullyQualifiedName);
  if (id >= world.robots) throw new Error(`parameter 'robot_id' is ${id} but the scenario has ${world.robots} robots (0..${world.robots - 1}) ${where}`);
  const horizon = ctx.scenario.horizon;
  const clock = ctx.clock;
  const windowNs = Math.round(dwell * 1e9);
  // From the period, not timeOf: under a synchronized start round 0's time is unknown until run_start.
  if (windowNs > Math.round(SAMPLE_PHASE * clock.periodNs)) {
    node.logger.warn(`dwell ${dwell} s is longer than the part of a step before phase ${SAMPLE_PHASE} (${(SAMPLE_PHASE * clock.periodNs) / 1e9} s): the whole of it is used`);
  }
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const pub = node.createPublisher<SiteSample>(SITE_SAMPLE, `/${samplesTopic}`, REWARD_QOS);
  const readings = new DwellReadings();
  let state: RobotState | null = null;
  let readingsTaken = 0;
  let published = 0;

  node.createSubscription<RobotState>(ROBOT_STATE, 'state', (st) => {
    if (st.robot_id !== id) return drops.drop('wrong-robot', `state of robot ${st.robot_id} on robot ${id}'s topic`);
    if (state === null || st.step > state.step) state = st;
  }, TELEMETRY_QOS);

  node.createSubscription<unknown>(type, topic, (msg) => {
    if (!clock.started) return; // a sensor streams before the run starts: no step to read for yet
    const now = node.now();
    const round = clock.roundAt(now, 0.5); // the step whose [phase 0, next phase 0) holds now
    const end = clock.timeOf(round, SAMPLE_PHASE);
    const start = Math.max(clock.timeOf(round, 0), windowNs > 0 ? end - windowNs : -Infinity);
    if (round < 0 || round >= horizon || now < start || now >= end) return; // moving, or outside the dwell: not a reading of a site
    // Only once the robot has reported standing on its site in this step (its state comes at phase 0).
    const st: RobotState | null = state;
    if (st === null || st.step !== round || st.phase === RobotState.PHASE_IN_TRANSIT) return;
    const value = readField(msg, path);
    if (typeof value === 'string') return drops.drop('bad-reading', `${type} on '${topic}': ${value}`);
    readings.add(value);
    readingsTaken++;
  }, SENSOR_QOS);

  clock.every(node, SAMPLE_PHASE, (round) => {
    if (round >= horizon) return false;
    const count = readings.count;
    const value = readings.reduce(reducer);
    readings.clear();
    const st: RobotState | null = state;
    if (st === null || st.step !== round) return drops.drop('missing-state', `no state of robot ${id} for step ${round}: no sample`);
    if (st.phase === RobotState.PHASE_IN_TRANSIT) return;
    if (st.current_node >= world.graph.size) return drops.drop('unknown-site', `robot ${id} reports site ${st.current_node}`);
    if (count === 0) return drops.drop('no-reading', `no reading on '${topic}' while robot ${id} stood on site ${st.current_node} in step ${round}`);
    pub.publish({ header: header(node), robot_id: id, node: st.current_node, sample: value, step: round });
    published++;
  });
  node.logger.info(`site sensor of robot ${id}: ${reducer} of '${fieldText}' of ${type} on '${topic}'${dwell > 0 ? ` over the last ${dwell} s` : ''} before phase ${SAMPLE_PHASE} of each step`);
  return {
    shutdown() {
      node.logger.info(`${published} samples from ${readingsTaken} readings${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
    },
  };
};
