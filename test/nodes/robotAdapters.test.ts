// Robot adapters on the embedded node graph: pose_goal and nav2 drive kinematic robots around a
// coverage mission, and the planner receives exactly the samples of graph_step mode when the
// robots are fast enough to arrive within a step; slow robots spend steps in transit.
import { describe, expect, it } from 'vitest';
import { isAdjacent } from '../../src/core/graph/Graph.js';
import { coverageWorld } from '../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { RobotState, type GeometryMsgsPoseStamped, type NavMsgsOdometry, type SiteSample } from '../../src/msg/index.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { ROBOT_STATE, SITE_SAMPLE } from '../../src/nodes/graph/topics.js';
import { planNodes, type PlanOptions } from '../../src/nodes/plan.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';

const QUICK = 'sim/scenarios/coverage-quick.yaml';
const ALG = 'Multi-G-UCB';

interface Trace {
  samples: Pick<SiteSample, 'robot_id' | 'node' | 'sample' | 'step'>[];
  states: Pick<RobotState, 'robot_id' | 'current_node' | 'phase' | 'step'>[][];
  odometry: number;
  goals: number;
  logs: LogRecord[];
}

async function mission(file: string, seed: number, horizon: number, options: PlanOptions, strict = false) {
  const { scenario } = loadScenario(file);
  const s = withOverrides(scenario, { algorithms: [ALG], seed, horizon, runs: 1 });
  const plan = planNodes(scenario, file, { algorithm: ALG, seed, horizon, ...options });
  const N = (s as CoverageScenario).robots.count;
  const trace: Trace = { samples: [], states: Array.from({ length: N }, () => []), odometry: 0, goals: 0, logs: [] };
  const run = startEmbedded(plan, s, {
    codec: strict ? cdrCodec : undefined,
    logSink: (r) => trace.logs.push(r),
    attach: (bus) => {
      const spy = bus.createNode('spy');
      spy.createSubscription<SiteSample>(SITE_SAMPLE, '/samples', (m) => trace.samples.push({ robot_id: m.robot_id, node: m.node, sample: m.sample, step: m.step }), REWARD_QOS);
      for (let i = 0; i < N; i++) {
        spy.createSubscription<RobotState>(ROBOT_STATE, `/robot_${i}/state`, (m) => trace.states[i].push({ robot_id: m.robot_id, current_node: m.current_node, phase: m.phase, step: m.step }), TELEMETRY_QOS);
      }
      if (options.adapter === 'pose_goal' || options.adapter === 'nav2') {
        spy.createSubscription<NavMsgsOdometry>('nav_msgs/msg/Odometry', '/robot_0/odom', () => trace.odometry++, { reliability: 'best_effort', durability: 'volatile', depth: 5 });
        spy.createSubscription<GeometryMsgsPoseStamped>('geometry_msgs/msg/PoseStamped', '/robot_0/goal_pose', () => trace.goals++);
      }
    },
  });
  const result = await run.done;
  return { plan, result, trace, scenario: s };
}

