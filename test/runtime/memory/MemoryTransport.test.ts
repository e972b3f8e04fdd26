import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../src/runtime/Logger.js';
import { MemoryTransport } from '../../../src/runtime/memory/MemoryTransport.js';
import { COMMAND_QOS, DEFAULT_QOS, LATCHED_QOS } from '../../../src/runtime/Qos.js';

const T = 'std_msgs/msg/Int32';
type M = { data: number };

function bus(logs: LogRecord[] = []) {
  return new MemoryTransport({ logSink: (r) => logs.push(r) });
}

describe('MemoryTransport delivery', () => {
  it('delivers asynchronously (never inside publish) and in publish order', async () => {
    const b = bus();
    const got: number[] = [];
    const pub = b.createNode('talker').createPublisher<M>(T, 'chatter');
    b.createNode('listener').createSubscription<M>(T, 'chatter', (m) => got.push(m.data), { ...DEFAULT_QOS, depth: 100 });
    for (let i = 0; i < 5; i++) pub.publish({ data: i });
    expect(got).toEqual([]);
    await b.run();
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('keep-last depth drops the oldest messages of a burst, counted', async () => {
    const b = bus();
    const got: number[] = [];
    const pub = b.createNode('talker').createPublisher<M>(T, 'chatter');
    const sub = b.createNode('listener').createSubscription<M>(T, 'chatter', (m) => got.push(m.data), { ...DEFAULT_QOS, depth: 3 });
    for (let i = 0; i < 10; i++) pub.publish({ data: i });
    await b.run();
    expect(got).toEqual([7, 8, 9]);
    expect(sub.dropped).toBe(7);
    expect(b.stats.dropped).toBe(7);
  });

  it('a reliable subscription gets nothing from a best-effort publisher, with one warning; best-effort from reliable works', async () => {
    const logs: LogRecord[] = [];
    const b = bus(logs);
    const strict: number[] = [];
    const lax: number[] = [];
    const be = b.createNode('be_talker').createPublisher<M>(T, 'x', COMMAND_QOS);
    const rel = b.createNode('rel_talker').createPublisher<M>(T, 'x', DEFAULT_QOS);
    b.createNode('rel_listener').createSubscription<M>(T, 'x', (m) => strict.push(m.data), DEFAULT_QOS);
    b.createNode('be_listener').createSubscription<M>(T, 'x', (m) => lax.push(m.data), COMMAND_QOS);
    be.publish({ data: 1 });
    be.publish({ data: 2 });
    rel.publish({ data: 3 });
    await b.run();
    expect(strict).toEqual([3]);
    expect(lax).toEqual([1, 2, 3]);
    expect(b.stats.incompatible).toBe(1);
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      "incompatible QoS on '/x' with publisher /be_talker: the subscription requests RELIABLE but the publisher offers BEST_EFFORT; no messages will be received from it",
    ]);
  });

  it('transient-local publishers replay their last messages to late joiners only if they ask for it', async () => {
    const b = bus();
    const pub = b.createNode('map_server').createPublisher<M>(T, 'graph', { ...LATCHED_QOS, depth: 2 });
    pub.publish({ data: 1 });
    pub.publish({ data: 2 });
    pub.publish({ data: 3 });
    await b.run();
    const latched: number[] = [];
    const volatile: number[] = [];
    b.createNode('late').createSubscription<M>(T, 'graph', (m) => latched.push(m.data), LATCHED_QOS);
    b.createNode('late_volatile').createSubscription<M>(T, 'graph', (m) => volatile.push(m.data), DEFAULT_QOS);
    await b.run();
    expect(latched).toEqual([3]); // the subscription's own depth is 1
    expect(volatile).toEqual([]);
    pub.publish({ data: 4 });
    await b.run();
    expect(latched).toEqual([3, 4]);
    expect(volatile).toEqual([4]);
  });

  it('resolves relative, absolute and private names in namespaces, and applies remaps', () => {
    const b = bus();
    const n = b.createNode('agent', { namespace: 'robot_3', remappings: { cmd: '/fleet/cmd_override' } });
    expect(n.fullyQualifiedName).toBe('/robot_3/agent');
    expect(n.createPublisher(T, 'reward').topic).toBe('/robot_3/reward');
    expect(n.createPublisher(T, '/global').topic).toBe('/global');
    expect(n.createPublisher(T, '~/debug').topic).toBe('/robot_3/agent/debug');
    expect(n.createSubscription(T, 'cmd', () => {}).topic).toBe('/fleet/cmd_override');
    expect(() => b.createNode('bad-name')).toThrow(/invalid node name 'bad-name'/);
    expect(() => n.createPublisher(T, 'a b')).toThrow(/invalid topic name/);
    expect(() => b.createNode('agent', { namespace: '/robot_3' })).toThrow(/already exists/);
    expect(() => n.createSubscription('std_msgs/msg/String', 'reward', () => {})).toThrow("topic '/robot_3/reward' has type 'std_msgs/msg/Int32'");
  });

  it('namespaced nodes talking on relative names do not see each other', async () => {
    const b = bus();
    const got: string[] = [];
    for (const ns of ['r1', 'r2']) {
      const n = b.createNode('robot', { namespace: ns });
      n.createSubscription<M>(T, 'cmd', (m) => got.push(`${ns}:${m.data}`));
    }
    b.createNode('planner').createPublisher<M>(T, 'r2/cmd').publish({ data: 7 });
    await b.run();
    expect(got).toEqual(['r2:7']);
  });
});

