import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('fleet-bandits run and plan', () => {
  it('run --json reports exactly the final regret of sim --runs 1 with the same seed', () => {
    const run = runCli(['run', 'sim/scenarios/single-agent.yaml', '--seed', '9', '--algorithm', 'SAE', '--horizon', '3000', '--json', '--strict']);
    const sim = runCli(['sim', 'sim/scenarios/single-agent.yaml', '--runs', '1', '--seed', '9', '--algorithms', 'SAE', '--horizon', '3000', '--json', '--quiet', '--out', 'out/test-run-plan']);
    expect(run.code).toBe(0);
    expect(sim.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(sim.stdout));
  });

  it('plan prints the node plan as JSON', () => {
    const r = runCli(['plan', 'sim/scenarios/single-agent.yaml', '--seed', '4']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.seed).toBe(4);
    expect(plan.nodes.map((n: { executable: string }) => n.executable)).toEqual(['learner', 'agent', 'monitor']);
  });

  it('run prints a human summary and --help lists its options', () => {
    const r = runCli(['run', 'sim/scenarios/single-agent.yaml', '--horizon', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/single-agent \/ UCB1, seed 1: 200 rounds, 3 nodes, reached the horizon/);
    const help = runCli(['run', '--help']);
    for (const opt of ['--algorithm', '--seed', '--duration', '--realtime', '--json', '--strict']) expect(help.stdout).toContain(opt);
  });

  it('bad input to run is a one-line usage error with exit code 2', () => {
    expect(runCli(['run', 'sim/scenarios/single-agent.yaml', '--algorithm', 'zzz']).code).toBe(2);
    expect(runCli(['run', 'sim/scenarios/single-agent.yaml', '--log-level', 'loud']).stderr).toContain("log level 'loud' is unknown");
  });
});
