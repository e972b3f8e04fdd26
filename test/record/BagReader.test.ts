// BagReader: write-then-read deep equality for every message type, decoding with the file's own schema, log-time order, clear errors for bad files.
import fc from 'fast-check';
import { parse } from '@foxglove/rosmsg';
import { MessageWriter } from '@foxglove/rosmsg2-serialization';
import { McapWriter, TempBuffer } from '@mcap/core';
import { describe, expect, it } from 'vitest';
import { defaultMessage, messageTypeNames, MsgType, type MessageTypeName } from '../../src/msg/index.js';
import { BagFormatError } from '../../src/record/BagFormatError.js';
import { BagReader, type RecordedMessage } from '../../src/record/BagReader.js';
import { arbitraryMessage } from '../msg/arbitraryMessage.js';
import { SAMPLES } from '../msg/samples.js';
import { bagBytes, RELIABLE, type FixtureMessage } from './bagFixtures.js';

const PROPERTY_SEED = 7_012_024;

async function readAll(bytes: Uint8Array, options: Parameters<BagReader['messages']>[0] = {}): Promise<RecordedMessage[]> {
  const bag = await BagReader.open(new TempBuffer(bytes), { source: 'test.mcap' });
  const out: RecordedMessage[] = [];
  for await (const m of bag.messages(options)) out.push(m);
  return out;
}

/** An MCAP file written by hand, for the error paths and foreign bags. */
async function rawMcap(profile: string, channel: { schemaEncoding: string; messageEncoding: string; schema: string; type: string }, payloads: Uint8Array[]): Promise<Uint8Array> {
  const buffer = new TempBuffer();
  const w = new McapWriter({ writable: buffer });
  await w.start({ profile, library: 'test' });
  const schemaId = await w.registerSchema({ name: channel.type, encoding: channel.schemaEncoding, data: new TextEncoder().encode(channel.schema) });
  const channelId = await w.registerChannel({ topic: '/t', schemaId, messageEncoding: channel.messageEncoding, metadata: new Map() });
  for (const [i, data] of payloads.entries()) await w.addMessage({ channelId, sequence: i, logTime: BigInt(i), publishTime: BigInt(i), data });
  await w.end();
  return buffer.get();
}

// Bags hold topics; a service's request and response (`pkg/srv/X_Request`) travel on none here.
const TOPIC_TYPES = messageTypeNames().filter((t) => !t.includes('/srv/'));

describe('BagReader round trip', () => {
  it('reads back every fleet_bandits sample and every type\'s default message deep-equal', async () => {
    const written: FixtureMessage[] = [];
    let t = 0n;
    for (const [type, message] of Object.entries(SAMPLES)) written.push({ topic: `/sample/${type.split('/')[2]}`, type: type as MessageTypeName, message, time: t++ });
    for (const type of TOPIC_TYPES) written.push({ topic: `/default/${type.replaceAll('/', '_')}`, type, message: defaultMessage(type), time: t++ });
    const read = await readAll((await bagBytes(written)).bytes);
    expect(read.map((m) => ({ topic: m.topic, type: m.type, message: m.message, time: m.logTimeNs }))).toEqual(written);
  });

  describe(`random messages of every type (fast-check seed ${PROPERTY_SEED})`, () => {
    it.each(TOPIC_TYPES)('%s', async (type) => {
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryMessage(type), { minLength: 1, maxLength: 3 }), async (messages) => {
          const written = messages.map((message, i) => ({ topic: '/x', type, message, time: BigInt(i) }));
          const read = await readAll((await bagBytes(written)).bytes);
          expect(read.map((m) => m.message)).toEqual(messages);
        }),
        { seed: PROPERTY_SEED, numRuns: 10 },
      );
    });
  });

  it('decodes with the schema in the file: a type fleet-bandits does not know reads too', async () => {
    const schema = 'string name\nint64 big\nuint8[] blob\nfloat64[3] xyz\n';
    const writer = new MessageWriter(parse(schema, { ros2: true }));
    const data = writer.writeMessage({ name: 'probe', big: 2n ** 60n, blob: new Uint8Array([1, 2]), xyz: [1, 2, 3] });
    const bytes = await rawMcap('ros2', { schemaEncoding: 'ros2msg', messageEncoding: 'cdr', schema, type: 'other_pkg/msg/Probe' }, [data]);
    const [m] = await readAll(bytes);
    // Beyond 2^53 a 64-bit value stays a bigint rather than losing digits.
    expect(m).toMatchObject({ topic: '/t', type: 'other_pkg/msg/Probe', message: { name: 'probe', big: 2n ** 60n, blob: new Uint8Array([1, 2]), xyz: [1, 2, 3] } });
    const [wire] = await readAll(bytes, { wire: true });
    expect((wire.message as { xyz: unknown }).xyz).toBeInstanceOf(Float64Array);
  });
});

