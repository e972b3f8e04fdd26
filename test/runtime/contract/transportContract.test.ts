// One behaviour suite for every transport: what node programs rely on must hold embedded, on the
// rclnodejs adapter over the fake API, and on real ROS 2 (when ROS_DISTRO is set).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/experiments/scenario/loadScenario.js';
import type { LearnerState, RegretReport, StdMsgsString } from '../../../src/msg/definitions.generated.js';
import { planNodes } from '../../../src/nodes/plan.js';
import { REGRET_REPORT } from '../../../src/nodes/rounds/topics.js';
import { MemoryTransport } from '../../../src/runtime/memory/MemoryTransport.js';
import type { ParameterDescriptor } from '../../../src/runtime/Parameters.js';
import { COMMAND_QOS, DEFAULT_QOS, LATCHED_QOS, TELEMETRY_QOS } from '../../../src/runtime/Qos.js';
import { launchNodes, stopNodes } from '../../../src/ros/launchNodes.js';
import { backends, until, type Harness } from './backends.js';

const STRING = 'std_msgs/msg/String';
const LEARNER_STATE = 'fleet_bandits_msgs/msg/LearnerState';
const SCENARIO = 'sim/scenarios/single-agent.yaml';
const ROUNDS = 30;

function learnerState(round: number): LearnerState {
  return {
    header: { stamp: { sec: 12, nanosec: 500 }, frame_id: 'map' },
    algorithm: 'UCB1',
    learner_id: 0,
    round,
    batch: 2,
    active_arms: [0, 3],
    estimates: [0.25, 0.75],
    counts: [4, 2 ** 40],
  };
}

/** The RegretReport stream of the single-agent plan for ROUNDS rounds, on any transport. */
async function regretStream(h: Harness, roundPeriod: number, startDelay: number): Promise<RegretReport[]> {
  const { scenario } = loadScenario(SCENARIO);
  const probe = h.transport.createNode('probe', { namespace: h.ns });
  const reports: RegretReport[] = [];
  probe.createSubscription<RegretReport>(REGRET_REPORT, 'regret', (r) => reports.push(r), TELEMETRY_QOS);
  const startTime = probe.now() / 1e9 + startDelay;
  const plan = planNodes(scenario, SCENARIO, { algorithm: 'UCB1', seed: 5, horizon: ROUNDS, roundPeriod, startTime });
  const launched = await launchNodes(h.transport, plan.nodes, { namespace: h.ns });
  try {
    await until(h, () => reports.length >= ROUNDS, startDelay + (ROUNDS + 2) * roundPeriod + (h.realtime ? 3 : 0));
  } finally {
    await stopNodes(launched);
  }
  return reports;
}

let expectedRegret: RegretReport[];

beforeAll(async () => {
  // The reference stream: the embedded transport, as `fleet-bandits run` would produce it.
  const bus = new MemoryTransport({ logSink: () => {} });
  expectedRegret = await regretStream(
    { transport: bus, ns: '/', advance: (s) => bus.run({ untilNs: bus.nowNs + Math.round(s * 1e9) }), discovery: async () => {}, realtime: false, close: () => bus.shutdown() },
    0.05,
    0.1,
  );
});

