/**
 * `planner`: the Multi-G-UCB brain (or a baseline) of a coverage mission. It publishes the site
 * graph once (latched), then at phase 0.5 of every step feeds the planner the step's robot
 * positions and SiteSamples, publishes one WaypointCommand per robot (an adjacent site, or its
 * own) and the Allocation (targets, means, UCBs, counts). A robot whose state or sample is missing
 * at that moment is treated as not sampling this step (counted); its last known site is used.
 * A robot down in a step (scenario faults `robot-crash`) is expected to be silent: counted as
 * 'robot-down', not 'missing-state'. A `learner-restart` fault restarts the planner from scratch
 * (createRestartingPlanner), as in `sim`.
 */
import { createRestartingPlanner } from '../../experiments/coverage/restartingPlanner.js';
import type { CoverageScenario } from '../../experiments/coverage/schema.js';
import { RobotState, type Allocation, type GraphTopology, type SiteSample, type WaypointCommand } from '../../msg/definitions.generated.js';
import { COMMAND_QOS, LATCHED_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../runtime/Qos.js';
import { replayablePlanner } from '../../core/graph/ReplayablePlanner.js';
import { declareCheckpointParameters, openCheckpoint } from '../checkpointing.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';
import type { NodeProgram } from '../NodeProgram.js';
import { declareRunContext } from '../runContext.js';
import { header } from '../stamp.js';
import { coverageWorldOf, robotFaultsOf, sitePositions, startSites } from './coverageContext.js';
import { SampleSlots } from './SampleSlots.js';
import { StepCollector } from './StepCollector.js';
import { ALLOCATION, GRAPH_TOPOLOGY, ROBOT_STATE, SITE_SAMPLE, WAYPOINT_COMMAND, allocationTopic, graphTopic, robotStateTopic, samplesTopic, waypointTopic } from './topics.js';

export const plannerNode: NodeProgram = (node) => {
  const ctx = declareRunContext(node);
  const allocationPeriod = node.declareParameter({ name: 'allocation_period', type: 'integer', default: 1, description: 'steps between Allocation messages (also sent when an episode starts)', range: { min: 1, max: 1_000_000 } }) as number;
  const frameId = node.declareParameter({ name: 'frame_id', type: 'string', default: 'map', description: 'frame of the site coordinates', readOnly: true }) as string;
  const s = ctx.scenario as CoverageScenario;
  const world = coverageWorldOf(s, node.fullyQualifiedName);
  const entry = s.algorithms[ctx.algorithmIndex];
  const faults = robotFaultsOf(s, world);
  const N = world.robots;
  const K = world.graph.size;
  const checkpointing = declareCheckpointParameters(node, 'planner');
  const planner = replayablePlanner(createRestartingPlanner(s, world, entry), K, { log: checkpointing.dir !== '' });
  const checkpoint = openCheckpoint(node, ctx, checkpointing, 'planner', planner, 'planner');
  const drops = new DropCounter(node.logger);
  publishDropDiagnostics(node, drops);

  const robotSites = new Int32Array(N);
  const positions = startSites(world, ctx.rng).slice();
  const inTransit = new Uint8Array(N);
  const stateStep = new Float64Array(N).fill(-1);
  const samples = new SampleSlots(K, N, s.horizon, drops);
  const checked = new Float64Array(K).fill(-1);
  const waypoints = new Int32Array(N);
  const seq = new Uint32Array(N);
  let lastEpisode = -1;

  const graphPub = node.createPublisher<GraphTopology>(GRAPH_TOPOLOGY, graphTopic, LATCHED_QOS);
  const allocationPub = node.createPublisher<Allocation>(ALLOCATION, allocationTopic, TELEMETRY_QOS);
  const waypointPubs = Array.from({ length: N }, (_, i) => node.createPublisher<WaypointCommand>(WAYPOINT_COMMAND, waypointTopic(i), COMMAND_QOS));

  const xyz = sitePositions(world);
  const point = (k: number) => ({ x: xyz[3 * k], y: xyz[3 * k + 1], z: xyz[3 * k + 2] });
  const g = world.graph;
  const edges: GraphTopology['edges'] = [];
  for (let u = 0; u < K; u++) {
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const v = g.neighbors[e];
      if (v <= u) continue;
      const known = g.edgeLengths?.[e];
      const length = known !== undefined && known > 0 && Number.isFinite(known) ? known : Math.max(1e-3, Math.hypot(xyz[3 * u] - xyz[3 * v], xyz[3 * u + 1] - xyz[3 * v + 1], xyz[3 * u + 2] - xyz[3 * v + 2]));
      edges.push({ source: u, target: v, length });
    }
  }
  graphPub.publish({
    header: header(node, frameId),
    name: s.name,
    directed: false,
    node_ids: Array.from({ length: K }, (_, k) => k),
    positions: Array.from({ length: K }, (_, k) => point(k)),
    node_labels: [...g.ids],
    edges,
  });

  const collector = new StepCollector(N, s.horizon, drops, (step, states) => {
    for (let i = 0; i < N; i++) {
      const st = states[i];
      if (st === undefined) continue;
      positions[i] = st.current_node;
      inTransit[i] = st.phase === RobotState.PHASE_IN_TRANSIT ? 1 : 0;
      stateStep[i] = step;
    }
  }, (step) => faults.upCount(step));
  for (let i = 0; i < N; i++) {
    node.createSubscription<RobotState>(ROBOT_STATE, robotStateTopic(i), (st) => {
      if (st.current_node >= K) return drops.drop('unknown-site', `robot ${i} reports site ${st.current_node}`);
      collector.add(i, st);
    }, TELEMETRY_QOS);
  }
  node.createSubscription<SiteSample>(SITE_SAMPLE, samplesTopic, (m) => samples.add(m), REWARD_QOS);

  /** Whether site k's sample of `round` came from a robot that stood on k in that step (else counted). */
  const sampledBy = (k: number, round: number): boolean => {
    if (!samples.has(k, round)) return false;
    const r = samples.robotOf(k);
    const onSite = stateStep[r] === round && !inTransit[r] && positions[r] === k;
    if (!onSite && checked[k] !== round) drops.drop('wrong-site', `sample of site ${k} in step ${round} from robot ${r}, which did not stand on it`);
    checked[k] = round;
    return onSite;
  };

  ctx.clock.every(node, 0.5, (round) => {
    if (round >= s.horizon) return false;
    // Steps restored from a checkpoint are not planned again (a restart before the clock got there).
    if (round < checkpoint.restoredRounds) return true;
    for (let i = 0; i < N; i++) {
      const k = positions[i];
      const fresh = stateStep[i] === round;
      if (!fresh) {
        if (faults.isDown(i, round)) drops.drop('robot-down', `robot ${i} is down in step ${round}`);
        else drops.drop('missing-state', `no state of robot ${i} for step ${round}`);
      }
      robotSites[i] = !fresh || inTransit[i] ? -1 : sampledBy(k, round) ? k : -1;
      if (fresh && !inTransit[i] && robotSites[i] < 0) drops.drop('missing-sample', `no sample of site ${k} (robot ${i}) in step ${round}`);
    }
    const t = round + 1; // the planners count steps from 1
    samples.decide(round);
    planner.observe(t, robotSites, samples.values);
    planner.nextWaypoints(t, positions, inTransit, waypoints);
    checkpoint.afterRound(t);
    for (let i = 0; i < N; i++) {
      seq[i] = (seq[i] + 1) >>> 0;
      waypointPubs[i].publish({ header: header(node, frameId), robot_id: i, target_node: waypoints[i], target_position: point(waypoints[i]), step: round, seq: seq[i] });
    }
    const sum = planner.summary();
    if (sum.episode !== lastEpisode || round % allocationPeriod === 0) {
      lastEpisode = sum.episode;
      allocationPub.publish({
        header: header(node, frameId),
        step: round,
        episode: sum.episode,
        node_ids: Array.from({ length: K }, (_, k) => k),
        target_counts: Array.from(sum.targetCounts),
        means: Array.from(sum.means),
        ucbs: Array.from(sum.ucb, (u) => (Number.isNaN(u) ? Infinity : u)),
        sample_counts: Array.from(sum.counts),
        robot_goals: Array.from(sum.destination, (d) => (d < 0 ? 0xffffffff : d)),
      });
    }
  });
  node.logger.info(`planner '${entry.label ?? entry.name}' for ${N} robots on ${K} sites, ${s.horizon} steps`);
  return {
    shutdown() {
      checkpoint.finish();
      if (drops.total > 0) node.logger.info(`dropped ${drops.summary()}`);
      if (samples.redundant > 0) node.logger.info(`${samples.redundant} samples of sites another robot had already sampled in the same step (one per site and step is used)`);
    },
  };
};
