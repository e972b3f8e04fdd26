// The kinematic robot simulator: first-order motion at bounded speed, odometry at its rate in the
// REP-105 frames, goals from goal_pose and from a NavigateToPose action server (feedback,
// success within tolerance, cancel, preemption, refused frames).
import { describe, expect, it } from 'vitest';
import { coverageWorld } from '../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import type { GeometryMsgsPoseStamped, NavMsgsOdometry } from '../../src/msg/index.js';
import { NAVIGATE_TO_POSE, type NavigateToPoseFeedback, type NavigateToPoseGoal, type NavigateToPoseResult } from '../../src/nodes/graph/adapters/navigateToPose.js';
import { ODOM_SUB_QOS } from '../../src/nodes/graph/adapters/poses.js';
import { sitePositions, startSites } from '../../src/nodes/graph/coverageContext.js';
import { FirstOrderMotion } from '../../src/nodes/kinematic/FirstOrderMotion.js';
import { kinematicRobotNode } from '../../src/nodes/kinematic/kinematicRobotNode.js';
import { runRng } from '../../src/experiments/runTask.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import type { ParameterValue } from '../../src/runtime/Parameters.js';

const QUICK = 'sim/scenarios/coverage-quick.yaml';

function world() {
  const s = loadScenario(QUICK).scenario as CoverageScenario;
  const w = coverageWorld(s);
  return { w, xyz: sitePositions(w), start: startSites(w, runRng(s.seed, 0))[0] };
}

function setup(parameters: Record<string, ParameterValue>) {
  const logs: LogRecord[] = [];
  const bus = new MemoryTransport({ codec: cdrCodec, logSink: (r) => logs.push(r) });
  const robot = bus.createNode('kinematic_robot', { namespace: '/robot_0', parameterOverrides: { scenario: QUICK, robot_id: 0, ...parameters } });
  kinematicRobotNode(robot);
  const test = bus.createNode('test', { namespace: '/robot_0' });
  const odom: { t: number; m: NavMsgsOdometry }[] = [];
  test.createSubscription<NavMsgsOdometry>('nav_msgs/msg/Odometry', 'odom', (m) => odom.push({ t: bus.nowNs, m }), ODOM_SUB_QOS);
  const goals = test.createPublisher<GeometryMsgsPoseStamped>('geometry_msgs/msg/PoseStamped', 'goal_pose');
  const run = (seconds: number) => bus.run({ untilNs: bus.nowNs + Math.round(seconds * 1e9) });
  return { bus, test, odom, goals, run, logs };
}

const at = (x: number, y: number, z = 0, frame = 'map'): GeometryMsgsPoseStamped => ({ header: { stamp: { sec: 0, nanosec: 0 }, frame_id: frame }, pose: { position: { x, y, z }, orientation: { x: 0, y: 0, z: 0, w: 1 } } });

describe('FirstOrderMotion', () => {
  it('cruises at max speed, slows exponentially near the goal and never overshoots', () => {
    const m = new FirstOrderMotion({ x: 0, y: 0, z: 0 }, { maxSpeed: 2, gain: 1 });
    m.goal = { x: 10, y: 0, z: 0 };
    const xs: number[] = [];
    for (let i = 0; i < 400; i++) {
      m.step(0.05);
      xs.push(m.position.x);
    }
    expect(xs[0]).toBeCloseTo(0.1, 12); // 2 m/s for 0.05 s
    for (let i = 1; i < xs.length; i++) {
      expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]);
      expect(xs[i] - xs[i - 1]).toBeLessThanOrEqual(0.1 + 1e-12);
      expect(xs[i]).toBeLessThanOrEqual(10);
    }
    expect(10 - xs.at(-1)!).toBeLessThan(1e-3);
    expect(m.yaw).toBe(0);
    expect(() => new FirstOrderMotion({ x: 0, y: 0, z: 0 }, { maxSpeed: 0, gain: 1 })).toThrow(/must be > 0/);
  });
});

