import { describe, expect, it } from 'vitest';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { UserInputError } from '../../src/experiments/UserInputError.js';
import type { DiagnosticMsgsDiagnosticArray, DagTopology, JointReward, LearnerState, PlayerAction, RegretReport } from '../../src/msg/definitions.generated.js';
import { validateMessage } from '../../src/msg/validateMessage.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';
import { DIAGNOSTIC_ARRAY, DIAGNOSTICS_TOPIC } from '../../src/nodes/dropDiagnostics.js';
import { DAG_TOPOLOGY, JOINT_REWARD, PLAYER_ACTION, PLAYER_STATE } from '../../src/nodes/dag/topics.js';
import { REGRET_REPORT } from '../../src/nodes/rounds/topics.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { DEFAULT_QOS, LATCHED_QOS, REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { EXECUTABLES, loadPrograms } from '../../src/nodes/executables.js';
import { SYNC_START } from '../../src/nodes/RunStart.js';

const programOf = await loadPrograms(EXECUTABLES);

const quick = 'sim/scenarios/dag-quick.yaml';

describe('DAG family on the embedded node graph', () => {
  it.each(['dag-exp3', 'dag-ucb1', 'indep-ucb1'])('dag-quick, %s: players, environment and monitor give exactly the regret of sim (strict CDR)', async (alg) => {
    const { scenario } = loadScenario(quick);
    const s = withOverrides(scenario, { algorithms: [alg], seed: 11, horizon: 1500, runs: 1 });
    const node = await startEmbedded(planNodes(scenario, quick, { algorithm: alg, seed: 11, horizon: 1500 }), s, { codec: cdrCodec, logSink: () => {} }).done;
    const fast = await runExperiment(s, { workers: 0 });
    expect(node.roundsCompleted).toBe(1500);
    expect(node.summary).toEqual(fast);
    expect(fast.algorithms[0].finalRegret.mean).toBeGreaterThan(0);
  });

  it('leader drones, per-context UCB1: node path equals sim with four players and labels', async () => {
    const file = 'sim/scenarios/dag-leader-drones.yaml';
    const { scenario } = loadScenario(file);
    const s = withOverrides(scenario, { algorithms: ['dag-ucb1'], horizon: 800, runs: 1 });
    const topologies: DagTopology[] = [];
    const states: LearnerState[] = [];
    const node = await startEmbedded(planNodes(scenario, file, { algorithm: 'dag-ucb1', horizon: 800 }), s, {
      logSink: () => {},
      attach: (bus) => {
        const spy = bus.createNode('spy');
        spy.createSubscription<DagTopology>(DAG_TOPOLOGY, '/dag_topology', (m) => topologies.push(m), LATCHED_QOS);
        spy.createSubscription<LearnerState>(PLAYER_STATE, '/player_2/state', (m) => states.push(m), TELEMETRY_QOS);
      },
    }).done;
    expect(node.summary).toEqual(await runExperiment(s, { workers: 0 }));
    // the latched graph the viewer draws, and each player's policy in the context it played
    expect(topologies).toHaveLength(1);
    expect(validateMessage(DAG_TOPOLOGY, topologies[0])).toBeNull();
    expect(topologies[0].players.map((p) => [p.name, p.actions, p.parents, p.action_labels.join('/')])).toEqual([
      ['leader', 4, [], 'north/east/south/west'],
      ['drone_a', 3, [0], 'relay/camera/spare'],
      ['drone_b', 3, [0], 'relay/camera/spare'],
      ['drone_c', 3, [0], 'relay/camera/spare'],
    ]);
    expect(states).toHaveLength(800);
    for (const st of states.slice(0, 50)) expect(validateMessage(PLAYER_STATE, st)).toBeNull();
    const last = states[799];
    expect(last.learner_id).toBe(2);
    expect(last.counts).toHaveLength(3);
    expect(last.estimates.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    // counts are the plays in the published context (leader's sector), all contexts together make 800
    const perContext = new Map<number, number>();
    for (const st of states) perContext.set(st.batch, st.counts.reduce((a, x) => a + x, 0));
    expect([...perContext.values()].reduce((a, x) => a + x, 0)).toBe(800);
  });

  it('plans one player per vertex, the environment and the monitor; the centralized bandit has no node form', () => {
    const { scenario } = loadScenario(quick);
    const plan = planNodes(scenario, quick, { algorithm: 'dag-ucb1' });
    expect(plan.nodes.map((n) => `${n.executable}:${n.namespace}${n.name}`)).toEqual(['player:/player_0', 'player:/player_1', 'player:/player_2', 'environment:/environment', 'monitor:/monitor']);
    expect(plan.nodes[2].parameters.player_id).toBe(2);
    expect(() => planNodes(scenario, quick, { algorithm: 'central-ucb1' })).toThrow(UserInputError);
    expect(() => planNodes(scenario, quick, { algorithm: 'central-ucb1' })).toThrow(/runs only in 'fleet-bandits sim'/);
  });

  it('a parent that never publishes: rounds close at the deadline, missing actions are counted, nothing is learned, the run still ends', async () => {
    const { scenario } = loadScenario(quick);
    const s = withOverrides(scenario, { algorithms: ['dag-ucb1'], horizon: 40, runs: 1 });
    const plan = planNodes(scenario, quick, { algorithm: 'dag-ucb1', horizon: 40 });
    plan.nodes = plan.nodes.filter((n) => n.name !== 'player_0'); // the leader never comes up
    const logs: LogRecord[] = [];
    const rewards: JointReward[] = [];
    const states: LearnerState[] = [];
    const reports: RegretReport[] = [];
    const result = await startEmbedded(plan, s, {
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        const spy = bus.createNode('spy');
        spy.createSubscription<JointReward>(JOINT_REWARD, '/joint_reward', (m) => rewards.push(m), REWARD_QOS);
        for (let i = 1; i < 3; i++) spy.createSubscription<LearnerState>(PLAYER_STATE, `/player_${i}/state`, (m) => states.push(m), TELEMETRY_QOS);
        spy.createSubscription<RegretReport>(REGRET_REPORT, '/regret', (m) => reports.push(m), TELEMETRY_QOS);
      },
    }).done;
    expect(result.roundsCompleted).toBe(40);
    expect(rewards).toEqual([]);
    expect(states).toEqual([]);
    // every round earns nothing: regret is the best mean each round
    expect(reports.map((r) => r.achieved_value)).toEqual(new Array(40).fill(0));
    expect(reports[39].cumulative_regret).toBeCloseTo(40 * reports[0].optimal_value, 9);
    const warn = (name: string) => logs.filter((l) => l.name === name && l.level === 'warn').map((l) => l.message).join('\n');
    expect(warn('/player_1')).toContain("reason 'missing-parent'");
    expect(warn('/player_2')).toContain("reason 'missing-parent'");
    expect(warn('/environment')).toContain('round 0: no action from players 0, 1, 2 by the deadline; no reward');
    expect(warn('/monitor')).toContain("reason 'missing-action'");
    const summary = logs.filter((l) => l.name === '/environment' && l.message.startsWith('rewarded')).map((l) => l.message);
    expect(summary).toEqual(['rewarded 0 rounds; dropped missing-action=40']);
  });

  it('an action index out of range, a forged player id and a duplicate are dropped and counted; the run equals sim', async () => {
    const { scenario } = loadScenario(quick);
    const s = withOverrides(scenario, { algorithms: ['dag-exp3'], horizon: 200, runs: 1 });
    const logs: LogRecord[] = [];
    const diagnostics: DiagnosticMsgsDiagnosticArray[] = [];
    const run = startEmbedded(planNodes(scenario, quick, { algorithm: 'dag-exp3', horizon: 200 }), s, {
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        const spy = bus.createNode('forger');
        spy.createSubscription<DiagnosticMsgsDiagnosticArray>(DIAGNOSTIC_ARRAY, DIAGNOSTICS_TOPIC, (m) => diagnostics.push(m), DEFAULT_QOS);
        const forged = spy.createPublisher<PlayerAction>(PLAYER_ACTION, '/player_1/action', REWARD_QOS);
        const stamp = { stamp: { sec: 0, nanosec: 0 }, frame_id: '' };
        spy.createTimer(5.02, () => {
          forged.publish({ header: stamp, player_id: 1, round: 60, action: 7 }); // follower has 3 actions
          forged.publish({ header: stamp, player_id: 0, round: 60, action: 0 }); // claims another player
          forged.publish({ header: stamp, player_id: 1, round: 49, action: 0 }); // a closed round
        });
      },
    }).done;
    const result = await run;
    expect(result.summary).toEqual(await runExperiment(s, { workers: 0 }));
    const warnings = logs.filter((l) => l.level === 'warn' && (l.name === '/environment' || l.name === '/player_2')).map((l) => l.message).join('\n');
    expect(warnings).toContain('player 1 played action 7 (actions 0..2)');
    expect(warnings).toContain("reason 'wrong-player'");
    expect(warnings).toContain("reason 'late-round'");
    // the same counts on /diagnostics (the forger's timer fires three times), per node that dropped something
    const last = new Map<string, Record<string, number>>();
    for (const st of diagnostics.flatMap((d) => d.status)) last.set(st.name, Object.fromEntries(st.values.map((v) => [v.key, Number(v.value)])));
    expect(last.get('/environment: message hygiene')).toEqual({ 'unknown-action': 3, 'wrong-player': 3, 'late-round': 3 });
    expect(last.get('/monitor: message hygiene')).toEqual({ 'unknown-action': 3, 'wrong-player': 3, 'late-round': 3 });
  });

  it('a synchronized start (start_time -1): the first player coordinates, every node announces itself, the regret equals a fixed start', async () => {
    const { scenario } = loadScenario(quick);
    const regretOf = async (startTime?: number) => {
      const logs: LogRecord[] = [];
      const bus = new MemoryTransport({ logSink: (r) => logs.push(r) });
      const reports: RegretReport[] = [];
      bus.createNode('probe').createSubscription<RegretReport>(REGRET_REPORT, '/regret', (r) => reports.push(r), TELEMETRY_QOS);
      const specs = planNodes(scenario, quick, { algorithm: 'dag-ucb1', horizon: 30, startTime }).nodes;
      for (const spec of specs) programOf(spec.executable)(bus.createNode(spec.name, { namespace: spec.namespace, parameterOverrides: spec.parameters, remappings: spec.remappings }));
      await bus.run({ untilNs: 10e9 });
      return { logs, reports: reports.map((r) => [r.instant_regret, r.cumulative_regret]), first: specs[0].name, count: specs.length };
    };
    const fixed = await regretOf();
    const synced = await regretOf(SYNC_START);
    expect(synced.first).toBe('player_0');
    expect(synced.logs.filter((l) => l.name === '/player_0').map((l) => l.message).join('\n')).toContain(`all ${synced.count} nodes of the run are up`);
    expect(fixed.reports).toHaveLength(30);
    expect(synced.reports).toEqual(fixed.reports);
  });
});
