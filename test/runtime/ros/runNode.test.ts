// The ROS 2 process entry (src/ros/runNode.ts) on the fake rclnodejs, and the real entry and
// ros/bin wrappers without rclnodejs, from the source tree and from a colcon install layout.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArmCommand } from '../../../src/msg/definitions.generated.js';
import { EXECUTABLES } from '../../../src/nodes/executables.js';
import { loadScenario } from '../../../src/experiments/scenario/loadScenario.js';
import { planNodes } from '../../../src/nodes/plan.js';
import { SYNC_START } from '../../../src/nodes/RunStart.js';
import { launchNodes, stopNodes } from '../../../src/ros/launchNodes.js';
import { runNode } from '../../../src/ros/runNode.js';
import { createRclnodejsTransport, type RclnodejsTransport } from '../../../src/runtime/ros/RclnodejsTransport.js';
import { createFakeRclnodejs } from '../../fakes/fakeRclnodejs.js';
import { repoRoot } from '../../helpers/cli.js';

const SCENARIO = 'sim/scenarios/single-agent.yaml';

describe('runNode on the fake rclnodejs', () => {
  it('runs the learner with name, namespace and parameters from --ros-args (as ros2 launch passes them) until stopped', async () => {
    const fake = createFakeRclnodejs();
    const start = Number(fake.nowNs) / 1e9 + 0.5;
    let transport: RclnodejsTransport | undefined;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const out: string[] = [];
    const exit = runNode(['learner', '--ros-args', '-r', '__node:=learner', '-r', '__ns:=/fleet1', '-p', `scenario:=${SCENARIO}`, '-p', `start_time:=${start}`, '-p', 'round_period:=0.1', '-p', 'horizon:=5'], {
      rclnodejs: fake,
      onStarted: (t) => {
        transport = t;
        started();
      },
      write: (t) => out.push(t),
    });
    await running; // the program module loads asynchronously
    expect(transport?.nodeNames()).toEqual(['/fleet1/learner']);
    const got: ArmCommand[] = [];
    const listener = fake.createNode('listener', '/fleet1');
    listener.spin();
    listener.createSubscription('fleet_bandits_msgs/msg/ArmCommand', 'agent_0/cmd_raw', { qos: 'qos_profile_sensor_data' }, (m) => got.push(m as ArmCommand));
    fake.advance(1_000_000_000n);
    expect(got.map((c) => Number(c.round))).toEqual([0, 1, 2, 3, 4]);
    transport!.stop();
    expect(await exit).toBe(0);
    expect(out).toEqual([]);
    expect(fake.logs.map((l) => l.message)).toContain('learner running as /fleet1/learner');
    expect(fake.logs.map((l) => l.message)).toContain('closed 5 rounds; dropped missing-reward=5');
    expect(fake.isShutdown()).toBe(true);
  });

  it('the monitor\'s process ends by itself at the horizon (exit 0) after its summary, as ros2 launch then ends the run', async () => {
    const fake = createFakeRclnodejs();
    const H = 8;
    const { scenario } = loadScenario(SCENARIO);
    const plan = planNodes(scenario, SCENARIO, { horizon: H, seed: 3, startTime: SYNC_START });
    const monitor = plan.nodes.find((n) => n.executable === 'monitor')!;
    const args = Object.entries(monitor.parameters).flatMap(([k, v]) => ['-p', `${k}:=${JSON.stringify(v)}`]);
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const exit = runNode(['monitor', '--ros-args', ...args], { rclnodejs: fake, write: () => {}, onStarted: () => started() });
    await running; // the program module loads asynchronously
    // The learner and the agent run in another "process" on the same graph.
    const others = await createRclnodejsTransport({ rclnodejs: fake, argv: ['others'] });
    const launched = await launchNodes(others, plan.nodes.filter((n) => n !== monitor));
    let code: number | undefined;
    void exit.then((c) => (code = c));
    for (let i = 0; i < 40 && code === undefined; i++) {
      fake.advance(100_000_000n);
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(code).toBe(0);
    const lines = fake.logs.filter((l) => l.logger === 'monitor').map((l) => l.message);
    expect(lines.at(-2)).toMatch(new RegExp(`^finished: horizon reached: ${H} rounds, cumulative regret [0-9.]+$`));
    expect(lines.at(-1)).toMatch(new RegExp(`^cumulative regret [0-9.]+ after ${H} rounds$`));
    await stopNodes(launched);
    await others.shutdown();
  });

  it('exits 1 with the node\'s message when the program cannot start (missing required parameter)', async () => {
    const out: string[] = [];
    const code = await runNode(['agent'], { rclnodejs: createFakeRclnodejs(), write: (t) => out.push(t) });
    expect(code).toBe(1);
    expect(out.join('')).toBe("fleet_bandits agent: parameter 'scenario' is required: the path of a scenario YAML file [node=/agent]\n");
  });

  it('exits 1 naming the node when a callback fails', async () => {
    const fake = createFakeRclnodejs();
    const out: string[] = [];
    let transport: RclnodejsTransport | undefined;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const exit = runNode(['agent', '--ros-args', '-p', `scenario:=${SCENARIO}`, '-p', 'agent_id:=0', '-p', `start_time:=${Number(fake.nowNs) / 1e9}`], {
      rclnodejs: fake,
      onStarted: (t) => {
        transport = t;
        started();
      },
      write: (t) => out.push(t),
    });
    await running; // the program module loads asynchronously
    transport!.fail(new Error('boom [node=/agent in timer callback]'));
    expect(await exit).toBe(1);
    expect(out.join('')).toBe('fleet_bandits agent: boom [node=/agent in timer callback]\n');
  });

  it('prints usage (exit 2) without an executable or with an unknown one; --help exits 0', async () => {
    const out: string[] = [];
    expect(await runNode([], { write: (t) => out.push(t) })).toBe(2);
    expect(out.join('')).toBe(`${out[0].split('\n')[0]}\nexecutables: ${EXECUTABLES.join(', ')}\n`);
    expect(out[0]).toMatch(/^usage: runNode\.js <executable> \[--ros-args /);
    expect(await runNode(['--help'], { write: () => {} })).toBe(0);
    out.length = 0;
    expect(await runNode(['nope'], { write: (t) => out.push(t) })).toBe(2);
    expect(out.join('')).toBe(`fleet_bandits: executable 'nope' is unknown; known: ${EXECUTABLES.join(', ')}\n`);
  });
});

const built = existsSync(path.join(repoRoot, 'dist/ros/runNode.js'));
const rclnodejsInstalled = existsSync(path.join(repoRoot, 'node_modules/rclnodejs'));

describe.skipIf(!built || rclnodejsInstalled)('ROS 2 executables without rclnodejs (needs npm run build)', () => {
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FLEET_BANDITS_NODE: process.execPath } });
  const expectMissing = (r: ReturnType<typeof run>, exe: string) => {
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`fleet_bandits ${exe}: rclnodejs is not installed`);
    expect(r.stderr).toContain('source /opt/ros/<distro>/setup.bash');
  };

  it('dist/ros/runNode.js explains what to install', () => {
    expectMissing(run(process.execPath, ['dist/ros/runNode.js', 'monitor', '--ros-args', '-p', 'scenario:=x']), 'monitor');
  });

  it('ros/bin/<executable> finds dist/ from the source tree', () => {
    expectMissing(run(path.join(repoRoot, 'ros/bin/learner'), []), 'learner');
  });

  it('ros/bin/<executable> finds share/fleet_bandits/dist/ when installed to lib/fleet_bandits/', () => {
    // The layout colcon installs: install/lib/fleet_bandits/<exe> and install/share/fleet_bandits/{dist,node_modules,package.json}.
    const install = mkdtempSync(path.join(tmpdir(), 'fb-install-'));
    const lib = path.join(install, 'lib/fleet_bandits');
    const share = path.join(install, 'share/fleet_bandits');
    mkdirSync(lib, { recursive: true });
    mkdirSync(share, { recursive: true });
    copyFileSync(path.join(repoRoot, 'ros/bin/agent'), path.join(lib, 'agent'));
    for (const entry of ['dist', 'node_modules', 'package.json']) symlinkSync(path.join(repoRoot, entry), path.join(share, entry));
    const r = spawnSync(path.join(lib, 'agent'), ['--ros-args', '-r', '__node:=agent'], { cwd: install, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FLEET_BANDITS_NODE: process.execPath } });
    expectMissing(r, 'agent');
  });

  it('fleet-bandits container explains what to install (exit 2)', () => {
    const r = run(process.execPath, ['bin/fleet-bandits.js', 'container', SCENARIO, '--horizon', '5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: rclnodejs is not installed');
    expect(r.stderr).toContain('npm install rclnodejs@2.2.0');
  });
});
