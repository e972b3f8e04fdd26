/**
 * `kinematic_robot`: a simulated robot for the `pose_goal` and `nav2` adapters, and with `vehicle`
 * a simulated PX4 (px4Vehicle.ts) or Crazyflie (crazyflieVehicle.ts) for theirs (namespace
 * `robot_<i>`, like its robot node), so those paths run and are tested here exactly as they would
 * against Gazebo or hardware. It starts on the robot's start site, takes goals from `goal_pose`
 * (geometry_msgs/PoseStamped) and, with `nav2_server: true`, from the `navigate_to_pose` action
 * (nav2_msgs/NavigateToPose: feedback every tick, SUCCEEDED within `goal_tolerance`, cancels
 * accepted, a newer goal preempts an older one), moves first-order toward the goal at up to
 * `max_speed` (FirstOrderMotion), and publishes nav_msgs/Odometry on `odom` at `rate`.
 *
 * Frames (REP-105): odometry carries header.frame_id `odom_frame` and child_frame_id `base_frame`,
 * but its pose is in map coordinates: there is no localisation here, so map and odom coincide
 * (a static identity map -> odom, published on /tf_static). Goals are accepted in `frame_id` (map), `odom_frame` or ''.
 */
import { sitePositions, startSites, coverageWorldOf } from '../graph/coverageContext.js';
import { MsgType, type GeometryMsgsPoseStamped, type NavMsgsOdometry, type Tf2MsgsTFMessage } from '../../msg/definitions.generated.js';
import { TF_STATIC_QOS } from '../graph/topics.js';
import type { NodeHandle, ServerGoalHandle } from '../../runtime/NodeHandle.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header, toStamp } from '../stamp.js';
import { NAVIGATE_TO_POSE, NAVIGATE_TO_POSE_ACTION, type NavigateToPoseFeedback, type NavigateToPoseGoal, type NavigateToPoseResult } from '../graph/adapters/navigateToPose.js';
import { GOAL_QOS, ODOMETRY, ODOM_PUB_QOS, POSE_STAMPED, sitePose, yawQuaternion } from '../graph/adapters/poses.js';
import { FirstOrderMotion, type Vec3 } from './FirstOrderMotion.js';
import { attachPx4Vehicle, type Px4VehicleOptions } from './px4Vehicle.js';
import { attachCrazyflieVehicle, TAKEOFF_FAULTS, type CrazyflieVehicleOptions, type TakeoffFault } from './crazyflieVehicle.js';
import { defaultCrazyflieName } from '../graph/adapters/crazyflie.js';
import { CRAZYFLIE_NAME, declareCrazyfliePoseSource } from '../graph/adapters/crazyflieParameters.js';

const ZERO_COVARIANCE: readonly number[] = new Array(36).fill(0);

