/**
 * Topic names of the round-based families, relative so that launching under a namespace keeps
 * fleets apart. The learner talks to `agent_<j>/cmd_raw`; the link node forwards to
 * `agent_<j>/cmd` (with no link node, the agent's `cmd` is remapped to `cmd_raw`).
 */
export const agentNamespace = (j: number) => `agent_${j}`;
export const rawCommandTopic = (j: number) => `agent_${j}/cmd_raw`;
export const commandTopic = (j: number) => `agent_${j}/cmd`;
export const rewardTopic = (j: number) => `agent_${j}/reward`;
export const telemetryTopic = (j: number) => `agent_${j}/telemetry`;
export const linkStatsTopic = 'link_stats';
export const learnerStateTopic = 'learner_state';
export const regretTopic = 'regret';

export const ARM_COMMAND = 'fleet_bandits/msg/ArmCommand';
export const ARM_REWARD = 'fleet_bandits/msg/ArmReward';
export const AGENT_TELEMETRY = 'fleet_bandits/msg/AgentTelemetry';
export const LINK_STATS = 'fleet_bandits/msg/LinkStats';
export const LEARNER_STATE = 'fleet_bandits/msg/LearnerState';
export const REGRET_REPORT = 'fleet_bandits/msg/RegretReport';
