// Every runtime call of the ROS 2 transport maps to the right rclnodejs call (checked on the fake
// API): node creation, QoS objects, bigint periods and INTEGER values, descriptors and ranges,
// overrides through rcl, parameter callbacks, logging, failures and shutdown.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ArmCommand } from '../../../src/msg/definitions.generated.js';
import { COMMAND_QOS, LATCHED_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../../src/runtime/Qos.js';
import { createRclnodejsTransport, nodeVersionProblem, RosUnavailableError } from '../../../src/runtime/ros/RclnodejsTransport.js';
import { createFakeRclnodejs, FakeFloatingPointRange, FakeIntegerRange, FakeParameter, FakeParameterDescriptor, FakeQoS, ParameterType, type FakeNode, type FakeRclnodejs } from '../../fakes/fakeRclnodejs.js';

const ARM_COMMAND = 'fleet_bandits_msgs/msg/ArmCommand';
const STRING = 'std_msgs/msg/String';

async function setup(argv: string[] = ['test'], fake: FakeRclnodejs = createFakeRclnodejs()) {
  const transport = await createRclnodejsTransport({ rclnodejs: fake, argv });
  return { fake, transport };
}

function command(round: number): ArmCommand {
  return { header: { stamp: { sec: 1, nanosec: 2 }, frame_id: '' }, agent_id: 0, arm: 3, seq: 9, round };
}

describe('RclnodejsTransport: lifecycle', () => {
  it('initialises rclnodejs with the given argv, creates spinning nodes and shuts down', async () => {
    const { fake, transport } = await setup(['fleet_bandits/learner', '--ros-args', '--log-level', 'debug']);
    expect(transport.kind).toBe('ros');
    expect(fake.callsOf('rclnodejs.init')[0].args).toEqual([undefined, ['fleet_bandits/learner', '--ros-args', '--log-level', 'debug']]);
    const n = transport.createNode('learner', { namespace: 'fleet1' });
    expect(n.fullyQualifiedName).toBe('/fleet1/learner');
    const [name, ns, ctx, options, args] = fake.callsOf('rclnodejs.createNode')[0].args as [string, string, undefined, { parameterOverrides: unknown[] }, string[]];
    expect([name, ns, ctx, options.parameterOverrides, args]).toEqual(['learner', '/fleet1', undefined, [], []]);
    expect(fake.callsOf('Node.spin', '/fleet1/learner')).toHaveLength(1);
    expect(transport.nodeNames()).toEqual(['/fleet1/learner']);
    await transport.shutdown();
    expect(fake.callsOf('Node.destroy', '/fleet1/learner')).toHaveLength(1);
    expect(fake.callsOf('rclnodejs.shutdown')).toHaveLength(1);
    expect(fake.isShutdown()).toBe(true);
    expect(await transport.stopped).toEqual({ by: 'request' });
  });

  it('shares an already initialised context and leaves its shutdown to its owner', async () => {
    const fake = createFakeRclnodejs();
    const first = await createRclnodejsTransport({ rclnodejs: fake, argv: [] });
    const second = await createRclnodejsTransport({ rclnodejs: fake, argv: [] });
    second.createNode('b');
    await second.shutdown();
    expect(fake.callsOf('rclnodejs.shutdown')).toHaveLength(0);
    await first.shutdown();
    expect(fake.callsOf('rclnodejs.shutdown')).toHaveLength(1);
  });

  it('passes plan parameters as NodeOptions.parameterOverrides typed like rcl (whole numbers INTEGER) and remappings as node-local --ros-args', async () => {
    const { fake, transport } = await setup();
    transport.createNode('agent', {
      namespace: '/agent_0',
      parameterOverrides: { agent_id: 2, round_period: 0.05, scenario: 's.yaml', use_sim_time: false, weights: [0.5, 1], ids: [1, 2], names: [] },
      remappings: { cmd: 'cmd_raw', reward: '/up/reward' },
    });
    const [, , , options, args] = fake.callsOf('rclnodejs.createNode')[0].args as [string, string, undefined, { parameterOverrides: FakeParameter[] }, string[]];
    expect(options.parameterOverrides.map((p) => [p.name, p.type, p.value])).toEqual([
      ['agent_id', ParameterType.PARAMETER_INTEGER, 2n],
      ['round_period', ParameterType.PARAMETER_DOUBLE, 0.05],
      ['scenario', ParameterType.PARAMETER_STRING, 's.yaml'],
      ['use_sim_time', ParameterType.PARAMETER_BOOL, false],
      ['weights', ParameterType.PARAMETER_DOUBLE_ARRAY, [0.5, 1]],
      ['ids', ParameterType.PARAMETER_INTEGER_ARRAY, [1n, 2n]],
      ['names', ParameterType.PARAMETER_STRING_ARRAY, []],
    ]);
    expect(args).toEqual(['--ros-args', '-r', 'cmd:=cmd_raw', '-r', 'reward:=/up/reward']);
    const node = transport.createNode('learner');
    expect(node.createSubscription(STRING, 'cmd', () => {}).topic).toBe('/cmd');
    expect(fake.node('/agent_0/agent').resolveTopicName('cmd')).toBe('/agent_0/cmd_raw');
    expect(fake.node('/agent_0/agent').resolveTopicName('reward')).toBe('/up/reward');
  });

  it('takes name and namespace from rcl when ros2 launch remaps them (__node, __ns)', async () => {
    const { transport } = await setup(['x', '--ros-args', '-r', '__node:=agent', '-r', '__ns:=/agent_4']);
    const n = transport.createNode('learner');
    expect([n.name, n.namespace, n.fullyQualifiedName]).toEqual(['agent', '/agent_4', '/agent_4/agent']);
  });

  it('refuses a second node with the same fully qualified name', async () => {
    const { fake, transport } = await setup();
    transport.createNode('a', { namespace: '/x' });
    expect(() => transport.createNode('a', { namespace: '/x' })).toThrow("a node named '/x/a' already exists");
    expect(fake.callsOf('Node.destroy')).toHaveLength(1);
  });

  it('removes rclnodejs\' SIGINT handler and resolves `stopped` on SIGINT/SIGTERM when asked to handle signals', async () => {
    const fake = createFakeRclnodejs();
    const before = process.listenerCount('SIGTERM');
    const transport = await createRclnodejsTransport({ rclnodejs: fake, argv: [], handleSignals: true });
    expect(fake.callsOf('rclnodejs.removeSignalHandlers')).toHaveLength(1);
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM', 'SIGTERM');
    expect(await transport.stopped).toEqual({ by: 'signal', signal: 'SIGTERM' });
    await transport.shutdown();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});

describe('RclnodejsTransport: topics', () => {
  it.each([
    ['COMMAND_QOS', COMMAND_QOS, [1, 10, 2, 2]],
    ['REWARD_QOS', REWARD_QOS, [1, 1000, 1, 2]],
    ['TELEMETRY_QOS', TELEMETRY_QOS, [1, 1000, 1, 2]],
    ['LATCHED_QOS', LATCHED_QOS, [1, 1, 1, 1]],
  ] as const)('maps %s to QoS(KEEP_LAST, depth, reliability, durability) on publishers and subscriptions', async (_n, qos, expected) => {
    const { fake, transport } = await setup();
    const n = transport.createNode('n');
    n.createPublisher(STRING, 'out', qos);
    n.createSubscription(STRING, 'in', () => {}, qos);
    const pubOptions = fake.callsOf('Node.createPublisher')[0].args[2] as { qos: FakeQoS };
    const subOptions = fake.callsOf('Node.createSubscription')[0].args[2] as { qos: FakeQoS; serializationMode: string };
    for (const q of [pubOptions.qos, subOptions.qos]) {
      expect(q).toBeInstanceOf(FakeQoS);
      expect([q.history, q.depth, q.reliability, q.durability]).toEqual(expected);
    }
    expect(FakeQoS.HistoryPolicy.RMW_QOS_POLICY_HISTORY_KEEP_LAST).toBe(1);
    expect(subOptions.serializationMode).toBe('plain');
  });

  it('publishes 64-bit integers as bigint and delivers numbers and arrays to the node program', async () => {
    const { fake, transport } = await setup();
    const got: ArmCommand[] = [];
    transport.createNode('agent').createSubscription<ArmCommand>(ARM_COMMAND, 'cmd', (m) => got.push(m), COMMAND_QOS);
    transport.createNode('learner').createPublisher<ArmCommand>(ARM_COMMAND, 'cmd', COMMAND_QOS).publish(command(41));
    const published = fake.callsOf('Publisher.publish', '/learner')[0].args[1] as { round: unknown };
    expect(published.round).toBe(41n);
    fake.advance(1_000_000);
    expect(got).toEqual([command(41)]);
  });

  it('the fake is faithful: a number in a uint64 field is rejected, numeric arrays arrive as TypedArrays by default', async () => {
    const fake = createFakeRclnodejs();
    await fake.init(undefined, []);
    const raw = fake.createNode('raw');
    raw.spin();
    expect(() => raw.createPublisher(ARM_COMMAND, 'cmd').publish(command(1))).toThrow('round must be type of bigint');
    const got: unknown[] = [];
    raw.createSubscription('fleet_bandits_msgs/msg/LearnerState', 's', {}, (m) => got.push(m));
    raw.createPublisher('fleet_bandits_msgs/msg/LearnerState', 's').publish({ round: 1n, estimates: [0.5], counts: [3n], active_arms: [1] });
    fake.advance(1_000_000);
    const m = got[0] as { estimates: unknown; counts: unknown; active_arms: unknown; round: unknown };
    expect(m.estimates).toBeInstanceOf(Float64Array);
    expect(m.active_arms).toBeInstanceOf(Int32Array);
    expect(m.counts).toEqual([3n]);
    expect(m.round).toBe(1n);
  });

  it('counts and logs a message a node cannot represent (uint64 beyond 2^53) instead of crashing', async () => {
    const { fake, transport } = await setup();
    const got: ArmCommand[] = [];
    const sub = transport.createNode('agent').createSubscription<ArmCommand>(ARM_COMMAND, 'cmd', (m) => got.push(m), COMMAND_QOS);
    const raw = fake.createNode('raw');
    raw.spin();
    raw.createPublisher(ARM_COMMAND, '/cmd').publish({ ...command(0), round: 2n ** 60n });
    fake.advance(1_000_000);
    expect(got).toEqual([]);
    expect(sub.dropped).toBe(1);
    expect(fake.logs.filter((l) => l.level === 'warn').map((l) => l.message)[0]).toMatch(/^dropped a message on '\/cmd' \(1 so far\): field 'round': uint64 bigint 1152921504606846976n is outside the safe-integer range/);
    expect(transport.stopReason).toBeUndefined();
  });

  it('explains a message type rclnodejs does not have (package not built or not sourced)', async () => {
    const { transport } = await setup(['t'], createFakeRclnodejs({ missingTypes: [ARM_COMMAND] }));
    const n = transport.createNode('learner');
    let err: unknown;
    try {
      n.createPublisher(ARM_COMMAND, 'cmd');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RosUnavailableError);
    expect((err as Error).message).toContain("message type 'fleet_bandits_msgs/msg/ArmCommand' is not available to rclnodejs (The message required does not exist: fleet_bandits_msgs/msg/ArmCommand) [node=/learner]");
    expect((err as Error).message).toContain('colcon build --packages-up-to fleet_bandits');
  });

  it('turns an exception in a callback into a fatal log line and a failure that names the node, and stops calling the node', async () => {
    const { fake, transport } = await setup();
    let calls = 0;
    transport.createNode('crashy', { namespace: '/r1' }).createTimer(1, () => {
      calls++;
      throw new Error('boom');
    });
    fake.advance(1_500_000_000);
    const reason = await transport.stopped;
    expect(reason.by).toBe('failure');
    expect(reason.by === 'failure' && reason.error.message).toBe('boom [node=/r1/crashy in timer callback]');
    expect(fake.logs).toContainEqual({ logger: 'r1.crashy', level: 'fatal', message: 'timer callback threw: boom' });
    expect(fake.uncaught).toEqual([]);
    expect(calls).toBe(1);
  });
});

describe('RclnodejsTransport: timers, clock, logging', () => {
  it('creates timers with a bigint period in ns and cancels them through rclnodejs', async () => {
    const { fake, transport } = await setup();
    const n = transport.createNode('n');
    const timer = n.createTimer(0.25, () => {});
    expect(fake.callsOf('Node.createTimer')[0].args[0]).toBe(250_000_000n);
    expect(timer.periodNs).toBe(250_000_000);
    timer.cancel();
    expect(fake.callsOf('Timer.cancel')).toHaveLength(1);
    expect(timer.cancelled).toBe(true);
    expect(() => n.createTimer(0, () => {})).toThrow('timer period must be a positive number of seconds, found 0');
  });

  it('reads now() from the node clock: ROS time, or /clock when use_sim_time is true', async () => {
    const { fake, transport } = await setup(['t', '--ros-args', '-p', 'use_sim_time:=true']);
    const sim = transport.createNode('sim');
    const { transport: t2 } = await setup(['t'], createFakeRclnodejs({ startNs: 1_700_000_000_123_456_789n }));
    expect(t2.createNode('wall').now()).toBe(Number(1_700_000_000_123_456_789n));
    expect(sim.getParameter('use_sim_time')).toBe(true);
    expect(sim.now()).toBe(0);
    const ticks: number[] = [];
    sim.createTimer(1, () => ticks.push(sim.now()));
    const clockNode = fake.createNode('gazebo');
    clockNode.spin();
    const clock = clockNode.createPublisher('rosgraph_msgs/msg/Clock', '/clock');
    clock.publish({ clock: { sec: 2, nanosec: 500_000_000 } });
    fake.advance(1);
    expect(sim.now()).toBe(2.5e9);
    expect(ticks).toEqual([2.5e9]); // sim time jumped over two periods: rcl fires once, skipping the missed one
    clock.publish({ clock: { sec: 3, nanosec: 0 } });
    fake.advance(1);
    expect(ticks).toEqual([2.5e9, 3e9]);
  });

  it('logs through node.getLogger() under the rcl logger name', async () => {
    const { fake, transport } = await setup();
    const n = transport.createNode('agent', { namespace: '/agent_0' });
    n.logger.info('hello');
    n.logger.warn('careful');
    expect(fake.logs).toEqual([
      { logger: 'agent_0.agent', level: 'info', message: 'hello' },
      { logger: 'agent_0.agent', level: 'warn', message: 'careful' },
    ]);
  });

  it('destroys through rclnodejs; a destroyed node neither publishes nor receives', async () => {
    const { fake, transport } = await setup();
    const talker = transport.createNode('talker');
    const pub = talker.createPublisher<{ data: string }>(STRING, 't');
    talker.destroy();
    talker.destroy();
    expect(fake.callsOf('Node.destroy', '/talker')).toHaveLength(1);
    pub.publish({ data: 'x' });
    expect(fake.callsOf('Publisher.publish')).toHaveLength(0);
    expect(transport.nodeNames()).toEqual([]);
  });
});

describe('RclnodejsTransport: parameters', () => {
  it('declares with Parameter + ParameterDescriptor (ranges, read-only), ignoring rclnodejs overrides it already applied', async () => {
    const { fake, transport } = await setup();
    const n = transport.createNode('n');
    n.declareParameter({ name: 'seed', type: 'integer', default: -1, description: 'root seed', range: { min: -1, max: Number.MAX_SAFE_INTEGER }, readOnly: true });
    n.declareParameter({ name: 'epsilon', type: 'double', default: 0.1, description: 'exploration rate (probability)', range: { min: 0, max: 1 } });
    n.declareParameter({ name: 'means', type: 'double_array', default: [0.5], description: 'arm means', range: { min: 0, max: 1 } });
    n.declareParameter({ name: 'label', type: 'string', default: 'x', description: 'label' });
    const decl = fake.callsOf('Node.declareParameter', '/n').map((c) => c.args as [FakeParameter, FakeParameterDescriptor, boolean]);
    expect(decl.map(([p, , ignore]) => [p.name, p.type, p.value, ignore])).toEqual([
      ['seed', ParameterType.PARAMETER_INTEGER, -1n, true],
      ['epsilon', ParameterType.PARAMETER_DOUBLE, 0.1, true],
      ['means', ParameterType.PARAMETER_DOUBLE_ARRAY, [0.5], true],
      ['label', ParameterType.PARAMETER_STRING, 'x', true],
    ]);
    const [seedD, epsD, meansD, labelD] = decl.map(([, d]) => d);
    expect([seedD.name, seedD.type, seedD.description, seedD.readOnly]).toEqual(['seed', ParameterType.PARAMETER_INTEGER, 'root seed', true]);
    expect(seedD.range).toBeInstanceOf(FakeIntegerRange);
    expect([seedD.range!.fromValue, seedD.range!.toValue, seedD.range!.step]).toEqual([-1n, BigInt(Number.MAX_SAFE_INTEGER), 1n]);
    expect(epsD.range).toBeInstanceOf(FakeFloatingPointRange);
    // Step 0 = continuous; rclnodejs' default step 1 would allow only 0 and 1.
    expect([epsD.range!.fromValue, epsD.range!.toValue, epsD.range!.step, epsD.readOnly]).toEqual([0, 1, 0, false]);
    expect(meansD.range).toBeNull();
    expect(meansD.additionalConstraints).toBe('every element in [0, 1]');
    expect(labelD.range).toBeNull();
    expect(n.setParameter('epsilon', 0.37)).toEqual({ successful: true, reason: '' });
    expect(fake.node('/n').getParameter('epsilon').value).toBe(0.37);
  });

  it('applies -p overrides parsed by rcl, converting INTEGER (bigint) and whole numbers for doubles', async () => {
    const { fake, transport } = await setup(['t', '--ros-args', '-p', 'round_period:=1', '-p', 'agent_id:=4', '-p', 'n:start_time:=2.5', '-p', 'other:start_time:=9.0']);
    const n = transport.createNode('n');
    expect(n.declareParameter({ name: 'round_period', type: 'double', default: 0.1, description: 's' })).toBe(1);
    expect(n.declareParameter({ name: 'agent_id', type: 'integer', default: 0, description: 'j' })).toBe(4);
    expect(n.declareParameter({ name: 'start_time', type: 'double', default: 0, description: 's' })).toBe(2.5);
    const stored = fake.node('/n').getParameter('round_period');
    expect([stored.type, stored.value]).toEqual([ParameterType.PARAMETER_DOUBLE, 1]);
    expect(fake.node('/n').getParameter('agent_id').value).toBe(4n);
  });

  it('applies --params-file blocks as rclcpp matches them: /**, full name, /ns/*, /**/name; a bare name is the root namespace\'s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-params-'));
    const file = path.join(dir, 'params.yaml');
    writeFileSync(file, [
      '/**:', '  ros__parameters:', '    horizon: 50', '    round_period: 0.2', '    label: all',
      'agent:', '  ros__parameters:', '    label: bare', // rclcpp: '/agent', so not /agent_0/agent
      '/agent_0/agent:', '  ros__parameters:', '    reward_source: topic', '    label: full',
      '/agent_1/*:', '  ros__parameters:', '    label: ns-wildcard',
      '/**/agent:', '  ros__parameters:', '    round_period: 0.5',
      'fleet1:', '  learner:', '    ros__parameters:', '      label: nested', '      gains: {p: 2}',
      '',
    ].join('\n'));
    const { transport } = await setup(['t', '--ros-args', '--params-file', file]);
    const declare = (n: ReturnType<typeof transport.createNode>) => ({
      horizon: n.declareParameter({ name: 'horizon', type: 'integer', default: 0, description: 'rounds' }),
      round_period: n.declareParameter({ name: 'round_period', type: 'double', default: 0.1, description: 's' }),
      label: n.declareParameter({ name: 'label', type: 'string', default: 'none', description: 'which block' }),
    });
    const a0 = transport.createNode('agent', { namespace: '/agent_0' });
    expect(declare(a0)).toEqual({ horizon: 50, round_period: 0.5, label: 'full' });
    expect(a0.declareParameter({ name: 'reward_source', type: 'string', default: 'model', description: 'src' })).toBe('topic');
    expect(declare(transport.createNode('agent', { namespace: '/agent_1' }))).toEqual({ horizon: 50, round_period: 0.5, label: 'ns-wildcard' });
    expect(declare(transport.createNode('agent'))).toEqual({ horizon: 50, round_period: 0.5, label: 'bare' });
    expect(declare(transport.createNode('agent', { namespace: '/fleet1/agent_2' }))).toEqual({ horizon: 50, round_period: 0.5, label: 'all' });
    const learner = transport.createNode('learner', { namespace: '/fleet1' });
    expect(declare(learner)).toEqual({ horizon: 50, round_period: 0.2, label: 'nested' });
    expect(learner.declareParameter({ name: 'gains.p', type: 'double', default: 0, description: 'nested map' })).toBe(2);
    // A node of another namespace gets the /** block only.
    expect(declare(transport.createNode('learner', { namespace: '/other' }))).toEqual({ horizon: 50, round_period: 0.2, label: 'all' });
  });

  it('merges params files and -p rules in command-line order like rcl, and NodeOptions overrides win', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-params-'));
    const user = path.join(dir, 'user.yaml');
    const plan = path.join(dir, 'plan.yaml');
    writeFileSync(user, ['/**:', '  ros__parameters:', '    seed: 1', '    mode: user', '/ns/n:', '  ros__parameters:', '    mode: node', '    seed: 2', ''].join('\n'));
    writeFileSync(plan, ['/**:', '  ros__parameters:', '    seed: 7', '    horizon: 9', ''].join('\n'));
    const { transport } = await setup(['t', '--ros-args', '--params-file', user, '--params-file', plan, '-p', 'horizon:=11', '--', 'extra']);
    const n = transport.createNode('n', { namespace: '/ns', parameterOverrides: { mode: 'options' } });
    // '/**' keeps its first position: the later file's /** values land before '/ns/n', which wins.
    expect(n.declareParameter({ name: 'seed', type: 'integer', default: 0, description: 's' })).toBe(2);
    expect(n.declareParameter({ name: 'horizon', type: 'integer', default: 0, description: 'h' })).toBe(11);
    expect(n.declareParameter({ name: 'mode', type: 'string', default: '', description: 'm' })).toBe('options');
  });

  it('switches the clock to /clock when a block rclnodejs does not match sets use_sim_time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-params-'));
    const file = path.join(dir, 'params.yaml');
    writeFileSync(file, ['/fleet1/agent_0/agent:', '  ros__parameters:', '    use_sim_time: true', ''].join('\n'));
    const { fake, transport } = await setup(['t', '--ros-args', '--params-file', file]);
    const clockNode = fake.createNode('gazebo');
    clockNode.spin();
    clockNode.createPublisher('rosgraph_msgs/msg/Clock', '/clock').publish({ clock: { sec: 123, nanosec: 0 } });
    fake.advance(1);
    const n = transport.createNode('agent', { namespace: '/fleet1/agent_0' });
    expect(n.getParameter('use_sim_time')).toBe(true);
    expect(n.now()).toBe(123e9);
    expect(transport.createNode('agent', { namespace: '/fleet1/agent_1' }).getParameter('use_sim_time')).toBe(false);
  });

  it('rejects a bad override before calling rclnodejs, with the runtime\'s message', async () => {
    const { fake, transport } = await setup(['t', '--ros-args', '-p', 'epsilon:=1.5', '-p', 'agent_id:=x']);
    const n = transport.createNode('n');
    expect(() => n.declareParameter({ name: 'epsilon', type: 'double', default: 0.1, description: 'p', range: { min: 0, max: 1 } })).toThrow("cannot set 'epsilon' to 1.5: must be in [0, 1] [node=/n]");
    expect(() => n.declareParameter({ name: 'agent_id', type: 'integer', default: 0, description: 'j' })).toThrow('parameter \'agent_id\' must be of type integer, found "x" [node=/n]');
    expect(fake.callsOf('Node.declareParameter', '/n')).toHaveLength(0);
  });

  it('sets through rclnodejs (INTEGER as bigint); read-only and range are refused without a call', async () => {
    const { fake, transport } = await setup();
    const n = transport.createNode('n');
    n.declareParameter({ name: 'k', type: 'integer', default: 1, description: 'arms', range: { min: 1, max: 10 } });
    n.declareParameter({ name: 'id', type: 'integer', default: 1, description: 'j', readOnly: true });
    expect(n.setParameter('k', 7)).toEqual({ successful: true, reason: '' });
    const set = fake.callsOf('Node.setParameter', '/n');
    expect(set).toHaveLength(1);
    expect([(set[0].args[0] as FakeParameter).type, (set[0].args[0] as FakeParameter).value]).toEqual([ParameterType.PARAMETER_INTEGER, 7n]);
    expect(n.setParameter('k', 11).successful).toBe(false);
    expect(n.setParameter('id', 2)).toEqual({ successful: false, reason: "parameter 'id' is read-only" });
    expect(fake.callsOf('Node.setParameter', '/n')).toHaveLength(1);
  });

  it('vetoes external changes (ros2 param set) with the node\'s checks and element-wise array ranges, via one on-set callback', async () => {
    const { fake, transport } = await setup();
    const n = transport.createNode('n');
    expect(fake.callsOf('Node.addOnSetParametersCallback', '/n')).toHaveLength(1);
    n.declareParameter({ name: 'mode', type: 'string', default: 'sim', description: 'mode' });
    n.declareParameter({ name: 'means', type: 'double_array', default: [0.5], description: 'means', range: { min: 0, max: 1 } });
    n.onParameterChange((name, v) => (name === 'mode' && v === 'hw' ? 'hardware mode needs a measurement topic' : null));
    const raw = fake.node('/n') as FakeNode;
    expect(raw.setParameter(new FakeParameter('mode', ParameterType.PARAMETER_STRING, 'hw'))).toEqual({ successful: false, reason: 'hardware mode needs a measurement topic' });
    expect(raw.setParameter(new FakeParameter('means', ParameterType.PARAMETER_DOUBLE_ARRAY, [0.2, 3]))).toEqual({ successful: false, reason: "cannot set 'means' to 3: must be in [0, 1]" });
    expect(raw.setParameter(new FakeParameter('mode', ParameterType.PARAMETER_STRING, 'topic'))).toEqual({ successful: true, reason: '' });
    expect(n.getParameter('mode')).toBe('topic');
    // rclnodejs' own rules still apply to what it owns.
    expect(raw.setParameter(new FakeParameter('use_sim_time', ParameterType.PARAMETER_STRING, 'yes')).successful).toBe(false);
  });

  it('adopts use_sim_time, which rclnodejs declares on every node', async () => {
    const { transport } = await setup(['t', '--ros-args', '-p', 'use_sim_time:=true']);
    const n = transport.createNode('n');
    expect(n.declareParameter({ name: 'use_sim_time', type: 'bool', default: false, description: 'follow /clock' })).toBe(true);
    expect(() => n.declareParameter({ name: 'use_sim_time', type: 'bool', default: false, description: 'again' })).toThrow(/already declared/);
  });
});

