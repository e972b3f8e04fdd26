/** The robot node's parameters of the `crazyflie` adapter (declared only when it is chosen). */
import type { NodeHandle } from '../../../runtime/NodeHandle.js';
import { CF_POSE_SOURCES } from './crazyflie.js';
import { DEFAULT_CRAZYFLIE_OPTIONS } from './CrazyflieAdapter.js';
import type { CrazyflieOptions } from './RobotAdapter.js';

/** Crazyswarm2 names: letters, digits and '_', starting with a letter (they become ROS names). */
export const CRAZYFLIE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** CrazyflieOptions from parameters; name '' and height 0 mean "derive from the robot" (robot node). */
export function declareCrazyflieOptions(node: NodeHandle): CrazyflieOptions {
  const d = DEFAULT_CRAZYFLIE_OPTIONS;
  const name = node.declareParameter({ name: 'cf_name', type: 'string', default: '', description: "crazyflie: the Crazyflie's name in Crazyswarm2 (services and pose under /<name>/; '' = cf<robot_id + 1>)", readOnly: true }) as string;
  const takeoffHeight = node.declareParameter({ name: 'takeoff_height', type: 'double', default: 0, description: "crazyflie: take-off height (map z, m; 0 = the start site's altitude from the field, else 0.5)", range: { min: 0, max: 1000 }, readOnly: true }) as number;
  const takeoffDuration = node.declareParameter({ name: 'takeoff_duration', type: 'double', default: d.takeoffDuration, description: 'crazyflie: seconds the take-off and the landing take', range: { min: 0.1, max: 600 }, readOnly: true }) as number;
  const takeoffTimeout = node.declareParameter({ name: 'takeoff_timeout', type: 'double', default: d.takeoffTimeout, description: 'crazyflie: seconds from the take-off request by which it must be up (else a counted failure)', range: { min: 0, max: 1e6 }, readOnly: true }) as number;
  const flightSpeed = node.declareParameter({ name: 'flight_speed', type: 'double', default: d.flightSpeed, description: "crazyflie: cruise speed (m/s); a go_to's duration is its distance over this", range: { min: 1e-3, max: 1e6 }, readOnly: true }) as number;
  const poseSource = declareCrazyfliePoseSource(node);
  if (name !== '' && !CRAZYFLIE_NAME.test(name)) throw new Error(`parameter 'cf_name' is '${name}'; expected a name such as cf1 (a letter, then letters, digits or '_') [node=${node.fullyQualifiedName}]`);
  return { name, takeoffHeight, takeoffDuration, takeoffTimeout, flightSpeed, poseSource };
}

/** `cf_pose_source`, shared by the robot node and the simulated Crazyflie. */
export function declareCrazyfliePoseSource(node: NodeHandle): 'pose' | 'tf' {
  const source = node.declareParameter({ name: 'cf_pose_source', type: 'string', default: DEFAULT_CRAZYFLIE_OPTIONS.poseSource, description: "crazyflie: where the pose is: 'pose' (/<name>/pose) or 'tf' (/tf, world -> <name>; Crazyswarm2's sim backend)", readOnly: true }) as string;
  if (!(CF_POSE_SOURCES as readonly string[]).includes(source)) throw new Error(`parameter 'cf_pose_source' is '${source}'; known: ${CF_POSE_SOURCES.join(', ')} [node=${node.fullyQualifiedName}]`);
  return source as 'pose' | 'tf';
}
