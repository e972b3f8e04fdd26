// The browser's copy of the bridge state: applies full and delta frames, maps node ids to site indices, and keeps version counters so scene layers redraw only what changed.
import type { AgentView, AllocationView, DagView, GraphView, JobView, LearnerView, LinkView, PlayerView, RegretView, RobotView, RunInfoView, SharedRewardView, StageView, StateFrame, StatusFrame } from '../../nodes/bridge/protocol.js';

/** Regret points kept for the plot before thinning to every other one. */
const MAX_PLOT_POINTS = 4000;

/** Site colouring: the planner's estimated mean or UCB, or the true mean (ground truth). */
export type ColorMode = 'mean' | 'ucb' | 'truth';

export class ViewerStore {
  status: StatusFrame | null = null;
  timeNs = 0;
  round = 0;
  dropped = 0;

  graph: GraphView | null = null;
  /** Node id -> site index of the current graph. */
  readonly siteIndex = new Map<number, number>();
  graphVersion = 0;

  /** Robots by id (sparse until every robot has reported). */
  robots: RobotView[] = [];
  robotsVersion = 0;
  /** Robots standing on each site (not in transit), by site index. */
  robotsAtSite = new Int32Array(0);
  /** Wall-clock milliseconds per planner step, estimated from arrivals (smooths robot motion). */
  stepMs = 300;

  allocation: AllocationView | null = null;
  /** Allocation array index of each site index (-1 = not in the allocation). */
  allocationOfSite = new Int32Array(0);
  allocationVersion = 0;

  regret: RegretView | null = null;
  /** Cumulative regret curve, flat [round, value, ...]. */
  regretSeries: number[] = [];
  regretVersion = 0;

  readonly agents = new Map<number, AgentView>();
  readonly links = new Map<number, LinkView>();
  /** Wall-clock time (performance.now) of the latest erased command seen per agent. */
  readonly erasedAt = new Map<number, number>();
  agentsVersion = 0;

  learner: LearnerView | null = null;
  learnerVersion = 0;
  /** The run (horizon, ground truth), or null when the source did not say. */
  run: RunInfoView | null = null;
  runVersion = 0;
  /** Round of the first frame that drew anything (graph, robots, agents), for tests; null before. */
  firstRound: number | null = null;
  /** Whether the ground-truth overlay is on (the HUD's toggle). */
  showTruth = false;
  jobs: JobView[] = [];
  jobsVersion = 0;
  /** Multi-stage stages' forwarding distributions, by agent id. */
  readonly stages = new Map<number, StageView>();
  stagesVersion = 0;

  /** The DAG game (topology), null outside the DAG family. */
  dag: DagView | null = null;
  dagVersion = 0;
  /** DAG players' latest action and policy, by player id. */
  readonly players = new Map<number, PlayerView>();
  sharedReward: SharedRewardView | null = null;
  /** Increases when a player or the shared reward changed. */
  playersVersion = 0;

  colorMode: ColorMode = 'mean';
  /** Increases on every change (layers compare it to skip work). */
  version = 0;

  #lastStep = -1;
  #lastStepWall = 0;

  applyStatus(frame: StatusFrame): void {
    this.status = frame;
    this.version++;
  }

  /** Applies a state frame received at wall-clock time `nowMs`. */
  apply(frame: StateFrame, nowMs: number): void {
    if (frame.full) this.#clear();
    if (this.firstRound === null && (frame.graph || frame.robots?.length || frame.agents?.length)) this.firstRound = frame.round;
    this.timeNs = frame.timeNs;
    this.round = frame.round;
    this.dropped = frame.dropped ?? this.dropped;
    if (frame.graph !== undefined) this.#setGraph(frame.graph);
    if (frame.robots) this.#setRobots(frame.robots, nowMs);
    if (frame.allocation !== undefined) {
      this.allocation = frame.allocation;
      this.#indexAllocation();
      this.allocationVersion++;
    }
    if (frame.regret !== undefined) this.regret = frame.regret;
    if (frame.regretPoints) this.#appendRegret(frame.regretPoints, frame.full);
    if (frame.regret !== undefined || frame.regretPoints) this.regretVersion++;
    if (frame.links) this.#setLinks(frame.links, nowMs);
    if (frame.agents) this.#setAgents(frame.agents, nowMs);
    if (frame.links || frame.agents) this.agentsVersion++;
    if (frame.run !== undefined) {
      this.run = frame.run;
      this.runVersion++;
    }
    if (frame.learner !== undefined) {
      this.learner = frame.learner;
      this.learnerVersion++;
    }
    if (frame.jobs) {
      this.jobs = frame.jobs;
      this.jobsVersion++;
    }
    if (frame.stages) {
      for (const st of frame.stages) this.stages.set(st.id, st);
      this.stagesVersion++;
    }
    if (frame.dag !== undefined) {
      this.dag = frame.dag;
      this.dagVersion++;
    }
    if (frame.players) for (const p of frame.players) this.players.set(p.id, p);
    if (frame.sharedReward !== undefined) this.sharedReward = frame.sharedReward;
    if (frame.players || frame.sharedReward !== undefined) this.playersVersion++;
    this.version++;
  }

