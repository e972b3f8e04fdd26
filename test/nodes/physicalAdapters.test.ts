// The pose_goal and nav2 adapters step by step on the embedded transport, against scripted
// odometry and a scripted NavigateToPose server: arrival within tolerance, in transit without
// odometry, refusals like graph_step's, goals canceled on a new target, failed goals sent again.
import { describe, expect, it } from 'vitest';
import { coverageWorld } from '../../src/experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../src/experiments/coverage/schema.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { GraphRobotMotion } from '../../src/envs/sites/GraphRobotMotion.js';
import type { GeometryMsgsPoseStamped, NavMsgsOdometry } from '../../src/msg/index.js';
import { DropCounter } from '../../src/nodes/DropCounter.js';
import { createRobotAdapter } from '../../src/nodes/graph/adapters/createRobotAdapter.js';
import { NAVIGATE_TO_POSE, type NavigateToPoseFeedback, type NavigateToPoseGoal, type NavigateToPoseResult } from '../../src/nodes/graph/adapters/navigateToPose.js';
import type { AdapterName, PhysicalAdapterOptions } from '../../src/nodes/graph/adapters/RobotAdapter.js';
import { sitePositions } from '../../src/nodes/graph/coverageContext.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import type { ServerGoalHandle } from '../../src/runtime/NodeHandle.js';

const world = coverageWorld(loadScenario('sim/scenarios/coverage-quick.yaml').scenario as CoverageScenario);
const xyz = sitePositions(world);
const g = world.graph;
const neighbours = (u: number) => Array.from(g.neighbors.subarray(g.offsets[u], g.offsets[u + 1])).filter((v) => v !== u);
const START = 0;
const A = neighbours(START)[0];
const B = neighbours(A).find((v) => v !== START)!;
const FAR = [...Array(g.size).keys()].find((v) => v !== START && !neighbours(START).includes(v))!;

const OPTIONS: PhysicalAdapterOptions = { arrivalTolerance: 0.5, odomTimeout: 1, serverTimeout: 0.5, behaviorTree: '' };

function setup(name: AdapterName, options: Partial<PhysicalAdapterOptions> = {}) {
  const logs: LogRecord[] = [];
  const bus = new MemoryTransport({ logSink: (r) => logs.push(r) });
  const node = bus.createNode('robot', { namespace: '/robot_0' });
  const drops = new DropCounter(node.logger);
  const adapter = createRobotAdapter(name, { node, id: 0, world, start: START, positions: xyz, frameId: 'map', drops }, { ...OPTIONS, ...options });
  const sim = bus.createNode('sim', { namespace: '/robot_0' });
  const odomPub = sim.createPublisher<NavMsgsOdometry>('nav_msgs/msg/Odometry', 'odom');
  const goals: GeometryMsgsPoseStamped[] = [];
  sim.createSubscription<GeometryMsgsPoseStamped>('geometry_msgs/msg/PoseStamped', 'goal_pose', (m) => goals.push(m));
  const odomAt = (site: number, offset = 0) =>
    odomPub.publish({
      header: { stamp: { sec: 0, nanosec: 0 }, frame_id: 'odom' },
      child_frame_id: 'base_link',
      pose: { pose: { position: { x: xyz[3 * site] + offset, y: xyz[3 * site + 1], z: xyz[3 * site + 2] }, orientation: { x: 0, y: 0, z: 0, w: 1 } }, covariance: Array(36).fill(0) },
      twist: { twist: { linear: { x: 0, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } }, covariance: Array(36).fill(0) },
    });
  const run = (seconds = 0.01) => bus.run({ untilNs: bus.nowNs + Math.round(seconds * 1e9) });
  return { bus, adapter, drops, sim, odomAt, goals, run, logs };
}

