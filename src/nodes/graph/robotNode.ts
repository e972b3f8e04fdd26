/**
 * `robot`: one graph-traversing robot (namespace `robot_<i>`). At phase 0 of every step it
 * publishes its RobotState (site, target, pose in the map frame, in transit or not); at phase 0.75
 * it takes the step's WaypointCommand, if one arrived and survived the simulated radio loss
 * (`links.waypointErasure`, stream `link/<i>`), and hands it to its adapter (parameter `adapter`):
 * - `graph_step`: the embedded motion model (arrive at the next site in one step, or after the
 *   edge's travel time);
 * - `pose_goal`: PoseStamped goals on `goal_pose`, arrival from Odometry on `odom`;
 * - `nav2`: NavigateToPose goals on the `navigate_to_pose` action;
 * - `px4`: a PX4 vehicle over uXRCE-DDS (offboard setpoints, arrival from its local position);
 * - `crazyflie`: a Crazyflie through Crazyswarm2 (take-off, go_to per waypoint, arrival from its
 *   pose, landing after the last step).
 * A waypoint that is not its site or a neighbour is refused: counted and logged, and the robot
 * keeps its previous target. A lost waypoint likewise leaves the previous target in force.
 * With its state it broadcasts TF `frame_id` -> `robot_<i>/base_link` (its pose) on /tf.
 * Injected faults (the scenario's schedule, as in `sim`): in a step where the robot is down
 * (`robot-crash`) it publishes no state, forgets its waypoint, does not move, and a waypoint that
 * gets through the radio is dropped ('robot-down'); while stuck (`robot-stuck`) it reports and
 * takes waypoints as usual but does not move. Moving is held only with `graph_step`.
 */
