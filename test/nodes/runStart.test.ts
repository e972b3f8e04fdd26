// A run that starts without a wall-clock guess (start_time -1): the coordinator waits for every node
// of the plan, then publishes round 0 on latched run_start; late joiners align; a learner that
// misses rounds skips them (counted) instead of crashing.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import type { BuiltinInterfacesTime, LearnerState, RegretReport } from '../../src/msg/definitions.generated.js';
import { EXECUTABLES, loadPrograms } from '../../src/nodes/executables.js';
import type { NodeInstance } from '../../src/nodes/NodeProgram.js';
import { planNodes, type NodePlan, type NodeSpec } from '../../src/nodes/plan.js';
import { LEARNER_STATE, REGRET_REPORT, learnerStateTopic, regretTopic } from '../../src/nodes/rounds/topics.js';
import { HANDSHAKE_QOS, RUN_START_TOPIC, RUN_START_TYPE, SYNC_START, timeToNs } from '../../src/nodes/RunStart.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import type { NodeHandle } from '../../src/runtime/NodeHandle.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';
import type { SiteSample, StdMsgsFloat64 } from '../../src/msg/index.js';
import { SITE_SAMPLE } from '../../src/nodes/graph/topics.js';

const programOf = await loadPrograms(EXECUTABLES);

const BANDIT = 'sim/scenarios/single-agent.yaml';
const ERASURE = 'sim/scenarios/erasure-quick.yaml';

interface Bench {
  bus: MemoryTransport;
  logs: LogRecord[];
  regret: RegretReport[];
  states: LearnerState[];
  starts: BuiltinInterfacesTime[];
  start(spec: NodeSpec): { node: NodeHandle; instance: NodeInstance | void };
  until(seconds: number): Promise<void>;
}

function bench(): Bench {
  const logs: LogRecord[] = [];
  const bus = new MemoryTransport({ logSink: (r) => logs.push(r) });
  const probe = bus.createNode('probe');
  const regret: RegretReport[] = [];
  const states: LearnerState[] = [];
  const starts: BuiltinInterfacesTime[] = [];
  probe.createSubscription<RegretReport>(REGRET_REPORT, regretTopic, (r) => regret.push(r), TELEMETRY_QOS);
  probe.createSubscription<LearnerState>(LEARNER_STATE, learnerStateTopic, (s) => states.push(s), TELEMETRY_QOS);
  probe.createSubscription<BuiltinInterfacesTime>(RUN_START_TYPE, RUN_START_TOPIC, (t) => starts.push(t), HANDSHAKE_QOS);
  return {
    bus,
    logs,
    regret,
    states,
    starts,
    start(spec) {
      const node = bus.createNode(spec.name, { namespace: spec.namespace, parameterOverrides: spec.parameters, remappings: spec.remappings });
      return { node, instance: programOf(spec.executable)(node) };
    },
    until: (seconds) => bus.run({ untilNs: Math.round(seconds * 1e9) }),
  };
}

function plan(file: string, options: Parameters<typeof planNodes>[2]): NodePlan {
  return planNodes(loadScenario(file).scenario, file, options);
}

const values = (rs: RegretReport[]) => rs.map((r) => [r.round, r.instant_regret, r.cumulative_regret]);
const messages = (b: Bench, name: string) => b.logs.filter((l) => l.name === name).map((l) => l.message);

