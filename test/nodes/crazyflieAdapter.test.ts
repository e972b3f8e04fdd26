// The crazyflie adapter against simulated Crazyflies (kinematic_robot with vehicle: crazyflie)
// serving Crazyswarm2's take-off, go_to and land services and publishing its pose topic. A mission
// gives exactly graph_step's samples and regret (strict CDR: service requests and responses are
// CDR-encoded too); a Crazyflie refusing to take off, one whose take-off service never answers and
// one losing its pose are clear, counted failures while the mission goes on with the rest.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { RobotState, type DiagnosticMsgsDiagnosticArray, type GeometryMsgsPoseStamped, type SiteSample } from '../../src/msg/index.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { DIAGNOSTICS_TOPIC } from '../../src/nodes/dropDiagnostics.js';
import { CF_POSE_SUB_QOS } from '../../src/nodes/graph/adapters/crazyflie.js';
import { ROBOT_STATE, SITE_SAMPLE } from '../../src/nodes/graph/topics.js';
import { planNodes, type NodePlan, type PlanOptions } from '../../src/nodes/plan.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import type { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { DEFAULT_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';

const QUICK = 'sim/scenarios/coverage-quick.yaml';
const ALG = 'Multi-G-UCB';
const { scenario: base } = loadScenario(QUICK);

async function mission(horizon: number, options: PlanOptions, edit: (plan: NodePlan) => void = () => {}) {
  const s = withOverrides(base, { algorithms: [ALG], seed: 4, horizon, runs: 1 });
  const plan = planNodes(base, QUICK, { algorithm: ALG, seed: 4, horizon, ...options });
  edit(plan);
  const samples: Pick<SiteSample, 'robot_id' | 'node' | 'sample' | 'step'>[] = [];
  const states: Pick<RobotState, 'robot_id' | 'current_node' | 'phase' | 'step'>[][] = Array.from({ length: 5 }, () => []);
  const logs: LogRecord[] = [];
  const poses: GeometryMsgsPoseStamped[] = [];
  const diagnostics = new Map<string, Map<string, string>>();
  let bus: MemoryTransport | undefined;
  const result = await startEmbedded(plan, s, {
    codec: cdrCodec,
    logSink: (r) => logs.push(r),
    // Two more steps after the last report: the robots land once the mission is over.
    drive: async (t, o) => {
      await t.run(o);
      await t.run({ untilNs: t.nowNs + 0.2e9 });
    },
    attach: (b) => {
      bus = b;
      const spy = b.createNode('spy');
      spy.createSubscription<SiteSample>(SITE_SAMPLE, '/samples', (m) => samples.push({ robot_id: m.robot_id, node: m.node, sample: m.sample, step: m.step }), REWARD_QOS);
      for (let i = 0; i < 5; i++) spy.createSubscription<RobotState>(ROBOT_STATE, `/robot_${i}/state`, (m) => states[i].push({ robot_id: m.robot_id, current_node: m.current_node, phase: m.phase, step: m.step }), TELEMETRY_QOS);
      spy.createSubscription<GeometryMsgsPoseStamped>('geometry_msgs/msg/PoseStamped', '/cf1/pose', (m) => poses.push(m), CF_POSE_SUB_QOS);
      spy.createSubscription<DiagnosticMsgsDiagnosticArray>('diagnostic_msgs/msg/DiagnosticArray', DIAGNOSTICS_TOPIC, (m) => {
        for (const st of m.status) diagnostics.set(st.name, new Map(st.values.map((v) => [v.key, v.value])));
      }, DEFAULT_QOS);
    },
  }).done;
  return { result, samples, states, logs, poses, diagnostics, services: bus!.services };
}

