// `fleet-bandits replay`: JSON summary of a recording, a replay recorded again is the same messages in the same order, topic filters, one-line errors.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McapWriter, TempBuffer } from '@mcap/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BagReader, type RecordedMessage } from '../../src/record/BagReader.js';
import { runCli } from '../helpers/cli.js';

const HORIZON = 250;
const FAST = ['--rate', '1000000'];

async function messagesOf(path: string): Promise<{ topic: string; time: bigint; message: unknown }[]> {
  const bag = await BagReader.open(new TempBuffer(readFileSync(path)), { source: path });
  const out: RecordedMessage[] = [];
  for await (const m of bag.messages()) out.push(m);
  return out.map((m) => ({ topic: m.topic, time: m.logTimeNs, message: m.message }));
}

describe('fleet-bandits replay', () => {
  let dir: string;
  let recording: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fb-replay-'));
    recording = join(dir, 'run.mcap');
    const r = runCli(['run', 'sim/scenarios/single-agent.yaml', '--algorithm', 'SAE', '--seed', '6', '--horizon', String(HORIZON), '--record', recording, '--quiet']);
    expect(r.code).toBe(0);
  });

  it('--json summarizes topics, types, message counts and duration of what it replayed', () => {
    const r = runCli(['replay', recording, ...FAST, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ file: recording, profile: 'ros2', library: 'fleet-bandits', messages: 5 * HORIZON, startTime: 0.1 });
    // From round 0's command at 0.1 s to the last regret at phase 0.5 of round HORIZON - 1.
    expect(s.duration).toBeCloseTo((HORIZON - 1) * 0.1 + 0.05, 9);
    expect(s.topics.map((t: { name: string; type: string; messages: number }) => [t.name, t.type, t.messages])).toEqual([
      ['/agent_0/cmd_raw', 'fleet_bandits_msgs/msg/ArmCommand', HORIZON],
      ['/learner_state', 'fleet_bandits_msgs/msg/LearnerState', HORIZON],
      ['/agent_0/reward', 'fleet_bandits_msgs/msg/ArmReward', HORIZON],
      ['/agent_0/telemetry', 'fleet_bandits_msgs/msg/AgentTelemetry', HORIZON],
      ['/regret', 'fleet_bandits_msgs/msg/RegretReport', HORIZON],
    ]);
    expect(s.topics[0].offeredQos).toEqual([{ reliability: 'best_effort', durability: 'volatile', depth: 10 }]);
    expect(s.metadata.fleet_bandits_run).toMatchObject({ scenario: 'sim/scenarios/single-agent.yaml', algorithm: 'SAE', seed: '6', horizon: String(HORIZON) });
    expect(s.replayed).toEqual({ messages: 5 * HORIZON, loops: 1, rate: 1e6, stoppedBy: 'end' });
  });

  it('republishes the same messages in the same order (recorded again, through a bag directory, in strict mode)', async () => {
    const copy = join(dir, 'copy');
    const r = runCli(['replay', recording, ...FAST, '--strict', '--record', copy]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`replayed ${5 * HORIZON} messages at rate 1000000`);
    expect(r.stdout).toContain(`recorded ${5 * HORIZON} messages to ${join(copy, 'copy_0.mcap')}`);
    expect(await messagesOf(join(copy, 'copy_0.mcap'))).toEqual(await messagesOf(recording));
    // The copy is a bag directory: replaying it works too.
    expect(runCli(['replay', copy, ...FAST, '--json']).code).toBe(0);
  });

  it('--topics replays only those topics; an unknown topic is a usage error listing the recorded ones', () => {
    const r = runCli(['replay', recording, ...FAST, '--topics', '/regret,/agent_0/reward', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.topics.map((t: { name: string }) => t.name)).toEqual(['/agent_0/reward', '/regret']);
    expect(s.replayed.messages).toBe(2 * HORIZON);
    const bad = runCli(['replay', recording, '--topics', '/nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`error: cannot replay '/nope': not in ${recording}; recorded: /agent_0/cmd_raw, /learner_state, /agent_0/reward, /agent_0/telemetry, /regret\n`);
  });

  it('a file that is not MCAP, a missing file and another profile are one-line errors with exit code 2', async () => {
    const text = join(dir, 'notes.mcap');
    writeFileSync(text, 'these are not the bytes you are looking for');
    const notMcap = runCli(['replay', text]);
    expect(notMcap.code).toBe(2);
    expect(notMcap.stderr).toMatch(new RegExp(`^error: ${text.replaceAll('.', '\\.')}: not a readable (indexed )?MCAP file \\(.*\\)\\n$`));

    const missing = runCli(['replay', join(dir, 'nothing.mcap')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`error: cannot open recording '${join(dir, 'nothing.mcap')}': no such file or directory\n`);

    const ros1 = join(dir, 'ros1.mcap');
    const buffer = new TempBuffer();
    const w = new McapWriter({ writable: buffer });
    await w.start({ profile: 'ros1', library: 'test' });
    await w.end();
    writeFileSync(ros1, buffer.get());
    const wrong = runCli(['replay', ros1]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(`error: ${ros1}: Expected MCAP profile 'ros2', found 'ros1'\n`);
  });

  it('--rate must be positive, and --help lists the options', () => {
    const r = runCli(['replay', recording, '--rate', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rate must be a number in [0.000001, Infinity], found \'0\'');
    const help = runCli(['replay', '--help']);
    for (const opt of ['--rate', '--loop', '--topics', '--json', '--record', '--strict']) expect(help.stdout).toContain(opt);
  });

  it('--echo prints the chosen topics as JSON lines on stdout, the summary on stderr; --speed is --rate', async () => {
    const r = runCli(['replay', recording, '--speed', '1000000', '--echo', '/learner_state,/regret']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2 * HORIZON);
    const recorded = (await messagesOf(recording)).filter((m) => m.topic === '/learner_state' || m.topic === '/regret');
    expect(lines.map((l) => [l.topic, BigInt(l.t.replace('.', ''))])).toEqual(recorded.map((m) => [m.topic, m.time]));
    expect(lines.find((l) => l.topic === '/regret').msg).toEqual(recorded.find((m) => m.topic === '/regret')!.message);
    expect(r.stderr).toContain(`replayed ${5 * HORIZON} messages at rate 1000000`);
    const bad = runCli(['replay', recording, ...FAST, '--echo', '/nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--echo: '/nope' not in");
  });

  it('--export writes each topic as CSV and JSON lines with every message, and never overwrites', async () => {
    const out = join(dir, 'export');
    const r = runCli(['replay', recording, '--export', out, '--json']);
    expect(r.code).toBe(0);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(index.topics.map((t: { topic: string; messages: number; csv: string }) => [t.topic, t.messages, t.csv])).toEqual([
      ['/agent_0/cmd_raw', HORIZON, 'agent_0__cmd_raw.csv'],
      ['/learner_state', HORIZON, 'learner_state.csv'],
      ['/agent_0/reward', HORIZON, 'agent_0__reward.csv'],
      ['/agent_0/telemetry', HORIZON, 'agent_0__telemetry.csv'],
      ['/regret', HORIZON, 'regret.csv'],
    ]);
    expect(readdirSync(out).sort()).toHaveLength(11);
    const csv = readFileSync(join(out, 'regret.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(HORIZON + 1);
    const header = csv[0].split(',');
    expect(header.slice(0, 3)).toEqual(['log_time', 'publish_time', 'sequence']);
    const recorded = (await messagesOf(recording)).filter((m) => m.topic === '/regret');
    const last = csv[HORIZON].split(',');
    expect(Number(last[header.indexOf('cumulative_regret')])).toBe((recorded[HORIZON - 1].message as { cumulative_regret: number }).cumulative_regret);
    expect(Number(last[header.indexOf('round')])).toBe(HORIZON - 1);
    const jsonl = readFileSync(join(out, 'regret.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).msg);
    expect(jsonl).toEqual(recorded.map((m) => m.message));
    const again = runCli(['replay', recording, '--export', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error: replay --export: '.*' exists; export into an empty or new directory/);
    expect(readFileSync(join(out, 'regret.jsonl'), 'utf8').trim().split('\n')).toHaveLength(HORIZON);
  });
});
