// Hostile and mistaken inputs: every file in test/fixtures/bad/ fails with its one-line error (the
// `# error:` comment on its first line); special files, output paths and damaged recordings end in
// one line and exit code 2, never a stack trace, a hang or a non-finite result.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/experiments/UserInputError.js';
import { runExperiment } from '../../src/experiments/runExperiment.js';
import { loadScenario, parseScenarioText } from '../../src/experiments/scenario/loadScenario.js';
import { ScenarioError } from '../../src/experiments/scenario/ScenarioError.js';
import type { BanditScenario } from '../../src/experiments/bandit/schema.js';
import { safeFileName } from '../../src/io/outputPaths.js';
import { TempBuffer } from '@mcap/core';
import { defaultMessage } from '../../src/msg/index.js';
import { BagFormatError } from '../../src/record/BagFormatError.js';
import { BagReader } from '../../src/record/BagReader.js';
import { bagBytes } from '../record/bagFixtures.js';
import { runCli } from '../helpers/cli.js';

const BAD = 'test/fixtures/bad';
const corpus = readdirSync(BAD).filter((f) => f.endsWith('.yaml') && !f.endsWith('.graph.yaml'));

function expectedError(file: string): string {
  const first = readFileSync(join(BAD, file), 'utf8').split('\n')[0];
  const m = /^# error: (.+)$/.exec(first);
  if (!m) throw new Error(`${file}: first line must be '# error: <expected message>'`);
  return m[1];
}