describe('crazyflie adapter on simulated Crazyflies (strict CDR)', () => {
  it('takes off, flies go_to per waypoint and gives exactly the samples and regret of graph_step', async () => {
    const stepped = await mission(120, {});
    const cf = await mission(120, { adapter: 'crazyflie' });
    expect(cf.result.roundsCompleted).toBe(120);
    expect(cf.samples.length).toBeGreaterThan(120);
    expect(cf.samples).toEqual(stepped.samples);
    expect(cf.states).toEqual(stepped.states);
    expect(cf.result.summary).toEqual(stepped.result.summary);
    // Services went through CDR: every call answered, none missing or late.
    expect(cf.services.stats.calls).toBeGreaterThan(5);
    expect(cf.services.stats).toMatchObject({ unavailable: 0, timedOut: 0 });
    expect(cf.services.stats.answered).toBeGreaterThanOrEqual(cf.services.stats.calls - 5); // the landings may be cut off by the end
    // cf1 flew at the take-off height (0.5 m: the quick scenario has no field altitudes), in the world frame.
    const last = cf.poses.at(-1)!;
    expect(last.header.frame_id).toBe('world');
    expect(cf.poses.some((p) => Math.abs(p.pose.position.z - 0.5) < 1e-6)).toBe(true);
    expect(cf.logs.filter((l) => /Crazyflie 'cf\d' of robot \d is up at 0.5 m/.test(l.message))).toHaveLength(5);
    expect(cf.logs.filter((l) => /Crazyflie 'cf\d' flew and was asked to land/.test(l.message))).toHaveLength(5);
    expect(cf.logs.filter((l) => /kinematic_robot/.test(l.name) && /Crazyflie 'cf\d': landed; 1 take-off, \d+ go_to and 1 land requests$/.test(l.message))).toHaveLength(5);
    expect(cf.logs.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });

  it('reads the pose from TF (world -> cf<i>, all Crazyswarm2\'s sim backend offers) with the same result', async () => {
    const stepped = await mission(60, {});
    const tf = await mission(60, { adapter: 'crazyflie' }, (plan) => {
      for (const n of plan.nodes) if (n.executable === 'robot' || n.executable === 'kinematic_robot') n.parameters.cf_pose_source = 'tf';
    });
    expect(tf.samples).toEqual(stepped.samples);
    expect(tf.result.summary).toEqual(stepped.result.summary);
    expect(tf.poses).toEqual([]); // nothing on /cf1/pose
    expect(tf.logs.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });

  it('a Crazyflie refusing take-off, one whose take-off never answers and one losing its pose are counted failures; the mission goes on with the rest', async () => {
    const horizon = 100;
    const run = await mission(horizon, { adapter: 'crazyflie' }, (plan) => {
      const vehicle = (i: number) => plan.nodes.find((n) => n.executable === 'kinematic_robot' && n.namespace === `/robot_${i}`)!;
      vehicle(1).parameters.takeoff_fault = 'no_answer';
      vehicle(2).parameters.takeoff_fault = 'refuse';
      vehicle(3).parameters.pose_loss_after = 4; // 4 s of node time = step ~39
      for (const n of plan.nodes) if (n.executable === 'robot') n.parameters.takeoff_timeout = 2;
    });
    expect(run.result.roundsCompleted).toBe(horizon);
    const warn = (robot: number, pattern: RegExp) => run.logs.some((l) => l.name === `/robot_${robot}/robot` && l.level === 'warn' && pattern.test(l.message));
    expect(warn(1, /take-off call to '\/cf2\/takeoff' failed: service '\/cf2\/takeoff' did not answer within 1 s: robot 1 is out of the mission, the others go on \(reason 'takeoff-failed'/)).toBe(true);
    expect(warn(2, /robot 2's Crazyflie 'cf3' is not up at 0.5 m takeoff_timeout = 2 s after the take-off request \(pose z 0.00 m\): robot 2 is out of the mission, the others go on \(reason 'takeoff-refused'/)).toBe(true);
    expect(warn(3, /no pose of robot 3's Crazyflie on '\/cf4\/pose' for more than odom_timeout = 2 s; asking it to land: robot 3 is out of the mission/)).toBe(true);
    expect(run.logs.some((l) => l.name === '/robot_3/kinematic_robot' && /Crazyflie 'cf4': (landing|landed); 1 take-off, \d+ go_to and 1 land requests/.test(l.message))).toBe(true);
    // Counted where operators look: /diagnostics of each robot node.
    expect(run.diagnostics.get('/robot_1/robot: message hygiene')?.get('takeoff-failed')).toBe('1');
    expect(run.diagnostics.get('/robot_2/robot: message hygiene')?.get('takeoff-refused')).toBe('1');
    expect(run.diagnostics.get('/robot_3/robot: message hygiene')?.get('pose-lost')).toBe('1');
    // Taken out: in transit (sampling nothing) from the failure to the end.
    const transit = (i: number, from: number) => run.states[i].slice(from).every((s) => s.phase === RobotState.PHASE_IN_TRANSIT);
    expect(transit(1, 15)).toBe(true);
    expect(transit(2, 25)).toBe(true);
    expect(transit(3, 65)).toBe(true);
    expect(transit(3, 30)).toBe(false); // it flew before
    // The others keep sampling to the end.
    const late = run.samples.filter((m) => m.step >= horizon - 20);
    expect(late.length).toBeGreaterThan(20);
    expect(new Set(late.map((m) => m.robot_id))).toEqual(new Set([0, 4]));
    expect(Number.isFinite(run.result.summary.algorithms[0].finalRegret.mean)).toBe(true);
  });

  it('rehearses field-crazyflie.yaml embedded: take-off to the field\'s altitude, 5 s steps at 1 m/s, exactly graph_step\'s samples', async () => {
    const file = 'sim/scenarios/field-crazyflie.yaml';
    const { scenario } = loadScenario(file);
    const rehearse = async (adapter: 'graph_step' | 'crazyflie') => {
      const plan = planNodes(scenario, file, { horizon: 30, adapter, simulateRobots: true, simulateEnvironment: true });
      const logs: LogRecord[] = [];
      const samples: SiteSample[] = [];
      const result = await startEmbedded(plan, withOverrides(scenario, { horizon: 30 }), {
        codec: cdrCodec,
        logSink: (r) => logs.push(r),
        attach: (b) => void b.createNode('spy').createSubscription<SiteSample>(SITE_SAMPLE, '/samples', (m) => samples.push(m), REWARD_QOS),
      }).done;
      return { result, logs, samples };
    };
    const stepped = await rehearse('graph_step');
    const cf = await rehearse('crazyflie');
    expect(cf.result.roundsCompleted).toBe(30);
    expect(cf.logs.filter((l) => /Crazyflie 'cf[123]' of robot \d is up at 0.6 m/.test(l.message))).toHaveLength(3);
    expect(new Set(cf.samples.map((m) => m.robot_id))).toEqual(new Set([0, 1, 2]));
    expect(cf.samples).toEqual(stepped.samples);
    expect(cf.result.summary).toEqual(stepped.result.summary);
    expect(cf.logs.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});
