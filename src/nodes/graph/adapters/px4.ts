/**
 * PX4 over the uXRCE-DDS bridge (px4_msgs, PX4 v1.15 message layout): topic names relative to the
 * robot's namespace (start PX4 instance i with the DDS namespace `robot_<i>`, e.g.
 * PX4_UXRCE_DDS_NS=robot_0), QoS, command constants, and the frame conversions. PX4 works in a
 * local NED frame (x north, y east, z down) with its origin where its estimator started; the
 * mission's map frame is ENU (REP-105: x east, y north, z up). A vehicle's local origin sits at a
 * known map position `origin`: map = origin + enu(ned).
 */
import { MsgType } from '../../../msg/definitions.generated.js';
import type { QosProfile } from '../../../runtime/Qos.js';
import type { Vec3 } from '../../kinematic/FirstOrderMotion.js';

export const OFFBOARD_CONTROL_MODE = MsgType.Px4MsgsOffboardControlMode;
export const TRAJECTORY_SETPOINT = MsgType.Px4MsgsTrajectorySetpoint;
export const VEHICLE_COMMAND = MsgType.Px4MsgsVehicleCommand;
export const VEHICLE_LOCAL_POSITION = MsgType.Px4MsgsVehicleLocalPosition;
export const VEHICLE_STATUS = MsgType.Px4MsgsVehicleStatus;

export const PX4_TOPICS = {
  offboardControlMode: 'fmu/in/offboard_control_mode',
  trajectorySetpoint: 'fmu/in/trajectory_setpoint',
  vehicleCommand: 'fmu/in/vehicle_command',
  localPosition: 'fmu/out/vehicle_local_position',
  status: 'fmu/out/vehicle_status',
} as const;

/** What we send PX4 (`/fmu/in/*`): reliable, as PX4's offboard example; matches PX4's best-effort readers too. */
export const PX4_IN_QOS: QosProfile = { reliability: 'reliable', durability: 'volatile', depth: 10 };
/** What we read from PX4 (`/fmu/out/*`, offered best effort, transient local): best effort, volatile, keep last 5. */
export const PX4_OUT_QOS: QosProfile = { reliability: 'best_effort', durability: 'volatile', depth: 5 };
/** What the simulated vehicle offers on `/fmu/out/*`, as PX4 does. */
export const PX4_OUT_OFFER_QOS: QosProfile = { reliability: 'best_effort', durability: 'transient_local', depth: 5 };

/** PX4's custom main mode of offboard control (px4_custom_mode.h), param2 of DO_SET_MODE with param1 = 1. */
export const PX4_CUSTOM_MAIN_MODE_OFFBOARD = 6;
/** PX4 leaves offboard when the heartbeat is older than this (COM_OF_LOSS_T default is 1 s; the stream must exceed 2 Hz). */
export const OFFBOARD_HEARTBEAT_TIMEOUT_S = 0.5;

export function enuToNed(p: Vec3): Vec3 {
  return { x: p.y, y: p.x, z: -p.z };
}

export function nedToEnu(p: Vec3): Vec3 {
  return { x: p.y, y: p.x, z: -p.z };
}

/** NED yaw (from north, clockwise) of an ENU yaw (from east, counter-clockwise), in (-pi, pi]. */
export function enuYawToNed(yaw: number): number {
  const y = Math.PI / 2 - yaw;
  return Math.atan2(Math.sin(y), Math.cos(y));
}

/** PX4 timestamps: microseconds (we send node time; the bridge's time sync aligns it). */
export function px4Timestamp(nowNs: number): number {
  return Math.max(0, Math.floor(nowNs / 1000));
}