export const kinematicRobotNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const id = node.declareParameter({ name: 'robot_id', type: 'integer', default: 0, description: "the simulated robot's index i in [0, N) (its start site)", range: { min: 0, max: 100_000 }, readOnly: true }) as number;
  const maxSpeed = node.declareParameter({ name: 'max_speed', type: 'double', default: 5.0, description: 'top speed (m/s)', range: { min: 1e-6, max: 1e6 }, readOnly: true }) as number;
  const gain = node.declareParameter({ name: 'gain', type: 'double', default: 2.0, description: 'first-order approach rate near the goal (1/s)', range: { min: 1e-6, max: 1e6 }, readOnly: true }) as number;
  const rate = node.declareParameter({ name: 'rate', type: 'double', default: 20, description: 'motion and odometry rate (Hz)', range: { min: 0.01, max: 100_000 }, readOnly: true }) as number;
  const goalTolerance = node.declareParameter({ name: 'goal_tolerance', type: 'double', default: 0.05, description: 'distance (m) at which a NavigateToPose goal succeeds', range: { min: 0, max: 1e6 }, readOnly: true }) as number;
  const nav2 = node.declareParameter({ name: 'nav2_server', type: 'bool', default: false, description: 'also serve nav2_msgs/action/NavigateToPose on navigate_to_pose (needs nav2_msgs on ROS 2)', readOnly: true }) as boolean;
  const frameId = node.declareParameter({ name: 'frame_id', type: 'string', default: 'map', description: 'frame of goals (REP-105)', readOnly: true }) as string;
  const odomFrame = node.declareParameter({ name: 'odom_frame', type: 'string', default: 'odom', description: 'header.frame_id of odometry', readOnly: true }) as string;
  const baseFrame = node.declareParameter({ name: 'base_frame', type: 'string', default: 'base_link', description: 'child_frame_id of odometry', readOnly: true }) as string;
  const vehicle = node.declareParameter({ name: 'vehicle', type: 'string', default: 'ground', description: "what the robot speaks: 'ground' (goal_pose, odom, navigate_to_pose), 'px4' (px4_msgs over uXRCE-DDS, see px4Vehicle) or 'crazyflie' (Crazyswarm2 services and pose, see crazyflieVehicle)", readOnly: true }) as string;
  if (vehicle !== 'ground' && vehicle !== 'px4' && vehicle !== 'crazyflie') throw new Error(`parameter 'vehicle' is '${vehicle}'; known: ground, px4, crazyflie [node=${node.fullyQualifiedName}]`);
  const world = coverageWorldOf(ctx.scenario, node.fullyQualifiedName);
  if (id >= world.robots) throw new Error(`parameter 'robot_id' is ${id} but the scenario has ${world.robots} robots (0..${world.robots - 1}) [node=${node.fullyQualifiedName}]`);
  const start = startSites(world, ctx.rng)[id];
  const motion = new FirstOrderMotion(sitePose(sitePositions(world), start).position, { maxSpeed, gain });
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const px4 = vehicle === 'px4' ? attachPx4Vehicle(node, motion, px4VehicleOptions(node, id, sitePositions(world), start), drops) : null;
  const cf = vehicle === 'crazyflie' ? attachCrazyflieVehicle(node, motion, crazyflieVehicleOptions(node, id), drops) : null;
  const odomPub = node.createPublisher<NavMsgsOdometry>(ODOMETRY, 'odom', ODOM_PUB_QOS);
  // Map and odom coincide here (no localisation): say so once, latched, for RViz and tf2.
  node.createPublisher<Tf2MsgsTFMessage>(MsgType.Tf2MsgsTFMessage, '/tf_static', TF_STATIC_QOS).publish({
    transforms: [{ header: header(node, frameId), child_frame_id: odomFrame, transform: { translation: { x: 0, y: 0, z: 0 }, rotation: { x: 0, y: 0, z: 0, w: 1 } } }],
  });

  /** A goal in a frame we can serve, with a finite position: the point to go to, or why not. */
  const goalPoint = (goal: GeometryMsgsPoseStamped | undefined): Vec3 | string => {
    const frame = goal?.header?.frame_id ?? '';
    if (frame !== '' && frame !== frameId && frame !== odomFrame) return `goal in frame '${frame}'; this robot takes goals in '${frameId}' (or '${odomFrame}', the same here)`;
    const p = goal?.pose?.position;
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isFinite(p.z)) return `goal with a non-finite position (${JSON.stringify(p)})`;
    return { x: p.x, y: p.y, z: p.z };
  };

  let active: { goal: ServerGoalHandle<NavigateToPoseGoal, NavigateToPoseFeedback>; done: (r: NavigateToPoseResult) => void; startNs: number } | null = null;
  /** Ends the action goal in progress; the result message is empty (Humble and Jazzy both take it). */
  const end = (how: 'succeed' | 'abort', why = ''): void => {
    const a = active;
    if (a === null) return;
    active = null;
    if (a.goal.isActive) {
      if (a.goal.isCancelRequested) a.goal.canceled();
      else if (how === 'succeed') a.goal.succeed();
      else a.goal.abort();
    }
    if (why !== '') node.logger.debug(`NavigateToPose goal ${a.goal.goalId} ended: ${why}`);
    a.done({});
  };

  node.createSubscription<GeometryMsgsPoseStamped>(POSE_STAMPED, 'goal_pose', (msg) => {
    const point = goalPoint(msg);
    if (typeof point === 'string') return drops.drop('bad-goal', point);
    end('abort', 'a goal_pose message replaced it');
    motion.goal = point;
  }, GOAL_QOS);

  if (nav2) {
    node.createActionServer<NavigateToPoseGoal, NavigateToPoseResult, NavigateToPoseFeedback>(NAVIGATE_TO_POSE, NAVIGATE_TO_POSE_ACTION, {
      onGoal: (request) => {
        const point = goalPoint(request?.pose);
        if (typeof point === 'string') drops.drop('bad-goal', `NavigateToPose ${point}`);
        return typeof point !== 'string';
      },
      execute: (goal) =>
        new Promise<NavigateToPoseResult>((done) => {
          end('abort', 'preempted by a newer goal');
          active = { goal, done, startNs: node.now() };
          motion.goal = goalPoint(goal.request.pose) as Vec3;
        }),
      onCancel: () => true,
    });
  }

  const duration = (seconds: number) => toStamp(Math.max(0, seconds) * 1e9);
  const periodSeconds = 1 / rate;
  let last = node.now();
  let lastYaw = motion.yaw;
  node.createTimer(periodSeconds, () => {
    const now = node.now();
    // Measured, not nominal, so a late tick on real ROS moves the robot as far as it should.
    const dt = Math.min(Math.max((now - last) / 1e9, 0), 10 * periodSeconds);
    last = now;
    px4?.tick(); // a PX4 vehicle sets the goal itself (armed, offboard, setpoint)
    motion.step(dt);
    cf?.tick(); // a Crazyflie publishes its pose after the move
    if (active !== null) {
      if (active.goal.isCancelRequested) {
        motion.goal = null;
        end('abort', 'canceled');
      } else if (motion.distanceToGoal() <= goalTolerance) {
        end('succeed');
      } else {
        const remaining = motion.distanceToGoal();
        active.goal.publishFeedback({
          current_pose: { header: header(node, frameId), pose: { position: { ...motion.position }, orientation: yawQuaternion(motion.yaw) } },
          navigation_time: duration((now - active.startNs) / 1e9),
          estimated_time_remaining: duration(remaining / maxSpeed),
          number_of_recoveries: 0,
          distance_remaining: remaining,
        });
      }
    }
    const { x: vx, y: vy, z: vz } = motion.velocity;
    const c = Math.cos(motion.yaw);
    const s = Math.sin(motion.yaw);
    let dYaw = motion.yaw - lastYaw;
    dYaw = Math.atan2(Math.sin(dYaw), Math.cos(dYaw));
    lastYaw = motion.yaw;
    if (px4 !== null || cf !== null) return;
    odomPub.publish({
      header: header(node, odomFrame),
      child_frame_id: baseFrame,
      pose: { pose: { position: { ...motion.position }, orientation: yawQuaternion(motion.yaw) }, covariance: [...ZERO_COVARIANCE] },
      // The twist is in base_frame, as nav_msgs/Odometry specifies.
      twist: { twist: { linear: { x: c * vx + s * vy, y: -s * vx + c * vy, z: vz }, angular: { x: 0, y: 0, z: dt > 0 ? dYaw / dt : 0 } }, covariance: [...ZERO_COVARIANCE] },
    });
  });
  node.logger.info(`kinematic robot ${id} at site '${world.graph.ids[start]}': max_speed ${maxSpeed} m/s, gain ${gain}/s, odometry at ${rate} Hz${nav2 ? ', serving navigate_to_pose' : ''}`);
  return {
    shutdown() {
      end('abort', 'node shutting down');
      if (px4 !== null) node.logger.info(px4.summary());
      if (cf !== null) node.logger.info(cf.summary());
      if (drops.total > 0) node.logger.info(`dropped ${drops.summary()}`);
    },
  };
};