describe('synchronized start (start_time -1)', () => {
  it('the plan makes its first node the coordinator, listing every node of the run', () => {
    const p = plan(ERASURE, { startTime: SYNC_START });
    expect(p.startTime).toBe(SYNC_START);
    expect(p.nodes[0].executable).toBe('learner');
    expect(p.nodes[0].parameters.run_nodes).toEqual(['learner', 'link', 'agent_0/agent', 'agent_1/agent', 'agent_2/agent', 'agent_3/agent', 'monitor']);
    expect(p.nodes.slice(1).every((n) => !('run_nodes' in n.parameters))).toBe(true);
    expect(plan(ERASURE, {}).nodes[0].parameters.run_nodes).toBeUndefined();
  });

  it('waits for every node however late it starts, then gives exactly the regret of a fixed start', async () => {
    const H = 60;
    const fixed = bench();
    for (const spec of plan(BANDIT, { horizon: H, seed: 4 }).nodes) fixed.start(spec);
    await fixed.until(10);
    expect(fixed.regret).toHaveLength(H);

    const b = bench();
    const [learner, agent, monitor] = plan(BANDIT, { horizon: H, seed: 4, startTime: SYNC_START }).nodes;
    b.start(learner);
    await b.until(1.3);
    b.start(agent);
    await b.until(4.2); // the monitor's process is slow to start
    expect(b.starts).toEqual([]);
    expect(b.states).toEqual([]);
    b.start(monitor);
    await b.until(4.2 + 1 + 0.1 * (H + 2) + 0.2);
    expect(b.starts).toHaveLength(1);
    const round0 = timeToNs(b.starts[0]);
    // Decided at the first check after the monitor announced itself, one second ahead.
    expect(round0 / 1e9).toBeGreaterThan(4.2 + 1);
    expect(round0 / 1e9).toBeLessThan(4.2 + 1.2);
    expect(messages(b, '/learner')).toContain(`all 3 nodes of the run are up; round 0 at node time ${(round0 / 1e9).toFixed(3)} s`);
    expect(b.regret.map((r) => r.round)).toEqual([...Array(H).keys()]);
    expect(values(b.regret)).toEqual(values(fixed.regret));
    // Round 0 closes within its own period, after the agent played (phase 0.5).
    const closed0 = timeToNs(b.states[0].header.stamp);
    expect(closed0).toBeGreaterThanOrEqual(round0 + 0.5e8);
    expect(closed0).toBeLessThan(round0 + 1e8);
  });

  it('a node that joins after the start aligns to the latched round 0 and the run goes on without it meanwhile', async () => {
    const H = 80;
    const b = bench();
    const specs = plan(ERASURE, { horizon: H, seed: 2, startTime: SYNC_START }).nodes;
    const started = specs.map((s) => b.start(s));
    await b.until(0.5);
    const round0 = timeToNs(b.starts[0]);
    // Agent 2's process dies in round 10 and comes back in round 20.
    const agent2 = specs.findIndex((s) => s.namespace === '/agent_2');
    await b.until(round0 / 1e9 + 1.05);
    started[agent2].node.destroy();
    await b.until(round0 / 1e9 + 2.05);
    b.start(specs[agent2]);
    await b.until(round0 / 1e9 + 0.1 * (H + 2));
    expect(messages(b, '/agent_2/agent').some((m) => /^round 0 at node time .* s ago: joining late\)$/.test(m))).toBe(true);
    expect(b.regret.map((r) => r.round)).toEqual([...Array(H).keys()]);
    for (const s of started) s.instance?.shutdown?.();
    // The rounds without agent 2 (about 10) closed at the deadline with its reward missing.
    const summary = messages(b, '/learner').at(-1)!;
    expect(summary).toMatch(new RegExp(`^closed ${H} rounds; dropped .*missing-reward=\\d+`));
    const missing = Number(/missing-reward=(\d+)/.exec(summary)![1]);
    expect(missing).toBeGreaterThanOrEqual(9);
    expect(missing).toBeLessThanOrEqual(11);
  });

  it('fails after ready_timeout naming the nodes that never came up', async () => {
    const b = bench();
    const specs = plan(ERASURE, { horizon: 20, startTime: SYNC_START }).nodes;
    specs[0].parameters.ready_timeout = 2;
    for (const s of specs.filter((s) => s.namespace !== '/agent_1' && s.name !== 'monitor')) b.start(s);
    await expect(b.until(10)).rejects.toThrow(
      'run start: after 2 s, 2 of 7 nodes of the run are not up: /agent_1/agent, /monitor (each announces itself on its namespace\'s run_ready; check that every process started, ROS_DOMAIN_ID and the launch namespace) [node=/learner in timer callback]',
    );
    expect(b.starts).toEqual([]);
  });

  it('under a pushed namespace the coordinator waits for the nodes of its own run only', async () => {
    const b = bench();
    const specs = plan(BANDIT, { horizon: 10, startTime: SYNC_START }).nodes;
    const inFleet = (s: NodeSpec, fleet: string) => ({ ...s, namespace: `/${fleet}${s.namespace === '/' ? '' : s.namespace}` });
    // fleet2 has everything but its monitor; fleet1 is complete.
    for (const s of specs) b.start(inFleet(s, 'fleet1'));
    for (const s of specs.slice(0, 2)) b.start(inFleet(s, 'fleet2'));
    await b.until(3);
    expect(messages(b, '/fleet1/learner').some((m) => m.startsWith('all 3 nodes of the run are up'))).toBe(true);
    expect(messages(b, '/fleet2/learner').some((m) => m.startsWith('all 3 nodes'))).toBe(false);
  });
});