describe('pose_goal adapter', () => {
  it('is on a site within the tolerance, in transit otherwise or without fresh odometry; departs with a goal at the target', async () => {
    const { adapter, odomAt, goals, run, logs } = setup('pose_goal');
    expect(adapter.onStepStart()).toMatchObject({ site: START, target: START, inTransit: true }); // no odometry yet
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(["no odometry yet on 'odom': robot 0 counts as in transit until it arrives (warned once)"]);
    adapter.command(null);
    await run();
    expect(goals).toHaveLength(1); // not there yet: asked to go to its start site
    odomAt(START, 0.4);
    await run();
    const fix = adapter.onStepStart();
    expect(fix).toMatchObject({ site: START, target: START, inTransit: false });
    expect(fix.pose.position.x).toBeCloseTo(xyz[3 * START] + 0.4, 12);
    adapter.command(A);
    await run();
    expect(goals).toHaveLength(2);
    const goal = goals[1];
    expect(goal.header.frame_id).toBe('map');
    expect(goal.pose.position).toEqual({ x: xyz[3 * A], y: xyz[3 * A + 1], z: xyz[3 * A + 2] });
    // Facing along the edge.
    const yaw = 2 * Math.atan2(goal.pose.orientation.z, goal.pose.orientation.w);
    expect(yaw).toBeCloseTo(Math.atan2(xyz[3 * A + 1] - xyz[3 * START + 1], xyz[3 * A] - xyz[3 * START]), 9);
    expect(adapter.onStepStart()).toMatchObject({ site: A, target: A, inTransit: true });
    adapter.command(null);
    await run();
    expect(goals).toHaveLength(3); // repeated while not there
    odomAt(A, -0.3);
    await run();
    expect(adapter.onStepStart()).toMatchObject({ site: A, inTransit: false });
    // Odometry goes stale after odom_timeout: in transit again, warned once.
    await run(1.5);
    expect(adapter.onStepStart()).toMatchObject({ site: A, inTransit: true });
    expect(logs.filter((l) => /odom_timeout = 1 s/.test(l.message))).toHaveLength(1);
    expect(adapter.summary?.()).toMatch(/^\d+ steps in transit \(\d+ without fresh odometry\)$/);
  });

  it('refuses a non-adjacent waypoint exactly like graph_step and keeps its target', async () => {
    const { adapter, odomAt, goals, run, drops, logs } = setup('pose_goal');
    odomAt(START);
    await run();
    adapter.onStepStart();
    adapter.command(FAR);
    await run();
    expect(drops.count('refused-waypoint')).toBe(1);
    expect(goals).toHaveLength(0);
    expect(adapter.onStepStart()).toMatchObject({ site: START, target: START, inTransit: false });
    const reference: string[] = [];
    new GraphRobotMotion(g, [START], { onRefusal: (m) => reference.push(m) }).receive(0, FAR);
    expect(logs.find((l) => /refused waypoint/.test(l.message))?.message).toContain(reference[0]);
  });
});

/** A scripted NavigateToPose server: holds goals until told, records cancel requests. */
function scriptedServer(bus: MemoryTransport, accept: (goal: NavigateToPoseGoal) => boolean = () => true) {
  const node = bus.createNode('nav2', { namespace: '/robot_0' });
  const goals: { handle: ServerGoalHandle<NavigateToPoseGoal, NavigateToPoseFeedback>; finish: () => void }[] = [];
  const canceled: string[] = [];
  node.createActionServer<NavigateToPoseGoal, NavigateToPoseResult, NavigateToPoseFeedback>(NAVIGATE_TO_POSE, 'navigate_to_pose', {
    onGoal: accept,
    execute: (handle) =>
      new Promise<NavigateToPoseResult>((done) => {
        goals.push({ handle, finish: () => done({}) });
      }),
    onCancel: (handle) => {
      canceled.push(handle.goalId);
      return true;
    },
  });
  const succeed = (i: number) => {
    goals[i].handle.succeed();
    goals[i].finish();
  };
  return { goals, canceled, succeed };
}

