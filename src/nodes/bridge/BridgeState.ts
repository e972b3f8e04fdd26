/**
 * What the viewer bridge knows: the latest message of every kind (graph, robot states,
 * allocation, regret, telemetry, link stats, learner state, jobs, DAG game, players' actions and
 * policies, shared reward), turned into compact JSON
 * frames: a full snapshot for a new browser, then deltas of what changed since the last one.
 * Pure and synchronous: the live bridge node and the recording player feed the same class.
 *
 * Usage:
 *   const state = new BridgeState({ onDrop: (reason, detail) => log.warn(detail) });
 *   state.ingest(MsgType.RobotState, msg);      // from subscriptions or a recording
 *   state.ingest(MsgType.LearnerState, msg, 'player_2/state'); // topics tell DAG players apart
 *   socket.send(JSON.stringify(state.snapshot())); // a new client
 *   const d = state.takeDelta();                 // every frame tick; null when nothing changed
 */
import type {
  AgentTelemetry,
  Allocation,
  ArmCommand,
  DagTopology,
  GraphTopology,
  Job,
  JobCost,
  JointReward,
  LearnerState,
  LinkStats,
  PlayerAction,
  RegretReport,
  RobotState,
  StdMsgsHeader,
} from '../../msg/definitions.generated.js';
import { MsgType } from '../../msg/definitions.generated.js';
import { validateMessage } from '../../msg/validateMessage.js';
import type { AgentView, AllocationView, DagView, GraphView, JobView, LearnerView, LinkView, PlayerView, RegretView, RobotView, RunInfoView, SharedRewardView, StageView, StateFrame } from './protocol.js';

export interface BridgeStateOptions {
  /** Points kept of the cumulative regret curve before it is thinned to every other one (>= 16). */
  maxRegretPoints?: number;
  /** Jobs kept (the most recent ones). */
  maxJobs?: number;
  /** Largest robot or agent id accepted (ids above are dropped as malformed). */
  maxId?: number;
  /** Called for each refused message (reason groups, detail describes). */
  onDrop?: (reason: string, detail: string) => void;
}

/** The message types the bridge understands, by ROS type name. */
export const BRIDGE_MESSAGE_TYPES = [
  MsgType.GraphTopology,
  MsgType.RobotState,
  MsgType.Allocation,
  MsgType.RegretReport,
  MsgType.AgentTelemetry,
  MsgType.ArmCommand,
  MsgType.LinkStats,
  MsgType.LearnerState,
  MsgType.Job,
  MsgType.JobCost,
  MsgType.DagTopology,
  MsgType.PlayerAction,
  MsgType.JointReward,
] as const;

/** The multi-stage stages' shared topic (`stage_states`, any namespace). */
export function isStageStatesTopic(topic: string | undefined): boolean {
  return topic !== undefined && /(?:^|\/)stage_states$/.test(topic);
}

