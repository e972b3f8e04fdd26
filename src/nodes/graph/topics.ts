/**
 * Topic names of the graph (coverage) family, relative to the run's namespace: each robot lives
 * in namespace `robot_<i>` with `state` and `waypoint`; `graph` is latched.
 */
import { MsgType } from '../../msg/index.js';

export const robotNamespace = (i: number) => `robot_${i}`;
export const robotStateTopic = (i: number) => `robot_${i}/state`;
export const waypointTopic = (i: number) => `robot_${i}/waypoint`;
export const samplesTopic = 'samples';
export const graphTopic = 'graph';
export const allocationTopic = 'allocation';

export const ROBOT_STATE = MsgType.RobotState;
export const WAYPOINT_COMMAND = MsgType.WaypointCommand;
export const SITE_SAMPLE = MsgType.SiteSample;
export const GRAPH_TOPOLOGY = MsgType.GraphTopology;
export const ALLOCATION = MsgType.Allocation;
