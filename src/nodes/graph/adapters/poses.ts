/**
 * Poses, goals and odometry of physical robots: site positions as map-frame poses (REP-105:
 * x east, y north, z up, metres), the QoS of goal and odometry topics, and the odometry fix an
 * adapter keeps (last position, when it arrived) to decide whether a robot stands on a site.
 */
import { MsgType, type GeometryMsgsPose, type GeometryMsgsPoseStamped, type NavMsgsOdometry } from '../../../msg/definitions.generated.js';
import type { NodeHandle } from '../../../runtime/NodeHandle.js';
import { DEFAULT_QOS, type QosProfile } from '../../../runtime/Qos.js';
import { header } from '../../stamp.js';

export const POSE_STAMPED = MsgType.GeometryMsgsPoseStamped;
export const ODOMETRY = MsgType.NavMsgsOdometry;

/** Goals: reliable, volatile, keep last 10, as RViz publishes `goal_pose` and Nav2 subscribes to it. */
export const GOAL_QOS: QosProfile = DEFAULT_QOS;
/**
 * Odometry subscription: best effort, keep last 5 (rclcpp's SensorDataQoS). A best-effort request
 * matches reliable and best-effort publishers alike (Gazebo bridges, drivers, PX4 bridges).
 */
export const ODOM_SUB_QOS: QosProfile = { reliability: 'best_effort', durability: 'volatile', depth: 5 };
/** Odometry offered by the kinematic simulator: reliable, keep last 10, as most drivers offer it. */
export const ODOM_PUB_QOS: QosProfile = DEFAULT_QOS;

export function sitePose(positions: Float64Array, site: number): GeometryMsgsPose {
  return { position: { x: positions[3 * site], y: positions[3 * site + 1], z: positions[3 * site + 2] }, orientation: { x: 0, y: 0, z: 0, w: 1 } };
}

export function poseStamped(node: NodeHandle, frameId: string, pose: GeometryMsgsPose): GeometryMsgsPoseStamped {
  return { header: header(node, frameId), pose };
}

/**
 * The goal pose for a move from site `from` to site `to`: the target's position, facing along the
 * edge (so a ground robot arrives heading onwards); identity when it stays.
 */
export function goalPose(positions: Float64Array, from: number, to: number): GeometryMsgsPose {
  const pose = sitePose(positions, to);
  const dx = positions[3 * to] - positions[3 * from];
  const dy = positions[3 * to + 1] - positions[3 * from + 1];
  if (Math.hypot(dx, dy) > 1e-9) pose.orientation = yawQuaternion(Math.atan2(dy, dx));
  return pose;
}

/** The unit quaternion of a rotation by `yaw` radians about z. */
export function yawQuaternion(yaw: number): GeometryMsgsPose['orientation'] {
  return { x: 0, y: 0, z: Math.sin(yaw / 2), w: Math.cos(yaw / 2) };
}

const finite = (p: { x: number; y: number; z: number }) => Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.z);

/**
 * The last odometry of a robot. Its pose must be in map coordinates (the kinematic simulator's
 * is; on a real robot remap `odom` to a map-frame odometry such as robot_localization's global
 * filter): REP-105's odom frame drifts, so raw wheel odometry would put the robot on the wrong site.
 */
export class OdomFix {
  readonly #timeoutNs: number;
  #pose: GeometryMsgsPose | null = null;
  #at = -Infinity;
  /** Messages taken. */
  received = 0;

  /** @param timeoutSeconds odometry older than this counts as lost (0: never). */
  constructor(timeoutSeconds: number) {
    this.#timeoutNs = timeoutSeconds > 0 ? timeoutSeconds * 1e9 : Infinity;
  }

  /** Takes a message; returns why it is refused, or null. */
  update(msg: NavMsgsOdometry, nowNs: number): string | null {
    return this.updatePose(msg.pose?.pose, nowNs);
  }

  /** Takes a map-frame pose from any source (PX4 local position, a Crazyflie pose); returns why it is refused, or null. */
  updatePose(pose: GeometryMsgsPose | undefined, nowNs: number): string | null {
    if (!pose || !finite(pose.position)) return `odometry with a non-finite position (${JSON.stringify(pose?.position)})`;
    this.#pose = { position: { ...pose.position }, orientation: { ...pose.orientation } };
    this.#at = nowNs;
    this.received++;
    return null;
  }

  /** The pose if fresh at `nowNs`, else null (none yet, or older than the timeout). */
  pose(nowNs: number): GeometryMsgsPose | null {
    return this.#pose !== null && nowNs - this.#at <= this.#timeoutNs ? this.#pose : null;
  }

  /** Whether an odometry message ever arrived (to tell "none yet" from "stale"). */
  get ever(): boolean {
    return this.#pose !== null;
  }

  /** Distance in metres from the fresh pose to `site`, or Infinity without one. */
  distanceTo(positions: Float64Array, site: number, nowNs: number): number {
    const p = this.pose(nowNs);
    if (p === null) return Infinity;
    return Math.hypot(p.position.x - positions[3 * site], p.position.y - positions[3 * site + 1], p.position.z - positions[3 * site + 2]);
  }
}