/** A DAG player's own topic (`player_<i>/action` or `player_<i>/state`, any namespace): the player id, else -1. */
export function playerOfTopic(topic: string | undefined): number {
  const m = topic === undefined ? null : /(?:^|\/)player_(\d{1,9})\/(?:action|state)$/.exec(topic);
  return m ? Number(m[1]) : -1;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
const stampNs = (h: StdMsgsHeader | undefined): number => (h ? h.stamp.sec * 1e9 + h.stamp.nanosec : 0);
const isId = (x: unknown, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;

export class BridgeState {
  readonly #maxPoints: number;
  readonly #maxJobs: number;
  readonly #maxId: number;
  readonly #onDrop: (reason: string, detail: string) => void;

  #graph: GraphView | null = null;
  readonly #robots = new Map<number, RobotView>();
  #allocation: AllocationView | null = null;
  #regret: RegretView | null = null;
  /** Kept regret curve, flat [round, cumulative, ...]; a point is kept when round % stride === 0. */
  #points: number[] = [];
  #stride = 1;
  readonly #agents = new Map<number, AgentView>();
  readonly #links = new Map<number, LinkView>();
  #learner: LearnerView | null = null;
  readonly #jobs = new Map<number, JobView>();
  #dag: DagView | null = null;
  /** Parent contexts per DAG player (product of its parents' action counts). */
  #contexts: number[] = [];
  readonly #players = new Map<number, PlayerView>();
  readonly #stages = new Map<number, StageView>();
  #reward: SharedRewardView | null = null;
  #rewardSum = 0;
  #timeNs = 0;
  #round = 0;
  #seq = 0;
  #dropped = 0;

  // What changed since the last frame.
  #needsFull = true;
  /** The run (horizon, ground truth): set once, kept by `reset`. */
  #run: RunInfoView | null = null;
  #runDirty = false;
  #graphDirty = false;
  #allocationDirty = false;
  #regretDirty = false;
  #learnerDirty = false;
  #jobsDirty = false;
  #dagDirty = false;
  #rewardDirty = false;
  #pendingPoints: number[] = [];
  readonly #dirtyRobots = new Set<number>();
  readonly #dirtyAgents = new Set<number>();
  readonly #dirtyLinks = new Set<number>();
  readonly #dirtyPlayers = new Set<number>();
  readonly #dirtyStages = new Set<number>();

  constructor({ maxRegretPoints = 4000, maxJobs = 64, maxId = 100_000, onDrop = () => {} }: BridgeStateOptions = {}) {
    if (!(maxRegretPoints >= 16)) throw new Error(`BridgeState: maxRegretPoints must be >= 16, found ${maxRegretPoints}`);
    this.#maxPoints = maxRegretPoints;
    this.#maxJobs = maxJobs;
    this.#maxId = maxId;
    this.#onDrop = onDrop;
  }

  /** Messages refused so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Latest header stamp seen (ns). */
  get timeNs(): number {
    return this.#timeNs;
  }

  /** Highest round or step seen. */
  get round(): number {
    return this.#round;
  }

  /** Forgets everything (a replay seeks backwards); the next frame is a full one. */
  /** Sets what the viewer knows about the run as a whole (not from a topic; survives `reset`). */
  setRun(info: RunInfoView | null): void {
    this.#run = info;
    this.#runDirty = true;
  }

  get run(): RunInfoView | null {
    return this.#run;
  }

  reset(): void {
    this.#graph = null;
    this.#robots.clear();
    this.#allocation = null;
    this.#regret = null;
    this.#points = [];
    this.#stride = 1;
    this.#agents.clear();
    this.#links.clear();
    this.#learner = null;
    this.#jobs.clear();
    this.#stages.clear();
    this.#dag = null;
    this.#contexts = [];
    this.#players.clear();
    this.#reward = null;
    this.#rewardSum = 0;
    this.#timeNs = 0;
    this.#round = 0;
    this.#clearDirty();
    this.#needsFull = true;
  }

  /** The DAG game, once its topology arrived. */
  get dag(): DagView | null {
    return this.#dag;
  }

  /**
   * Dispatches by ROS type name; returns false for a type the bridge ignores. `topic` tells a DAG
   * player's LearnerState (`player_<i>/state`) from the round-based learner's and names the
   * player of a PlayerAction.
   */
  ingest(type: string, msg: unknown, topic?: string): boolean {
    switch (type) {
      case MsgType.GraphTopology: this.graph(msg as GraphTopology); return true;
      case MsgType.RobotState: this.robotState(msg as RobotState); return true;
      case MsgType.Allocation: this.allocation(msg as Allocation); return true;
      case MsgType.RegretReport: this.regret(msg as RegretReport); return true;
      case MsgType.AgentTelemetry: this.telemetry(msg as AgentTelemetry); return true;
      case MsgType.ArmCommand: this.armCommand(msg as ArmCommand); return true;
      case MsgType.LinkStats: this.linkStats(msg as LinkStats); return true;
      case MsgType.LearnerState:
        if (playerOfTopic(topic) >= 0) this.playerState(playerOfTopic(topic), msg as LearnerState);
        else if (isStageStatesTopic(topic)) this.stageState(msg as LearnerState);
        else this.learnerState(msg as LearnerState);
        return true;
      case MsgType.Job: this.job(msg as Job); return true;
      case MsgType.JobCost: this.jobCost(msg as JobCost); return true;
      case MsgType.DagTopology: this.dagTopology(msg as DagTopology); return true;
      case MsgType.PlayerAction: this.playerAction(msg as PlayerAction, playerOfTopic(topic)); return true;
      case MsgType.JointReward: this.jointReward(msg as JointReward); return true;
      default: return false;
    }
  }

  graph(m: GraphTopology): void {
    const n = m.node_ids.length;
    if (m.positions.length !== n) return this.#drop('malformed', `GraphTopology '${m.name}': ${m.positions.length} positions for ${n} nodes`);
    if (m.node_labels.length !== 0 && m.node_labels.length !== n) return this.#drop('malformed', `GraphTopology '${m.name}': ${m.node_labels.length} labels for ${n} nodes`);
    const index = new Map<number, number>();
    m.node_ids.forEach((id, i) => index.set(id, i));
    if (index.size !== n) return this.#drop('malformed', `GraphTopology '${m.name}': duplicate node ids`);
    const positions = new Array<number>(3 * n);
    for (let i = 0; i < n; i++) {
      const p = m.positions[i];
      positions[3 * i] = Number.isFinite(p.x) ? p.x : 0;
      positions[3 * i + 1] = Number.isFinite(p.y) ? p.y : 0;
      positions[3 * i + 2] = Number.isFinite(p.z) ? p.z : 0;
    }
    const edges: number[] = [];
    let unknown = 0;
    for (const e of m.edges) {
      const s = index.get(e.source);
      const t = index.get(e.target);
      if (s === undefined || t === undefined) unknown++;
      else edges.push(s, t);
    }
    if (unknown > 0) this.#drop('unknown-node', `GraphTopology '${m.name}': ${unknown} edges name unknown node ids (edges dropped)`);
    this.#graph = {
      name: m.name,
      frameId: m.header.frame_id,
      directed: m.directed,
      nodeIds: [...m.node_ids],
      labels: m.node_labels.length === n ? [...m.node_labels] : new Array<string>(n).fill(''),
      positions,
      edges,
    };
    this.#graphDirty = true;
    this.#seen(m.header, 0);
  }

  robotState(m: RobotState): void {
    if (!isId(m.robot_id, this.#maxId)) return this.#drop('bad-id', `RobotState with robot_id ${m.robot_id}`);
    const p = m.pose.position;
    const empty = m.header.frame_id === '' && p.x === 0 && p.y === 0 && p.z === 0;
    const finite = Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.z);
    this.#robots.set(m.robot_id, {
      id: m.robot_id,
      node: m.current_node,
      target: m.target_node,
      goal: m.goal_node,
      phase: m.phase,
      step: m.step,
      position: empty || !finite ? null : [p.x, p.y, p.z],
    });
    this.#dirtyRobots.add(m.robot_id);
    this.#seen(m.header, m.step);
  }

  allocation(m: Allocation): void {
    const n = m.node_ids.length;
    const lengths = [m.target_counts.length, m.means.length, m.ucbs.length, m.sample_counts.length];
    if (lengths.some((l) => l !== n)) return this.#drop('malformed', `Allocation of episode ${m.episode}: per-node arrays of lengths ${lengths.join(', ')} for ${n} node ids`);
    this.#allocation = {
      step: m.step,
      episode: m.episode,
      nodeIds: [...m.node_ids],
      targetCounts: [...m.target_counts],
      means: m.means.map((x) => (Number.isFinite(x) ? x : 0)),
      ucbs: m.ucbs.map(finiteOrNull),
      samples: [...m.sample_counts],
      robotGoals: [...m.robot_goals],
    };
    this.#allocationDirty = true;
    this.#seen(m.header, m.step);
  }

  regret(m: RegretReport): void {
    if (!Number.isFinite(m.cumulative_regret)) return this.#drop('bad-value', `RegretReport for round ${m.round} with cumulative regret ${m.cumulative_regret}`);
    if (this.#regret && m.round < this.#regret.round) {
      // A new run started under the same names: start the curve again.
      this.#points = [];
      this.#stride = 1;
      this.#needsFull = true;
    }
    this.#regret = { algorithm: m.algorithm, runLabel: m.run_label, round: m.round, instant: finiteOrNull(m.instant_regret) ?? 0, cumulative: m.cumulative_regret };
    this.#regretDirty = true;
    if (m.round % this.#stride === 0) {
      this.#points.push(m.round, m.cumulative_regret);
      this.#pendingPoints.push(m.round, m.cumulative_regret);
      if (this.#points.length > 2 * this.#maxPoints) this.#thin();
    }
    this.#seen(m.header, m.round);
  }

  telemetry(m: AgentTelemetry): void {
    if (!isId(m.agent_id, this.#maxId)) return this.#drop('bad-id', `AgentTelemetry with agent_id ${m.agent_id}`);
    const a = this.#agent(m.agent_id);
    a.round = m.round;
    a.commanded = m.commanded_arm;
    a.played = m.played_arm;
    a.arrived = m.command_arrived;
    a.reward = finiteOrNull(m.reward);
    this.#seen(m.header, m.round);
  }

  /** What the learner sent, before the link: compared with what the agent then plays. */
  armCommand(m: ArmCommand): void {
    if (!isId(m.agent_id, this.#maxId)) return this.#drop('bad-id', `ArmCommand with agent_id ${m.agent_id}`);
    const a = this.#agent(m.agent_id);
    // arm -1 marks a round without a transmission (stop-on-success): what was sent still stands.
    if (m.arm >= 0) {
      a.sent = m.arm;
      a.sentRound = m.round;
    }
    this.#seen(m.header, m.round);
  }

  #agent(id: number): AgentView {
    let a = this.#agents.get(id);
    if (!a) {
      a = { id, round: -1, sent: -1, sentRound: -1, commanded: -1, played: -1, arrived: false, reward: null };
      this.#agents.set(id, a);
    }
    this.#dirtyAgents.add(id);
    return a;
  }

  linkStats(m: LinkStats): void {
    if (!isId(m.agent_id, this.#maxId)) return this.#drop('bad-id', `LinkStats with agent_id ${m.agent_id}`);
    this.#links.set(m.agent_id, {
      id: m.agent_id,
      round: m.round,
      sent: m.sent,
      delivered: m.delivered,
      erased: m.erased,
      delayed: m.delayed,
      eps: finiteOrNull(m.eps),
      empiricalEps: finiteOrNull(m.empirical_eps),
    });
    this.#dirtyLinks.add(m.agent_id);
    this.#seen(m.header, m.round);
  }

  learnerState(m: LearnerState): void {
    // One learner is shown: the central one (id 0), or the first one heard from.
    if (this.#learner && m.learner_id !== this.#learner.id && m.learner_id !== 0) return;
    this.#learner = {
      algorithm: m.algorithm,
      id: m.learner_id,
      round: m.round,
      batch: m.batch,
      activeArms: [...m.active_arms],
      estimates: m.estimates.map(finiteOrNull),
      counts: [...m.counts],
    };
    this.#learnerDirty = true;
    this.#seen(m.header, m.round);
  }

  job(m: Job): void {
    if (m.path.length === 0) return this.#drop('malformed', `Job ${m.job_id} with an empty path`);
    this.#putJob({ id: m.job_id, round: m.round, path: [...m.path], probability: m.arrival_probability, cost: null });
    this.#seen(m.header, m.round);
  }

  jobCost(m: JobCost): void {
    if (m.path.length === 0) return this.#drop('malformed', `JobCost ${m.job_id} with an empty path`);
    this.#putJob({ id: m.job_id, round: m.round, path: [...m.path], probability: m.arrival_probability, cost: finiteOrNull(m.cost) ?? 0 });
    this.#seen(m.header, m.round);
  }

  /** The game's graph; a different game than the one shown starts the players' state afresh. */
  dagTopology(m: DagTopology): void {
    const problem = validateMessage(MsgType.DagTopology, m);
    if (problem) return this.#drop('malformed', `DagTopology '${m.name}': ${problem}`);
    if (m.players.length - 1 > this.#maxId) return this.#drop('malformed', `DagTopology '${m.name}': ${m.players.length} players (at most ${this.#maxId + 1})`);
    const dag: DagView = {
      name: m.name,
      players: m.players.map((p) => ({ name: p.name, actions: p.actions, parents: [...p.parents], labels: [...p.action_labels] })),
    };
    const same = this.#dag !== null && JSON.stringify(this.#dag) === JSON.stringify(dag);
    this.#dag = dag;
    this.#contexts = dag.players.map((p) => p.parents.reduce((c, k) => c * dag.players[k].actions, 1));
    if (!same) {
      this.#players.clear();
      this.#reward = null;
      this.#rewardSum = 0;
      this.#needsFull = true;
    }
    this.#dagDirty = true;
    this.#seen(m.header, 0);
  }

  /** A player's action; `topicPlayer` is the player whose topic it came on (-1: unknown). */
  playerAction(m: PlayerAction, topicPlayer = -1): void {
    if (!isId(m.player_id, this.#maxId)) return this.#drop('bad-id', `PlayerAction with player_id ${m.player_id}`);
    if (topicPlayer >= 0 && topicPlayer !== m.player_id) return this.#drop('wrong-player', `PlayerAction of player ${m.player_id} on player ${topicPlayer}'s topic`);
    const dag = this.#dag;
    if (dag && m.player_id >= dag.players.length) return this.#drop('bad-id', `PlayerAction of player ${m.player_id}; the game has players 0..${dag.players.length - 1}`);
    const actions = dag ? dag.players[m.player_id].actions : Infinity;
    if (!(Number.isInteger(m.action) && m.action >= 0 && m.action < actions)) return this.#drop('unknown-action', `player ${m.player_id} played action ${m.action}${dag ? ` (actions 0..${actions - 1})` : ''}`);
    const p = this.#player(m.player_id);
    if (m.round >= p.round) {
      p.round = m.round;
      p.action = m.action;
    }
    this.#seen(m.header, m.round);
  }

  /** Player `id`'s policy (LearnerState on its `player_<i>/state` topic). */
  playerState(id: number, m: LearnerState): void {
    if (!isId(id, this.#maxId)) return this.#drop('bad-id', `LearnerState on the topic of player ${id}`);
    if (m.learner_id !== id) return this.#drop('wrong-player', `LearnerState of learner ${m.learner_id} on player ${id}'s topic`);
    const n = m.estimates.length;
    if (m.counts.length !== n) return this.#drop('malformed', `policy of player ${id}: ${n} probabilities and ${m.counts.length} counts`);
    const dag = this.#dag;
    if (dag) {
      if (id >= dag.players.length) return this.#drop('bad-id', `policy of player ${id}; the game has players 0..${dag.players.length - 1}`);
      if (n !== dag.players[id].actions) return this.#drop('malformed', `policy of player ${id}: ${n} probabilities for ${dag.players[id].actions} actions`);
      if (m.batch >= this.#contexts[id]) return this.#drop('malformed', `policy of player ${id} in context ${m.batch} (contexts 0..${this.#contexts[id] - 1})`);
    }
    const p = this.#player(id);
    if (m.round >= p.policyRound) {
      p.policyRound = m.round;
      p.context = m.batch;
      p.policy = m.estimates.map(finiteOrNull);
      p.counts = [...m.counts];
    }
    this.#seen(m.header, m.round);
  }

  /** A multi-stage stage's forwarding distribution (LearnerState on `stage_states`, learner_id = its agent id). */
  stageState(m: LearnerState): void {
    if (!isId(m.learner_id, this.#maxId)) return this.#drop('bad-id', `stage state of learner ${m.learner_id}`);
    const n = m.estimates.length;
    if (n === 0 || m.counts.length !== n || m.active_arms.length !== n) return this.#drop('malformed', `stage state of ${m.learner_id}: ${n} probabilities, ${m.counts.length} counts, ${m.active_arms.length} children`);
    if (!m.active_arms.every((c) => isId(c, this.#maxId) && c !== m.learner_id)) return this.#drop('bad-id', `stage state of ${m.learner_id} with children [${m.active_arms.join(', ')}]`);
    const prev = this.#stages.get(m.learner_id);
    // An older round is late news, unless the run restarted (the view then follows the new run).
    if (prev && m.round < prev.round && m.round > 0) return;
    this.#stages.set(m.learner_id, { id: m.learner_id, round: m.round, children: [...m.active_arms], probabilities: m.estimates.map(finiteOrNull), picks: [...m.counts] });
    this.#dirtyStages.add(m.learner_id);
    this.#seen(m.header, m.round);
  }

  jointReward(m: JointReward): void {
    if (!Number.isFinite(m.reward)) return this.#drop('bad-value', `JointReward for round ${m.round} with reward ${m.reward}`);
    if (this.#reward && m.round < this.#reward.round) this.#rewardSum = 0; // a new run: a new mean
    const count = this.#reward && m.round >= this.#reward.round ? this.#reward.count + 1 : 1;
    this.#rewardSum += m.reward;
    this.#reward = { round: m.round, reward: m.reward, mean: this.#rewardSum / count, count };
    this.#rewardDirty = true;
    this.#seen(m.header, m.round);
  }

  #player(id: number): PlayerView {
    let p = this.#players.get(id);
    if (!p) {
      p = { id, round: -1, action: -1, policyRound: -1, context: 0, policy: [], counts: [] };
      this.#players.set(id, p);
    }
    this.#dirtyPlayers.add(id);
    return p;
  }

  /** The whole state as a full frame (for a new client). Does not consume pending changes. */
  snapshot(): StateFrame {
    // Entries are copied: the server serialises frames later, and agents are updated in place.
    return {
      type: 'state',
      full: true,
      seq: ++this.#seq,
      timeNs: this.#timeNs,
      round: this.#round,
      run: this.#run,
      graph: this.#graph,
      robots: sortedValues(this.#robots),
      allocation: this.#allocation,
      regret: this.#regret,
      regretPoints: [...this.#points],
      agents: sortedValues(this.#agents).map((a) => ({ ...a })),
      links: sortedValues(this.#links),
      learner: this.#learner,
      jobs: [...this.#jobs.values()],
      stages: sortedValues(this.#stages),
      dag: this.#dag,
      players: sortedValues(this.#players).map((p) => ({ ...p })),
      sharedReward: this.#reward,
      dropped: this.#dropped,
    };
  }

  /** What changed since the previous call (a full frame after `reset`), or null if nothing. */
  takeDelta(): StateFrame | null {
    if (this.#needsFull) {
      this.#clearDirty();
      this.#needsFull = false;
      return this.snapshot();
    }
    const robots = this.#dirtyRobots.size > 0;
    const agents = this.#dirtyAgents.size > 0;
    const links = this.#dirtyLinks.size > 0;
    const players = this.#dirtyPlayers.size > 0;
    const stages = this.#dirtyStages.size > 0;
    const any = this.#runDirty || this.#graphDirty || this.#allocationDirty || this.#regretDirty || this.#learnerDirty || this.#jobsDirty || this.#dagDirty || this.#rewardDirty || robots || agents || links || players || stages;
    if (!any) return null;
    const frame: StateFrame = { type: 'state', full: false, seq: ++this.#seq, timeNs: this.#timeNs, round: this.#round, dropped: this.#dropped };
    if (this.#graphDirty) frame.graph = this.#graph;
    if (robots) frame.robots = pick(this.#robots, this.#dirtyRobots);
    if (this.#allocationDirty) frame.allocation = this.#allocation;
    if (this.#regretDirty) {
      frame.regret = this.#regret;
      frame.regretPoints = this.#pendingPoints;
    }
    if (agents) frame.agents = pick(this.#agents, this.#dirtyAgents).map((a) => ({ ...a }));
    if (links) frame.links = pick(this.#links, this.#dirtyLinks);
    if (this.#runDirty) frame.run = this.#run;
    if (this.#learnerDirty) frame.learner = this.#learner;
    if (this.#jobsDirty) frame.jobs = [...this.#jobs.values()];
    if (stages) frame.stages = pick(this.#stages, this.#dirtyStages);
    if (this.#dagDirty) frame.dag = this.#dag;
    if (players) frame.players = pick(this.#players, this.#dirtyPlayers).map((p) => ({ ...p }));
    if (this.#rewardDirty) frame.sharedReward = this.#reward;
    this.#clearDirty();
    return frame;
  }

  #putJob(job: JobView): void {
    this.#jobs.delete(job.id); // re-insert: most recent last
    this.#jobs.set(job.id, job);
    if (this.#jobs.size > this.#maxJobs) this.#jobs.delete(this.#jobs.keys().next().value as number);
    this.#jobsDirty = true;
  }

  /** Keeps every other kept point and doubles the stride (the curve stays evenly spaced). */
  #thin(): void {
    this.#stride *= 2;
    const kept: number[] = [];
    for (let i = 0; i < this.#points.length; i += 2) {
      if (this.#points[i] % this.#stride === 0) kept.push(this.#points[i], this.#points[i + 1]);
    }
    this.#points = kept;
  }

  #seen(h: StdMsgsHeader | undefined, round: number): void {
    const t = stampNs(h);
    if (t > this.#timeNs) this.#timeNs = t;
    if (round > this.#round) this.#round = round;
  }

  #drop(reason: string, detail: string): void {
    this.#dropped++;
    this.#onDrop(reason, detail);
  }

  #clearDirty(): void {
    this.#runDirty = false;
    this.#graphDirty = this.#allocationDirty = this.#regretDirty = this.#learnerDirty = this.#jobsDirty = this.#dagDirty = this.#rewardDirty = false;
    this.#pendingPoints = [];
    this.#dirtyRobots.clear();
    this.#dirtyAgents.clear();
    this.#dirtyStages.clear();
    this.#dirtyLinks.clear();
    this.#dirtyPlayers.clear();
  }
}

function sortedValues<V>(m: Map<number, V>): V[] {
  return [...m.keys()].sort((a, b) => a - b).map((k) => m.get(k)!);
}

function pick<V>(m: Map<number, V>, ids: Set<number>): V[] {
  return [...ids].sort((a, b) => a - b).map((k) => m.get(k)!);
}
