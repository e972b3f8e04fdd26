/** Public surface of the DAG consecutive-play core (Östman, Gattami, Gillblad 2023; algorithm: spec §4.2 proposal). */
export { Dag, DagValidationError, MAX_JOINT_ACTIONS, validateDag } from './Dag.js';
export type { DagIssue, DagPlayerSpec } from './Dag.js';
export { FactorReward, JointRegret, SwitchingReward, TableReward, randomTableMeans } from './JointReward.js';
export type { JointRewardModel, RewardNoise } from './JointReward.js';
export { ContextPlayer } from './ContextPlayer.js';
export type { InstanceFactory, PolicyView } from './ContextPlayer.js';
export { CentralizedPlay, DecentralizedPlay, createInstance, createJointPolicy, createPlayer, defaultExploration, playDag } from './DagPlay.js';
export type { DagBanditOptions, DagMode, JointPolicy } from './DagPlay.js';