describe('kinematic_robot node', () => {
  it('publishes odometry at its rate from the start site, frames odom -> base_link, and drives to goal_pose at bounded speed', async () => {
    const { w, xyz, start } = world();
    const { odom, goals, run } = setup({ rate: 50, max_speed: 4, gain: 2 });
    await run(1);
    expect(odom).toHaveLength(50);
    const first = odom[0].m;
    expect(first.header.frame_id).toBe('odom');
    expect(first.child_frame_id).toBe('base_link');
    expect(first.pose.pose.position).toEqual({ x: xyz[3 * start], y: xyz[3 * start + 1], z: xyz[3 * start + 2] });
    expect(first.pose.covariance).toHaveLength(36);
    const target = w.graph.neighbors.find((v, e) => e >= w.graph.offsets[start] && e < w.graph.offsets[start + 1] && v !== start)!;
    goals.publish(at(xyz[3 * target], xyz[3 * target + 1]));
    odom.length = 0;
    await run(30);
    const dist = (m: NavMsgsOdometry) => Math.hypot(m.pose.pose.position.x - xyz[3 * target], m.pose.pose.position.y - xyz[3 * target + 1]);
    for (let i = 1; i < odom.length; i++) {
      const a = odom[i - 1].m.pose.pose.position;
      const b = odom[i].m.pose.pose.position;
      expect(Math.hypot(b.x - a.x, b.y - a.y) / 0.02).toBeLessThanOrEqual(4 + 1e-9);
      expect(dist(odom[i].m)).toBeLessThanOrEqual(dist(odom[i - 1].m) + 1e-12);
      expect(Math.hypot(odom[i].m.twist.twist.linear.x, odom[i].m.twist.twist.linear.y)).toBeLessThanOrEqual(4 + 1e-9);
    }
    expect(dist(odom.at(-1)!.m)).toBeLessThan(1e-3);
    // Heading along the motion: the twist is forward speed in base_link.
    const moving = odom.find((o) => Math.abs(o.m.twist.twist.linear.x) > 1)!;
    expect(Math.abs(moving.m.twist.twist.linear.y)).toBeLessThan(1e-9);
  });

  it('refuses goals in frames it cannot serve and non-finite ones, counted and logged', async () => {
    const { xyz, start } = world();
    const { odom, goals, run, logs } = setup({ rate: 20 });
    goals.publish(at(1000, 1000, 0, 'base_link'));
    goals.publish(at(Number.NaN, 0));
    await run(1);
    expect(odom.at(-1)!.m.pose.pose.position.x).toBe(xyz[3 * start]);
    expect(logs.some((l) => l.level === 'warn' && /goal in frame 'base_link'; this robot takes goals in 'map'/.test(l.message))).toBe(true);
    await run(0.5);
    expect(logs.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('serves NavigateToPose: feedback while moving, SUCCEEDED within goal_tolerance; cancels; a newer goal preempts', async () => {
    const { xyz, start } = world();
    const { bus, test, odom, run } = setup({ rate: 20, max_speed: 5, gain: 2, goal_tolerance: 0.05, nav2_server: true });
    const client = test.createActionClient<NavigateToPoseGoal, NavigateToPoseResult, NavigateToPoseFeedback>(NAVIGATE_TO_POSE, 'navigate_to_pose');
    expect(client.name).toBe('/robot_0/navigate_to_pose');
    expect(client.isServerAvailable()).toBe(true);
    const x0 = xyz[3 * start];
    const y0 = xyz[3 * start + 1];
    const feedback: NavigateToPoseFeedback[] = [];
    const pending = client.sendGoal({ pose: at(x0 + 10, y0), behavior_tree: '' }, (f) => feedback.push(f));
    await run(0.01);
    const handle = await pending;
    expect(handle.accepted).toBe(true);
    const result = handle.result();
    await run(20);
    expect(await result).toEqual({ status: 'succeeded', result: {} });
    const last = odom.at(-1)!.m.pose.pose.position;
    expect(Math.hypot(last.x - (x0 + 10), last.y - y0)).toBeLessThanOrEqual(0.05);
    expect(feedback.length).toBeGreaterThan(20);
    expect(feedback[0].current_pose.header.frame_id).toBe('map');
    for (let i = 1; i < feedback.length; i++) expect(feedback[i].distance_remaining).toBeLessThanOrEqual(feedback[i - 1].distance_remaining);
    expect(feedback.at(-1)!.navigation_time.sec).toBeGreaterThan(1);

    // Cancel: accepted, the robot stops where it is.
    const second = client.sendGoal({ pose: at(x0 + 100, y0), behavior_tree: '' });
    await run(0.01);
    const h2 = await second;
    await run(1);
    const canceled = h2.cancel();
    await run(0.2);
    expect(await canceled).toBe(true);
    expect((await h2.result()).status).toBe('canceled');
    const stopped = odom.at(-1)!.m.pose.pose.position.x;
    await run(1);
    expect(odom.at(-1)!.m.pose.pose.position.x).toBe(stopped);

    // Preemption: a second goal ends the first (aborted), the second runs to success.
    const a = client.sendGoal({ pose: at(x0 - 50, y0), behavior_tree: '' });
    const b = client.sendGoal({ pose: at(stopped, y0 + 1), behavior_tree: '' });
    await run(0.01);
    const [ha, hb] = [await a, await b];
    await run(5);
    expect((await ha.result()).status).toBe('aborted');
    expect((await hb.result()).status).toBe('succeeded');

    // Goals in a frame it cannot serve are rejected.
    const wrong = client.sendGoal({ pose: at(0, 0, 0, 'base_link'), behavior_tree: '' });
    await run(0.01);
    expect((await wrong).accepted).toBe(false);
    expect(bus.actions.list()).toEqual([{ name: '/robot_0/navigate_to_pose', type: NAVIGATE_TO_POSE, server: true }]);
  });
});
