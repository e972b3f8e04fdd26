/**
 * The viewer bridge's ROS side: declares its parameters and subscribes a node to every topic the
 * viewer draws, feeding a `BridgeState`. Written against `NodeHandle`, so the same code listens
 * on the embedded transport and on a real ROS 2 graph (all topic names relative: the bridge lives
 * in the run's namespace).
 */
import { MsgType } from '../../msg/definitions.generated.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { LATCHED_QOS, type QosProfile } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import { learnerStateTopic, linkStatsTopic, rawCommandTopic, regretTopic, telemetryTopic } from '../rounds/topics.js';
import { allocationTopic, graphTopic, robotStateTopic } from '../graph/topics.js';
import { actionTopic, dagTopologyTopic, jointRewardTopic, playerStateTopic } from '../dag/topics.js';
import { BridgeState } from './BridgeState.js';

export { allocationTopic, graphTopic, robotStateTopic };

/** Topics of the multi-stage family (published by the source and stage nodes, nodes/jobs/). */
export const jobsTopic = 'jobs';
export const jobCostsTopic = 'job_costs';
export const stageStatesTopic = 'stage_states';

/**
 * Best effort, keep last 1000: a best-effort request matches reliable and best-effort offers
 * alike, so the viewer never fails to connect to a topic; a lost frame only delays a redraw.
 */
export const VIEWER_QOS: QosProfile = { reliability: 'best_effort', durability: 'volatile', depth: 1000 };

export interface BridgeParameters {
  /** Agents M of a round-based family (subscribes `agent_<j>/telemetry` and `agent_<j>/cmd_raw`). */
  numAgents: number;
  /** Robots N of a graph family (subscribes `robot_<i>/state`). */
  numRobots: number;
}

/** Declares `num_agents` and `num_robots` (both default 0: that topic family is not shown). */
export function declareBridgeParameters(node: NodeHandle): BridgeParameters {
  const numAgents = node.declareParameter({ name: 'num_agents', type: 'integer', default: 0, description: 'agents M whose agent_<j>/telemetry the viewer shows (0 = none)', range: { min: 0, max: 10_000 }, readOnly: true }) as number;
  const numRobots = node.declareParameter({ name: 'num_robots', type: 'integer', default: 0, description: 'robots N whose robot_<i>/state the viewer shows (0 = none)', range: { min: 0, max: 10_000 }, readOnly: true }) as number;
  return { numAgents, numRobots };
}

/**
 * Subscribes `node` to the viewer's topics and feeds `state` (created here unless given).
 * Refused messages are counted and logged once per reason. A DAG game's players need no
 * parameter: their `player_<i>/action` and `player_<i>/state` are subscribed once the latched
 * `dag_topology` says how many there are.
 */
export function subscribeBridge(node: NodeHandle, params: BridgeParameters, state?: BridgeState): BridgeState {
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);
  const s = state ?? new BridgeState({ onDrop: (reason, detail) => drops.drop(reason, detail) });
  const sub = (type: string, topic: string, qos: QosProfile = VIEWER_QOS) => node.createSubscription(type, topic, (msg: unknown) => s.ingest(type, msg, topic), qos);
  sub(MsgType.GraphTopology, graphTopic, LATCHED_QOS);
  for (let i = 0; i < params.numRobots; i++) sub(MsgType.RobotState, robotStateTopic(i));
  sub(MsgType.Allocation, allocationTopic);
  sub(MsgType.RegretReport, regretTopic);
  for (let j = 0; j < params.numAgents; j++) {
    sub(MsgType.AgentTelemetry, telemetryTopic(j));
    sub(MsgType.ArmCommand, rawCommandTopic(j));
  }
  sub(MsgType.LinkStats, linkStatsTopic);
  sub(MsgType.LearnerState, learnerStateTopic);
  sub(MsgType.Job, jobsTopic);
  sub(MsgType.JobCost, jobCostsTopic);
  sub(MsgType.LearnerState, stageStatesTopic);
  let players = 0;
  node.createSubscription(MsgType.DagTopology, dagTopologyTopic, (msg: unknown) => {
    s.ingest(MsgType.DagTopology, msg, dagTopologyTopic);
    for (; players < (s.dag?.players.length ?? 0); players++) {
      sub(MsgType.PlayerAction, actionTopic(players));
      sub(MsgType.LearnerState, playerStateTopic(players));
    }
  }, LATCHED_QOS);
  sub(MsgType.JointReward, jointRewardTopic);
  return s;
}
