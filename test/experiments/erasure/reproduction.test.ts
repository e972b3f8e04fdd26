// Statistical reproduction of the BatchSP2 claims (Hanna et al., AISTATS 2024, Sec. V; spec 6):
// on the paper's Experiment-2 links (20 agents, eps 0.9 / 0.93 / 0.95 / 0.99, K = 10, gap 0.2,
// T = 5e4), 10 runs of seed 1. BatchSP2 ends below MA-UCB, MA-SAE, MA-LSAE-H and MA-LSAE-V;
// MA-UCB and MA-SAE grow linearly (some runs lock onto the 0.8 arm for good); BatchSP2 is
// sub-linear. The spec's smaller M = 8, T = 2e4 instance is too close to call for MA-SAE (its
// lock-in rate there is about 5-20%), so this test uses the paper's agent set.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { erasureExperiment } from '../../../src/experiments/erasure/erasureExperiment.js';
import { erasureScenarioSchema } from '../../../src/experiments/erasure/schema.js';

describe('BatchSP2 reproduction on erasure-exp2 links (seed 1, 10 runs)', () => {
  const scenario = erasureScenarioSchema.parse({ ...parse(readFileSync('sim/scenarios/erasure-exp2.yaml', 'utf8')), runs: 10 });
  const T = scenario.horizon;
  const grid = Int32Array.from([T / 2, T]);
  const mean: Record<string, { half: number; end: number }> = {};
  beforeAll(() => {
  for (let i = 0; i < scenario.algorithms.length; i++) {
    const name = scenario.algorithms[i].name;
    if (name === 'batchsp2-anytime') continue;
    let half = 0;
    let end = 0;
    for (let r = 0; r < scenario.runs; r++) {
      const curve = erasureExperiment.runOne(scenario, i, new Rng(scenario.seed).stream(`run/${r}`), grid);
      half += curve[0] / scenario.runs;
      end += curve[1] / scenario.runs;
    }
    mean[name] = { half, end };
  }
  });
  const secondHalf = (name: string) => mean[name].end - mean[name].half;

  it('BatchSP2 ends with the lowest regret', () => {
    for (const other of ['ma-ucb', 'ma-sae', 'ma-lsae-h', 'ma-lsae-v']) expect(mean.batchsp2.end, other).toBeLessThan(mean[other].end);
  });

  it('MA-UCB and MA-SAE grow linearly', () => {
    for (const name of ['ma-ucb', 'ma-sae']) expect(secondHalf(name), name).toBeGreaterThanOrEqual(0.8 * mean[name].half);
  });

  it('BatchSP2 is sub-linear', () => {
    expect(secondHalf('batchsp2')).toBeLessThan(0.1 * mean.batchsp2.half);
  });
});
