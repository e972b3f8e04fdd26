import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const out = mkdtempSync(join(tmpdir(), 'fb-sim-'));

describe('fleet-bandits sim', () => {
  it('--help describes every option', () => {
    const r = runCli(['sim', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--runs', '--seed', '--horizon', '--algorithms', '--out', '--json', '--workers', '--quiet']) expect(r.stdout).toContain(opt);
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('sim');
  });

  it('prints the stable JSON summary, identical across repeats and worker counts', () => {
    const args = ['sim', 'sim/scenarios/single-agent.yaml', '--runs', '8', '--json', '--quiet', '--out', out];
    const a = runCli([...args, '--workers', '1']);
    const b = runCli([...args, '--workers', '2']);
    const c = runCli([...args, '--workers', '2']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
    const summary = JSON.parse(a.stdout);
    expect(Object.keys(summary)).toEqual(['scenario', 'horizon', 'runs', 'seed', 'algorithms']);
    expect(summary).toMatchObject({ scenario: 'single-agent', horizon: 20000, runs: 8, seed: 1 });
    const final = Object.fromEntries(summary.algorithms.map((x: { name: string; finalRegret: { mean: number } }) => [x.name, x.finalRegret.mean]));
    expect(final.UCB1).toBeLessThan(final.uniform / 5);
    expect(final.SAE).toBeLessThan(final.uniform / 5);
    for (const alg of summary.algorithms) {
      expect(alg.curve[alg.curve.length - 1]).toEqual({ t: 20000, ...alg.finalRegret });
    }
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    expect(readFileSync(join(out, 'regret.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('a bad scenario gets one line per problem with the field path, and exit code 2', () => {
    const bad = join(out, 'bad.yaml');
    writeFileSync(bad, 'name: x\nfamily: bandit\nhorizon: 10\narms: {distribution: bernoulli, means: [0.5, 0.4]}\nalgorithms: [{name: ucb2}]\n');
    const r = runCli(['sim', bad, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`error: ${bad}: algorithms[0].name: 'ucb2' is unknown; known: ucb1, sae, exp3, uniform`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('bad options are usage errors with exit code 2', () => {
    expect(runCli(['sim', 'sim/scenarios/single-agent.yaml', '--runs', '0']).code).toBe(2);
    expect(runCli(['sim', 'sim/scenarios/single-agent.yaml', '--algorithms', 'nope', '-q']).stderr).toContain("algorithm 'nope' is not in scenario");
    expect(runCli(['sim', 'missing.yaml']).stderr).toContain('missing.yaml: no such file');
  });
});
