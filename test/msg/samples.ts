// Hand-written, non-trivial sample messages for every fleet_bandits type (test fixtures).
import type { FLEET_BANDITS_MESSAGE_TYPES, MessageTypes, StdMsgsHeader } from '../../src/msg/index.js';

type FleetBanditsType = (typeof FLEET_BANDITS_MESSAGE_TYPES)[number];

/** 2^53 - 1: the largest 64-bit value a TS message carries. */
export const MAX_U64_IN_TS = Number.MAX_SAFE_INTEGER;

function header(sec: number, frame = ''): StdMsgsHeader {
  return { stamp: { sec, nanosec: 123_456_789 }, frame_id: frame };
}

/** One sample per fleet_bandits type; the mapped type makes a missing type a compile error. */
export const SAMPLES: { [T in FleetBanditsType]: MessageTypes[T] } = {
  'fleet_bandits_msgs/msg/AgentTelemetry': {
    header: header(10),
    agent_id: 3,
    round: 2 ** 40 + 7,
    commanded_arm: 4,
    commanded_seq: 4_294_967_295,
    command_arrived: false,
    played_arm: 4,
    reward: 0.75,
    played_arm_mean: 0.6,
  },
  'fleet_bandits_msgs/msg/Allocation': {
    header: header(11),
    step: 1_000_001,
    episode: 12,
    node_ids: [0, 1, 2, 7],
    target_counts: [2, 0, 1, 3],
    means: [0.5, 0, 0.25, 0.875],
    ucbs: [0.9, Infinity, 1.25, 1.0],
    sample_counts: [40, 0, 3, MAX_U64_IN_TS],
    robot_goals: [7, 0, 7, 2, 0, 7],
  },
  'fleet_bandits_msgs/msg/ArmCommand': { header: header(12), agent_id: 5, arm: 9, seq: 77, round: MAX_U64_IN_TS },
  'fleet_bandits_msgs/msg/ArmReward': { header: header(13), agent_id: 5, round: 123_456_789_012, reward: 1 },
  'fleet_bandits_msgs/msg/CollectedReward': {
    header: header(12),
    run_label: 'field/Multi-G-UCB/seed1/run0',
    step: 2 ** 33 + 1,
    samples: 4,
    reward: 2.375,
    cumulative_reward: 1234.5,
    ground_truth: false,
  },
  'fleet_bandits_msgs/msg/DagPlayer': { name: 'drone_a', actions: 3, parents: [0], action_labels: ['relay', 'camera', 'spare'] },
  'fleet_bandits_msgs/msg/DagTopology': {
    header: header(9),
    name: 'dag-quick',
    players: [
      { name: 'leader', actions: 2, parents: [], action_labels: [] },
      { name: 'follower', actions: 3, parents: [0], action_labels: ['relay', 'camera', 'spare'] },
      { name: 'rear', actions: 2, parents: [0, 1], action_labels: [] },
    ],
  },
  'fleet_bandits_msgs/msg/Edge': { source: 1, target: 2, length: 3.5 },
  'fleet_bandits_msgs/msg/GraphTopology': {
    header: header(14, 'map'),
    name: 'grid-2x2',
    directed: false,
    node_ids: [0, 1, 2, 3],
    positions: [
      { x: 0, y: 0, z: 0 },
      { x: 10.5, y: 0, z: 0 },
      { x: 0, y: -10.25, z: 1.5 },
      { x: 10.5, y: -10.25, z: 2 },
    ],
    node_labels: ['depot', 'north', 'south', 'far corner'],
    edges: [
      { source: 0, target: 1, length: 10.5 },
      { source: 0, target: 2, length: 10.36 },
      { source: 1, target: 3, length: 10.45 },
    ],
  },
  'fleet_bandits_msgs/msg/Job': {
    header: header(15),
    job_id: 2 ** 52 + 1,
    round: 42,
    path: [0, 3, 11],
    arrival_probability: 0.125,
    delay: 0.375,
  },
  'fleet_bandits_msgs/msg/JobCost': {
    header: header(16),
    job_id: 2 ** 52 + 1,
    round: 42,
    path: [0, 3, 11, 27],
    arrival_probability: 0.0625,
    cost: 0.31,
  },
  'fleet_bandits_msgs/msg/JointReward': { header: header(17), round: 8, reward: 0.5 },
  'fleet_bandits_msgs/msg/LearnerState': {
    header: header(18),
    algorithm: 'batchsp2',
    learner_id: 0,
    round: 5000,
    batch: 6,
    active_arms: [1, 4, 6],
    estimates: [0.1, 0.82, 0.3, 0.2, 0.79, 0.5, 0.81],
    counts: [12, 900, 12, 12, 880, 30, 905],
  },
  'fleet_bandits_msgs/msg/LinkStats': {
    header: header(19),
    agent_id: 2,
    round: 1000,
    sent: 1000,
    delivered: 690,
    erased: 305,
    delayed: 40,
    eps: 0.3,
    empirical_eps: 0.305,
    feedback_bits: 690,
    feedback_lost: 12,
  },
  'fleet_bandits_msgs/msg/LinkFeedback': { header: header(19), agent_id: 2, round: 1000, kind: 1 },
  'fleet_bandits_msgs/msg/PlayerAction': { header: header(20), player_id: 4, round: 3, action: 2 },
  'fleet_bandits_msgs/msg/RegretReport': {
    header: header(21),
    algorithm: 'multi-g-ucb',
    run_label: 'grid/multi-g-ucb/seed7',
    round: 999,
    optimal_value: 3.2,
    achieved_value: 2.95,
    instant_regret: 0.25,
    cumulative_regret: 87.5,
  },
  'fleet_bandits_msgs/msg/RobotState': {
    header: header(22, 'map'),
    robot_id: 1,
    current_node: 2,
    target_node: 3,
    goal_node: 7,
    pose: { position: { x: 1.5, y: -2.25, z: 0.5 }, orientation: { x: 0, y: 0, z: 0.7071067811865476, w: 0.7071067811865476 } },
    phase: 2,
    step: 31,
  },
  'fleet_bandits_msgs/msg/SiteSample': { header: header(23), robot_id: 6, node: 7, sample: 0.0625, step: 32 },
  'fleet_bandits_msgs/msg/WaypointCommand': {
    header: header(24, 'map'),
    robot_id: 6,
    target_node: 3,
    target_position: { x: 10.5, y: -10.25, z: 2 },
    step: 33,
    seq: 34,
  },
};
