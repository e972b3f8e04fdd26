/**
 * The PX4 side of a simulated vehicle (kinematic_robot with `vehicle: px4`): it speaks the same
 * px4_msgs topics as PX4's uXRCE-DDS client, so the `px4` adapter is tested as it flies.
 * - VehicleCommand for its system id (or 0): COMPONENT_ARM_DISARM arms or disarms; DO_SET_MODE
 *   with custom main mode offboard switches to offboard only while the heartbeat is fresh (PX4's
 *   rule), never with `refuse_offboard`.
 * - It follows TrajectorySetpoint positions (local NED about `origin`) only when armed, in offboard
 *   and with a heartbeat younger than OFFBOARD_HEARTBEAT_TIMEOUT_S; otherwise it holds (and a
 *   stale heartbeat drops it out of offboard, as PX4's failsafe does).
 * - It publishes VehicleLocalPosition every tick (NED about `origin`), flagged invalid with NaN
 *   coordinates from `position_loss_after` seconds on (an estimator that lost its position), and
 *   VehicleStatus on every change and every `statusEvery` ticks.
 */
import { defaultMessage } from '../../msg/defaultMessage.js';
import { MsgType, Px4MsgsVehicleCommand, Px4MsgsVehicleStatus, type Px4MsgsOffboardControlMode, type Px4MsgsTrajectorySetpoint, type Px4MsgsVehicleLocalPosition } from '../../msg/definitions.generated.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import type { DropCounter } from '../DropCounter.js';
import { enuToNed, nedToEnu, OFFBOARD_CONTROL_MODE, OFFBOARD_HEARTBEAT_TIMEOUT_S, PX4_CUSTOM_MAIN_MODE_OFFBOARD, PX4_IN_QOS, PX4_OUT_OFFER_QOS, PX4_TOPICS, px4Timestamp, TRAJECTORY_SETPOINT, VEHICLE_COMMAND, VEHICLE_LOCAL_POSITION, VEHICLE_STATUS } from '../graph/adapters/px4.js';
import type { FirstOrderMotion, Vec3 } from './FirstOrderMotion.js';

export interface Px4VehicleOptions {
  systemId: number;
  /** Local NED origin in map coordinates. */
  origin: Vec3;
  refuseOffboard: boolean;
  /** Seconds after start from which the position estimate is invalid (< 0: never). */
  positionLossAfter: number;
  /** Ticks between periodic VehicleStatus messages. */
  statusEvery: number;
}

export function attachPx4Vehicle(node: NodeHandle, motion: FirstOrderMotion, o: Px4VehicleOptions, drops: DropCounter): { tick(): void; summary(): string } {
  const startNs = node.now();
  let heartbeatNs = -Infinity;
  let setpoint: Vec3 | null = null;
  let armed = false;
  let offboard = false;
  let ticks = 0;
  let refusals = 0;
  const positionPub = node.createPublisher<Px4MsgsVehicleLocalPosition>(VEHICLE_LOCAL_POSITION, PX4_TOPICS.localPosition, PX4_OUT_OFFER_QOS);
  const statusPub = node.createPublisher<Px4MsgsVehicleStatus>(VEHICLE_STATUS, PX4_TOPICS.status, PX4_OUT_OFFER_QOS);
  const fresh = () => (node.now() - heartbeatNs) / 1e9 <= OFFBOARD_HEARTBEAT_TIMEOUT_S;

  const publishStatus = () => {
    statusPub.publish({
      ...defaultMessage(MsgType.Px4MsgsVehicleStatus),
      timestamp: px4Timestamp(node.now()),
      arming_state: armed ? Px4MsgsVehicleStatus.ARMING_STATE_ARMED : Px4MsgsVehicleStatus.ARMING_STATE_DISARMED,
      nav_state: offboard ? Px4MsgsVehicleStatus.NAVIGATION_STATE_OFFBOARD : Px4MsgsVehicleStatus.NAVIGATION_STATE_AUTO_LOITER,
      system_id: o.systemId,
      component_id: 1,
      vehicle_type: 1,
      pre_flight_checks_pass: true,
    });
  };

  node.createSubscription<Px4MsgsOffboardControlMode>(OFFBOARD_CONTROL_MODE, PX4_TOPICS.offboardControlMode, (m) => {
    if (m.position) heartbeatNs = node.now();
  }, PX4_IN_QOS);
  node.createSubscription<Px4MsgsTrajectorySetpoint>(TRAJECTORY_SETPOINT, PX4_TOPICS.trajectorySetpoint, (m) => {
    const [x, y, z] = m.position;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return drops.drop('bad-setpoint', `TrajectorySetpoint with position ${JSON.stringify(m.position)}`);
    const enu = nedToEnu({ x, y, z });
    setpoint = { x: o.origin.x + enu.x, y: o.origin.y + enu.y, z: o.origin.z + enu.z };
  }, PX4_IN_QOS);
  node.createSubscription(VEHICLE_COMMAND, PX4_TOPICS.vehicleCommand, (m: { command: number; target_system: number; param1: number; param2: number }) => {
    if (m.target_system !== 0 && m.target_system !== o.systemId) return;
    const before = `${armed}/${offboard}`;
    if (m.command === Px4MsgsVehicleCommand.VEHICLE_CMD_COMPONENT_ARM_DISARM) armed = m.param1 === 1;
    else if (m.command === Px4MsgsVehicleCommand.VEHICLE_CMD_DO_SET_MODE && m.param1 === 1 && m.param2 === PX4_CUSTOM_MAIN_MODE_OFFBOARD) {
      if (o.refuseOffboard || !fresh()) refusals++;
      else offboard = true;
    }
    if (`${armed}/${offboard}` !== before) publishStatus();
  }, PX4_IN_QOS);
  publishStatus();

  return {
    tick() {
      ticks++;
      if (offboard && !fresh()) {
        offboard = false;
        publishStatus();
      }
      motion.goal = armed && offboard && setpoint !== null ? setpoint : null;
      const lost = o.positionLossAfter >= 0 && (node.now() - startNs) / 1e9 >= o.positionLossAfter;
      const ned = enuToNed({ x: motion.position.x - o.origin.x, y: motion.position.y - o.origin.y, z: motion.position.z - o.origin.z });
      const v = enuToNed(motion.velocity);
      positionPub.publish({
        ...defaultMessage(MsgType.Px4MsgsVehicleLocalPosition),
        timestamp: px4Timestamp(node.now()),
        timestamp_sample: px4Timestamp(node.now()),
        xy_valid: !lost,
        z_valid: !lost,
        v_xy_valid: !lost,
        v_z_valid: !lost,
        x: lost ? NaN : ned.x,
        y: lost ? NaN : ned.y,
        z: lost ? NaN : ned.z,
        vx: v.x,
        vy: v.y,
        vz: v.z,
        heading: Math.PI / 2 - motion.yaw,
        heading_good_for_control: true,
        dead_reckoning: lost,
      });
      if (ticks % o.statusEvery === 0) publishStatus();
    },
    summary() {
      return `PX4 vehicle ${o.systemId}: ${armed ? 'armed' : 'disarmed'}, ${offboard ? 'offboard' : 'not in offboard'}${refusals > 0 ? `, ${refusals} offboard requests refused` : ''}`;
    },
  };
}
