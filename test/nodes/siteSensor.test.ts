// Real rewards: without the simulated environment a site_sensor per robot turns a sensor topic
// into SiteSamples (sensor contract in README), and the monitor reports collected reward and the
// planner's own estimated regret. A fake sensor whose readings depend on where its robot stands
// drives whole missions; the learner converges to the sites with the highest readings.
import { describe, expect, it } from 'vitest';
import { greedyAllocation } from '../../src/core/graph/greedyAllocation.js';
import { Rng } from '../../src/core/random.js';
import { coverageWorld } from '../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { RobotState, type Allocation, type CollectedReward, type RegretReport, type SiteSample, type StdMsgsFloat64 } from '../../src/msg/index.js';
import { DropCounter } from '../../src/nodes/DropCounter.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { sitePositions } from '../../src/nodes/graph/coverageContext.js';
import { COLLECTED_REWARD, ESTIMATED_SUFFIX } from '../../src/nodes/graph/estimatedRegretMonitor.js';
import { SampleSlots } from '../../src/nodes/graph/SampleSlots.js';
import { DwellReadings, fieldPathProblem, parseFieldPath, readField } from '../../src/nodes/graph/sensorField.js';
import { ALLOCATION, ROBOT_STATE, SITE_SAMPLE } from '../../src/nodes/graph/topics.js';
import { planNodes, type PlanOptions } from '../../src/nodes/plan.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import type { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import type { NodeHandle } from '../../src/runtime/NodeHandle.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';
import { runCli } from '../helpers/cli.js';

const QUICK = 'sim/scenarios/coverage-quick.yaml';
const ALG = 'Multi-G-UCB';
const { scenario: base } = loadScenario(QUICK);
const SEED = 3;
// The graph is drawn from the seed: the world of the missions' seed.
const world = coverageWorld(withOverrides(base, { seed: SEED }) as CoverageScenario);
const K = world.graph.size;
const N = world.robots;
const xyz = sitePositions(world);
/** The field the fake sensors measure: three hot sites, the rest low. */
const HOT = [4, 11, 23];
const FIELD = Float64Array.from({ length: K }, (_, k) => (HOT.includes(k) ? 0.9 : 0.2 + 0.01 * (k % 7)));

