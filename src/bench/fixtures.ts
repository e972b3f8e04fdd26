/** Scenario files the bench generates: large fields and the scaling series (written to a temp dir). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export function writeScenario(dir: string, name: string, scenario: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify({ name, ...scenario }));
  return file;
}

/** A coverage field: Erdos-Renyi with mean degree ~ 10 for `sites` <= 5,000, else a square grid (generation is O(K) there). */
export function coverageField(sites: number, robots: number, horizon: number, algorithm = 'multi-g-ucb'): Record<string, unknown> {
  const side = Math.round(Math.sqrt(sites));
  const graph = sites <= 5000 ? { type: 'erdos-renyi', sites, p: Math.min(1, 10 / sites) } : { type: 'grid', rows: side, cols: side };
  return {
    family: 'coverage',
    seed: 1,
    horizon,
    runs: 1,
    graph,
    robots: { count: robots, starts: 'random' },
    sites: { means: { type: 'uniform', lo: 0.25, hi: 0.75 }, noise: { type: 'gaussian', sd: 0.06 } },
    weights: { type: 'log', alpha: 0.05 },
    algorithms: [{ name: algorithm }],
  };
}

/** An erasure problem with K Gaussian arms (one good) and M agents on links erasing 90 %. */
export function erasureProblem(arms: number, agents: number, horizon: number, algorithm = 'batchsp2'): Record<string, unknown> {
  return {
    family: 'erasure',
    seed: 1,
    horizon,
    runs: 1,
    arms: { distribution: 'gaussian', means: Array.from({ length: arms }, (_, k) => (k === 0 ? 1 : k === 1 ? 0.8 : 0)), variance: 1, shuffle: true },
    agents: { groups: [{ count: agents, eps: 0.9 }] },
    algorithms: [{ name: algorithm }],
  };
}
