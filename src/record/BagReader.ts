/**
 * Reads a ROS 2 bag written as one MCAP file (profile `ros2`), the mirror of `BagWriter`: topics
 * with their type, definition text, offered QoS and message counts from the summary, and messages
 * in log-time order, each decoded with the schema stored in the file.
 *
 * Decoding parses the file's `ros2msg` text with @foxglove/rosmsg and reads CDR with
 * @foxglove/rosmsg2-serialization; it never consults fleet-bandits' own message table, so a bag
 * that reads here is self-describing (and bags from other ROS 2 tools read too). Runs in the
 * browser: it needs only an `IReadable` (`TempBuffer` over bytes, or a file handle in Node).
 *
 * Usage:
 *   const bag = await BagReader.open(new TempBuffer(bytes), { source: 'run.mcap' });
 *   for (const t of bag.topics) console.log(t.name, t.type, t.messageCount);
 *   for await (const m of bag.messages({ topics: ['/regret'] })) use(m.logTimeNs, m.message);
 */
import { parse as parseMessageDefinition } from '@foxglove/rosmsg';
import { MessageReader } from '@foxglove/rosmsg2-serialization';
import { McapIndexedReader, type McapTypes } from '@mcap/core';
import { BagFormatError } from './BagFormatError.js';
import { parseOfferedQosProfiles, type RecordedQos } from './offeredQosProfiles.js';
import { plainMessage } from './plainMessage.js';
import { CDR_MESSAGE_ENCODING, OFFERED_QOS_KEY, ROS2_PROFILE, ROS2MSG_SCHEMA_ENCODING } from './ros2Profile.js';

export interface BagReaderOptions {
  /** How errors name the recording (a path). Default 'recording'. */
  source?: string;
  /** Decompressors by chunk compression name (e.g. zstd); uncompressed files need none. */
  decompressHandlers?: McapTypes.DecompressHandlers;
}

/** One topic of the bag, from its channel, schema and the summary statistics. */
export interface RecordedTopic {
  name: string;
  /** `pkg/msg/Type` (the schema name). */
  type: string;
  /** The complete message definition text stored in the file. */
  definition: string;
  /** QoS each original publisher offered (empty if the bag does not say). */
  offeredQos: RecordedQos[];
  messageCount: number;
}

export interface RecordedMessage {
  topic: string;
  type: string;
  /** When the recorder received it, nanoseconds. */
  logTimeNs: bigint;
  /** When it was published, nanoseconds (the log time if the recorder did not know). */
  publishTimeNs: bigint;
  /** Per-topic sequence number as written. */
  sequence: number;
  /** Decoded with the file's schema; plain form (see `plainMessage`) unless `wire` was asked. */
  message: unknown;
  /** The CDR bytes as stored (encapsulation header included); a view, copy it to keep it. */
  data: Uint8Array;
}

export interface ReadMessagesOptions {
  /** Only these topics (default all). Unknown names are an error listing the recorded ones. */
  topics?: readonly string[];
  /** Inclusive log-time bounds, nanoseconds. */
  startTimeNs?: bigint;
  endTimeNs?: bigint;
  /** Keep the decoder's output (bigint, typed arrays) instead of the plain form. */
  wire?: boolean;
}

interface ChannelCodec {
  topic: RecordedTopic;
  reader: MessageReader;
}

export class BagReader {
  readonly source: string;
  readonly profile: string;
  /** Header `library`: what wrote the file. */
  readonly library: string;
  readonly topics: readonly RecordedTopic[];
  readonly messageCount: number;
  /** Log time of the first and last message, nanoseconds (0n for an empty bag). */
  readonly startTimeNs: bigint;
  readonly endTimeNs: bigint;
  readonly #mcap: McapIndexedReader;
  readonly #codecs: ReadonlyMap<number, ChannelCodec>;

  private constructor(source: string, mcap: McapIndexedReader, codecs: Map<number, ChannelCodec>, counts: { total: number; start: bigint; end: bigint }) {
    this.source = source;
    this.#mcap = mcap;
    this.#codecs = codecs;
    this.profile = mcap.header.profile;
    this.library = mcap.header.library;
    this.topics = [...codecs.values()].map((c) => c.topic);
    this.messageCount = counts.total;
    this.startTimeNs = counts.start;
    this.endTimeNs = counts.end;
  }

