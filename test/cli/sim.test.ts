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
    for (const opt of ['--runs', '--seed', '--horizon', '--algorithms', '--out', '--json', '--workers', '--formats', '--log-x', '--quiet']) expect(r.stdout).toContain(opt);
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('sim');
  });

  it('prints the stable JSON summary, identical across repeats and worker counts', () => {
    const args = ['sim', 'sim/scenarios/single-agent.yaml', '--runs', '8', '--json', '--quiet', '--formats', 'svg', '--out', out];
    const a = runCli([...args, '--workers', '1']);
    const b = runCli([...args, '--workers', '2']);
    const c = runCli([...args, '--workers', '2']);
    const d = runCli([...args, '--workers', 'auto']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
    expect(d.stdout).toBe(a.stdout);
    const summary = JSON.parse(a.stdout);
    expect(Object.keys(summary)).toEqual(['scenario', 'setting', 'horizon', 'runs', 'seed', 'algorithms']);
    expect(summary).toMatchObject({ scenario: 'single-agent', setting: 'K = 10 bernoulli arms', horizon: 20000, runs: 8, seed: 1 });
    const final = Object.fromEntries(summary.algorithms.map((x: { name: string; finalRegret: { mean: number } }) => [x.name, x.finalRegret.mean]));
    expect(final.UCB1).toBeLessThan(final.uniform / 5);
    expect(final.SAE).toBeLessThan(final.uniform / 5);
    for (const alg of summary.algorithms) {
      const { mean, stderr, q25, median, q75 } = alg.finalRegret;
      expect(alg.curve[alg.curve.length - 1]).toEqual({ t: 20000, mean, stderr, q25, median, q75 });
      expect(alg.perRun).toHaveLength(8);
      expect(alg.perRun.reduce((x: number, y: number) => x + y, 0) / 8).toBeCloseTo(mean, 9);
      expect(Math.min(...alg.perRun)).toBe(alg.finalRegret.min);
    }
    // summary.json = the printed numbers + provenance (which alone may differ between runs).
    const { provenance, ...saved } = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(saved).toEqual(summary);
    expect(provenance).toMatchObject({ package: { name: 'fleet-bandits' }, scenario: { file: 'sim/scenarios/single-agent.yaml' }, seed: 1, runs: 8, horizon: 20000 });
    expect(provenance.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(provenance.git === null || /^[0-9a-f]{40}$/.test(provenance.git.commit)).toBe(true);
    expect(provenance.wallTimeSeconds).toBeGreaterThan(0);
    // runs.csv: one row per (algorithm, run, grid round); each run ends at its perRun value.
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('algorithm,name,run,t,regret');
    const points = summary.algorithms[0].curve.length;
    expect(rows).toHaveLength(1 + summary.algorithms.length * 8 * points);
    const last = rows[8 * points].split(',');
    expect(last.slice(0, 4)).toEqual([JSON.stringify(summary.algorithms[0].name), JSON.stringify('ucb1'), '7', '20000']);
    expect(Number(last[4])).toBe(summary.algorithms[0].perRun[7]);
    expect(readFileSync(join(out, 'regret.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('writes PNG and PDF plots by default, and --workers auto runs a small job on the main thread', () => {
    const dir = join(out, 'formats');
    const r = runCli(['sim', 'sim/scenarios/single-agent.yaml', '--runs', '2', '--horizon', '500', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('on the main thread');
    expect(readFileSync(join(dir, 'regret.png')).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const pdf = readFileSync(join(dir, 'regret.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(runCli(['sim', 'sim/scenarios/single-agent.yaml', '--formats', 'svg,gif']).stderr).toContain("--formats takes a comma-separated list of svg, png, pdf, found 'svg,gif'");
    expect(runCli(['sim', 'sim/scenarios/single-agent.yaml', '--workers', 'many']).code).toBe(2);
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
