// The px4 adapter against simulated PX4 vehicles (kinematic_robot with vehicle: px4) speaking the
// same px4_msgs topics as PX4's uXRCE-DDS client: ENU <-> NED, arm + offboard, setpoints, arrival
// from VehicleLocalPosition. A mission gives exactly graph_step's samples and regret (strict CDR);
// a vehicle refusing offboard and one losing its position are clear, counted failures while the
// mission goes on with the rest.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { RobotState, type Px4MsgsOffboardControlMode, type Px4MsgsTrajectorySetpoint, type Px4MsgsVehicleCommand, type SiteSample } from '../../src/msg/index.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { enuToNed, enuYawToNed, nedToEnu, PX4_IN_QOS, PX4_TOPICS } from '../../src/nodes/graph/adapters/px4.js';
import { ROBOT_STATE, SITE_SAMPLE } from '../../src/nodes/graph/topics.js';
import { planNodes, type NodePlan, type PlanOptions } from '../../src/nodes/plan.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';

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
  let heartbeats = 0;
  const setpoints: Px4MsgsTrajectorySetpoint[] = [];
  const commands: Px4MsgsVehicleCommand[] = [];
  const result = await startEmbedded(plan, s, {
    codec: cdrCodec,
    logSink: (r) => logs.push(r),
    attach: (bus) => {
      const spy = bus.createNode('spy');
      spy.createSubscription<SiteSample>(SITE_SAMPLE, '/samples', (m) => samples.push({ robot_id: m.robot_id, node: m.node, sample: m.sample, step: m.step }), REWARD_QOS);
      for (let i = 0; i < 5; i++) spy.createSubscription<RobotState>(ROBOT_STATE, `/robot_${i}/state`, (m) => states[i].push({ robot_id: m.robot_id, current_node: m.current_node, phase: m.phase, step: m.step }), TELEMETRY_QOS);
      if (options.adapter === 'px4') {
        spy.createSubscription<Px4MsgsOffboardControlMode>('px4_msgs/msg/OffboardControlMode', `/robot_0/${PX4_TOPICS.offboardControlMode}`, () => heartbeats++, PX4_IN_QOS);
        spy.createSubscription<Px4MsgsTrajectorySetpoint>('px4_msgs/msg/TrajectorySetpoint', `/robot_0/${PX4_TOPICS.trajectorySetpoint}`, (m) => setpoints.push(m), PX4_IN_QOS);
        spy.createSubscription<Px4MsgsVehicleCommand>('px4_msgs/msg/VehicleCommand', `/robot_2/${PX4_TOPICS.vehicleCommand}`, (m) => commands.push(m), PX4_IN_QOS);
      }
    },
  }).done;
  return { result, samples, states, logs, heartbeats, setpoints, commands };
}

describe('PX4 frames', () => {
  it('converts map ENU to PX4 NED and back: x north = y east-up, z down = -z up', () => {
    expect(enuToNed({ x: 1, y: 2, z: 3 })).toEqual({ x: 2, y: 1, z: -3 });
    expect(nedToEnu(enuToNed({ x: -4.5, y: 7, z: 10 }))).toEqual({ x: -4.5, y: 7, z: 10 });
    expect(enuYawToNed(0)).toBeCloseTo(Math.PI / 2, 12); // facing east
    expect(enuYawToNed(Math.PI / 2)).toBeCloseTo(0, 12); // facing north
  });
});

describe('px4 adapter on simulated PX4 vehicles (strict CDR)', () => {
  it('arms, switches to offboard and flies the mission with exactly the samples and regret of graph_step', async () => {
    const stepped = await mission(120, {});
    const px4 = await mission(120, { adapter: 'px4' });
    expect(px4.result.roundsCompleted).toBe(120);
    expect(px4.samples.length).toBeGreaterThan(120);
    expect(px4.samples).toEqual(stepped.samples);
    expect(px4.states).toEqual(stepped.states);
    expect(px4.result.summary).toEqual(stepped.result.summary);
    // A heartbeat at the stream rate (400 Hz of node time here), setpoints in NED with NaN for the rest.
    expect(px4.heartbeats).toBeGreaterThan(120 * 0.1 * 400 * 0.9);
    const sp = px4.setpoints.at(-1)!;
    expect(sp.position.every(Number.isFinite)).toBe(true);
    expect(sp.velocity.every(Number.isNaN)).toBe(true);
    // Every vehicle flew in offboard; nothing refused, lost or warned.
    expect(px4.logs.filter((l) => /PX4 flew in offboard/.test(l.message))).toHaveLength(5);
    expect(px4.logs.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });

  it('a vehicle refusing offboard and one losing its position are counted failures; the mission goes on with the rest', async () => {
    const horizon = 100;
    const run = await mission(horizon, { adapter: 'px4' }, (plan) => {
      const vehicle = (i: number) => plan.nodes.find((n) => n.executable === 'kinematic_robot' && n.namespace === `/robot_${i}`)!;
      vehicle(2).parameters.refuse_offboard = true;
      vehicle(3).parameters.position_loss_after = 4; // 4 s of node time = step ~39
      for (const n of plan.nodes) if (n.executable === 'robot') n.parameters.offboard_timeout = 2;
    });
    expect(run.result.roundsCompleted).toBe(horizon);
    const warn = (robot: number, pattern: RegExp) => run.logs.some((l) => l.name === `/robot_${robot}/robot` && l.level === 'warn' && pattern.test(l.message));
    expect(warn(2, /robot 2's PX4 \(system 3\) is not armed in offboard mode after offboard_timeout = 2 s .*\(reason 'offboard-refused'/)).toBe(true);
    expect(run.logs.some((l) => l.name === '/robot_2/robot' && /PX4 never entered offboard \(\d+ arm\/offboard requests\)/.test(l.message))).toBe(true);
    expect(run.commands.filter((c) => c.command === 176 && c.param2 === 6 && c.target_system === 3).length).toBeGreaterThan(3); // still asking
    expect(warn(3, /PX4 local position of robot 3 flagged invalid .*\(reason 'position-invalid'/)).toBe(true);
    expect(warn(3, /no odometry for more than odom_timeout = 2 s on 'fmu\/out\/vehicle_local_position'/)).toBe(true);
    // Robot 2 never moves: once sent elsewhere it stays in transit; robot 3 is blind after the loss.
    const transit = (i: number, from: number) => run.states[i].slice(from).every((s) => s.phase === RobotState.PHASE_IN_TRANSIT);
    const firstMove = run.states[2].findIndex((s) => s.phase === RobotState.PHASE_IN_TRANSIT);
    expect(firstMove).toBeGreaterThanOrEqual(0);
    expect(transit(2, firstMove)).toBe(true);
    expect(transit(3, 60)).toBe(true);
    // The others keep sampling to the end.
    const late = run.samples.filter((m) => m.step >= horizon - 20);
    expect(new Set(late.map((m) => m.robot_id))).toEqual(new Set([0, 1, 4].filter((i) => late.some((m) => m.robot_id === i))));
    expect(late.length).toBeGreaterThan(20);
    expect(late.every((m) => m.robot_id !== 2 && m.robot_id !== 3)).toBe(true);
    expect(Number.isFinite(run.result.summary.algorithms[0].finalRegret.mean)).toBe(true);
  });
});