describe('MemoryTransport timers and clock', () => {
  it('fires timers on the virtual clock in time order, FIFO by scheduling order at equal times', async () => {
    const b = bus();
    const fired: string[] = [];
    const a = b.createNode('a');
    const c = b.createNode('c');
    a.createTimer(0.5, () => fired.push(`a@${a.now() / 1e9}`));
    c.createTimer(1.0, () => fired.push(`c@${c.now() / 1e9}`));
    await b.run({ untilNs: 2e9 });
    // At equal times events run in the order they were scheduled.
    expect(fired).toEqual(['a@0.5', 'c@1', 'a@1', 'a@1.5', 'c@2', 'a@2']);
    expect(b.nowNs).toBe(2e9);
  });

  it('cancels timers and destroyed nodes stop receiving', async () => {
    const b = bus();
    let ticks = 0;
    const n = b.createNode('n');
    const timer = n.createTimer(1, () => {
      if (++ticks === 3) timer.cancel();
    });
    const got: number[] = [];
    const listener = b.createNode('l');
    listener.createSubscription<M>(T, 't', (m) => got.push(m.data));
    const pub = n.createPublisher<M>(T, 't');
    pub.publish({ data: 1 });
    await b.run({ untilNs: 10e9 });
    expect(ticks).toBe(3);
    listener.destroy();
    pub.publish({ data: 2 });
    await b.run();
    expect(got).toEqual([1]);
    expect(b.nodeNames()).toEqual(['/n']);
  });

  it('paces virtual time to wall-clock time when asked', async () => {
    const b = bus();
    b.createNode('n').createTimer(0.05, () => {});
    const start = performance.now();
    await b.run({ untilNs: 0.2e9, realtimeFactor: 2 });
    // 0.2 s of virtual time at twice real time: at least ~0.1 s of wall time.
    expect(performance.now() - start).toBeGreaterThanOrEqual(90);
  });

  it('turns a throwing callback into a run failure that names the node', async () => {
    const b = bus();
    b.createNode('crashy', { namespace: '/r1' }).createTimer(1, () => {
      throw new Error('boom');
    });
    await expect(b.run({ untilNs: 5e9 })).rejects.toThrow('boom [node=/r1/crashy in timer callback]');
  });
});

describe('MemoryTransport parameters', () => {
  const desc = { name: 'rate', type: 'double' as const, default: 10, description: 'loop rate (Hz)', range: { min: 1, max: 100 } };

  it('declares with default or override, validates type and range, honours read-only', () => {
    const b = bus();
    const n = b.createNode('n', { parameterOverrides: { rate: 20, id: 3 } });
    expect(n.declareParameter(desc)).toBe(20);
    expect(n.declareParameter({ name: 'id', type: 'integer', default: 0, description: 'agent id', readOnly: true })).toBe(3);
    expect(n.declareParameter({ name: 'mode', type: 'string', default: 'sim', description: 'reward source' })).toBe('sim');
    expect(n.setParameter('rate', 50)).toEqual({ successful: true, reason: '' });
    expect(n.getParameter('rate')).toBe(50);
    expect(n.setParameter('rate', 500)).toEqual({ successful: false, reason: "cannot set 'rate' to 500: must be in [1, 100]" });
    expect(n.setParameter('rate', 'fast')).toEqual({ successful: false, reason: 'parameter \'rate\' must be of type double, found "fast"' });
    expect(n.setParameter('id', 4)).toEqual({ successful: false, reason: "parameter 'id' is read-only" });
    expect(n.setParameter('nope', 1).successful).toBe(false);
    n.onParameterChange((name, v) => (name === 'mode' && v === 'hw' ? 'hardware mode needs a measurement topic' : null));
    expect(n.setParameter('mode', 'hw')).toEqual({ successful: false, reason: 'hardware mode needs a measurement topic' });
    expect(() => n.getParameter('other')).toThrow("parameter 'other' is not declared on node '/n'");
  });

  it('rejects a bad override at declaration with a clear message', () => {
    const b = bus();
    const n = b.createNode('n', { parameterOverrides: { rate: 0.5 } });
    expect(() => n.declareParameter(desc)).toThrow("cannot set 'rate' to 0.5: must be in [1, 100] [node=/n]");
    const m = b.createNode('m', { parameterOverrides: { rate: 'x' } });
    expect(() => m.declareParameter(desc)).toThrow("parameter 'rate' must be of type double");
    expect(() => m.declareParameter({ ...desc, name: 'r2', default: 0 })).toThrow(/default of node/);
  });
});

describe('MemoryTransport strict mode', () => {
  it('encodes at publish and decodes per subscription (each gets its own copy)', async () => {
    const encoded: string[] = [];
    const b = new MemoryTransport({
      logSink: () => {},
      codec: {
        encode: (type, msg) => {
          encoded.push(type);
          return new TextEncoder().encode(JSON.stringify(msg));
        },
        decode: (_type, bytes) => JSON.parse(new TextDecoder().decode(bytes)),
      },
    });
    const got: M[] = [];
    const pub = b.createNode('p').createPublisher<M>(T, 'x');
    b.createNode('a').createSubscription<M>(T, 'x', (m) => { m.data = -1; got.push(m); });
    b.createNode('c').createSubscription<M>(T, 'x', (m) => got.push(m));
    const msg = { data: 5 };
    pub.publish(msg);
    await b.run();
    expect(encoded).toEqual([T]);
    expect(got).toEqual([{ data: -1 }, { data: 5 }]);
    expect(msg).toEqual({ data: 5 });
  });
});
