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
import { scanMcap, type McapScan } from './scanMcap.js';
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

/** One line for users: what a tolerant read left out, e.g. "cut off (no footer); 2 damaged chunks skipped". */
export function describeSkipped(s: SkippedData): string {
  const parts: string[] = [];
  if (s.truncated) parts.push('cut off (no footer: the recorder was stopped hard); read up to its last complete chunk');
  if (s.chunks > 0) parts.push(`${s.chunks} damaged chunk${s.chunks === 1 ? '' : 's'} skipped`);
  if (s.bytes > 0) parts.push(`${s.bytes} bytes not read`);
  return parts.join('; ');
}

/** What a tolerant read of a cut-off or damaged file left out (see `BagReader.fromBytes`). */
export interface SkippedData {
  /** Bytes not read: damaged chunks and a cut-off tail. */
  bytes: number;
  /** Chunks skipped whole because their CRC or records were bad. */
  chunks: number;
  /** The file has no footer: the recorder was killed or the file was cut. */
  truncated: boolean;
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
  /** Set when the bag was read tolerantly (`fromBytes`) and something had to be left out. */
  readonly skipped: SkippedData | undefined;
  readonly #mcap: McapIndexedReader | undefined;
  readonly #scan: McapScan | undefined;
  readonly #codecs: ReadonlyMap<number, ChannelCodec>;

  private constructor(
    source: string,
    data: { mcap: McapIndexedReader } | { scan: McapScan },
    header: McapTypes.Header,
    codecs: Map<number, ChannelCodec>,
    counts: { total: number; start: bigint; end: bigint },
  ) {
    this.source = source;
    this.#mcap = 'mcap' in data ? data.mcap : undefined;
    this.#scan = 'scan' in data ? data.scan : undefined;
    const scan = this.#scan;
    this.skipped = scan && (scan.skippedBytes > 0 || scan.truncated) ? { bytes: scan.skippedBytes, chunks: scan.badChunks, truncated: scan.truncated } : undefined;
    this.#codecs = codecs;
    this.profile = header.profile;
    this.library = header.library;
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
    const codecs = buildCodecs(source, mcap.header, mcap.schemasById, mcap.channelsById, mcap.statistics?.channelMessageCounts);
    const stats = mcap.statistics;
    const counts = stats
      ? { total: Number(stats.messageCount), start: stats.messageCount > 0n ? stats.messageStartTime : 0n, end: stats.messageCount > 0n ? stats.messageEndTime : 0n }
      : await countMessages(mcap, codecs).catch((error: unknown) => {
          throw new BagFormatError(`${source}: damaged recording (${errorText(error)})`, { cause: error });
        });
    return new BagReader(source, { mcap }, mcap.header, codecs, counts);
  }

  /**
   * Reads a bag from its bytes without trusting its summary: a file cut off by a kill or with
   * damaged chunks yields every message of its good chunks, and `skipped` says what was left
   * out. Throws `BagFormatError` if nothing of a ROS 2 bag is left (no MCAP magic or header).
   */
  static fromBytes(bytes: Uint8Array, { source = 'recording' }: Pick<BagReaderOptions, 'source'> = {}): BagReader {
    let scan: McapScan;
    try {
      scan = scanMcap(bytes);
    } catch (error) {
      throw new BagFormatError(`${source}: not a readable MCAP file (${errorText(error)})`, { cause: error });
    }
    if (!scan.header) throw new BagFormatError(`${source}: no MCAP header record; the file is empty or damaged at its start`);
    const counts = new Map<number, bigint>();
    for (const m of scan.messages) counts.set(m.channelId, (counts.get(m.channelId) ?? 0n) + 1n);
    const codecs = buildCodecs(source, scan.header, scan.schemas, scan.channels, counts);
    // Messages on channels the scan never saw defined cannot be decoded: leave them out.
    scan.messages = scan.messages.filter((m) => codecs.has(m.channelId));
    const n = scan.messages.length;
    return new BagReader(source, { scan }, scan.header, codecs, { total: n, start: n > 0 ? scan.messages[0].logTime : 0n, end: n > 0 ? scan.messages[n - 1].logTime : 0n });
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
    if (this.#scan) {
      for (const record of this.#scan.metadata) out.set(record.name, Object.fromEntries(record.metadata));
      return out;
    }
    try {
      for await (const record of this.#mcap!.readMetadata()) out.set(record.name, Object.fromEntries(record.metadata));
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
    const records = this.#scan ? scannedMessages(this.#scan, this.#codecs, options) : this.#mcap!.readMessages({ topics, startTime: startTimeNs, endTime: endTimeNs });
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

/** The messages of a scan that pass the topic and time filters, in log-time order. */
async function* scannedMessages(scan: McapScan, codecs: ReadonlyMap<number, ChannelCodec>, options: ReadMessagesOptions): AsyncGenerator<McapTypes.TypedMcapRecords['Message'], void, void> {
  const { topics, startTimeNs, endTimeNs } = options;
  for (const m of scan.messages) {
    if (startTimeNs !== undefined && m.logTime < startTimeNs) continue;
    if (endTimeNs !== undefined && m.logTime > endTimeNs) continue;
    if (topics && !topics.includes(codecs.get(m.channelId)?.topic.name ?? '')) continue;
    yield { type: 'Message', ...m };
  }
}

/** Checks the ros2 profile and every channel's encoding and schema; one codec per channel. */
function buildCodecs(
  source: string,
  header: McapTypes.Header,
  schemasById: ReadonlyMap<number, McapTypes.Schema>,
  channelsById: ReadonlyMap<number, McapTypes.Channel>,
  channelCounts: ReadonlyMap<number, bigint> | undefined,
): Map<number, ChannelCodec> {
  if (header.profile !== ROS2_PROFILE) {
    throw new BagFormatError(`${source}: Expected MCAP profile '${ROS2_PROFILE}', found '${header.profile}'`);
  }
  const codecs = new Map<number, ChannelCodec>();
  const parsedSchemas = new Map<number, ReturnType<typeof parseMessageDefinition>>();
  for (const channel of [...channelsById.values()].sort((a, b) => a.id - b.id)) {
    const where = `${source}: channel '${channel.topic}'`;
    if (channel.messageEncoding !== CDR_MESSAGE_ENCODING) {
      throw new BagFormatError(`${where}: Expected message encoding '${CDR_MESSAGE_ENCODING}', found '${channel.messageEncoding}'`);
    }
    const schema = schemasById.get(channel.schemaId);
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
  return codecs;
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
