// The shipped erasure scenarios validate and say what they reproduce.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { erasureAgents } from '../../../src/experiments/erasure/erasureAgents.js';
import { erasureScenarioWarnings } from '../../../src/experiments/erasure/erasureScenarioWarnings.js';
import { erasureScenarioSchema } from '../../../src/experiments/erasure/schema.js';

const load = (name: string) => {
  const text = readFileSync(`sim/scenarios/${name}.yaml`, 'utf8');
  return { text, scenario: erasureScenarioSchema.parse(parse(text)) };
};
const allAlgorithms = ['batchsp2', 'ma-ucb', 'ma-sae', 'ma-lsae-h', 'ma-lsae-v', 'batchsp2-anytime'];

describe('sim/scenarios/erasure-*.yaml', () => {
  it.each([
    ['erasure-exp1', [0.2, 0.7, 0.9, 0.95]],
    ['erasure-exp2', [0.9, 0.93, 0.95, 0.99]],
  ] as const)('%s: the paper setting with eps groups %j', (name, groups) => {
    const { text, scenario } = load(name);
    expect(text.startsWith('# Reproduces')).toBe(true);
    expect(scenario).toMatchObject({ family: 'erasure', horizon: 50_000, runs: 20, arms: { distribution: 'gaussian', means: [1, 0.8, 0, 0, 0, 0, 0, 0, 0, 0], variance: 1, shuffle: true } });
    expect(erasureAgents(scenario).map((a) => a.eps)).toEqual(groups.flatMap((e) => [e, e, e, e, e]));
    expect(scenario.algorithms.map((a) => a.name)).toEqual(allAlgorithms);
    expect(erasureScenarioWarnings(scenario)).toEqual([]);
  });

  it('erasure-quick: small, every algorithm without feedback', () => {
    const { text, scenario } = load('erasure-quick');
    expect(text.startsWith('#')).toBe(true);
    expect(scenario.horizon).toBe(3000);
    expect(erasureAgents(scenario)).toHaveLength(4);
    expect(scenario.arms.means).toHaveLength(5);
    expect(scenario.algorithms.map((a) => a.name)).toEqual([...allAlgorithms, 'adaptive']);
  });
});
