/**
 * Crazyswarm2 (crazyflie_server, real or its sim backend) as the `crazyflie` adapter sees it: per
 * Crazyflie `<name>` (as in crazyflies.yaml: cf1, cf231, ...) the services `/<name>/takeoff`,
 * `/<name>/go_to`, `/<name>/land` (crazyflie_interfaces, bundled under interfaces/) and the topic
 * `/<name>/pose` (geometry_msgs/PoseStamped in the server's world frame, ENU, published when the
 * pose log topic is enabled in crazyflies.yaml; crazyflie_server then also broadcasts TF
 * `world -> <name>`, which is all Crazyswarm2's sim backend offers). Names are absolute: Crazyswarm2 does not live in
 * the robot's namespace. The world frame must coincide with the mission's map frame (motion
 * capture origin = map origin).
 */
import { SrvType } from '../../../msg/definitions.generated.js';
import type { QosProfile } from '../../../runtime/Qos.js';
import { toStamp } from '../../stamp.js';

export const TAKEOFF = SrvType.CrazyflieInterfacesTakeoff;
export const LAND = SrvType.CrazyflieInterfacesLand;
export const GO_TO = SrvType.CrazyflieInterfacesGoTo;

/** The Crazyflie name of robot `id` when none is given: cf1, cf2, ... (Crazyswarm2's examples). */
export const defaultCrazyflieName = (id: number) => `cf${id + 1}`;

/** Where a Crazyflie's pose is read: its pose topic, or its TF on /tf. */
export const CF_POSE_SOURCES = ['pose', 'tf'] as const;

export function crazyflieNames(name: string): { takeoff: string; goTo: string; land: string; pose: string } {
  return { takeoff: `/${name}/takeoff`, goTo: `/${name}/go_to`, land: `/${name}/land`, pose: `/${name}/pose` };
}

/** crazyflie_server offers the pose reliable, keep last 10; best effort takes it and any bridge's. */
export const CF_POSE_SUB_QOS: QosProfile = { reliability: 'best_effort', durability: 'volatile', depth: 5 };
/** What the simulated Crazyflie offers, as crazyflie_server does. */
export const CF_POSE_PUB_QOS: QosProfile = { reliability: 'reliable', durability: 'volatile', depth: 10 };

/** A builtin_interfaces/Duration of `seconds` (>= 0). */
export function duration(seconds: number): { sec: number; nanosec: number } {
  return toStamp(Math.max(0, seconds) * 1e9);
}

/** Seconds of a builtin_interfaces/Duration. */
export function seconds(d: { sec: number; nanosec: number }): number {
  return d.sec + d.nanosec / 1e9;
}