function nearestSite(x: number, y: number, z: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let k = 0; k < K; k++) {
    const d = Math.hypot(x - xyz[3 * k], y - xyz[3 * k + 1], z - xyz[3 * k + 2]);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/**
 * One fake sensor per robot on /robot_<i>/sensor (std_msgs/Float64 `data`) at `hz` of node time:
 * the field at the site nearest the robot's last reported pose, plus uniform noise +-0.05. The
 * readings start 3 ms after the round clock's grid, so none coincides with a state message.
 */
function attachFakeSensors(bus: MemoryTransport, hz: number, seed = 7, type: 'float64' | 'range' = 'float64') {
  for (let i = 0; i < N; i++) {
    const node = bus.createNode('fake_sensor', { namespace: `/robot_${i}` });
    const rng = new Rng(seed).stream(`sensor/${i}`);
    let at: number | null = null;
    node.createSubscription<RobotState>(ROBOT_STATE, 'state', (s) => (at = nearestSite(s.pose.position.x, s.pose.position.y, s.pose.position.z)), TELEMETRY_QOS);
    if (type === 'float64') {
      const pub = node.createPublisher<StdMsgsFloat64>('std_msgs/msg/Float64', 'sensor');
      every(node, hz, () => {
        if (at !== null) pub.publish({ data: FIELD[at] + rng.uniformRange(-0.05, 0.05) });
      });
    } else {
      const pub = node.createPublisher('sensor_msgs/msg/Range', 'range');
      every(node, hz, () => {
        if (at !== null) pub.publish({ header: { stamp: { sec: 0, nanosec: 0 }, frame_id: 'sonar' }, radiation_type: 1, field_of_view: 0.5, min_range: 0, max_range: 10, range: FIELD[at] + rng.uniformRange(-0.05, 0.05) });
      });
    }
  }
}

function every(node: NodeHandle, hz: number, tick: () => void): void {
  const align = node.createTimer(0.003, () => {
    align.cancel();
    node.createTimer(1 / hz, tick);
    tick();
  });
}

async function realSensorMission(horizon: number, options: PlanOptions, attach: (bus: MemoryTransport) => void, strict = true) {
  const s = withOverrides(base, { algorithms: [ALG], seed: SEED, horizon, runs: 1 });
  const plan = planNodes(base, QUICK, { algorithm: ALG, seed: SEED, horizon, simulateEnvironment: false, ...options });
  const logs: LogRecord[] = [];
  const samples: SiteSample[] = [];
  const allocations: Allocation[] = [];
  const regret: RegretReport[] = [];
  const rewards: CollectedReward[] = [];
  const result = await startEmbedded(plan, s, {
    codec: strict ? cdrCodec : undefined,
    logSink: (r) => logs.push(r),
    attach: (bus) => {
      attach(bus);
      const spy = bus.createNode('spy');
      spy.createSubscription<SiteSample>(SITE_SAMPLE, '/samples', (m) => samples.push(m), REWARD_QOS);
      spy.createSubscription<Allocation>(ALLOCATION, '/allocation', (m) => allocations.push(m), TELEMETRY_QOS);
      spy.createSubscription<RegretReport>('fleet_bandits_msgs/msg/RegretReport', '/regret', (m) => regret.push(m), TELEMETRY_QOS);
      spy.createSubscription<CollectedReward>(COLLECTED_REWARD, '/collected_reward', (m) => rewards.push(m), TELEMETRY_QOS);
    },
  }).done;
  return { plan, result, logs, samples, allocations, regret, rewards };
}

describe('plan without a simulated environment', () => {
  it('has no environment node, a site_sensor per robot with the sensor parameters, and a monitor without ground truth', () => {
    const plan = planNodes(base, QUICK, { simulateEnvironment: false, sensor: { topic: 'sonar/range', type: 'sensor_msgs/msg/Range', field: 'range', reducer: 'max', dwell: 0.02 } });
    expect(plan.nodes.map((n) => `${n.namespace}|${n.executable}`)).toEqual([
      '/|planner',
      ...[0, 1, 2, 3, 4].map((i) => `/robot_${i}|robot`),
      ...[0, 1, 2, 3, 4].map((i) => `/robot_${i}|site_sensor`),
      '/|markers',
      '/|monitor',
    ]);
    expect(plan.nodes[6].parameters).toMatchObject({ robot_id: 0, sensor_topic: 'sonar/range', sensor_type: 'sensor_msgs/msg/Range', sensor_field: 'range', reducer: 'max', dwell: 0.02 });
    expect(plan.nodes.at(-1)!.parameters.ground_truth).toBe(false);
    expect(planNodes(base, QUICK).nodes.map((n) => n.executable)).toContain('environment');
    expect(planNodes(base, QUICK).nodes.at(-1)!.parameters).not.toHaveProperty('ground_truth');
  });

  it('`plan --no-simulate-environment` prints it', () => {
    const r = runCli(['plan', QUICK, '--no-simulate-environment', '--sensor-type', 'sensor_msgs/msg/Range', '--sensor-field', 'range']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { nodes: { executable: string; parameters: Record<string, unknown> }[] };
    expect(plan.nodes.map((n) => n.executable)).not.toContain('environment');
    expect(plan.nodes.find((n) => n.executable === 'site_sensor')?.parameters).toMatchObject({ sensor_type: 'sensor_msgs/msg/Range', sensor_field: 'range' });
  });
});

describe('sensor fields and the sample rule', () => {
  it('parses field paths and checks them against the sensor type', () => {
    expect(parseFieldPath('pose.position.z')).toEqual(['pose', 'position', 'z']);
    expect(parseFieldPath('ranges[3]')).toEqual(['ranges', 3]);
    expect(() => parseFieldPath('Range')).toThrow("'Range' is not a field name");
    expect(fieldPathProblem('sensor_msgs/msg/Range', ['range'])).toBeNull();
    expect(fieldPathProblem('std_msgs/msg/Float64', ['data'])).toBeNull();
    expect(fieldPathProblem('nav_msgs/msg/Odometry', ['pose', 'pose', 'position', 'z'])).toBeNull();
    expect(fieldPathProblem('sensor_msgs/msg/Range', ['distance'])).toMatch(/has no field 'distance' \(fields: header, radiation_type, field_of_view, min_range, max_range, range\)/);
    expect(fieldPathProblem('sensor_msgs/msg/Range', ['header'])).toMatch(/is a message .* not a number/);
    expect(fieldPathProblem('sensor_msgs/msg/Range', ['header', 'frame_id'])).toMatch(/is a string, not a number/);
    expect(fieldPathProblem('nav_msgs/msg/Odometry', ['pose', 'covariance'])).toMatch(/is an array: give an element/);
    expect(fieldPathProblem('my_msgs/msg/Unknown', ['x'])).toBeNull(); // checked on the readings
    expect(readField({ a: { b: [1, 2.5] } }, ['a', 'b', 1])).toBe(2.5);
    expect(readField({ data: 'x' }, ['data'])).toMatch(/is string, not a number/);
    expect(readField({ data: NaN }, ['data'])).toMatch(/is NaN/);
    const d = new DwellReadings();
    for (const v of [0.2, 0.9, 0.4]) d.add(v);
    expect([d.reduce('mean'), d.reduce('max'), d.reduce('last')]).toEqual([0.5, 0.9, 0.4]);
  });

  it('uses the lowest-numbered robot\'s sample of a site and step whatever the order; counts duplicates, late and early samples', () => {
    const logs: string[] = [];
    const drops = new DropCounter({ debug: () => {}, info: () => {}, warn: (m: string) => logs.push(m), error: () => {}, fatal: () => {} } as never);
    const slots = new SampleSlots(4, 3, 100, drops);
    const sample = (robot: number, node: number, value: number, step: number) => slots.add({ header: { stamp: { sec: 0, nanosec: 0 }, frame_id: '' }, robot_id: robot, node, sample: value, step });
    sample(2, 1, 0.3, 0);
    sample(0, 1, 0.7, 0);
    sample(1, 1, 0.5, 0);
    expect([slots.has(1, 0), slots.robotOf(1), slots.values[1], slots.redundant]).toEqual([true, 0, 0.7, 2]);
    sample(0, 1, 0.8, 0);
    expect(drops.count('duplicate')).toBe(1);
    sample(0, 2, 0.1, 1);
    expect(drops.count('early-sample')).toBe(0); // site 2 held nothing
    sample(0, 1, 0.1, 1);
    expect(drops.count('early-sample')).toBe(1); // site 1 still holds the undecided step 0
    slots.decide(0);
    sample(1, 3, 0.4, 0);
    expect(drops.count('late-sample')).toBe(1);
    sample(0, 1, 0.6, 1);
    expect([slots.has(1, 1), slots.values[1]]).toEqual([true, 0.6]);
    sample(5, 1, 0.6, 1);
    sample(0, 9, 0.6, 1);
    sample(0, 0, Infinity, 1);
    expect([drops.count('unknown-robot'), drops.count('unknown-site'), drops.count('bad-value')]).toEqual([1, 1, 1]);
  });
});

describe('missions on real sensors (embedded, strict CDR)', () => {
  it('a fake sensor drives a whole mission: the learner converges to the sites with the highest readings', async () => {
    const horizon = 1500;
    const run = await realSensorMission(horizon, {}, (bus) => attachFakeSensors(bus, 50));
    expect(run.result.roundsCompleted).toBe(horizon);
    // Every step, each robot standing on a site yields one sample from its sensor (fewer when robots share a site).
    expect(run.samples.length).toBeGreaterThan(horizon * 3);
    for (const m of run.samples.slice(0, 200)) expect(Math.abs(m.sample - FIELD[m.node])).toBeLessThanOrEqual(0.05 + 1e-12);
    const expected = new Int32Array(K);
    greedyAllocation(FIELD, world.weights, N, expected);
    expect(HOT.every((k) => expected[k] > 0)).toBe(true);
    const last = run.allocations.at(-1)!;
    expect(last.target_counts).toEqual(Array.from(expected));
    for (const k of HOT) expect(last.means[k]).toBeCloseTo(0.9, 1);
    // Late in the mission nearly all samples come from the hot sites.
    const late = run.samples.filter((m) => m.step >= 0.8 * horizon);
    expect(late.filter((m) => HOT.includes(m.node)).length / late.length).toBeGreaterThan(0.9);
    // The monitor: collected reward of exactly the samples used, and the planner's estimated regret, said so.
    expect(run.rewards).toHaveLength(horizon);
    expect(run.rewards.every((r) => !r.ground_truth)).toBe(true);
    // One sample per site and step: the lowest-numbered robot's (robots sharing a site each send one).
    const chosen = new Map<string, SiteSample>();
    for (const m of run.samples) {
      const key = `${m.step}/${m.node}`;
      const held = chosen.get(key);
      if (held === undefined || m.robot_id < held.robot_id) chosen.set(key, m);
    }
    expect(chosen.size).toBeLessThan(run.samples.length);
    expect(run.rewards.reduce((a, r) => a + r.samples, 0)).toBe(chosen.size);
    expect(run.rewards.at(-1)!.cumulative_reward).toBeCloseTo([...chosen.values()].reduce((a, m) => a + m.sample, 0), 6);
    expect(run.logs.some((l) => l.name === '/planner' && /samples of sites another robot had already sampled in the same step/.test(l.message))).toBe(true);
    expect(run.regret).toHaveLength(horizon);
    expect(run.regret.every((r) => r.run_label.endsWith(ESTIMATED_SUFFIX))).toBe(true);
    const lateRegret = run.regret.slice(-100).reduce((a, r) => a + r.instant_regret, 0) / 100;
    const earlyRegret = run.regret.slice(50, 150).reduce((a, r) => a + r.instant_regret, 0) / 100;
    expect(lateRegret).toBeLessThan(earlyRegret / 3);
    expect(run.logs.some((l) => l.name === '/monitor' && /no ground truth/.test(l.message))).toBe(true);
    expect(run.logs.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });

  it('reads sensor_msgs/Range `range` with the max reducer over a dwell; a robot without readings yields no sample (counted)', async () => {
    const run = await realSensorMission(200, { sensor: { topic: 'range', type: 'sensor_msgs/msg/Range', field: 'range', reducer: 'max', dwell: 0.02 } }, (bus) => attachFakeSensors(bus, 400, 7, 'range'));
    expect(run.result.roundsCompleted).toBe(200);
    expect(run.samples.length).toBeGreaterThan(200 * 3);
    // The max of ~8 readings of FIELD + U(-0.05, 0.05) sits in the upper part of the noise band.
    const offsets = run.samples.map((m) => m.sample - FIELD[m.node]);
    expect(Math.max(...offsets)).toBeLessThanOrEqual(0.05);
    expect(offsets.reduce((a, b) => a + b, 0) / offsets.length).toBeGreaterThan(0.025);
    const silent = await realSensorMission(30, {}, () => {}, false);
    expect(silent.result.roundsCompleted).toBe(30);
    expect(silent.samples).toEqual([]);
    expect(silent.logs.some((l) => l.name === '/robot_0/site_sensor' && l.level === 'warn' && /no reading on 'sensor' while robot 0 stood on site/.test(l.message))).toBe(true);
    expect(silent.rewards.at(-1)!.cumulative_reward).toBe(0);
  });

  it('a sensor_field that is not a number of the sensor type stops the node with a one-line error naming the parameter', async () => {
    const plan = planNodes(base, QUICK, { simulateEnvironment: false, horizon: 5, sensor: { type: 'sensor_msgs/msg/Range', field: 'header.frame_id' } });
    const s = withOverrides(base, { algorithms: [ALG], horizon: 5 });
    await expect(startEmbedded(plan, s, { logSink: () => {} }).done).rejects.toThrow(/^parameter 'sensor_field' is 'header.frame_id': sensor_msgs\/msg\/Range.header.frame_id is a string, not a number \[node=\/robot_0\/site_sensor\]$/);
  });
});

// Keep the PHASE constant referenced so a renamed phase breaks this file loudly.
void RobotState.PHASE_IN_TRANSIT;
