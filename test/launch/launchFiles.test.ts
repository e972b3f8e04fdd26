// The ROS 2 launch files and params example, checked without ROS: Python syntax (py_compile), the
// plan-to-Node translation (test_launch_plan.py with launch/launch_ros stubbed), and that every
// parameter of config/params.example.yaml is declared by the node it is under, with a fitting value.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXECUTABLES, loadPrograms } from '../../src/nodes/executables.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import type { NodeHandle } from '../../src/runtime/NodeHandle.js';
import type { ParameterDescriptor, ParameterValue } from '../../src/runtime/Parameters.js';
import { createRclnodejsTransport } from '../../src/runtime/ros/RclnodejsTransport.js';
import { createFakeRclnodejs } from '../fakes/fakeRclnodejs.js';
import { repoRoot } from '../helpers/cli.js';

const python = spawnSync('python3', ['--version']).status === 0;
const launchDir = path.join(repoRoot, 'launch');
const launchFiles = readdirSync(launchDir).filter((f) => f.endsWith('.py'));

describe.skipIf(!python)('launch files (python3)', () => {
  it('has a launch file per family and the shared plan module', () => {
    expect(launchFiles.sort()).toEqual(['bandit.launch.py', 'coverage.launch.py', 'dag.launch.py', 'erasure.launch.py', 'fleet_bandits_plan.py', 'multistage.launch.py']);
  });

  it.each(launchFiles)('%s compiles (python3 -m py_compile)', (file) => {
    // Compile into a temporary file: no __pycache__ in launch/, which colcon installs as is.
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'fb-pyc-')), 'out.pyc');
    const r = spawnSync('python3', ['-c', 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)', path.join(launchDir, file), out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('translates plans into launch_ros Nodes (test_launch_plan.py, launch stubbed, real CLI)', () => {
    const r = spawnSync('python3', ['-B', 'test/launch/test_launch_plan.py'], { cwd: repoRoot, encoding: 'utf8', timeout: 290_000, env: { ...process.env, FLEET_BANDITS_NODE: process.execPath } });
    if (r.status !== 0) throw new Error(`test_launch_plan.py failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    expect(r.stderr).toMatch(/\nOK\n?$/);
    // Generous: it starts the real CLI about ten times, which a busy 2-core CI machine makes slow.
  }, 300_000);

  it('a params file written by the launch helper reaches a namespaced node on the ROS 2 transport (rcl args as launch_ros passes them)', async () => {
    const code = 'import sys, json; sys.path.insert(0, "launch"); import fleet_bandits_plan as f; print(f.write_params_file(json.loads(sys.argv[1]), sys.argv[2]))';
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-params-'));
    const r = spawnSync('python3', ['-B', '-c', code, JSON.stringify({ scenario: '/s.yaml', agent_id: 3, start_time: 1700000003.5, use_sim_time: false }), dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const file = r.stdout.trim();
    const ros = await createRclnodejsTransport({ rclnodejs: createFakeRclnodejs(), argv: ['agent', '--ros-args', '-r', '__node:=agent', '-r', '__ns:=/fleet1/agent_3', '--params-file', file] });
    const node = ros.createNode('agent');
    expect(node.fullyQualifiedName).toBe('/fleet1/agent_3/agent');
    expect(node.declareParameter({ name: 'scenario', type: 'string', default: '', description: 's' })).toBe('/s.yaml');
    expect(node.declareParameter({ name: 'agent_id', type: 'integer', default: 0, description: 'j' })).toBe(3);
    expect(node.declareParameter({ name: 'start_time', type: 'double', default: 0, description: 't' })).toBe(1700000003.5);
    await ros.shutdown();
  });
});

const programOf = await loadPrograms(EXECUTABLES);

/** The parameters a node program declares (it is stopped at its first publisher, subscription or timer). */
function declaredBy(executable: string, overrides: Record<string, ParameterValue>): Map<string, ParameterDescriptor> {
  const bus = new MemoryTransport({ logSink: () => {} });
  const node = bus.createNode(executable, { parameterOverrides: overrides });
  const declared = new Map<string, ParameterDescriptor>();
  const done = new Error('declarations done');
  const proxy = new Proxy(node, {
    get(target, prop, receiver) {
      if (prop === 'declareParameter') {
        return (d: ParameterDescriptor) => {
          declared.set(d.name, d);
          return target.declareParameter(d);
        };
      }
      if (prop === 'createPublisher' || prop === 'createSubscription' || prop === 'createTimer') {
        return () => {
          throw done;
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as NodeHandle;
  try {
    programOf(executable)(proxy);
  } catch (err) {
    if (err !== done) throw err;
  }
  return declared;
}

describe('config/params.example.yaml', () => {
  const doc = parse(readFileSync(path.join(repoRoot, 'config/params.example.yaml'), 'utf8')) as Record<string, { ros__parameters?: Record<string, ParameterValue> }>;

  it('is in the ROS 2 layout: /** and per-node blocks, each with ros__parameters', () => {
    expect(Object.keys(doc)[0]).toBe('/**');
    for (const [key, block] of Object.entries(doc)) {
      expect(block, key).toHaveProperty('ros__parameters');
      expect(typeof block.ros__parameters, key).toBe('object');
      // Per-node blocks are `/**/<node>`: that node in any namespace (rclcpp's matching).
      if (key !== '/**') expect(EXECUTABLES.map((e) => `/**/${e}`), `'${key}' is not a node of fleet_bandits`).toContain(key);
    }
  });

  it.each(Object.keys(doc).filter((k) => k !== '/**'))('every parameter of the %s block is declared by that node with a fitting value', (key) => {
    const name = key.replace('/**/', '');
    const shared = { ...doc['/**'].ros__parameters };
    delete shared.use_sim_time; // declared by rclnodejs on every node, not by node programs
    const own = { ...shared, ...doc[key].ros__parameters };
    // Each node needs a scenario of its family: the link one with lossy links, robots a graph.
    const scenario = ['planner', 'robot', 'kinematic_robot', 'environment'].includes(name) ? 'sim/scenarios/coverage-quick.yaml' : name === 'link' ? 'sim/scenarios/erasure-quick.yaml' : 'sim/scenarios/single-agent.yaml';
    const run = { scenario, output: path.join(mkdtempSync(path.join(tmpdir(), 'fb-rec-')), 'x.mcap') };
    const declared = declaredBy(name, { ...run, ...own });
    for (const key of Object.keys(own)) expect(declared.has(key), `${name} does not declare '${key}'`).toBe(true);
  });
});
