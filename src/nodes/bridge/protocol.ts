/**
 * The viewer's WebSocket protocol: JSON frames the bridge streams to browsers and the control
 * messages browsers may send back. Types only (no imports), so the browser bundle shares them.
 *
 * Server -> client, in order on a new connection: one `status`, one full `state` frame
 * (`full: true`), then `state` deltas (`full: false`, merged field by field) and `status`
 * updates; `error` answers a rejected client message.
 *
 * Conventions: times are node time in nanoseconds (virtual time when embedded); graph node ids
 * stay as published (`GraphTopology.node_ids` values) and the client maps them to site indices;
 * numbers JSON cannot carry (NaN, +-Infinity) travel as `null`, and the field says what null means.
 */

export const PROTOCOL_VERSION = 1;

/** Largest client message the server reads (bytes); larger ones close the connection (1009). */
export const MAX_CLIENT_MESSAGE_BYTES = 1024;

/** Fastest and slowest pacing a client may ask for (multiples of wall-clock time). */
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 10_000;

/** The site graph (GraphTopology). */
export interface GraphView {
  name: string;
  frameId: string;
  directed: boolean;
  /** Node ids; index i of every per-site array refers to nodeIds[i]. */
  nodeIds: number[];
  /** Human-readable labels parallel to nodeIds ('' where none was given). */
  labels: string[];
  /** x, y, z per site in metres, ROS map frame (z up); 3 * nodeIds.length values. */
  positions: number[];
  /** Site index pairs [source, target, ...] (edges naming unknown ids are dropped). */
  edges: number[];
}

/** The latest RobotState of one robot. */
export interface RobotView {
  id: number;
  /** Node id it stands on, or last left while in transit. */
  node: number;
  /** Node id it is moving to (equals `node` when staying). */
  target: number;
  /** Node id allocated for the current episode. */
  goal: number;
  /** RobotState.PHASE_* value. */
  phase: number;
  step: number;
  /** Pose position in metres (map frame, z up), or null when the publisher left the pose empty. */
  position: [number, number, number] | null;
}

/** The latest Allocation; per-node arrays are parallel to `nodeIds`. */
export interface AllocationView {
  step: number;
  episode: number;
  nodeIds: number[];
  targetCounts: number[];
  means: number[];
  /** UCB index per node; null = +inf (never sampled). */
  ucbs: (number | null)[];
  samples: number[];
  /** Goal node id per robot id. */
  robotGoals: number[];
}

/** The latest RegretReport. */
export interface RegretView {
  algorithm: string;
  runLabel: string;
  round: number;
  instant: number;
  cumulative: number;
}

/**
 * One agent of a round-based family: its latest AgentTelemetry (ground truth) and the latest
 * ArmCommand the learner sent it (which the link may have erased).
 */
export interface AgentView {
  id: number;
  /** Round of the latest telemetry (-1 before any). */
  round: number;
  /** Arm the learner last sent (ArmCommand on agent_<j>/cmd_raw), -1 before any. */
  sent: number;
  /** Round of that command (-1 before any). */
  sentRound: number;
  /** Arm of the last command received, -1 before any. */
  commanded: number;
  /** Arm actually played, -1 when idle. */
  played: number;
  /** False when the agent repeats an older command (this round's was erased or delayed). */
  arrived: boolean;
  /** Reward observed; null when idle. */
  reward: number | null;
}

/** The latest LinkStats of one downlink. */
export interface LinkView {
  id: number;
  round: number;
  sent: number;
  delivered: number;
  erased: number;
  delayed: number;
  /** Channel erasure probability now; null if not finite. */
  eps: number | null;
  /** erased / sent; null before the first command. */
  empiricalEps: number | null;
}

/** The latest LearnerState of the central learner (learner_id 0) or of one stage. */
export interface LearnerView {
  algorithm: string;
  id: number;
  round: number;
  batch: number;
  activeArms: number[];
  /** Per-arm estimate; null where not finite. */
  estimates: (number | null)[];
  counts: number[];
}

/** A job of the multi-stage family: travelling (cost null) or finished. */
export interface JobView {
  id: number;
  round: number;
  /** Agent ids visited, root first; the last holds the job (or served it, once finished). */
  path: number[];
  probability: number;
  /** End-to-end cost once finished (JobCost), else null. */
  cost: number | null;
}

/** One stage of the multi-stage family: its forwarding distribution (LearnerState on `stage_states`). */
export interface StageView {
  /** The stage's agent id (its tree node id, as in JobView.path). */
  id: number;
  /** Round whose job meets this distribution. */
  round: number;
  /** The children's agent ids, in child order. */
  children: number[];
  /** Forwarding probability per child; null where not finite. */
  probabilities: (number | null)[];
  /** Jobs forwarded to each child so far. */
  picks: number[];
}

/**
 * Ground truth of a simulated run (not from a topic: the bridge of `run --view` derives it from
 * the scenario, a replay from the recording's `ground_truth` metadata). See `bridge/truth.ts`.
 */
