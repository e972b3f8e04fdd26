import { describe, expect, it } from 'vitest';
import { parseScenarioText, loadScenario } from '../../src/experiments/scenario/loadScenario.js';
import { ScenarioError } from '../../src/experiments/scenario/ScenarioError.js';

function issuesOf(text: string): string[] {
  try {
    parseScenarioText(text, 'x.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).message.split('\n');
  }
  throw new Error('expected a ScenarioError');
}

const good = `
name: t
family: bandit
horizon: 100
arms: { distribution: bernoulli, means: [0.1, 0.9] }
algorithms: [{ name: ucb1 }]
`;

describe('scenario loading', () => {
  it('accepts a valid scenario and fills defaults', () => {
    const { scenario } = parseScenarioText(good, 'x.yaml');
    expect(scenario).toMatchObject({ name: 't', seed: 1, runs: 10, grid: { points: 200, spacing: 'linear' } });
  });

  it('loads every scenario shipped in sim/scenarios without error', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync('sim/scenarios').filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(() => loadScenario(`sim/scenarios/${f}`), f).not.toThrow();
  });

  it('reports every bad field at once, each with its path', () => {
    const lines = issuesOf(`
name: t
family: bandit
horizon: 0
seed: -1
typo: 3
arms: { distribution: poisson, means: [0.1, "x"] }
algorithms: [{ name: ucb2 }, { name: exp3, params: { gamma: 0 } }, { name: sae, params: { c: 1, z: 2 } }]
`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'x.yaml: horizon: value must be >= 1, found 0',
        'x.yaml: seed: value must be >= 0, found -1',
        "x.yaml: typo: unknown key 'typo'",
        "x.yaml: arms.distribution: 'poisson' is not allowed; expected one of: gaussian, bernoulli",
        "x.yaml: arms.means[1]: expected number, found 'x'",
        "x.yaml: algorithms[0].name: 'ucb2' is unknown; known: ucb1, sae, exp3, uniform",
        'x.yaml: algorithms[1].params.gamma: value must be > 0, found 0',
        "x.yaml: algorithms[2].params.z: unknown key 'z'",
      ]),
    );
    expect(lines).toHaveLength(8);
  });

  it('names missing fields and unknown families', () => {
    expect(issuesOf('name: t\nfamily: bandit\narms: { distribution: bernoulli, means: [0.1, 0.9] }\nalgorithms: [{name: ucb1}]\n')).toEqual([
      'x.yaml: horizon: missing field (expected number)',
    ]);
    expect(issuesOf('name: t\nfamily: poker\n')[0]).toMatch(/^x\.yaml: family: 'poker' is unknown; known: bandit/);
    expect(issuesOf('- 1\n- 2\n')[0]).toMatch(/expected a mapping/);
  });

  it('gives YAML syntax errors with their line number', () => {
    const lines = issuesOf('name: t\nfamily: bandit\nhorizon: [1, 2\nruns: 3\n');
    expect(lines[0]).toMatch(/^x\.yaml:\d+: YAML syntax error: /);
    expect(issuesOf('name: a\nname: b\n')[0]).toMatch(/^x\.yaml:2: YAML syntax error: .*unique/i);
  });

  it('rejects a Bernoulli mean outside [0, 1]', () => {
    expect(issuesOf(good.replace('[0.1, 0.9]', '[0.1, 1.9]'))).toEqual(['x.yaml: arms.means[1]: a Bernoulli mean must be in [0, 1], found 1.9']);
  });

  it('reports a missing file', () => {
    expect(() => loadScenario('sim/scenarios/does-not-exist.yaml')).toThrow('sim/scenarios/does-not-exist.yaml: no such file');
  });
});