describe('robot adapters on a coverage mission', () => {
  it('plans a kinematic robot per robot for pose_goal and nav2 (none on hardware), and sets every robot\'s adapter', () => {
    const { scenario } = loadScenario(QUICK);
    const kinds = (o: PlanOptions) => planNodes(scenario, QUICK, o).nodes.map((n) => `${n.namespace}|${n.executable}`);
    expect(kinds({})).not.toContain('/robot_0|kinematic_robot');
    const pose = planNodes(scenario, QUICK, { adapter: 'pose_goal' });
    expect(pose.nodes.filter((n) => n.executable === 'robot').map((n) => n.parameters.adapter)).toEqual(Array(5).fill('pose_goal'));
    const kinematic = pose.nodes.filter((n) => n.executable === 'kinematic_robot');
    expect(kinematic.map((n) => [n.namespace, n.parameters.robot_id, n.parameters.nav2_server])).toEqual([0, 1, 2, 3, 4].map((i) => [`/robot_${i}`, i, false]));
    // One step window (a quarter period) at 10 ticks, fast enough to cross the longest edge in half of it.
    expect(kinematic[0].parameters.rate).toBe(400);
    expect(planNodes(scenario, QUICK, { adapter: 'nav2' }).nodes.find((n) => n.executable === 'kinematic_robot')?.parameters.nav2_server).toBe(true);
    expect(kinds({ adapter: 'pose_goal', simulateRobots: false })).toEqual(kinds({}));
    const drones = loadScenario('sim/scenarios/drone-coverage.yaml').scenario;
    // Travel times: 5 m/s per 1 s step becomes 50 m/s of node time at 0.1 s per step.
    expect(planNodes(drones, 'd.yaml', { adapter: 'pose_goal' }).nodes.find((n) => n.executable === 'kinematic_robot')?.parameters.max_speed).toBe(50);
    const bandit = loadScenario('sim/scenarios/single-agent.yaml').scenario;
    expect(() => planNodes(bandit, 's.yaml', { adapter: 'pose_goal' })).toThrow("adapter 'pose_goal' moves graph robots: it applies to coverage scenarios, not to family 'bandit'");
    expect(() => planNodes(scenario, QUICK, { adapter: 'teleport' as never })).toThrow("adapter 'teleport' is unknown; known: graph_step, pose_goal, nav2, px4, crazyflie");
  });

  it('pose_goal drives kinematic robots through the mission: the planner gets exactly the samples of graph_step, and the run the same regret (strict CDR)', async () => {
    const stepped = await mission(QUICK, 4, 300, {});
    const posed = await mission(QUICK, 4, 300, { adapter: 'pose_goal' }, true);
    expect(posed.result.roundsCompleted).toBe(300);
    expect(posed.trace.samples.length).toBeGreaterThan(300);
    expect(posed.trace.samples).toEqual(stepped.trace.samples);
    expect(posed.trace.states).toEqual(stepped.trace.states);
    expect(posed.result.summary).toEqual(stepped.result.summary);
    expect(posed.result.summary).toEqual(await runExperiment(stepped.scenario, { workers: 0 }));
    // The robots really moved on odometry: 400 Hz of it, and a goal at every departure.
    expect(posed.trace.odometry).toBeGreaterThan(300 * 0.1 * 400 * 0.9);
    expect(posed.trace.goals).toBeGreaterThan(0);
    expect(posed.trace.logs.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });

  it('slow robots spend steps in transit: fewer samples, every step still closes, moves stay on edges', async () => {
    const horizon = 300;
    const stepped = await mission(QUICK, 4, horizon, {});
    const slow = await mission(QUICK, 4, horizon, { adapter: 'pose_goal', kinematic: { maxSpeed: 60 } });
    expect(slow.result.roundsCompleted).toBe(horizon);
    const inTransit = slow.trace.states.flat().filter((s) => s.phase === RobotState.PHASE_IN_TRANSIT);
    expect(inTransit.length).toBeGreaterThan(horizon / 2);
    expect(slow.trace.samples.length).toBeLessThan(stepped.trace.samples.length);
    // No sample for a step in which every robot was in transit, and only sites with a robot on them.
    for (const m of slow.trace.samples) {
      const standing = slow.trace.states.map((st) => st[m.step]).filter((st) => st.phase !== RobotState.PHASE_IN_TRANSIT);
      expect(standing.map((st) => st.current_node)).toContain(m.node);
    }
    const world = coverageWorld(slow.scenario as CoverageScenario);
    for (const states of slow.trace.states) {
      expect(states.map((s) => s.step)).toEqual([...Array(horizon).keys()]);
      for (let t = 1; t < horizon; t++) expect(isAdjacent(world.graph, states[t - 1].current_node, states[t].current_node)).toBe(true);
    }
    expect(Number.isFinite(slow.result.summary.algorithms[0].finalRegret.mean)).toBe(true);
    expect(slow.trace.logs.some((l) => l.name === '/robot_0/robot' && /steps in transit/.test(l.message))).toBe(true);
  });

  it('nav2 sends NavigateToPose goals to the kinematic robots\' action servers and matches graph_step too', async () => {
    const stepped = await mission(QUICK, 9, 150, {});
    const nav = await mission(QUICK, 9, 150, { adapter: 'nav2' });
    expect(nav.result.roundsCompleted).toBe(150);
    expect(nav.trace.samples).toEqual(stepped.trace.samples);
    expect(nav.result.summary).toEqual(stepped.result.summary);
    expect(nav.trace.goals).toBe(0); // no goal_pose: goals go through the action
    const summaries = nav.trace.logs.filter((l) => /NavigateToPose goals sent/.test(l.message));
    expect(summaries).toHaveLength(5);
    for (const l of summaries) expect(l.message).not.toMatch(/failed/);
    expect(nav.trace.logs.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});
