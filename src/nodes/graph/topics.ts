/**
 * Topic names of the graph (coverage) family, relative to the run's namespace: each robot lives
 * in namespace `robot_<i>` with `state` and `waypoint`; `graph` is latched.
 */
import { MsgType } from '../../msg/definitions.generated.js';
import type { QosProfile } from '../../runtime/Qos.js';

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

/** tf2's dynamic broadcaster QoS: reliable, volatile, keep last 100. */
export const TF_QOS: QosProfile = { reliability: 'reliable', durability: 'volatile', depth: 100 };
/** tf2's static broadcaster QoS: reliable, transient local (late joiners get it), keep last 1. */
export const TF_STATIC_QOS: QosProfile = { reliability: 'reliable', durability: 'transient_local', depth: 1 };
