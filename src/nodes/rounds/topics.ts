/**
 * Topic names of the round-based families, relative so that launching under a namespace keeps
 * fleets apart. The learner talks to `agent_<j>/cmd_raw`; the link node forwards to
 * `agent_<j>/cmd` (with no link node, the agent's `cmd` is remapped to `cmd_raw`).
 */
import { MsgType } from '../../msg/definitions.generated.js';

export const agentNamespace = (j: number) => `agent_${j}`;
export const rawCommandTopic = (j: number) => `agent_${j}/cmd_raw`;
export const commandTopic = (j: number) => `agent_${j}/cmd`;
export const rewardTopic = (j: number) => `agent_${j}/reward`;
/** Uplink feedback bits about agent j's commands, carried back by the link node. */
export const feedbackTopic = (j: number) => `agent_${j}/feedback`;
export const telemetryTopic = (j: number) => `agent_${j}/telemetry`;
/** ArmCommand.arm of a round in which the learner transmits nothing (stop-on-success); never forwarded to an agent. */
export const NO_TRANSMISSION = -1;
export const linkStatsTopic = 'link_stats';
export const learnerStateTopic = 'learner_state';
export const regretTopic = 'regret';

export const ARM_COMMAND = MsgType.ArmCommand;
export const ARM_REWARD = MsgType.ArmReward;
export const AGENT_TELEMETRY = MsgType.AgentTelemetry;
export const LINK_STATS = MsgType.LinkStats;
export const LINK_FEEDBACK = MsgType.LinkFeedback;
export const LEARNER_STATE = MsgType.LearnerState;
export const REGRET_REPORT = MsgType.RegretReport;