  /**
   * Opens an indexed MCAP file and checks it is a ROS 2 bag: profile `ros2`, every channel `cdr`
   * with a `ros2msg` schema that parses. Throws `BagFormatError` saying what was expected and found.
   */
  static async open(readable: McapTypes.IReadable, { source = 'recording', decompressHandlers }: BagReaderOptions = {}): Promise<BagReader> {
    let mcap: McapIndexedReader;
    try {
      mcap = await McapIndexedReader.Initialize({ readable, decompressHandlers });
    } catch (error) {
      throw new BagFormatError(`${source}: not a readable indexed MCAP file (${errorText(error)})`, { cause: error });
    }
    if (mcap.header.profile !== ROS2_PROFILE) {
      throw new BagFormatError(`${source}: Expected MCAP profile '${ROS2_PROFILE}', found '${mcap.header.profile}'`);
    }
    const codecs = new Map<number, ChannelCodec>();
    const parsedSchemas = new Map<number, ReturnType<typeof parseMessageDefinition>>();
    const channelCounts = mcap.statistics?.channelMessageCounts;
    for (const channel of [...mcap.channelsById.values()].sort((a, b) => a.id - b.id)) {
      const where = `${source}: channel '${channel.topic}'`;
      if (channel.messageEncoding !== CDR_MESSAGE_ENCODING) {
        throw new BagFormatError(`${where}: Expected message encoding '${CDR_MESSAGE_ENCODING}', found '${channel.messageEncoding}'`);
      }
      const schema = mcap.schemasById.get(channel.schemaId);
      if (!schema) throw new BagFormatError(`${where}: has no schema (schema id ${channel.schemaId}); a ROS 2 bag needs one per channel`);
      if (schema.encoding !== ROS2MSG_SCHEMA_ENCODING) {
        throw new BagFormatError(`${where}: Expected schema encoding '${ROS2MSG_SCHEMA_ENCODING}', found '${schema.encoding}' (schema '${schema.name}')`);
      }
      const definition = new TextDecoder().decode(schema.data);
      let definitions = parsedSchemas.get(schema.id);
      if (!definitions) {
        try {
          definitions = parseMessageDefinition(definition, { ros2: true });
        } catch (error) {
          throw new BagFormatError(`${where}: schema '${schema.name}' does not parse as a ROS 2 message definition: ${errorText(error)}`, { cause: error });
        }
        parsedSchemas.set(schema.id, definitions);
      }
      let offeredQos: RecordedQos[];
      try {
        offeredQos = parseOfferedQosProfiles(channel.metadata.get(OFFERED_QOS_KEY) ?? '');
      } catch (error) {
        throw new BagFormatError(`${where}: ${errorText(error)}`, { cause: error });
      }
      const messageCount = Number(channelCounts?.get(channel.id) ?? 0n);
      const topic: RecordedTopic = { name: channel.topic, type: schema.name, definition, offeredQos, messageCount };
      codecs.set(channel.id, { topic, reader: new MessageReader(definitions) });
    }
    const stats = mcap.statistics;
    const counts = stats
      ? { total: Number(stats.messageCount), start: stats.messageCount > 0n ? stats.messageStartTime : 0n, end: stats.messageCount > 0n ? stats.messageEndTime : 0n }
      : await countMessages(mcap, codecs).catch((error: unknown) => {
          throw new BagFormatError(`${source}: damaged recording (${errorText(error)})`, { cause: error });
        });
    return new BagReader(source, mcap, codecs, counts);
  }

  topic(name: string): RecordedTopic | undefined {
    return this.topics.find((t) => t.name === name);
  }

  /** Duration from first to last message, seconds. */
  get durationSeconds(): number {
    return Number(this.endTimeNs - this.startTimeNs) / 1e9;
  }

  /** MCAP metadata records by name (e.g. the run's scenario and seed); a later record of a name wins. */
  async metadata(): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    try {
      for await (const record of this.#mcap.readMetadata()) out.set(record.name, Object.fromEntries(record.metadata));
    } catch (error) {
      throw new BagFormatError(`${this.source}: damaged metadata (${errorText(error)})`, { cause: error });
    }
    return out;
  }

  /**
   * Messages in log-time order, each decoded with its channel's schema from the file. Throws
   * `BagFormatError` naming topic and sequence if one does not decode.
   */
  async *messages(options: ReadMessagesOptions = {}): AsyncGenerator<RecordedMessage, void, void> {
    const { topics, startTimeNs, endTimeNs, wire = false } = options;
    if (topics) {
      const unknown = topics.filter((t) => !this.topic(t));
      if (unknown.length > 0) {
        throw new Error(`${this.source}: topic${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `'${t}'`).join(', ')} not in the recording; recorded: ${this.topics.map((t) => t.name).join(', ') || 'none'}`);
      }
    }
    const records = this.#mcap.readMessages({ topics, startTime: startTimeNs, endTime: endTimeNs });
    for (;;) {
      let next: IteratorResult<McapTypes.TypedMcapRecords['Message']>;
      try {
        next = await records.next();
      } catch (error) {
        // Bit flips surface here (chunk CRCs, offsets, index times): name the file, not the stack.
        throw new BagFormatError(`${this.source}: damaged recording (${errorText(error)})`, { cause: error });
      }
      if (next.done === true) break;
      const record = next.value;
      const codec = this.#codecs.get(record.channelId);
      if (!codec) throw new BagFormatError(`${this.source}: message ${record.sequence} refers to unknown channel ${record.channelId}`);
      yield {
        topic: codec.topic.name,
        type: codec.topic.type,
        logTimeNs: record.logTime,
        publishTimeNs: record.publishTime,
        sequence: record.sequence,
        message: this.#decode(codec, record.data, record.sequence, wire),
        data: record.data,
      };
    }
  }

  #decode(codec: ChannelCodec, data: Uint8Array, sequence: number, wire: boolean): unknown {
    try {
      const decoded = codec.reader.readMessage(data);
      return wire ? decoded : plainMessage(decoded);
    } catch (error) {
      throw new BagFormatError(
        `${this.source}: message ${sequence} on '${codec.topic.name}' (${codec.topic.type}, ${data.byteLength} bytes) does not decode with the schema stored in the file: ${errorText(error)}`,
        { cause: error },
      );
    }
  }
}

/** Counts and time bounds by reading every message, for files written without statistics. */
async function countMessages(mcap: McapIndexedReader, codecs: Map<number, ChannelCodec>): Promise<{ total: number; start: bigint; end: bigint }> {
  let total = 0;
  let start = 0n;
  let end = 0n;
  for await (const m of mcap.readMessages()) {
    if (total === 0 || m.logTime < start) start = m.logTime;
    if (total === 0 || m.logTime > end) end = m.logTime;
    total++;
    const codec = codecs.get(m.channelId);
    if (codec) codec.topic.messageCount++;
  }
  return { total, start, end };
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