describe('BagReader', () => {
  const fixture = (): FixtureMessage[] => [
    { topic: '/b', type: MsgType.JointReward, message: { ...defaultMessage(MsgType.JointReward), round: 2 }, time: 300n },
    { topic: '/a', type: MsgType.JointReward, message: { ...defaultMessage(MsgType.JointReward), round: 0 }, time: 100n },
    { topic: '/b', type: MsgType.JointReward, message: { ...defaultMessage(MsgType.JointReward), round: 1 }, time: 200n },
    { topic: '/a', type: MsgType.JointReward, message: { ...defaultMessage(MsgType.JointReward), round: 3 }, time: 400n },
  ];

  it('describes topics from the summary and iterates in log-time order, not write order', async () => {
    const bytes = (await bagBytes(fixture(), { metadata: { seed: '3' } })).bytes;
    const bag = await BagReader.open(new TempBuffer(bytes), { source: 'x.mcap' });
    expect(bag.profile).toBe('ros2');
    expect(bag.topics.map((t) => [t.name, t.type, t.messageCount, t.offeredQos])).toEqual([
      ['/b', MsgType.JointReward, 2, [RELIABLE]],
      ['/a', MsgType.JointReward, 2, [RELIABLE]],
    ]);
    expect([bag.messageCount, bag.startTimeNs, bag.endTimeNs, bag.durationSeconds]).toEqual([4, 100n, 400n, 300e-9]);
    expect(await bag.metadata()).toEqual(new Map([['fleet_bandits_run', { seed: '3' }]]));
    const read = await readAll(bytes);
    expect(read.map((m) => (m.message as { round: number }).round)).toEqual([0, 1, 2, 3]);
  });

  it('filters by topic and inclusive time bounds; an unknown topic lists the recorded ones', async () => {
    const bytes = (await bagBytes(fixture())).bytes;
    expect((await readAll(bytes, { topics: ['/a'] })).map((m) => m.logTimeNs)).toEqual([100n, 400n]);
    expect((await readAll(bytes, { startTimeNs: 200n, endTimeNs: 300n })).map((m) => m.logTimeNs)).toEqual([200n, 300n]);
    await expect(readAll(bytes, { topics: ['/c'] })).rejects.toThrow("test.mcap: topic '/c' not in the recording; recorded: /b, /a");
  });

  it('refuses a file that is not MCAP', async () => {
    await expect(BagReader.open(new TempBuffer(new TextEncoder().encode('not an mcap file at all, just text')), { source: 'bad.mcap' })).rejects.toThrow(
      /^bad\.mcap: not a readable indexed MCAP file \(.*\)$/,
    );
  });

  it('refuses another profile, saying what it expected and found', async () => {
    const bytes = await rawMcap('ros1', { schemaEncoding: 'ros2msg', messageEncoding: 'cdr', schema: 'int32 a', type: 'p/msg/A' }, []);
    await expect(BagReader.open(new TempBuffer(bytes), { source: 'r1.mcap' })).rejects.toThrow(new BagFormatError("r1.mcap: Expected MCAP profile 'ros2', found 'ros1'"));
  });

  it('refuses channels that are not cdr with a ros2msg schema', async () => {
    const json = await rawMcap('ros2', { schemaEncoding: 'jsonschema', messageEncoding: 'cdr', schema: '{}', type: 'p/msg/A' }, []);
    await expect(BagReader.open(new TempBuffer(json))).rejects.toThrow("recording: channel '/t': Expected schema encoding 'ros2msg', found 'jsonschema' (schema 'p/msg/A')");
    const cbor = await rawMcap('ros2', { schemaEncoding: 'ros2msg', messageEncoding: 'cbor', schema: 'int32 a', type: 'p/msg/A' }, []);
    await expect(BagReader.open(new TempBuffer(cbor))).rejects.toThrow("recording: channel '/t': Expected message encoding 'cdr', found 'cbor'");
  });

  it('names the message that does not decode with its schema', async () => {
    const bytes = await rawMcap('ros2', { schemaEncoding: 'ros2msg', messageEncoding: 'cdr', schema: 'string a\nfloat64 b', type: 'p/msg/A' }, [new Uint8Array([0, 1, 0, 0, 200, 0, 0, 0])]);
    await expect(readAll(bytes)).rejects.toThrow(/^test\.mcap: message 0 on '\/t' \(p\/msg\/A, 8 bytes\) does not decode with the schema stored in the file: /);
  });
});