import { RobotState, type WaypointCommand } from '../../msg/definitions.generated.js';
import { MsgType, type Tf2MsgsTFMessage } from '../../msg/definitions.generated.js';
import { COMMAND_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { ADAPTER_NAMES, isAdapterName } from './adapters/RobotAdapter.js';
import { createRobotAdapter } from './adapters/createRobotAdapter.js';
import { declarePx4Options } from './adapters/px4Parameters.js';
import { declareCrazyflieOptions } from './adapters/crazyflieParameters.js';
import { defaultCrazyflieName } from './adapters/crazyflie.js';
import { coverageWorldOf, robotFaultsOf, sitePositions, startSites } from './coverageContext.js';
import { ROBOT_STATE, TF_QOS, WAYPOINT_COMMAND, robotNamespace } from './topics.js';

export const robotNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const id = node.declareParameter({ name: 'robot_id', type: 'integer', default: 0, description: "this robot's index i in [0, N)", range: { min: 0, max: 100_000 }, readOnly: true }) as number;
  const adapterName = node.declareParameter({ name: 'adapter', type: 'string', default: 'graph_step', description: `how the robot moves: ${ADAPTER_NAMES.join(', ')}`, readOnly: true }) as string;
  const frameId = node.declareParameter({ name: 'frame_id', type: 'string', default: 'map', description: 'frame of site coordinates, goals and poses (REP-105)', readOnly: true }) as string;
  const arrivalTolerance = node.declareParameter({ name: 'arrival_tolerance', type: 'double', default: 0.5, description: 'pose_goal, nav2, px4, crazyflie: metres from a site within which the robot is on it', range: { min: 1e-6, max: 1e6 }, readOnly: true }) as number;
  const odomTimeout = node.declareParameter({ name: 'odom_timeout', type: 'double', default: 2.0, description: 'pose_goal, nav2, px4, crazyflie: seconds after which odometry (the pose) counts as lost (0 = never)', range: { min: 0, max: 1e6 }, readOnly: true }) as number;
  const serverTimeout = node.declareParameter({ name: 'server_timeout', type: 'double', default: 1.0, description: 'nav2: seconds to wait for the navigate_to_pose server before a goal fails; crazyflie: for a Crazyswarm2 service and its answer', range: { min: 0, max: 1e6 }, readOnly: true }) as number;
  const baseFrame = node.declareParameter({ name: 'base_frame', type: 'string', default: '', description: "TF child frame of the robot ('' = robot_<i>/base_link); broadcast as frame_id -> base_frame on /tf every step", readOnly: true }) as string;
  const behaviorTree = node.declareParameter({ name: 'behavior_tree', type: 'string', default: '', description: "nav2: behaviour tree XML of the goals ('' = the navigator's default)", readOnly: true }) as string;
  const px4 = adapterName === 'px4' ? declarePx4Options(node) : undefined;
  const crazyflie = adapterName === 'crazyflie' ? declareCrazyflieOptions(node) : undefined;
  if (!isAdapterName(adapterName)) throw new Error(`parameter 'adapter' is '${adapterName}'; known: ${ADAPTER_NAMES.join(', ')} [node=${node.fullyQualifiedName}]`);
  const world = coverageWorldOf(ctx.scenario, node.fullyQualifiedName);
  if (id >= world.robots) throw new Error(`parameter 'robot_id' is ${id} but the scenario has ${world.robots} robots (0..${world.robots - 1}) [node=${node.fullyQualifiedName}]`);
  const horizon = ctx.scenario.horizon;
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const start = startSites(world, ctx.rng)[id];
  const positions = sitePositions(world);
  if (px4 !== undefined) {
    if (px4.systemId === 0) px4.systemId = id + 1;
    if (Number.isNaN(px4.origin.x)) px4.origin = { x: positions[3 * start], y: positions[3 * start + 1], z: 0 };
  }
  if (crazyflie !== undefined) {
    if (crazyflie.name === '') crazyflie.name = defaultCrazyflieName(id);
    if (crazyflie.takeoffHeight === 0) crazyflie.takeoffHeight = world.altitudes !== null ? positions[3 * start + 2] : 0.5;
  }
  const adapter = createRobotAdapter(adapterName, { node, id, world, start, positions, frameId, drops }, { arrivalTolerance, odomTimeout, serverTimeout, behaviorTree, px4, crazyflie });
  const link = world.erasure > 0 ? ctx.rng.stream(`link/${id}`) : null;
  let pending: WaypointCommand | null = null;
  let lost = 0;
  const faults = robotFaultsOf(ctx.scenario, world);

  const statePub = node.createPublisher<RobotState>(ROBOT_STATE, 'state', TELEMETRY_QOS);
  const tfPub = node.createPublisher<Tf2MsgsTFMessage>(MsgType.Tf2MsgsTFMessage, '/tf', TF_QOS);
  const childFrame = baseFrame !== '' ? baseFrame : `${robotNamespace(id)}/base_link`;
  node.createSubscription<WaypointCommand>(WAYPOINT_COMMAND, 'waypoint', (cmd) => {
    if (cmd.robot_id !== id) return drops.drop('wrong-robot', `waypoint for robot ${cmd.robot_id}`);
    if (pending !== null && cmd.step < pending.step) return drops.drop('stale', `waypoint of step ${cmd.step} after one of step ${pending.step}`);
    pending = cmd;
  }, COMMAND_QOS);

  ctx.clock.every(node, 0, (round) => {
    if (round >= horizon) {
      adapter.finish?.();
      return false;
    }
    if (faults.isDown(id, round)) return;
    const fix = adapter.onStepStart();
    statePub.publish({
      header: header(node, frameId),
      robot_id: id,
      current_node: fix.site,
      target_node: fix.target,
      goal_node: pending?.target_node ?? fix.target,
      pose: fix.pose,
      phase: fix.inTransit ? RobotState.PHASE_IN_TRANSIT : RobotState.PHASE_IDLE,
      step: round,
    });
    const p = fix.pose.position;
    tfPub.publish({ transforms: [{ header: header(node, frameId), child_frame_id: childFrame, transform: { translation: { x: p.x, y: p.y, z: p.z }, rotation: { ...fix.pose.orientation } } }] });
  });
  ctx.clock.every(node, 0.75, (round) => {
    if (round >= horizon) return false;
    // One loss draw per step whether or not a command came, exactly as the simulator draws.
    const delivered = link === null || !link.bernoulli(world.erasure);
    if (!delivered) lost++;
    const cmd: WaypointCommand | null = pending;
    pending = null;
    const waypoint = cmd !== null && cmd.step === round && delivered ? cmd.target_node : null;
    if (faults.isDown(id, round)) {
      if (waypoint !== null) drops.drop('robot-down', `waypoint of step ${round} reached robot ${id} while it is down`);
      adapter.forget?.();
      return;
    }
    if (faults.isStuck(id, round)) adapter.hold?.(waypoint);
    else adapter.command(waypoint);
  });
  node.logger.info(`robot ${id} starts at site '${world.graph.ids[start]}' with adapter '${adapter.name}'`);
  return {
    shutdown() {
      adapter.stop?.();
      const motion = adapter.summary?.() ?? null;
      if (drops.total > 0 || lost > 0 || motion !== null) {
        node.logger.info(`${lost} waypoints lost on the radio${motion !== null ? `; ${motion}` : ''}${drops.total > 0 ? `; dropped ${drops.summary()}` : ''}`);
      }
    },
  };
};