describe('nav2 adapter', () => {
  it('arrives on the goal\'s success, cancels the goal in flight when it departs again, and sends the behaviour tree', async () => {
    const { bus, adapter, run, drops } = setup('nav2', { behaviorTree: 'navigate_w_replanning.xml' });
    const server = scriptedServer(bus);
    adapter.command(null); // no odometry, no goal: go to the start site
    await run();
    expect(server.goals).toHaveLength(1);
    server.succeed(0);
    await run();
    expect(adapter.onStepStart()).toMatchObject({ site: START, inTransit: false });
    adapter.command(A);
    await run();
    expect(server.goals).toHaveLength(2);
    const request = server.goals[1].handle.request;
    expect(request.behavior_tree).toBe('navigate_w_replanning.xml');
    expect(request.pose.header.frame_id).toBe('map');
    expect(request.pose.pose.position).toEqual({ x: xyz[3 * A], y: xyz[3 * A + 1], z: xyz[3 * A + 2] });
    expect(adapter.onStepStart()).toMatchObject({ site: A, inTransit: true });
    adapter.command(null); // still on its way: no second goal for the same site
    await run();
    expect(server.goals).toHaveLength(2);
    server.succeed(1);
    await run();
    expect(adapter.onStepStart()).toMatchObject({ site: A, inTransit: false });
    // Depart to B; arrive early by odometry while the goal still runs; depart again: the goal is canceled.
    adapter.command(B);
    await run();
    expect(server.goals).toHaveLength(3);
    const odomAt = setupOdom(bus);
    odomAt(B);
    await run();
    expect(adapter.onStepStart()).toMatchObject({ site: B, inTransit: false });
    adapter.command(A);
    await run();
    expect(server.canceled).toEqual([server.goals[2].handle.goalId]);
    expect(server.goals[2].handle.isCancelRequested).toBe(true);
    expect(server.goals).toHaveLength(4);
    expect(drops.total).toBe(0);
    expect(adapter.summary?.()).toMatch(/^4 NavigateToPose goals sent; \d+ steps in transit/);
  });

  it('counts a rejected or aborted goal and sends it again at the next step; no server is a failed goal too', async () => {
    const { bus, adapter, run, drops, logs } = setup('nav2');
    adapter.command(null);
    await run(1); // server_timeout 0.5 s passes without a server
    expect(drops.count('failed-goal')).toBe(1);
    expect(logs.some((l) => /no NavigateToPose server on '\/robot_0\/navigate_to_pose' within server_timeout = 0.5 s/.test(l.message))).toBe(true);
    let refuse = true;
    const server = scriptedServer(bus, () => !refuse);
    adapter.command(null);
    await run();
    expect(drops.count('failed-goal')).toBe(2); // rejected
    refuse = false;
    adapter.command(null);
    await run();
    expect(server.goals).toHaveLength(1);
    server.goals[0].handle.abort();
    server.goals[0].finish();
    await run();
    expect(drops.count('failed-goal')).toBe(3);
    expect(adapter.onStepStart().inTransit).toBe(true);
    adapter.command(null);
    await run();
    expect(server.goals).toHaveLength(2);
    expect(adapter.summary?.()).toMatch(/^4 NavigateToPose goals sent, 3 failed/);
  });
});

/** Publishes odometry at a site on `/robot_0/odom` from a separate node. */
function setupOdom(bus: MemoryTransport) {
  const pub = bus.createNode('odom_source', { namespace: '/robot_0' }).createPublisher<NavMsgsOdometry>('nav_msgs/msg/Odometry', 'odom');
  return (site: number) =>
    pub.publish({
      header: { stamp: { sec: 0, nanosec: 0 }, frame_id: 'odom' },
      child_frame_id: 'base_link',
      pose: { pose: { position: { x: xyz[3 * site], y: xyz[3 * site + 1], z: xyz[3 * site + 2] }, orientation: { x: 0, y: 0, z: 0, w: 1 } }, covariance: Array(36).fill(0) },
      twist: { twist: { linear: { x: 0, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } }, covariance: Array(36).fill(0) },
    });
}
