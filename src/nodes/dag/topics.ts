/**
 * Topic names of the DAG family, relative so that a namespace keeps fleets apart. Player i
 * publishes its action on `player_<i>/action`; its children subscribe to it. The environment
 * publishes the shared reward on `joint_reward` and the game's graph, latched, on `dag_topology`;
 * each player its policy on `player_<i>/state`.
 */
import { MsgType } from '../../msg/definitions.generated.js';

/** Node name of player i (players share the run's namespace, so children can name parents' topics). */
export const playerNamespace = (i: number) => `player_${i}`;
export const actionTopic = (i: number) => `player_${i}/action`;
export const playerStateTopic = (i: number) => `player_${i}/state`;
export const jointRewardTopic = 'joint_reward';
export const dagTopologyTopic = 'dag_topology';

export const PLAYER_ACTION = MsgType.PlayerAction;
export const JOINT_REWARD = MsgType.JointReward;
export const PLAYER_STATE = MsgType.LearnerState;
export const DAG_TOPOLOGY = MsgType.DagTopology;
