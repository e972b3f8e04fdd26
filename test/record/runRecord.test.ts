// `fleet-bandits run --record`: the bag of a single-agent run, read with the plain MCAP reader and the file's own schemas, matches the run.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@foxglove/rosmsg';
import { MessageReader } from '@foxglove/rosmsg2-serialization';
import { McapIndexedReader, TempBuffer } from '@mcap/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const HORIZON = 300;
const ARGS = ['run', 'sim/scenarios/single-agent.yaml', '--seed', '3', '--horizon', String(HORIZON)];

interface Decoded {
  topic: string;
  logTime: bigint;
  message: Record<string, unknown>;
}

/** Reads a bag without fleet-bandits code: @mcap/core for the file, the stored schema text for every message. */
async function readIndependently(path: string) {
  const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(readFileSync(path)) });
  const decoders = new Map<number, MessageReader>();
  for (const channel of reader.channelsById.values()) {
    const schema = reader.schemasById.get(channel.schemaId)!;
    decoders.set(channel.id, new MessageReader(parse(new TextDecoder().decode(schema.data), { ros2: true })));
  }
  const messages: Decoded[] = [];
  let trailing = 0;
  for await (const m of reader.readMessages()) {
    const decoder = decoders.get(m.channelId)!;
    messages.push({ topic: reader.channelsById.get(m.channelId)!.topic, logTime: m.logTime, message: decoder.readMessage(m.data) });
    if (decoder.lastReadHadTrailingBytes()) trailing++;
  }
  return { reader, messages, trailing };
}

describe('fleet-bandits run --record', () => {
  let dir: string;
  let summary: { horizon: number; algorithms: { finalRegret: { mean: number }; curve: { t: number; mean: number }[] }[] };
  let bag: Awaited<ReturnType<typeof readIndependently>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fb-run-record-'));
    const r = runCli([...ARGS, '--json', '--record', join(dir, 'run.mcap')]);
    expect(r.stderr).toContain(`recorded ${5 * HORIZON} messages on 5 topics to ${join(dir, 'run.mcap')}`);
    expect(r.code).toBe(0);
    summary = JSON.parse(r.stdout);
    bag = await readIndependently(join(dir, 'run.mcap'));
  });

  it('is a ros2-profile MCAP file whose channels are cdr with a ros2msg schema and offered QoS', () => {
    const { reader } = bag;
    expect(reader.header.profile).toBe('ros2');
    const channels = [...reader.channelsById.values()];
    expect(channels.map((c) => c.topic).sort()).toEqual(['/agent_0/cmd_raw', '/agent_0/reward', '/agent_0/telemetry', '/learner_state', '/regret']);
    for (const c of channels) {
      const schema = reader.schemasById.get(c.schemaId);
      expect(schema?.encoding).toBe('ros2msg');
      expect(schema?.name).toMatch(/^fleet_bandits_msgs\/msg\/[A-Za-z]+$/);
      expect(c.messageEncoding).toBe('cdr');
      expect(c.metadata.get('offered_qos_profiles')).toMatch(/^- history: 1\n {2}depth: \d+\n {2}reliability: [12]\n {2}durability: 2\n/);
    }
    const command = channels.find((c) => c.topic === '/agent_0/cmd_raw')!;
    // Commands are best effort (reliability 2), depth 10: COMMAND_QOS as the learner offered it.
    expect(command.metadata.get('offered_qos_profiles')).toMatch(/^- history: 1\n {2}depth: 10\n {2}reliability: 2\n/);
  });

  it('decodes every message with the schema stored in the file, with no bytes left over', () => {
    expect(bag.messages).toHaveLength(5 * HORIZON);
    expect(bag.trailing).toBe(0);
  });

  it('holds what the nodes published: one message per round on every topic, summary statistics to match', () => {
    const counts = new Map<string, number>();
    for (const m of bag.messages) counts.set(m.topic, (counts.get(m.topic) ?? 0) + 1);
    for (const n of counts.values()) expect(n).toBe(HORIZON);
    const stats = bag.reader.statistics!;
    expect(stats.messageCount).toBe(BigInt(5 * HORIZON));
    for (const [id, n] of stats.channelMessageCounts) expect(counts.get(bag.reader.channelsById.get(id)!.topic)).toBe(Number(n));
    const rounds = bag.messages.filter((m) => m.topic === '/regret').map((m) => Number(m.message.round));
    expect(rounds).toEqual(Array.from({ length: HORIZON }, (_, i) => i));
  });

  it('records every message the transport carried (the human summary counts them)', () => {
    const r = runCli([...ARGS, '--record', join(dir, 'again.mcap')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${5 * HORIZON} messages, 0 dropped`);
  });

  it('reads back the regret of the run summary exactly', () => {
    const regret = new Map(bag.messages.filter((m) => m.topic === '/regret').map((m) => [Number(m.message.round), m.message.cumulative_regret as number]));
    const [algorithm] = summary.algorithms;
    expect(summary.horizon).toBe(HORIZON);
    for (const point of algorithm.curve) expect(regret.get(point.t - 1)).toBe(point.mean);
    expect(regret.get(HORIZON - 1)).toBe(algorithm.finalRegret.mean);
  });

  it('logs messages on the virtual clock, in order, from round 0 at start_time', () => {
    const times = bag.messages.map((m) => m.logTime);
    expect(times[0]).toBe(100_000_000n);
    for (let i = 1; i < times.length; i++) expect(times[i] >= times[i - 1]).toBe(true);
  });
});