  /** Site index of a node id, or -1. */
  site(nodeId: number): number {
    return this.siteIndex.get(nodeId) ?? -1;
  }

  /** Number of robots that have reported. */
  get robotCount(): number {
    let n = 0;
    for (const r of this.robots) if (r) n++;
    return n;
  }

  #clear(): void {
    this.graph = null;
    this.siteIndex.clear();
    this.robots = [];
    this.allocation = null;
    this.regret = null;
    this.regretSeries = [];
    this.agents.clear();
    this.links.clear();
    this.erasedAt.clear();
    this.learner = null;
    this.run = null;
    this.runVersion++;
    this.jobs = [];
    this.stages.clear();
    this.dag = null;
    this.players.clear();
    this.sharedReward = null;
    this.#lastStep = -1;
    this.graphVersion++;
    this.robotsVersion++;
    this.allocationVersion++;
    this.regretVersion++;
    this.agentsVersion++;
    this.learnerVersion++;
    this.jobsVersion++;
    this.stagesVersion++;
    this.dagVersion++;
    this.playersVersion++;
  }

  #setGraph(graph: GraphView | null): void {
    this.graph = graph;
    this.siteIndex.clear();
    graph?.nodeIds.forEach((id, i) => this.siteIndex.set(id, i));
    this.robotsAtSite = new Int32Array(graph?.nodeIds.length ?? 0);
    this.#indexAllocation();
    this.#countRobots();
    this.graphVersion++;
  }

  #setRobots(robots: RobotView[], nowMs: number): void {
    let maxStep = -1;
    for (const r of robots) {
      this.robots[r.id] = r;
      maxStep = Math.max(maxStep, r.step);
    }
    if (maxStep > this.#lastStep) {
      if (this.#lastStep >= 0) {
        const per = (nowMs - this.#lastStepWall) / (maxStep - this.#lastStep);
        // Exponential average, clamped: fast runs move in short hops, slow ones glide.
        this.stepMs = Math.min(1500, Math.max(40, 0.7 * this.stepMs + 0.3 * per));
      }
      this.#lastStep = maxStep;
      this.#lastStepWall = nowMs;
    }
    this.#countRobots();
    this.robotsVersion++;
  }

  #countRobots(): void {
    this.robotsAtSite.fill(0);
    for (const r of this.robots) {
      if (!r || r.phase === 4) continue; // PHASE_IN_TRANSIT
      const s = this.site(r.node);
      if (s >= 0) this.robotsAtSite[s]++;
    }
  }

  #indexAllocation(): void {
    const n = this.graph?.nodeIds.length ?? 0;
    this.allocationOfSite = new Int32Array(n).fill(-1);
    this.allocation?.nodeIds.forEach((id, k) => {
      const s = this.site(id);
      if (s >= 0) this.allocationOfSite[s] = k;
    });
  }

  #appendRegret(points: number[], full: boolean): void {
    const series = this.regretSeries;
    for (let i = 0; i + 1 < points.length; i += 2) {
      // A delta may repeat points a full frame already had: keep rounds increasing.
      if (!full && series.length >= 2 && points[i] <= series[series.length - 2]) continue;
      series.push(points[i], points[i + 1]);
    }
    if (series.length > 2 * MAX_PLOT_POINTS) {
      const kept: number[] = [];
      for (let i = 0; i < series.length; i += 4) kept.push(series[i], series[i + 1]);
      if (kept[kept.length - 2] !== series[series.length - 2]) kept.push(series[series.length - 2], series[series.length - 1]);
      this.regretSeries = kept;
    }
  }

  #setLinks(links: LinkView[], nowMs: number): void {
    for (const l of links) {
      const prev = this.links.get(l.id);
      if (prev && l.erased > prev.erased) this.erasedAt.set(l.id, nowMs);
      this.links.set(l.id, l);
    }
  }

  #setAgents(agents: AgentView[], nowMs: number): void {
    for (const a of agents) {
      const prev = this.agents.get(a.id);
      // Without link statistics, a repeated command in a new round is the sign of an erasure.
      if (!this.links.has(a.id) && prev && a.round > prev.round && !a.arrived && a.round > 0) this.erasedAt.set(a.id, nowMs);
      this.agents.set(a.id, a);
    }
  }
}
