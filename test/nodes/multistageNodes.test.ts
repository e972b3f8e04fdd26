import { describe, expect, it } from 'vitest';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import type { Job, JobCost, LearnerState } from '../../src/msg/definitions.generated.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { costTopic, JOB, JOB_COST, jobTopic, STAGE_STATE, stageStatesTopic } from '../../src/nodes/jobs/topics.js';
import { planNodes } from '../../src/nodes/plan.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { REWARD_QOS, TELEMETRY_QOS } from '../../src/runtime/Qos.js';
import { runCli } from '../helpers/cli.js';

const FILE = 'sim/scenarios/tree-quick.yaml';

async function bothPaths(algorithm: string, seed: number, strict: boolean) {
  const { scenario } = loadScenario(FILE);
  const s = withOverrides(scenario, { algorithms: [algorithm], seed, runs: 1 });
  const plan = planNodes(scenario, FILE, { algorithm, seed });
  const node = await startEmbedded(plan, s, { codec: strict ? cdrCodec : undefined, logSink: () => {} }).done;
  const fast = await runExperiment(s, { workers: 0 });
  return { node, fast };
}

describe('multistage family on the embedded node graph', () => {
  it.each([
    ['epsilon-EXP3', false],
    ['epsilon-EXP3 (anytime)', true],
    ['epsilon-EXP3 (adaptive eta)', false],
    ['epsilon-EXP3 (adaptive eta)', true],
    ['epsilon-EXP3 (anytime, adaptive eta)', true],
    ['EXP3', false],
    ['EXP3 (Auer)', true],
    ['Broad-OMD', true],
  ] as const)('tree-quick, %s (strict %s): source, stages, leaves and monitor give exactly the regret of sim', async (alg, strict) => {
    const { node, fast } = await bothPaths(alg, 5, strict);
    expect(node.roundsCompleted).toBe(2000);
    expect(node.summary).toEqual(fast);
  });

  it('plans the source, a stage per internal node, a leaf per leaf and the monitor; refuses normalized-EG', () => {
    const { scenario } = loadScenario(FILE);
    const plan = planNodes(scenario, FILE);
    expect(plan.nodes.map((n) => `${n.executable}:${n.name}`)).toEqual([
      'source:source',
      'stage:stage_robot',
      'stage:stage_edge1',
      'stage:stage_edge2',
      'leaf:leaf_net1a',
      'leaf:leaf_net1b',
      'leaf:leaf_net2a',
      'leaf:leaf_net2b',
      'monitor:monitor',
    ]);
    expect(plan.nodes[1].parameters.tree_node).toBe('robot');
    expect(() => planNodes(scenario, FILE, { algorithm: 'normalized-EG' })).toThrow(/runs in sim only/);
  });

  it('every stage publishes its forwarding distribution once a round on stage_states (for viewers), and the run still equals sim', async () => {
    const { scenario } = loadScenario(FILE);
    const T = 60;
    const s = withOverrides(scenario, { algorithms: ['epsilon-EXP3 (anytime)'], horizon: T, runs: 1 });
    const states: LearnerState[] = [];
    const node = await startEmbedded(planNodes(scenario, FILE, { algorithm: 'epsilon-EXP3 (anytime)', horizon: T }), s, {
      codec: cdrCodec,
      logSink: () => {},
      attach: (bus) => {
        bus.createNode('spy').createSubscription<LearnerState>(STAGE_STATE, `/${stageStatesTopic}`, (m) => states.push(m), TELEMETRY_QOS);
      },
    }).done;
    expect(node.summary).toEqual(await runExperiment(s, { workers: 0 }));
    // Tree node ids: robot 0, edge1 1, edge2 2; leaves 3..6.
    const children: Record<number, number[]> = { 0: [1, 2], 1: [3, 4], 2: [5, 6] };
    for (const id of [0, 1, 2]) {
      const mine = states.filter((m) => m.learner_id === id);
      expect(mine.map((m) => m.round)).toEqual(Array.from({ length: T - 1 }, (_, r) => r + 1));
      for (const m of mine) {
        expect(m.active_arms).toEqual(children[id]);
        expect(m.estimates.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    }
    // The root forwards every job: by round r it has forwarded the jobs of rounds 0..r-1.
    for (const m of states.filter((x) => x.learner_id === 0)) expect(m.counts.reduce((a, b) => a + b, 0)).toBe(m.round);
  });

  it('drops a JobCost for an unknown job, a forged path and a cost outside [0, 1], and counts a lost job as a deadline miss with cost 1', async () => {
    const { scenario } = loadScenario(FILE);
    const s = withOverrides(scenario, { algorithms: ['EXP3'], horizon: 50 });
    const logs: LogRecord[] = [];
    const costs: JobCost[] = [];
    const run = startEmbedded(planNodes(scenario, FILE, { algorithm: 'EXP3', horizon: 50 }), s, {
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        const spy = bus.createNode('spy');
        spy.createSubscription<JobCost>(JOB_COST, '/job_costs', (m) => costs.push(m), REWARD_QOS);
        const forgedCost = spy.createPublisher<JobCost>(JOB_COST, `/${costTopic('edge1')}`, REWARD_QOS);
        const forgedJob = spy.createPublisher<Job>(JOB, `/${jobTopic('edge2')}`, REWARD_QOS);
        // Swallow every job to net2b: those jobs never come back (lost service).
        const stamp = { stamp: { sec: 0, nanosec: 0 }, frame_id: '' };
        spy.createTimer(1.05, () => {
          forgedCost.publish({ header: stamp, job_id: 999_999, round: 3, path: [0, 1, 3], arrival_probability: 0.5, cost: 0.2 });
          forgedJob.publish({ header: stamp, job_id: 77, round: 3, path: [0, 5], arrival_probability: 0.5, delay: 0 });
          forgedJob.publish({ header: stamp, job_id: 78, round: 3, path: [0, 2], arrival_probability: 1.5, delay: 0 });
        });
      },
    });
    const result = await run.done;
    expect(result.roundsCompleted).toBe(50);
    const warnings = logs.filter((l) => l.level === 'warn').map((l) => `${l.name}: ${l.message}`);
    expect(warnings.some((w) => w.startsWith('/stage_robot') && w.includes("reason 'unknown-job'"))).toBe(true);
    expect(warnings.some((w) => w.startsWith('/stage_edge2') && w.includes("reason 'wrong-path'"))).toBe(true);
    expect(warnings.some((w) => w.startsWith('/stage_edge2') && w.includes("reason 'bad-value'"))).toBe(true);
    expect(costs).toHaveLength(50);
  });

  it('a stand-in service answers for a leaf with really measured delays (the real-service contract)', async () => {
    const { scenario } = loadScenario(FILE);
    const s = withOverrides(scenario, { algorithms: ['epsilon-EXP3'], horizon: 200 });
    const plan = planNodes(scenario, FILE, { algorithm: 'epsilon-EXP3', horizon: 200 });
    plan.nodes = plan.nodes.filter((n) => n.name !== 'leaf_net2b');
    const measured: number[] = [];
    const outcomes: JobCost[] = [];
    const logs: LogRecord[] = [];
    const result = await startEmbedded(plan, s, {
      codec: cdrCodec,
      logSink: (r) => logs.push(r),
      attach: (bus) => {
        // What an inference server would do: take the job, run the work, time it, answer.
        const service = bus.createNode('inference_server');
        const answer = service.createPublisher<JobCost>(JOB_COST, `/${costTopic('net2b')}`, REWARD_QOS);
        service.createSubscription<Job>(JOB, `/${jobTopic('net2b')}`, (job) => {
          const t0 = performance.now();
          const work = Float64Array.from({ length: 2000 }, (_, i) => Math.sin(i + job.round)).sort();
          const ms = performance.now() - t0 + (work[0] > 1 ? 1 : 0);
          measured.push(ms);
          answer.publish({ header: job.header, job_id: job.job_id, round: job.round, path: job.path, arrival_probability: job.arrival_probability, cost: ms > 50 ? 1 : 0.1 });
        }, REWARD_QOS);
        const spy = bus.createNode('spy');
        spy.createSubscription<JobCost>(JOB_COST, '/job_costs', (m) => outcomes.push(m), REWARD_QOS);
      },
    }).done;
    expect(result.roundsCompleted).toBe(200);
    expect(measured.length).toBeGreaterThan(0);
    for (const ms of measured) expect(ms).toBeGreaterThan(0);
    const viaService = outcomes.filter((o) => o.path[o.path.length - 1] === 6);
    expect(viaService).toHaveLength(measured.length);
    expect(outcomes).toHaveLength(200);
    expect(logs.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('fleet-bandits run --strict on tree-quick prints the numbers of sim --runs 1', () => {
    const run = runCli(['run', FILE, '--algorithm', 'epsilon-EXP3', '--horizon', '600', '--strict', '--json', '--quiet']);
    const sim = runCli(['sim', FILE, '--algorithms', 'epsilon-EXP3', '--horizon', '600', '--runs', '1', '--workers', '0', '--json', '--quiet', '-o', '/tmp/fb-tree-quick-sim']);
    expect(run.code).toBe(0);
    expect(sim.code).toBe(0);
    expect(JSON.parse(run.stdout).algorithms).toEqual(JSON.parse(sim.stdout).algorithms);
  });
});