export interface TruthView {
  /** 'site': arrays indexed by graph node id (coverage); 'arm': by arm (erasure, bandit). */
  unit: 'site' | 'arm';
  /** True mean reward per site or arm. */
  means: number[];
  /** An optimal allocation: robots per site, or agents per arm. */
  optimal: number[];
  /** Expected reward per step or round of the optimal allocation (OPT). */
  optimalValue: number;
  /**
   * Sites only: the concave coverage weights f(c) for c = 0..maxCount robots, one table per
   * distinct row (`table[row * (maxCount + 1) + c]`) and the row of each site. Absent: f(c) = c.
   */
  weights?: { maxCount: number; rows: number[]; table: number[] };
}

/** The run as a whole: set once by whoever starts the viewer, kept across a replay's seeks. */
export interface RunInfoView {
  scenario: string;
  family: string;
  algorithm: string;
  /** Rounds or steps of the run (the regret plot's x domain); null when unknown. */
  horizon: number | null;
  /** Ground truth, or null when unknown (`truthNote` says why). */
  truth: TruthView | null;
  truthNote: string;
}

/** One player (vertex) of a DAG game, from DagTopology. */
export interface DagPlayerView {
  name: string;
  actions: number;
  /** Parent player indices, in the order that encodes the parent context (first least significant). */
  parents: number[];
  /** Action names, one per action; empty when the scenario gave none. */
  labels: string[];
}

/** The DAG game being played (the latched DagTopology); player i is `players[i]`. */
export interface DagView {
  name: string;
  players: DagPlayerView[];
}

/** One DAG player: its latest PlayerAction and its latest policy (LearnerState on player_<i>/state). */
export interface PlayerView {
  id: number;
  /** Round of the latest action (-1 before any). */
  round: number;
  /** Latest action (-1 before any). */
  action: number;
  /** Round of the latest policy (-1 before any). */
  policyRound: number;
  /** Parent context of that policy (the parents' joint action, encoded as DagPlayerView.parents says). */
  context: number;
  /** Play probability per action in that context (EXP3) or share of plays (UCB1); null where not finite. */
  policy: (number | null)[];
  /** Rewarded plays per action in that context. */
  counts: number[];
}

/** The latest shared reward of a DAG game (JointReward) and the mean of all seen this run. */
export interface SharedRewardView {
  round: number;
  reward: number;
  mean: number;
  /** Rewards seen (rounds closed without a reward are not among them). */
  count: number;
}

/**
 * Viewer state. `full: true` replaces the client's state (fields absent = empty); `full: false`
 * merges: a present field replaces that field, `robots` / `agents` / `links` / `stages` / `players` replace the listed
 * entries by id, `regretPoints` are appended.
 */
export interface StateFrame {
  type: 'state';
  full: boolean;
  /** Increases by one per state frame of this connection's source. */
  seq: number;
  /** Latest header stamp seen (ns). */
  timeNs: number;
  /** Highest round or step seen on any topic. */
  round: number;
  /** The run (horizon, ground truth); sent in full frames and when it changes. */
  run?: RunInfoView | null;
  graph?: GraphView | null;
  robots?: RobotView[];
  allocation?: AllocationView | null;
  regret?: RegretView | null;
  /** Cumulative regret curve as [round, cumulative, round, cumulative, ...] (decimated). */
  regretPoints?: number[];
  agents?: AgentView[];
  links?: LinkView[];
  learner?: LearnerView | null;
  /** The most recent jobs (replaces the client's list). */
  jobs?: JobView[];
  /** Multi-stage stages' forwarding distributions; replace the listed entries by id. */
  stages?: StageView[];
  dag?: DagView | null;
  /** DAG players; replace the listed entries by id. */
  players?: PlayerView[];
  sharedReward?: SharedRewardView | null;
  /** Messages the bridge refused so far (bad ids, malformed arrays). */
  dropped?: number;
}

export type ViewerMode = 'live' | 'ros' | 'replay';

/** Run status: what the controls show. */
export interface StatusFrame {
  type: 'status';
  version: number;
  mode: ViewerMode;
  /** Whether play, pause and speed do anything (false when attached to a ROS graph). */
  controllable: boolean;
  paused: boolean;
  /** Multiple of wall-clock time; null = as fast as possible. */
  speed: number | null;
  /** True once the run ended or the recording played to its end. */
  finished: boolean;
  /** Replay only: the recording's time range and the playback cursor (ns). */
  timeline?: { startNs: number; endNs: number; cursorNs: number };
}

export interface ErrorFrame {
  type: 'error';
  message: string;
}

export type ServerFrame = StateFrame | StatusFrame | ErrorFrame;

/** Browser -> server. */
export type ClientMessage =
  | { type: 'play' }
  | { type: 'pause' }
  /** null = as fast as possible. */
  | { type: 'speed'; speed: number | null }
  /** Replay only: move the cursor to this recording time (ns). */
  | { type: 'seek'; timeNs: number }
  /** Ask for a full state frame. */
  | { type: 'resync' };
