import { describe, expect, it } from 'vitest';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';

const file = 'sim/scenarios/single-agent.yaml';
const { scenario } = loadScenario(file);

async function nodePath(algorithm: string, seed: number, horizon: number) {
  const plan = planNodes(scenario, file, { algorithm, seed, horizon });
  const s = withOverrides(scenario, { algorithms: [algorithm], seed, horizon });
  return startEmbedded(plan, s, { codec: cdrCodec, logSink: () => {} }).done;
}

describe('single-agent bandit on the embedded node graph (strict CDR mode)', () => {
  it.each(['UCB1', 'SAE', 'EXP3', 'uniform'])('%s: node path and fast path agree bit for bit', async (algorithm) => {
    const seed = 17;
    const horizon = 1500;
    const node = await nodePath(algorithm, seed, horizon);
    const fast = await runExperiment(withOverrides(scenario, { algorithms: [algorithm], seed, horizon, runs: 1 }), { workers: 0 });
    expect(node.stoppedBy).toBe('horizon');
    expect(node.roundsCompleted).toBe(horizon);
    expect(node.summary).toEqual(fast);
  });

  it('stops after the duration with a partial summary', async () => {
    const plan = planNodes(scenario, file, { algorithm: 'UCB1', horizon: 1000, roundPeriod: 0.1 });
    const r = await startEmbedded(plan, withOverrides(scenario, { horizon: 1000, algorithms: ['UCB1'] }), { logSink: () => {}, durationSeconds: 10.05 }).done;
    expect(r.stoppedBy).toBe('duration');
    expect(r.roundsCompleted).toBe(100); // rounds 0..99 end before 10.05 s (round 0 starts at 0.1 s, plays at 0.15 s)
    expect(r.summary.horizon).toBe(100);
  });

  it('stop() ends the run early', async () => {
    const plan = planNodes(scenario, file, { algorithm: 'UCB1', horizon: 100000 });
    const run = startEmbedded(plan, withOverrides(scenario, { horizon: 100000, algorithms: ['UCB1'] }), { logSink: () => {} });
    setTimeout(() => run.stop(), 20);
    const r = await run.done;
    expect(r.stoppedBy).toBe('stop');
    expect(r.roundsCompleted).toBeLessThan(100000);
  });
});

describe('planNodes', () => {
  it('plans learner, agent and monitor with the run parameters', () => {
    const plan = planNodes(scenario, file, { algorithm: 'SAE', seed: 3 });
    expect(plan).toMatchObject({ scenario: file, family: 'bandit', algorithm: 'SAE', seed: 3, run: 0, horizon: 20000, roundPeriod: 0.1, startTime: 0.1 });
    expect(plan.nodes.map((n) => `${n.namespace}|${n.name}|${n.executable}`)).toEqual(['/|learner|learner', '/agent_0|agent|agent', '/|monitor|monitor']);
    const agent = plan.nodes[1];
    expect(agent.parameters).toEqual({ scenario: file, algorithm: 'SAE', seed: 3, run: 0, horizon: 20000, round_period: 0.1, start_time: 0.1, agent_id: 0 });
    expect(agent.remappings).toEqual({ cmd: 'cmd_raw' });
  });

  it('rejects an algorithm the scenario lacks', () => {
    expect(() => planNodes(scenario, file, { algorithm: 'nope' })).toThrow("algorithm 'nope' is not in scenario");
  });
});
