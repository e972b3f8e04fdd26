// Faults on purpose on the node path: the link, agent, learner and monitor nodes read the same
// `faults:` schedule as `sim` and reproduce its regret exactly; their drop counters (logged and
// on /diagnostics) account for every erased command, lost command and missing reward.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExperimentSummary } from '../../src/experiments/summary.js';
import { runExperiment, withOverrides } from '../../src/experiments/runExperiment.js';
import { loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { startEmbedded } from '../../src/nodes/EmbeddedLaunch.js';
import { planNodes } from '../../src/nodes/plan.js';
import type { LogRecord } from '../../src/runtime/Logger.js';
import { cdrCodec } from '../../src/runtime/memory/cdrCodec.js';

const dir = mkdtempSync(join(tmpdir(), 'fb-faults-'));

function scenarioFile(base: string, name: string, horizon: number, faults: string[]): string {
  const text = readFileSync(base, 'utf8').replace(/^horizon: .*$/m, `horizon: ${horizon}`);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `${text}\nfaults:\n${faults.map((f) => `  - ${f}\n`).join('')}`);
  return file;
}

/** The fault counters are sim-only metrics; the node path reports them as drops. */
function withoutFaultMetrics(summary: ExperimentSummary): ExperimentSummary {
  return {
    ...summary,
    algorithms: summary.algorithms.map((a) => {
      if (!a.metrics) return a;
      const { faultErased: _e, lostToDown: _l, rewardsMissing: _m, stepsDown: _d, stepsStuck: _s, ...rest } = a.metrics;
      return { ...a, metrics: Object.keys(rest).length > 0 ? rest : undefined };
    }),
  };
}

/** `{ reason: count }` from the node's `dropped a=1, b=2` shutdown line. */
function drops(logs: LogRecord[], name: string): Record<string, number> {
  const line = logs.find((l) => l.name === name && l.level === 'info' && l.message.includes('dropped '));
  if (!line) return {};
  const list = line.message.slice(line.message.lastIndexOf('dropped ') + 8);
  return Object.fromEntries(list.split(', ').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]));
}

async function bothPaths(file: string, algorithm: string) {
  const { scenario } = loadScenario(file);
  const s = withOverrides(scenario, { algorithms: [algorithm], runs: 1 });
  const logs: LogRecord[] = [];
  const node = await startEmbedded(planNodes(scenario, file, { algorithm }), s, { codec: cdrCodec, logSink: (r) => logs.push(r) }).done;
  const fast = await runExperiment(s, { workers: 0 });
  const metrics = Object.fromEntries(Object.entries(fast.algorithms[0].metrics ?? {}).map(([k, v]) => [k, v.mean]));
  return { node, fast, logs, metrics };
}

