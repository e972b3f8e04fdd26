// BagWriter output read with the plain MCAP indexed reader: ros2 profile, ros2msg schemas, cdr channels with offered QoS, sequences, summary.
import { McapIndexedReader, TempBuffer } from '@mcap/core';
import { describe, expect, it } from 'vitest';
import { defaultMessage, fullDefinition, MsgType, encode } from '../../src/msg/index.js';
import { BagWriter } from '../../src/record/BagWriter.js';
import { writeOfferedQosProfiles } from '../../src/record/offeredQosProfiles.js';
import { bagBytes, RELIABLE, type FixtureMessage } from './bagFixtures.js';

const regret = (round: number) => ({ ...defaultMessage(MsgType.RegretReport), round, cumulative_regret: round / 2 });
const command = (round: number) => ({ ...defaultMessage(MsgType.ArmCommand), round, arm: round % 3 });

function fixture(): FixtureMessage[] {
  const out: FixtureMessage[] = [];
  for (let r = 0; r < 5; r++) {
    out.push({ topic: '/agent_0/cmd', type: MsgType.ArmCommand, message: command(r), time: BigInt(r) * 100_000_000n });
    out.push({ topic: '/agent_1/cmd', type: MsgType.ArmCommand, message: command(r), time: BigInt(r) * 100_000_000n });
    out.push({ topic: '/regret', type: MsgType.RegretReport, message: regret(r), time: BigInt(r) * 100_000_000n + 50_000_000n });
  }
  return out;
}

describe('BagWriter', () => {
  it('writes the ros2 profile, one ros2msg schema per type and one cdr channel per topic', async () => {
    const { bytes } = await bagBytes(fixture());
    const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(bytes) });
    expect(reader.header).toMatchObject({ profile: 'ros2', library: 'fleet-bandits' });
    const schemas = [...reader.schemasById.values()];
    expect(schemas.map((s) => s.name).sort()).toEqual([MsgType.ArmCommand, MsgType.RegretReport]);
    for (const s of schemas) {
      expect(s.encoding).toBe('ros2msg');
      expect(new TextDecoder().decode(s.data)).toBe(fullDefinition(s.name as never));
    }
    const channels = [...reader.channelsById.values()];
    expect(channels.map((c) => c.topic)).toEqual(['/agent_0/cmd', '/agent_1/cmd', '/regret']);
    for (const c of channels) {
      expect(c.messageEncoding).toBe('cdr');
      expect(c.metadata.get('offered_qos_profiles')).toBe(writeOfferedQosProfiles([RELIABLE]));
    }
    // Both command topics share the ArmCommand schema.
    expect(channels[0].schemaId).toBe(channels[1].schemaId);
  });

  it('keeps the summary: statistics with per-channel counts and time bounds, chunk indexes', async () => {
    const { bytes, summary } = await bagBytes(fixture());
    const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(bytes) });
    const stats = reader.statistics!;
    expect(stats.messageCount).toBe(15n);
    expect(stats.schemaCount).toBe(2);
    expect(stats.channelCount).toBe(3);
    expect(stats.messageStartTime).toBe(0n);
    expect(stats.messageEndTime).toBe(450_000_000n);
    expect([...stats.channelMessageCounts.values()]).toEqual([5n, 5n, 5n]);
    expect(reader.chunkIndexes.length).toBeGreaterThan(0);
    expect(summary.messageCount).toBe(15);
    expect(summary.topics.map((t) => [t.name, t.messageCount])).toEqual([['/agent_0/cmd', 5], ['/agent_1/cmd', 5], ['/regret', 5]]);
  });

  it('numbers messages per channel and stores CDR with the little-endian encapsulation header', async () => {
    const { bytes } = await bagBytes(fixture());
    const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(bytes) });
    const sequences = new Map<number, number[]>();
    for await (const m of reader.readMessages()) {
      expect([...m.data.subarray(0, 4)]).toEqual([0x00, 0x01, 0x00, 0x00]);
      expect(m.publishTime).toBe(m.logTime);
      sequences.set(m.channelId, [...(sequences.get(m.channelId) ?? []), m.sequence]);
    }
    for (const s of sequences.values()) expect(s).toEqual([0, 1, 2, 3, 4]);
  });

  it('stores metadata records', async () => {
    const { bytes } = await bagBytes(fixture(), { metadata: { seed: '7' } });
    const reader = await McapIndexedReader.Initialize({ readable: new TempBuffer(bytes) });
    const records = [];
    for await (const r of reader.readMetadata()) records.push(r);
    expect(records.map((r) => ({ name: r.name, metadata: r.metadata }))).toEqual([{ name: 'fleet_bandits_run', metadata: new Map([['seed', '7']]) }]);
  });

  it('rejects misuse with errors that say what is wrong', async () => {
    const writer = new BagWriter({ writable: new TempBuffer() });
    expect(() => writer.write('/nope', new Uint8Array(4), 0n)).toThrow("topic '/nope' is not in the bag; added: none");
    writer.addTopic({ name: '/a', type: MsgType.ArmCommand, definition: fullDefinition(MsgType.ArmCommand), offeredQos: [] });
    expect(() => writer.addTopic({ name: '/a', type: MsgType.ArmCommand, definition: 'x', offeredQos: [] })).toThrow("topic '/a' is already in the bag");
    expect(() => writer.write('/a', new Uint8Array(4), -1n)).toThrow('must be >= 0 ns');
    await writer.end();
    expect(() => writer.write('/a', encode(MsgType.ArmCommand, command(0)), 0n)).toThrow('the bag writer has ended');
  });

  it('reports a failing writable from end(), naming the step', async () => {
    let calls = 0;
    const writable = {
      position: () => BigInt(calls),
      write: async () => {
        if (++calls > 1) throw new Error('disk full');
      },
    };
    const writer = new BagWriter({ writable, chunkSize: 1 });
    writer.addTopic({ name: '/a', type: MsgType.ArmCommand, definition: fullDefinition(MsgType.ArmCommand), offeredQos: [] });
    writer.write('/a', encode(MsgType.ArmCommand, command(0)), 0n);
    await expect(writer.end()).rejects.toThrow(/^MCAP write failed while .*: disk full$/);
    expect(writer.failed).toBe(true);
  });
});