describe('bad scenario corpus', () => {
  it('has a file for every example of the issue', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(17);
  });

  it.each(corpus)('%s fails with its one-line error', (file) => {
    const path = join(BAD, file);
    let error: unknown;
    try {
      loadScenario(path);
    } catch (err) {
      error = err;
    }
    expect(error, `${file} was accepted`).toBeInstanceOf(ScenarioError);
    const lines = (error as ScenarioError).message.split('\n');
    for (const line of lines) expect(line.startsWith(`${path}: `), line).toBe(true);
    expect(lines.some((l) => l.includes(expectedError(file))), lines.join('\n')).toBe(true);
  });

  it('a special file as the scenario is a size error, a directory a type error', () => {
    expect(() => loadScenario('/dev/zero')).toThrow(/^\/dev\/zero: larger than the 16777216-byte limit/);
    expect(() => loadScenario(BAD)).toThrow(new ScenarioError(BAD, [{ path: [], message: 'is a directory, expected a file' }]));
  });

  it('the CLI prints those errors as one line each with exit code 2', () => {
    for (const file of ['family-proto.yaml', 'alias-bomb.yaml']) {
      const r = runCli(['sim', join(BAD, file), '-q', '-w', '0', '-o', join(tmpdir(), 'fb-never')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.startsWith(`error: ${join(BAD, file)}: ${expectedError(file)}`), r.stderr).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('outputs are checked before the run', () => {
  it('--out under /proc or on a file, --record under /sys, world -o on a device: one line, exit 2', () => {
    const cases: [string[], RegExp][] = [
      [['sim', 'sim/scenarios/single-agent.yaml', '-q', '-w', '0', '-o', '/proc/fleet-bandits/out'], /^error: --out: '\/proc' is on procfs/],
      [['run', 'sim/scenarios/single-agent.yaml', '-T', '5', '-q', '--record', '/sys/fleet-bandits.mcap'], /^error: recording: '\/sys' is on sysfs/],
      [['world', 'sim/scenarios/drone-coverage.yaml', '-o', '/dev/full'], /^error: --output: '\/dev\/full' exists and is not a regular file/],
    ];
    for (const [args, pattern] of cases) {
      const r = runCli(args, { timeout: 30_000 });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('the scenario name becomes one safe file name, never a path', () => {
    expect(safeFileName('../../x')).toBe('x');
    expect(safeFileName('a/b c')).toBe('a-b-c');
    expect(safeFileName('..')).toBe('scenario');
    expect(safeFileName('drone-coverage')).toBe('drone-coverage');
  });
});

describe('results', () => {
  it('a one-site graph runs (path limit 1, not its diameter 0) and gives a finite regret', async () => {
    const { scenario } = parseScenarioText(
      `name: one
family: coverage
horizon: 50
runs: 2
graph: { type: inline, sites: [{ id: a }], edges: [] }
robots: { count: 2 }
sites: { means: { type: uniform, lo: 0.2, hi: 0.8 } }
algorithms: [{ name: multi-g-ucb }, { name: indv-g-ucb }]
`,
      'one.yaml',
    );
    const summary = await runExperiment(scenario, { workers: 0 });
    for (const a of summary.algorithms) expect(Number.isFinite(a.finalRegret.mean)).toBe(true);
  });

  it('a run whose regret overflows is refused, not reported as null', async () => {
    const { scenario } = parseScenarioText('name: big\nfamily: bandit\nhorizon: 20\nruns: 1\narms: { distribution: gaussian, means: [0, 1] }\nalgorithms: [{ name: ucb1 }]\n', 'big.yaml');
    // Bypasses the schema, which refuses such means, to prove the last line of defence.
    const huge = { ...scenario, arms: { ...(scenario as BanditScenario).arms, means: [1e308, -1e308] } } as BanditScenario;
    await expect(runExperiment(huge, { workers: 0 })).rejects.toThrow(UserInputError);
    await expect(runExperiment(huge, { workers: 0 })).rejects.toThrow(/regret is (Infinity|NaN) at round \d+; reward magnitudes are too large/);
  });
});

describe('damaged recordings', () => {
  it('a recording with flipped bits, 0xff runs or a cut fails as one BagFormatError line or reads, never anything else', async () => {
    const base = { ...defaultMessage('fleet_bandits_msgs/msg/RegretReport'), algorithm: 'ucb1', instant_regret: 0.5 };
    const messages = Array.from({ length: 200 }, (_, i) => ({
      topic: '/regret',
      type: 'fleet_bandits_msgs/msg/RegretReport' as const,
      message: { ...base, round: i, cumulative_regret: i * 0.5 },
      time: BigInt(i + 1) * 100_000_000n,
    }));
    const { bytes } = await bagBytes(messages);
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < 150; i++) {
      const b = Buffer.from(bytes);
      const at = 8 + Math.floor(rnd() * (b.length - 16));
      if (i % 3 === 0) b[at] ^= 1 << Math.floor(rnd() * 8);
      else if (i % 3 === 1) b.fill(0xff, at, at + 8);
      try {
        const bag = await BagReader.open(new TempBuffer(i % 3 === 2 ? b.subarray(0, at) : b), { source: `damaged-${i}.mcap` });
        for await (const m of bag.messages()) expect(m.topic).toBe('/regret');
        await bag.metadata();
        outcomes.read++;
      } catch (err) {
        expect(err, String(err)).toBeInstanceOf(BagFormatError);
        expect((err as Error).message).toMatch(new RegExp(`^damaged-${i}\\.mcap: [^\\n]+$`));
        outcomes.refused++;
      }
    }
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('replay of a file whose only chunk is damaged: the chunk is skipped with a one-line warning, no stack', async () => {
    const base = defaultMessage('fleet_bandits_msgs/msg/RegretReport');
    const { bytes } = await bagBytes(Array.from({ length: 50 }, (_, i) => ({ topic: '/regret', type: 'fleet_bandits_msgs/msg/RegretReport' as const, message: { ...base, round: i }, time: BigInt(i + 1) * 1000n })));
    const b = Buffer.from(bytes);
    b[Math.floor(b.length / 3)] ^= 0x10; // inside the chunk: its CRC no longer matches
    const file = join(mkdtempSync(join(tmpdir(), 'fb-bad-mcap-')), 'damaged.mcap');
    writeFileSync(file, b);
    const r = runCli(['replay', file, '--rate', '1000000', '--json'], { timeout: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^warning: ${file}: 1 damaged chunk skipped; \\d+ bytes not read\\n$`));
    expect(JSON.parse(r.stdout).replayed.messages).toBe(0);
  });
});