describe('faults on the erasure node graph (node path equals sim)', () => {
  it.each(['batchsp2', 'ma-ucb'])('link blackout, %s: the link node erases the window, counts every command', async (alg) => {
    const file = scenarioFile('sim/scenarios/erasure-quick.yaml', 'blackout', 1000, ['{ kind: link-blackout, links: [0, 2], from: 300, to: 450 }']);
    const { node, fast, logs, metrics } = await bothPaths(file, alg);
    expect(node.roundsCompleted).toBe(1000);
    expect(node.summary).toEqual(withoutFaultMetrics(fast));
    expect(metrics.faultErased).toBe(300);
    expect(drops(logs, '/link')).toEqual({ 'link-blackout': 300 });
  });

  it('burst loss: the burst stream erases the same commands in both paths', async () => {
    const file = scenarioFile('sim/scenarios/erasure-quick.yaml', 'burst', 1000, ['{ kind: burst-loss, links: [1, 3], from: 200, to: 700, pGoodToBad: 0.05, pBadToGood: 0.2 }']);
    const { node, fast, logs, metrics } = await bothPaths(file, 'batchsp2');
    expect(node.summary).toEqual(withoutFaultMetrics(fast));
    expect(metrics.faultErased).toBeGreaterThan(50);
    expect(drops(logs, '/link')).toEqual({ 'burst-loss': metrics.faultErased });
  });

  it.each([
    ['sim/scenarios/erasure-quick.yaml', 'batchsp2'],
    ['sim/scenarios/erasure-feedback.yaml', 'TPG (all)'],
  ])('agent crash, %s %s: no reward or telemetry while down, lost commands and missing rewards counted', async (base, alg) => {
    const file = scenarioFile(base, `crash-${alg.replace(/\W/g, '')}`, 800, ['{ kind: agent-crash, agents: [1], from: 200, to: 350 }']);
    const { node, fast, logs, metrics } = await bothPaths(file, alg);
    expect(node.roundsCompleted).toBe(800);
    expect(node.summary).toEqual(withoutFaultMetrics(fast));
    expect(metrics.rewardsMissing).toBe(150);
    expect(drops(logs, '/learner')).toEqual({ 'agent-down': 150 });
    expect(drops(logs, '/agent_1/agent')['agent-down'] ?? 0).toBe(metrics.lostToDown);
    if (alg === 'batchsp2') expect(metrics.lostToDown).toBeGreaterThan(40); // eps 0.5 over 150 rounds
    expect(drops(logs, '/monitor')).toEqual({});
  });

  it('learner restart: the learner node forgets at the same round as sim', async () => {
    const file = scenarioFile('sim/scenarios/erasure-quick.yaml', 'restart', 1000, ['{ kind: learner-restart, round: 400 }']);
    const { node, fast } = await bothPaths(file, 'batchsp2');
    expect(node.summary).toEqual(withoutFaultMetrics(fast));
    const clean = await runExperiment(withOverrides(loadScenario('sim/scenarios/erasure-quick.yaml').scenario, { algorithms: ['batchsp2'], runs: 1, horizon: 1000 }), { workers: 0 });
    expect(fast.algorithms[0].finalRegret.mean).not.toBe(clean.algorithms[0].finalRegret.mean);
  });
});

describe('faults on the bandit node graph (node path equals sim)', () => {
  it.each(['ucb1', 'sae'])('agent crash and learner restart, %s', async (alg) => {
    const file = scenarioFile('sim/scenarios/single-agent.yaml', `bandit-${alg}`, 600, ['{ kind: agent-crash, agents: [0], from: 100, to: 180 }', '{ kind: learner-restart, round: 300 }']);
    const { node, fast, logs, metrics } = await bothPaths(file, alg);
    expect(node.roundsCompleted).toBe(600);
    expect(node.summary).toEqual(withoutFaultMetrics(fast));
    expect(metrics.rewardsMissing).toBe(80);
    expect(drops(logs, '/learner')).toEqual({ 'agent-down': 80 });
  });
});

describe('faults on the coverage node graph (node path equals sim)', () => {
  it.each(['Multi-G-UCB', 'Indv-G-UCB'])('robot crash, robot stuck and planner restart, %s: robots, planner, environment and monitor follow the schedule', async (alg) => {
    const file = scenarioFile('sim/scenarios/coverage-quick.yaml', `coverage-${alg.replace(/\W/g, '')}`, 400, [
      '{ kind: robot-crash, robots: [0, 3], from: 100, to: 160 }',
      '{ kind: robot-stuck, robots: [1], from: 200, steps: 40 }',
      '{ kind: learner-restart, round: 300 }',
    ]);
    const { node, fast, logs, metrics } = await bothPaths(file, alg);
    expect(node.roundsCompleted).toBe(400);
    expect(node.summary).toEqual(withoutFaultMetrics(fast));
    expect([metrics.stepsDown, metrics.stepsStuck, metrics.lostToDown]).toEqual([120, 40, 120]);
    expect(drops(logs, '/planner')).toEqual({ 'robot-down': 120 });
    expect(drops(logs, '/robot_0/robot')['robot-down'] + drops(logs, '/robot_3/robot')['robot-down']).toBe(metrics.lostToDown);
    expect(drops(logs, '/monitor')).toEqual({});
    expect(drops(logs, '/environment')).toEqual({});
  });
});
