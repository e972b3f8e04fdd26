/** The robot node's parameters of the `px4` adapter (declared only when it is chosen). */
import type { NodeHandle } from '../../../runtime/NodeHandle.js';
import { DEFAULT_PX4_OPTIONS } from './Px4Adapter.js';
import type { Px4Options } from './RobotAdapter.js';

/** Px4Options from parameters; systemId 0 and a NaN origin mean "derive from the robot" (robot node). */
export function declarePx4Options(node: NodeHandle): Px4Options {
  const d = DEFAULT_PX4_OPTIONS;
  const heartbeatRate = node.declareParameter({ name: 'heartbeat_rate', type: 'double', default: d.heartbeatRate, description: 'px4: Hz of the offboard heartbeat and setpoint stream (PX4 needs > 2)', range: { min: 2.01, max: 10_000 }, readOnly: true }) as number;
  const commandRetry = node.declareParameter({ name: 'command_retry', type: 'double', default: d.commandRetry, description: 'px4: seconds between arm + offboard requests until both are reported', range: { min: 1e-3, max: 1e6 }, readOnly: true }) as number;
  const offboardTimeout = node.declareParameter({ name: 'offboard_timeout', type: 'double', default: d.offboardTimeout, description: 'px4: seconds by which the vehicle must be armed in offboard (else a counted failure)', range: { min: 0, max: 1e6 }, readOnly: true }) as number;
  const systemId = node.declareParameter({ name: 'px4_system_id', type: 'integer', default: 0, description: 'px4: MAVLink system id of the vehicle (0 = robot_id + 1, as PX4 SITL instances)', range: { min: 0, max: 255 }, readOnly: true }) as number;
  const origin = node.declareParameter({ name: 'px4_origin', type: 'double_array', default: [], description: "px4: [x, y, z] in map (m) of the vehicle's local NED origin ([] = below its start site, z 0)", readOnly: true }) as number[];
  if (origin.length !== 0 && (origin.length !== 3 || origin.some((v) => !Number.isFinite(v)))) {
    throw new Error(`parameter 'px4_origin' is ${JSON.stringify(origin)}; expected [] or three finite numbers [x, y, z] [node=${node.fullyQualifiedName}]`);
  }
  return { heartbeatRate, commandRetry, offboardTimeout, systemId, origin: origin.length === 3 ? { x: origin[0], y: origin[1], z: origin[2] } : { x: NaN, y: NaN, z: NaN } };
}