describe.each(backends)('transport contract: $name', (backend) => {
  let h: Harness;
  const open = async () => (h = await backend.open());
  afterEach(async () => {
    await h?.close();
  });

  describe.skipIf(backend.skip)('topics', () => {
    it('delivers asynchronously, in publish order, plain objects with numbers and arrays', async () => {
      await open();
      const talker = h.transport.createNode('talker', { namespace: h.ns });
      const listener = h.transport.createNode('listener', { namespace: h.ns });
      const strings: string[] = [];
      const states: LearnerState[] = [];
      listener.createSubscription<StdMsgsString>(STRING, 'chatter', (m) => strings.push(m.data), { ...DEFAULT_QOS, depth: 100 });
      listener.createSubscription<LearnerState>(LEARNER_STATE, 'state', (m) => states.push(m), TELEMETRY_QOS);
      const pubString = talker.createPublisher<StdMsgsString>(STRING, 'chatter', { ...DEFAULT_QOS, depth: 100 });
      const pubState = talker.createPublisher<LearnerState>(LEARNER_STATE, 'state', TELEMETRY_QOS);
      await h.discovery();
      for (let i = 0; i < 5; i++) pubString.publish({ data: `m${i}` });
      pubState.publish(learnerState(7));
      expect(strings).toEqual([]);
      expect(await until(h, () => strings.length === 5 && states.length === 1, 2)).toBe(true);
      expect(strings).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      const s = states[0];
      expect(s).toEqual(learnerState(7));
      expect(typeof s.round).toBe('number');
      for (const field of [s.active_arms, s.estimates, s.counts]) expect(Array.isArray(field)).toBe(true);
      expect(typeof s.counts[1]).toBe('number');
    });

    it('resolves relative, absolute and private names in namespaces, and applies remappings', async () => {
      await open();
      const n = h.transport.createNode('agent', { namespace: `${h.ns}/robot_3`, remappings: { cmd: 'cmd_raw' } });
      const base = h.ns === '/' ? '' : h.ns;
      expect(n.name).toBe('agent');
      expect(n.namespace).toBe(`${base}/robot_3`);
      expect(n.fullyQualifiedName).toBe(`${base}/robot_3/agent`);
      expect(n.createPublisher(STRING, 'reward').topic).toBe(`${base}/robot_3/reward`);
      expect(n.createPublisher(STRING, `${base}/global`).topic).toBe(`${base}/global`);
      expect(n.createPublisher(STRING, '~/debug').topic).toBe(`${base}/robot_3/agent/debug`);
      expect(n.createSubscription(STRING, 'cmd', () => {}).topic).toBe(`${base}/robot_3/cmd_raw`);
      expect(() => h.transport.createNode('bad-name')).toThrow(/invalid node name 'bad-name'/);
    });

    it('keeps namespaced fleets apart on relative names', async () => {
      await open();
      const got: string[] = [];
      for (const r of ['r1', 'r2']) {
        h.transport.createNode('robot', { namespace: `${h.ns}/${r}` }).createSubscription<StdMsgsString>(STRING, 'cmd', (m) => got.push(`${r}:${m.data}`));
      }
      const pub = h.transport.createNode('planner', { namespace: h.ns }).createPublisher<StdMsgsString>(STRING, 'r2/cmd');
      await h.discovery();
      pub.publish({ data: 'go' });
      await until(h, () => got.length > 0, 2);
      await h.advance(0.1);
      expect(got).toEqual(['r2:go']);
    });

    it('matches QoS as ROS 2 does: reliable requests ignore best-effort offers; latched topics replay to late joiners', async () => {
      await open();
      const strict: string[] = [];
      const lax: string[] = [];
      const talker = h.transport.createNode('talker', { namespace: h.ns });
      const be = talker.createPublisher<StdMsgsString>(STRING, 'x', COMMAND_QOS);
      const rel = talker.createPublisher<StdMsgsString>(STRING, 'y', DEFAULT_QOS);
      const l = h.transport.createNode('listener', { namespace: h.ns });
      l.createSubscription<StdMsgsString>(STRING, 'x', (m) => strict.push(m.data), DEFAULT_QOS);
      l.createSubscription<StdMsgsString>(STRING, 'y', (m) => lax.push(m.data), COMMAND_QOS);
      const latched = talker.createPublisher<StdMsgsString>(STRING, 'graph', LATCHED_QOS);
      await h.discovery();
      be.publish({ data: 'lost' });
      rel.publish({ data: 'kept' });
      latched.publish({ data: 'v1' });
      latched.publish({ data: 'v2' });
      await until(h, () => lax.length === 1, 2);
      await h.advance(0.1);
      expect(strict).toEqual([]);
      expect(lax).toEqual(['kept']);
      const late: string[] = [];
      h.transport.createNode('late', { namespace: h.ns }).createSubscription<StdMsgsString>(STRING, 'graph', (m) => late.push(m.data), LATCHED_QOS);
      expect(await until(h, () => late.length === 1, 3)).toBe(true);
      expect(late).toEqual(['v2']);
    });

    it('stops delivering to a destroyed node', async () => {
      await open();
      const got: string[] = [];
      const pub = h.transport.createNode('talker', { namespace: h.ns }).createPublisher<StdMsgsString>(STRING, 't');
      const listener = h.transport.createNode('listener', { namespace: h.ns });
      listener.createSubscription<StdMsgsString>(STRING, 't', (m) => got.push(m.data));
      await h.discovery();
      pub.publish({ data: 'a' });
      await until(h, () => got.length === 1, 2);
      listener.destroy();
      pub.publish({ data: 'b' });
      await h.advance(0.2);
      expect(got).toEqual(['a']);
      expect(() => listener.createTimer(1, () => {})).toThrow(/is destroyed/);
    });
  });

  describe.skipIf(backend.skip)('parameters', () => {
    const rate: ParameterDescriptor = { name: 'rate', type: 'double', default: 10, description: 'loop rate (Hz)', range: { min: 1, max: 100 } };

    it('declares with defaults or overrides and returns plain values of the declared type', async () => {
      await open();
      const n = h.transport.createNode('n', {
        namespace: h.ns,
        parameterOverrides: { rate: 20, id: 3, start_time: 3, weights: [1, 2.5], names: ['a', 'b'], flags: [true, false], ids: [4, 5] },
      });
      expect(n.declareParameter(rate)).toBe(20);
      expect(n.declareParameter({ name: 'id', type: 'integer', default: 0, description: 'agent id', readOnly: true })).toBe(3);
      // A whole number given for a double parameter is that double (`start_time:=3`).
      expect(n.declareParameter({ name: 'start_time', type: 'double', default: 0.1, description: 'seconds' })).toBe(3);
      expect(n.declareParameter({ name: 'mode', type: 'string', default: 'sim', description: 'reward source' })).toBe('sim');
      expect(n.declareParameter({ name: 'weights', type: 'double_array', default: [], description: 'per arm' })).toEqual([1, 2.5]);
      expect(n.declareParameter({ name: 'names', type: 'string_array', default: [], description: 'labels' })).toEqual(['a', 'b']);
      expect(n.declareParameter({ name: 'flags', type: 'bool_array', default: [], description: 'switches' })).toEqual([true, false]);
      expect(n.declareParameter({ name: 'ids', type: 'integer_array', default: [], description: 'agents', range: { min: 0, max: 9 } })).toEqual([4, 5]);
      expect(n.declareParameter({ name: 'big', type: 'integer', default: 2 ** 40, description: 'a large count' })).toBe(2 ** 40);
      expect(n.getParameter('id')).toBe(3);
      expect(typeof n.getParameter('big')).toBe('number');
      expect(n.getParameter('ids')).toEqual([4, 5]);
      expect(() => n.declareParameter(rate)).toThrow(/already declared/);
      expect(() => n.getParameter('other')).toThrow(/parameter 'other' is not declared on node/);
    });

    it('validates run-time changes: type, range (arrays element-wise), read-only, and node checks', async () => {
      await open();
      const n = h.transport.createNode('n', { namespace: h.ns });
      n.declareParameter(rate);
      n.declareParameter({ name: 'id', type: 'integer', default: 1, description: 'agent id', readOnly: true });
      n.declareParameter({ name: 'mode', type: 'string', default: 'sim', description: 'reward source' });
      n.declareParameter({ name: 'ids', type: 'integer_array', default: [1], description: 'agents', range: { min: 0, max: 9 } });
      n.declareParameter({ name: 'count', type: 'integer', default: 1, description: 'count', range: { min: 0, max: 10 } });
      expect(n.setParameter('rate', 50)).toEqual({ successful: true, reason: '' });
      expect(n.getParameter('rate')).toBe(50);
      expect(n.setParameter('rate', 12.345)).toEqual({ successful: true, reason: '' });
      expect(n.getParameter('rate')).toBe(12.345);
      expect(n.setParameter('count', 7)).toEqual({ successful: true, reason: '' });
      expect(n.getParameter('count')).toBe(7);
      expect(n.setParameter('rate', 500)).toEqual({ successful: false, reason: "cannot set 'rate' to 500: must be in [1, 100]" });
      expect(n.setParameter('rate', 'fast')).toEqual({ successful: false, reason: 'parameter \'rate\' must be of type double, found "fast"' });
      expect(n.setParameter('ids', [1, 12])).toEqual({ successful: false, reason: "cannot set 'ids' to 12: must be in [0, 9]" });
      expect(n.setParameter('ids', [2, 3])).toEqual({ successful: true, reason: '' });
      expect(n.getParameter('ids')).toEqual([2, 3]);
      expect(n.setParameter('id', 4)).toEqual({ successful: false, reason: "parameter 'id' is read-only" });
      expect(n.setParameter('nope', 1)).toEqual({ successful: false, reason: "parameter 'nope' is not declared" });
      n.onParameterChange((name, v) => (name === 'mode' && v === 'hw' ? 'hardware mode needs a measurement topic' : null));
      expect(n.setParameter('mode', 'hw')).toEqual({ successful: false, reason: 'hardware mode needs a measurement topic' });
      expect(n.getParameter('mode')).toBe('sim');
      expect(n.setParameter('mode', 'topic')).toEqual({ successful: true, reason: '' });
    });

    it('rejects a bad override at declaration, naming parameter and node', async () => {
      await open();
      const base = h.ns === '/' ? '' : h.ns;
      const n = h.transport.createNode('n', { namespace: h.ns, parameterOverrides: { rate: 0.5, id: 'x' } });
      expect(() => n.declareParameter(rate)).toThrow(`cannot set 'rate' to 0.5: must be in [1, 100] [node=${base}/n]`);
      expect(() => n.declareParameter({ name: 'id', type: 'integer', default: 0, description: 'agent id' })).toThrow(`parameter 'id' must be of type integer, found "x" [node=${base}/n]`);
      expect(() => n.declareParameter({ ...rate, name: 'r2', default: 0 })).toThrow(/default of node/);
    });
  });

  describe.skipIf(backend.skip)('timers and clock', () => {
    it('fires periodic timers on node time and stops after cancel', async () => {
      await open();
      const n = h.transport.createNode('ticker', { namespace: h.ns });
      const t0 = n.now();
      const at: number[] = [];
      const timer = n.createTimer(0.1, () => at.push(n.now()));
      expect(timer.periodNs).toBe(100_000_000);
      await h.advance(1.05);
      if (h.realtime) {
        expect(at.length).toBeGreaterThanOrEqual(8);
        expect(at.length).toBeLessThanOrEqual(11);
      } else {
        expect(at.length).toBe(10);
        // Node time in ns is a double: ~0.25 us resolution at today's epoch on ROS time.
        at.forEach((t, k) => expect(Math.abs(t - t0 - (k + 1) * 1e8)).toBeLessThan(1e3));
      }
      timer.cancel();
      expect(timer.cancelled).toBe(true);
      const count = at.length;
      await h.advance(0.3);
      expect(at.length).toBeLessThanOrEqual(count + (h.realtime ? 1 : 0));
      expect(n.now()).toBeGreaterThan(t0);
    });

    it('logs through the node logger at every level', async () => {
      await open();
      const n = h.transport.createNode('talker', { namespace: h.ns });
      for (const level of ['debug', 'info', 'warn', 'error', 'fatal'] as const) expect(() => n.logger[level](`a ${level} line`)).not.toThrow();
    });
  });

  describe.skipIf(backend.skip)('node programs', () => {
    it('runs the single-agent plan (learner, agent, monitor) and publishes the reference RegretReport stream', async () => {
      await open();
      const reports = await regretStream(h, h.realtime ? 0.1 : 0.05, h.realtime ? 1.5 : 0.1);
      expect(reports.map((r) => r.round)).toEqual([...Array(ROUNDS).keys()]);
      expect(expectedRegret).toHaveLength(ROUNDS);
      const values = (rs: RegretReport[]) => rs.map((r) => [r.round, r.instant_regret, r.cumulative_regret, r.achieved_value, r.run_label]);
      expect(values(reports)).toEqual(values(expectedRegret));
    });
  });
});