/** The simulated PX4 vehicle's parameters; its origin defaults to below its start site (z 0), as the px4 adapter assumes. */
function px4VehicleOptions(node: NodeHandle, id: number, positions: Float64Array, start: number): Px4VehicleOptions {
  const systemId = node.declareParameter({ name: 'px4_system_id', type: 'integer', default: 0, description: 'px4: MAVLink system id (0 = robot_id + 1)', range: { min: 0, max: 255 }, readOnly: true }) as number;
  const origin = node.declareParameter({ name: 'px4_origin', type: 'double_array', default: [], description: "px4: [x, y, z] in map of the local NED origin ([] = below the start site, z 0)", readOnly: true }) as number[];
  const refuseOffboard = node.declareParameter({ name: 'refuse_offboard', type: 'bool', default: false, description: 'px4: refuse every switch to offboard (failure drill)', readOnly: true }) as boolean;
  const positionLossAfter = node.declareParameter({ name: 'position_loss_after', type: 'double', default: -1, description: 'px4: seconds after start from which the position estimate is invalid (-1 = never; failure drill)', range: { min: -1, max: 1e9 }, readOnly: true }) as number;
  if (origin.length !== 0 && (origin.length !== 3 || origin.some((v) => !Number.isFinite(v)))) {
    throw new Error(`parameter 'px4_origin' is ${JSON.stringify(origin)}; expected [] or three finite numbers [x, y, z] [node=${node.fullyQualifiedName}]`);
  }
  return {
    systemId: systemId === 0 ? id + 1 : systemId,
    origin: origin.length === 3 ? { x: origin[0], y: origin[1], z: origin[2] } : { x: positions[3 * start], y: positions[3 * start + 1], z: 0 },
    refuseOffboard,
    positionLossAfter,
    statusEvery: 10,
  };
}

/** The simulated Crazyflie's parameters: its Crazyswarm2 name (as the robot's) and failure drills. */
function crazyflieVehicleOptions(node: NodeHandle, id: number): CrazyflieVehicleOptions {
  const name = node.declareParameter({ name: 'cf_name', type: 'string', default: '', description: "crazyflie: the Crazyflie's name (services and pose under /<name>/; '' = cf<robot_id + 1>)", readOnly: true }) as string;
  const fault = node.declareParameter({ name: 'takeoff_fault', type: 'string', default: 'none', description: `crazyflie: take-off failure drill: ${TAKEOFF_FAULTS.join(', ')}`, readOnly: true }) as string;
  const poseLossAfter = node.declareParameter({ name: 'pose_loss_after', type: 'double', default: -1, description: 'crazyflie: seconds after start from which no pose is published (-1 = never; failure drill)', range: { min: -1, max: 1e9 }, readOnly: true }) as number;
  if (name !== '' && !CRAZYFLIE_NAME.test(name)) throw new Error(`parameter 'cf_name' is '${name}'; expected a name such as cf1 (a letter, then letters, digits or '_') [node=${node.fullyQualifiedName}]`);
  if (!(TAKEOFF_FAULTS as readonly string[]).includes(fault)) throw new Error(`parameter 'takeoff_fault' is '${fault}'; known: ${TAKEOFF_FAULTS.join(', ')} [node=${node.fullyQualifiedName}]`);
  return { name: name === '' ? defaultCrazyflieName(id) : name, takeoffFault: fault as TakeoffFault, poseLossAfter, poseSource: declareCrazyfliePoseSource(node) };
}
