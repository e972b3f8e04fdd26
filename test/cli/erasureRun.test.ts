import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('fleet-bandits run on an erasure scenario', () => {
  it('adaptive without feedback: run --strict --json reports exactly the numbers of sim --runs 1 (erasure-quick, fixed seed)', () => {
    const alg = 'adaptive (no feedback)';
    const common = ['--seed', '5', '--horizon', '1200', '--json'];
    const run = runCli(['run', 'sim/scenarios/erasure-quick.yaml', '--algorithm', alg, '--strict', '--quiet', ...common]);
    const sim = runCli(['sim', 'sim/scenarios/erasure-quick.yaml', '--runs', '1', '--algorithms', alg, '--quiet', '--out', 'out/test-erasure-run', ...common]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sim.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toEqual(JSON.parse(sim.stdout));
    expect(summary.algorithms[0].algorithm).toBe('adaptive');
  });
});
