/**
 * The Crazyswarm2 side of a simulated Crazyflie (kinematic_robot with `vehicle: crazyflie`): it
 * serves `/<name>/takeoff`, `/<name>/go_to` and `/<name>/land` and publishes `/<name>/pose` as
 * crazyflie_server does, so the `crazyflie` adapter is tested as it flies.
 * - It starts on the ground (z 0) below its start site. Take-off climbs to the requested height
 *   above where it stands; go_to (absolute, or relative to its goal) is followed only while
 *   airborne; land descends to the requested height and counts as landed there.
 * - It moves first-order at the robot's `max_speed` (the requested durations are logged, not
 *   flown: the mission's timing comes from the plan's speed).
 * - It publishes its pose every tick (frame `world`) on `/<name>/pose`, or with `cf_pose_source: tf`
 *   as TF `world -> <name>` on /tf (as the sim backend does), until `pose_loss_after` s after start.
 * - Failure drills (`takeoff_fault`): 'refuse' answers the take-off and stays on the ground (as a
 *   locked or unarmed Crazyflie), 'no_answer' never answers it, 'no_service' offers no take-off
 *   service at all.
 */
import { MsgType, type CrazyflieInterfacesGoToRequest, type CrazyflieInterfacesLandRequest, type CrazyflieInterfacesTakeoffRequest, type GeometryMsgsPoseStamped, type Tf2MsgsTFMessage } from '../../msg/definitions.generated.js';
import { TF_QOS } from '../graph/topics.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { CF_POSE_PUB_QOS, crazyflieNames, GO_TO, LAND, seconds, TAKEOFF } from '../graph/adapters/crazyflie.js';
import { POSE_STAMPED, yawQuaternion } from '../graph/adapters/poses.js';
import type { DropCounter } from '../DropCounter.js';
import { header } from '../stamp.js';
import type { FirstOrderMotion, Vec3 } from './FirstOrderMotion.js';

export const TAKEOFF_FAULTS = ['none', 'refuse', 'no_answer', 'no_service'] as const;
export type TakeoffFault = (typeof TAKEOFF_FAULTS)[number];

export interface CrazyflieVehicleOptions {
  name: string;
  takeoffFault: TakeoffFault;
  /** Seconds after start from which no pose is published (< 0: never). */
  poseLossAfter: number;
  poseSource: 'pose' | 'tf';
}

type Empty = Record<string, never>;

export function attachCrazyflieVehicle(node: NodeHandle, motion: FirstOrderMotion, o: CrazyflieVehicleOptions, drops: DropCounter): { tick(): void; summary(): string } {
  const names = crazyflieNames(o.name);
  const startNs = node.now();
  let state: 'landed' | 'airborne' | 'landing' = 'landed';
  let takeoffs = 0;
  let goTos = 0;
  let landings = 0;
  motion.position.z = 0;
  motion.goal = null;
  const posePub = o.poseSource === 'pose' ? node.createPublisher<GeometryMsgsPoseStamped>(POSE_STAMPED, names.pose, CF_POSE_PUB_QOS) : null;
  const tfPub = o.poseSource === 'tf' ? node.createPublisher<Tf2MsgsTFMessage>(MsgType.Tf2MsgsTFMessage, '/tf', TF_QOS) : null;
  const finite = (p: Vec3 | undefined) => p !== undefined && Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.z);

  if (o.takeoffFault !== 'no_service') {
    node.createService<CrazyflieInterfacesTakeoffRequest, Empty>(TAKEOFF, names.takeoff, (req) => {
      takeoffs++;
      if (o.takeoffFault === 'no_answer') return new Promise<Empty>(() => {});
      if (!Number.isFinite(req.height) || req.height < 0) {
        drops.drop('bad-takeoff', `take-off to height ${req.height}`);
        return {};
      }
      node.logger.debug(`take-off to ${req.height} m over ${seconds(req.duration)} s`);
      if (o.takeoffFault === 'refuse') return {};
      state = 'airborne';
      motion.goal = { x: motion.position.x, y: motion.position.y, z: req.height };
      return {};
    });
  }
  node.createService<CrazyflieInterfacesGoToRequest, Empty>(GO_TO, names.goTo, (req) => {
    goTos++;
    if (!finite(req.goal)) {
      drops.drop('bad-goal', `go_to with goal ${JSON.stringify(req.goal)}`);
      return {};
    }
    if (state !== 'airborne') {
      drops.drop('not-airborne', `go_to while ${state}: ignored`);
      return {};
    }
    const base = req.relative ? (motion.goal ?? motion.position) : { x: 0, y: 0, z: 0 };
    motion.goal = { x: base.x + req.goal.x, y: base.y + req.goal.y, z: base.z + req.goal.z };
    return {};
  });
  node.createService<CrazyflieInterfacesLandRequest, Empty>(LAND, names.land, (req) => {
    landings++;
    if (state === 'airborne') {
      state = 'landing';
      motion.goal = { x: motion.position.x, y: motion.position.y, z: Number.isFinite(req.height) ? Math.max(0, req.height) : 0 };
    }
    return {};
  });

  return {
    tick() {
      if (state === 'landing' && motion.distanceToGoal() === 0) state = 'landed';
      if (o.poseLossAfter >= 0 && (node.now() - startNs) / 1e9 >= o.poseLossAfter) return;
      const position = { ...motion.position };
      const orientation = yawQuaternion(motion.yaw);
      posePub?.publish({ header: header(node, 'world'), pose: { position, orientation } });
      tfPub?.publish({ transforms: [{ header: header(node, 'world'), child_frame_id: o.name, transform: { translation: position, rotation: orientation } }] });
    },
    summary() {
      return `Crazyflie '${o.name}': ${state}; ${takeoffs} take-off, ${goTos} go_to and ${landings} land requests${o.takeoffFault !== 'none' ? ` (drill: takeoff_fault ${o.takeoffFault})` : ''}`;
    },
  };
}
