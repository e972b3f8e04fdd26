// `fleet-bandits replay`: JSON summary of a recording, a replay recorded again is the same messages in the same order, topic filters, one-line errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
});
