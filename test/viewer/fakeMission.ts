// A synthetic graph mission for viewer tests: a node program publishing a drone-field GraphTopology, robots walking shortest paths to UCB-chosen sites, Allocations and RegretReports (optionally erasure-style agents too), on the agreed topic names.
import { Rng } from '../../src/core/random.js';
import type { AgentTelemetry, Allocation, ArmCommand, GraphTopology, Job, JobCost, LearnerState, LinkStats, RegretReport, RobotState } from '../../src/msg/definitions.generated.js';
import { MsgType } from '../../src/msg/definitions.generated.js';
import type { NodeProgram } from '../../src/nodes/NodeProgram.js';
import { allocationTopic, graphTopic, jobCostsTopic, jobsTopic, robotStateTopic } from '../../src/nodes/bridge/subscribeBridge.js';
import { learnerStateTopic, linkStatsTopic, rawCommandTopic, regretTopic, telemetryTopic } from '../../src/nodes/rounds/topics.js';
import { header } from '../../src/nodes/stamp.js';
import { LATCHED_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';

/** Node ids are offset so that the viewer must map ids to indices (never assume id = index). */
export const NODE_ID_OFFSET = 100;

export const fakeMission: NodeProgram = (node) => {
  const K = node.declareParameter({ name: 'sites', type: 'integer', default: 40, description: 'sites of the field graph', range: { min: 2, max: 100_000 } }) as number;
  const N = node.declareParameter({ name: 'robots', type: 'integer', default: 6, description: 'robots', range: { min: 0, max: 10_000 } }) as number;
  const M = node.declareParameter({ name: 'agents', type: 'integer', default: 0, description: 'erasure-style agents (0 = none)', range: { min: 0, max: 1000 } }) as number;
  const seed = node.declareParameter({ name: 'seed', type: 'integer', default: 1, description: 'seed', range: { min: 0, max: 1e9 } }) as number;
  const period = node.declareParameter({ name: 'step_period', type: 'double', default: 0.1, description: 'seconds of node time per step', range: { min: 1e-3, max: 60 } }) as number;
  const episode = node.declareParameter({ name: 'episode_steps', type: 'integer', default: 20, description: 'steps per allocation episode', range: { min: 1, max: 1e6 } }) as number;
  const horizon = node.declareParameter({ name: 'horizon', type: 'integer', default: 1_000_000, description: 'steps', range: { min: 1, max: 1e9 } }) as number;
  const jobs = node.declareParameter({ name: 'jobs', type: 'bool', default: false, description: 'also run multi-stage jobs down a robot -> edge server -> network tree' }) as boolean;
  const positions = node.declareParameter({ name: 'with_positions', type: 'bool', default: true, description: 'publish site positions (false: all zero, the viewer lays the graph out)' }) as boolean;
  const rng = new Rng(seed);

  // A jittered grid field with altitudes, 30 m apart, plus some diagonals.
  const cols = Math.ceil(Math.sqrt(K * 2));
  const xy: [number, number, number][] = [];
  for (let k = 0; k < K; k++) {
    const c = k % cols;
    const r = Math.floor(k / cols);
    xy.push([c * 30 + rng.uniformRange(-6, 6), r * 30 + rng.uniformRange(-6, 6), 12 + 6 * Math.sin(c / 2) + rng.uniformRange(0, 3)]);
  }
  const adj: number[][] = Array.from({ length: K }, () => []);
  const edges: [number, number][] = [];
  const link = (a: number, b: number) => {
    adj[a].push(b);
    adj[b].push(a);
    edges.push([a, b]);
  };
  for (let k = 0; k < K; k++) {
    const c = k % cols;
    if (c + 1 < cols && k + 1 < K) link(k, k + 1);
    if (k + cols < K) link(k, k + cols);
    if (c + 1 < cols && k + cols + 1 < K && rng.uniform() < 0.2) link(k, k + cols + 1);
  }
  const ids = Array.from({ length: K }, (_, k) => k + NODE_ID_OFFSET);
  const means = Array.from({ length: K }, () => rng.uniformRange(0.25, 0.75));
  const best = [...means].sort((a, b) => b - a);
  const optimal = best.slice(0, Math.min(N, K)).reduce((s, x) => s + x, 0);

  const graphPub = node.createPublisher<GraphTopology>(MsgType.GraphTopology, graphTopic, LATCHED_QOS);
  const statePubs = Array.from({ length: N }, (_, i) => node.createPublisher<RobotState>(MsgType.RobotState, robotStateTopic(i), TELEMETRY_QOS));
  const allocPub = node.createPublisher<Allocation>(MsgType.Allocation, allocationTopic, TELEMETRY_QOS);
  const regretPub = node.createPublisher<RegretReport>(MsgType.RegretReport, regretTopic, TELEMETRY_QOS);
  graphPub.publish({
    header: header(node, 'map'),
    name: 'synthetic-field',
    directed: false,
    node_ids: ids,
    positions: xy.map(([x, y, z]) => (positions ? { x, y, z } : { x: 0, y: 0, z: 0 })),
    node_labels: ids.map((_, k) => `${String.fromCharCode(65 + Math.floor(k / cols) % 26)}${(k % cols) + 1}`),
    edges: edges.map(([a, b]) => ({ source: ids[a], target: ids[b], length: 30 })),
  });

  const at = new Int32Array(N); // all start at site 0 (the base)
  const goal = new Int32Array(N);
  const samples = new Float64Array(K);
  const sums = new Float64Array(K);
  let nextHop: Int32Array[] = [];
  let cumulative = 0;
  let step = 0;

  /** Next hop from every site towards `target` (BFS tree rooted at the target). */
  const hopsTo = (target: number): Int32Array => {
    const next = new Int32Array(K).fill(-1);
    next[target] = target;
    const queue = [target];
    for (let q = 0; q < queue.length; q++) {
      for (const v of adj[queue[q]]) {
        if (next[v] < 0) {
          next[v] = queue[q];
          queue.push(v);
        }
      }
    }
    return next;
  };

  const allocate = () => {
    const t = step + 1;
    const ucb = Array.from({ length: K }, (_, k) => (samples[k] === 0 ? Infinity : sums[k] / samples[k] + Math.sqrt((2 * Math.log(t)) / samples[k])));
    const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => ucb[b] - ucb[a] || a - b);
    const counts = new Array<number>(K).fill(0);
    for (let i = 0; i < N; i++) {
      goal[i] = order[i % K];
      counts[goal[i]]++;
    }
    nextHop = Array.from({ length: N }, (_, i) => hopsTo(goal[i]));
    allocPub.publish({
      header: header(node),
      step,
      episode: Math.floor(step / episode),
      node_ids: ids,
      target_counts: counts,
      means: Array.from({ length: K }, (_, k) => (samples[k] > 0 ? sums[k] / samples[k] : 0)),
      ucbs: ucb,
      sample_counts: Array.from(samples),
      robot_goals: Array.from(goal, (g) => ids[g]),
    });
  };

  // Optional erasure-style agents: learner commands, lossy links, keep-last agents.
  const sent = new Int32Array(M).fill(-1);
  const played = new Int32Array(M).fill(-1);
  const linkCounts = Array.from({ length: M }, () => ({ sent: 0, erased: 0 }));
  const eps = Array.from({ length: M }, (_, j) => 0.1 + (0.8 * j) / Math.max(1, M - 1));
  const cmdPubs = Array.from({ length: M }, (_, j) => node.createPublisher<ArmCommand>(MsgType.ArmCommand, rawCommandTopic(j), TELEMETRY_QOS));
  const telPubs = Array.from({ length: M }, (_, j) => node.createPublisher<AgentTelemetry>(MsgType.AgentTelemetry, telemetryTopic(j), TELEMETRY_QOS));
  const linkPub = M > 0 ? node.createPublisher<LinkStats>(MsgType.LinkStats, linkStatsTopic, TELEMETRY_QOS) : null;
  const learnerPub = M > 0 ? node.createPublisher<LearnerState>(MsgType.LearnerState, learnerStateTopic, TELEMETRY_QOS) : null;
  const arms = 5;

  // Optional multi-stage jobs: agent 0 (robot) -> 1..3 (edge servers) -> 10 + 2 (server - 1) + {0, 1} (networks).
  const jobPub = jobs ? node.createPublisher<Job>(MsgType.Job, jobsTopic, TELEMETRY_QOS) : null;
  const costPub = jobs ? node.createPublisher<JobCost>(MsgType.JobCost, jobCostsTopic, TELEMETRY_QOS) : null;
  const inFlight: { id: number; round: number; path: number[] }[] = [];

  const timer = node.createTimer(period, () => {
    if (step % episode === 0) allocate();
    let achieved = 0;
    for (let i = 0; i < N; i++) {
      const here = at[i];
      if (here === goal[i]) {
        samples[here]++;
        sums[here] += means[here] + rng.normal(0, 0.1);
        achieved += means[here];
      }
      const next = here === goal[i] ? here : nextHop[i][here];
      statePubs[i].publish({
        header: header(node, 'map'),
        robot_id: i,
        current_node: ids[here],
        target_node: ids[next],
        goal_node: ids[goal[i]],
        pose: { position: positions ? { x: xy[here][0], y: xy[here][1], z: xy[here][2] } : { x: 0, y: 0, z: 0 }, orientation: { x: 0, y: 0, z: 0, w: 1 } },
        phase: here === goal[i] ? 3 : 2,
        step,
      });
      at[i] = next;
    }
    for (let j = 0; j < M; j++) {
      const arm = step < arms ? step : rng.uniform() < 0.8 ? 0 : rng.int(arms);
      sent[j] = arm;
      cmdPubs[j].publish({ header: header(node), agent_id: j, arm, seq: step + 1, round: step });
      linkCounts[j].sent++;
      const arrived = rng.uniform() >= eps[j];
      if (arrived) played[j] = arm;
      else linkCounts[j].erased++;
      telPubs[j].publish({ header: header(node), agent_id: j, round: step, commanded_arm: played[j], commanded_seq: step + 1, command_arrived: arrived, played_arm: played[j], reward: 0.5, played_arm_mean: 0.5 });
      linkPub!.publish({ header: header(node), agent_id: j, round: step, sent: linkCounts[j].sent, delivered: linkCounts[j].sent - linkCounts[j].erased, erased: linkCounts[j].erased, delayed: 0, eps: eps[j], empirical_eps: linkCounts[j].erased / linkCounts[j].sent, feedback_bits: 0, feedback_lost: 0 });
    }
    if (learnerPub) {
      learnerPub.publish({ header: header(node), algorithm: 'fake-batchsp2', learner_id: 0, round: step, batch: Math.floor(Math.log2(step + 1)), active_arms: step < 50 ? [0, 1, 2, 3, 4] : [0, 1], estimates: [0.9, 0.7, 0.4, 0.3, step < 10 ? NaN : 0.2], counts: [step, step >> 1, 5, 5, step < 10 ? 0 : 5] });
    }
    if (jobPub && costPub) {
      for (const job of inFlight.splice(0)) {
        if (job.path.length === 3) {
          costPub.publish({ header: header(node), job_id: job.id, round: job.round, path: job.path, arrival_probability: 1 / 6, cost: rng.uniform() });
          continue;
        }
        const last = job.path[job.path.length - 1];
        job.path.push(job.path.length === 1 ? 1 + rng.int(3) : 10 + 2 * (last - 1) + rng.int(2));
        jobPub.publish({ header: header(node), job_id: job.id, round: job.round, path: [...job.path], arrival_probability: job.path.length === 2 ? 1 / 3 : 1 / 6, delay: 0 });
        inFlight.push(job);
      }
      const fresh = { id: step, round: step, path: [0] };
      jobPub.publish({ header: header(node), job_id: fresh.id, round: fresh.round, path: [0], arrival_probability: 1, delay: 0 });
      inFlight.push(fresh);
    }
    cumulative += optimal - achieved;
    regretPub.publish({ header: header(node), algorithm: 'fake-UCB', run_label: 'synthetic/fake-UCB/seed1/run0', round: step, optimal_value: optimal, achieved_value: achieved, instant_regret: optimal - achieved, cumulative_regret: cumulative });
    step++;
    if (step >= horizon) timer.cancel();
  });
};