describe('every node of every family announces itself', () => {
  // A plan node that never announces itself would hold every launched run until ready_timeout.
  it.each([
    [BANDIT, {}],
    [ERASURE, {}],
    ['sim/scenarios/coverage-quick.yaml', {}],
    ['sim/scenarios/coverage-quick.yaml', { adapter: 'pose_goal' as const }],
    ['sim/scenarios/coverage-quick.yaml', { adapter: 'px4' as const }],
    ['sim/scenarios/coverage-quick.yaml', { adapter: 'crazyflie' as const }],
    ['sim/scenarios/coverage-quick.yaml', { simulateEnvironment: false }],
    ['sim/scenarios/tree-quick.yaml', {}],
    ['sim/scenarios/dag-quick.yaml', {}],
  ])('%s %j: the coordinator sees every node of the plan and starts the run', async (file, options) => {
    const b = bench();
    const specs = plan(file, { ...options, horizon: 5, startTime: SYNC_START }).nodes;
    for (const s of specs) b.start(s);
    await b.until(0.5);
    expect(messages(b, `/${specs[0].name}`)).toContain(`all ${specs.length} nodes of the run are up; round 0 at node time 1.100 s`);
    expect(b.starts).toHaveLength(1);
  });
});

describe('site sensors under a synchronized start', () => {
  // A real sensor streams before run_start: its readings wait for round 0 instead of stopping the node.
  it('readings before round 0 are ignored; after it, robot 0 stands on sites and samples them', async () => {
    const H = 20;
    const b = bench();
    const samples: SiteSample[] = [];
    b.bus.createNode('spy').createSubscription<SiteSample>(SITE_SAMPLE, '/samples', (m) => samples.push(m), REWARD_QOS);
    const sensor = b.bus.createNode('fake_sensor', { namespace: '/robot_0' });
    const pub = sensor.createPublisher<StdMsgsFloat64>('std_msgs/msg/Float64', 'sensor');
    sensor.createTimer(0.013, () => pub.publish({ data: 0.7 }));
    const specs = plan('sim/scenarios/coverage-quick.yaml', { horizon: H, seed: 2, startTime: SYNC_START, simulateEnvironment: false }).nodes;
    await b.until(0.3); // readings flow before any node of the run exists
    for (const s of specs) b.start(s);
    await b.until(0.3 + 1.1 + 0.1 * (H + 2));
    expect(messages(b, '/planner')).toContain(`all ${specs.length} nodes of the run are up; round 0 at node time 1.400 s`);
    expect(samples.length).toBeGreaterThan(H / 2);
    expect(new Set(samples.map((m) => m.robot_id))).toEqual(new Set([0]));
    expect(samples.every((m) => Math.abs(m.sample - 0.7) < 1e-12 && m.step >= 0 && m.step < H)).toBe(true);
    expect(b.logs.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});

describe('the monitor without ground truth (real sensors)', () => {
  // Without it finishing, a launched field mission (simulate_environment:=false) never ended at the horizon.
  it('coverage-quick without a simulated environment: finished once it reported the last step', async () => {
    const H = 12;
    const b = bench();
    const started = plan('sim/scenarios/coverage-quick.yaml', { horizon: H, seed: 1, simulateEnvironment: false }).nodes.map((s) => ({ spec: s, ...b.start(s) }));
    const monitor = started.find((s) => s.spec.executable === 'monitor')!;
    let why: string | undefined;
    void monitor.instance?.finished?.then((w) => (why = w));
    await b.until(0.1 * (H - 1));
    expect(why).toBeUndefined();
    await b.until(0.1 * (H + 3));
    expect(b.regret.map((r) => r.round)).toEqual([...Array(H).keys()]);
    expect(why).toMatch(new RegExp(`^horizon reached: ${H} steps, estimated regret -?[0-9.e-]+ \\(the planner's estimate: no ground truth\\), collected reward 0$`));
  });
});

describe('the monitor of every family', () => {
  // Its `finished` ends its ROS 2 process, and with it the launch, at the horizon.
  it.each([BANDIT, ERASURE, 'sim/scenarios/coverage-quick.yaml', 'sim/scenarios/tree-quick.yaml', 'sim/scenarios/dag-quick.yaml'])('%s: is finished once it reported the last round', async (file) => {
    const H = 12;
    const b = bench();
    const started = plan(file, { horizon: H, seed: 1 }).nodes.map((s) => ({ spec: s, ...b.start(s) }));
    const monitor = started.find((s) => s.spec.executable === 'monitor')!;
    let why: string | undefined;
    void monitor.instance?.finished?.then((w) => (why = w));
    await b.until(0.1 * (H - 1));
    expect(why).toBeUndefined();
    await b.until(0.1 * (H + 3));
    expect(b.regret.map((r) => r.round)).toEqual([...Array(H).keys()]);
    expect(why).toMatch(new RegExp(`^horizon reached: ${H} (rounds|steps|jobs), cumulative regret -?[0-9.e-]+$`));
  });
});

describe('a learner that misses rounds', () => {
  it.each([
    [BANDIT, 'UCB1'],
    [ERASURE, 'BatchSP2'],
  ])('%s (%s): first tick in round 31, it skips 31 rounds and finishes with the right counts', async (file, algorithm) => {
    const H = 100;
    const b = bench();
    const specs = plan(file, { horizon: H, seed: 9, algorithm });
    const learner = specs.nodes.find((s) => s.executable === 'learner')!;
    const others = specs.nodes.filter((s) => s !== learner).map((s) => b.start(s));
    // Round r's phase 0 is at 0.1 + 0.1 r s: started at 3.15 s, the learner's first tick is round 31.
    await b.until(3.15);
    const l = b.start(learner);
    await b.until(0.1 + 0.1 * (H + 2));
    l.instance?.shutdown?.();
    for (const o of others) o.instance?.shutdown?.();
    expect(b.states.map((s) => s.round)).toEqual(Array.from({ length: H - 31 }, (_, i) => 31 + i));
    expect(messages(b, '/learner').at(-1)).toMatch(new RegExp(`^closed ${H - 31} rounds; skipped 31 \\(started late or missed their tick\\)`));
    const last = b.states.at(-1)!;
    const M = specs.nodes.filter((s) => s.executable === 'agent').length;
    // Every sample the learner counts is a reward it received: at most one per agent per round it ran.
    const counted = last.counts.reduce((a, c) => a + c, 0);
    if (file === BANDIT) expect(counted).toBe(H - 31);
    else {
      expect(counted).toBeGreaterThan(0);
      expect(counted).toBeLessThanOrEqual(M * (H - 31));
    }
    expect(b.regret.map((r) => r.round)).toEqual([...Array(H).keys()]);
  });
});