describe('createRclnodejsTransport without rclnodejs', () => {
  const installed = (() => {
    try {
      createRequire(import.meta.url).resolve('rclnodejs');
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(installed)('rejects with what to do: source ROS 2, install rclnodejs, colcon build', async () => {
    const err = await createRclnodejsTransport({ argv: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RosUnavailableError);
    const text = (err as Error).message;
    expect(text).toContain('rclnodejs is not installed');
    expect(text).toContain('source /opt/ros/<distro>/setup.bash');
    expect(text).toContain('npm install rclnodejs@2.2.0');
    expect(text).toContain('colcon build --packages-up-to fleet_bandits');
  });

  it('names the Node.js version rclnodejs 2.2.0 needs', () => {
    expect(nodeVersionProblem('20.20.2')).toBeNull();
    expect(nodeVersionProblem('22.1.0')).toBeNull();
    expect(nodeVersionProblem('20.21.0')).toBeNull();
    expect(nodeVersionProblem('20.19.5')).toMatch(/^rclnodejs 2\.2\.0 needs Node\.js >= 20\.20\.2, but this is Node\.js 20\.19\.5 \(.+\); install a newer Node\.js or point FLEET_BANDITS_NODE at one$/);
    expect(nodeVersionProblem('18.20.0')).toContain('Node.js 18.20.0');
  });

  it('reports a failing rclnodejs.init as a set-up problem', async () => {
    const fake = createFakeRclnodejs();
    const err = await createRclnodejsTransport({ rclnodejs: fake, argv: ['t', '--ros-args', '--bogus'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RosUnavailableError);
    expect((err as Error).message).toMatch(/^rclnodejs.init\(\) failed: Couldn't parse arguments: unknown ROS argument '--bogus'/);
  });
});
