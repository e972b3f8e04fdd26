import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('fleet-bandits run on a DAG scenario', () => {
  it('run --strict --json reports exactly the numbers of sim --runs 1 (dag-quick, fixed seed)', () => {
    const common = ['--seed', '3', '--horizon', '800', '--json'];
    const run = runCli(['run', 'sim/scenarios/dag-quick.yaml', '--algorithm', 'per-context UCB1', '--strict', ...common]);
    const sim = runCli(['sim', 'sim/scenarios/dag-quick.yaml', '--runs', '1', '--algorithms', 'per-context UCB1', '--quiet', '--out', 'out/test-dag-run', ...common]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sim.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(sim.stdout));
  });

  it('a cyclic graph is a one-line error naming the file and field, exit 2', () => {
    const r = runCli(['plan', 'test/fixtures/dag-cycle.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: test/fixtures/dag-cycle.yaml: players[0].parents: the graph has a cycle: 0 -> 1 -> 0 (a -> b: b observes a)');
  });

  it('the centralized bandit has no node form: run says so, exit 2', () => {
    const r = runCli(['run', 'sim/scenarios/dag-quick.yaml', '--algorithm', 'central-ucb1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("runs only in 'fleet-bandits sim'");
  });
});
