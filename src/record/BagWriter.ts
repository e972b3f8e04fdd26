/**
 * Writes a ROS 2 bag as one MCAP file (profile `ros2`): one `ros2msg` schema per message type
 * holding its complete message definition, one `cdr` channel per topic carrying the publishers'
 * `offered_qos_profiles`, messages with nanosecond log and publish times and a per-channel
 * sequence number. The summary (statistics, per-channel counts, chunk and message indexes) is kept,
 * which is what `ros2 bag info` reads.
 *
 * McapWriter corrupts the file if a call starts before the previous one finished, while a recorder
 * receives messages in synchronous callbacks. So every call is put on one promise chain and runs
 * strictly after the one before; `addTopic` and `write` return at once. The first failure stops
 * the chain and is thrown by `flush()` and `end()`.
 *
 * Usage:
 *   const bag = new BagWriter({ writable: new TempBuffer() });
 *   bag.addTopic({ name: '/regret', type: 'fleet_bandits_msgs/msg/RegretReport', definition, offeredQos: [qos] });
 *   bag.write('/regret', cdrBytes, 100_000_000n);   // log time, ns
 *   const summary = await bag.end();                 // then close the file
 */
import { McapWriter, type IWritable } from '@mcap/core';
import { type RecordedQos, writeOfferedQosProfiles } from './offeredQosProfiles.js';
import { BAG_LIBRARY, CDR_MESSAGE_ENCODING, OFFERED_QOS_KEY, ROS2_PROFILE, ROS2MSG_SCHEMA_ENCODING } from './ros2Profile.js';

export interface BagWriterOptions {
  /** Where the bytes go (a file, or `TempBuffer` in memory). */
  writable: IWritable;
  /** Header `library`. Default 'fleet-bandits'. */
  library?: string;
  /** MCAP chunk size in bytes. Default 1 MiB (McapWriter's), as rosbag2 uses. */
  chunkSize?: number;
  /**
   * Close the open chunk once this many milliseconds (wall clock) have passed since the last one
   * was written, at the next message: a killed recorder then loses at most about this interval.
   * Default: chunks close only when full.
   */
  flushIntervalMs?: number;
  /** Chunk compressor (e.g. zstd); default none, which every reader handles. */
  compressChunk?: (data: Uint8Array) => { compression: string; compressedData: Uint8Array };
}

/** A topic to record. */
export interface BagTopic {
  /** Fully qualified topic name, e.g. `/agent_0/reward`. */
  name: string;
  /** `pkg/msg/Type`; also the schema name (rosbag2 takes the topic type from it). */
  type: string;
  /** Complete message definition text of `type` (the .msg, then each dependency after 80 `=`). */
  definition: string;
  /** QoS of each publisher of the topic at the time it was added (may be empty). */
  offeredQos: readonly RecordedQos[];
}

/** What a bag holds; times are nanoseconds (MCAP log times). */
export interface BagSummary {
  messageCount: number;
  /** Log time of the earliest message, 0n if none. */
  startTimeNs: bigint;
  /** Log time of the latest message, 0n if none. */
  endTimeNs: bigint;
  topics: { name: string; type: string; offeredQos: RecordedQos[]; messageCount: number }[];
}

interface TopicState {
  topic: BagTopic;
  channelId: number;
  sequence: number;
  count: number;
}

export class BagWriter {
  readonly #writer: McapWriter;
  readonly #library: string;
  readonly #topics = new Map<string, TopicState>();
  /** Schema ids by type name, so topics of one type share a schema. */
  readonly #schemaIds = new Map<string, number>();
  #tail: Promise<void>;
  #failure: Error | undefined;
  #ended = false;
  #count = 0;
  #start = 0n;
  #end = 0n;

  constructor({ writable, library = BAG_LIBRARY, chunkSize = 1024 * 1024, flushIntervalMs, compressChunk }: BagWriterOptions) {
    // Statistics, summary offsets, chunk and message indexes stay at McapWriter's default (on).
    this.#writer = new McapWriter({ writable, chunkSize: flushIntervalMs === undefined ? chunkSize : timedChunkSize(chunkSize, flushIntervalMs), compressChunk });
    this.#library = library;
    this.#tail = this.#writer.start({ profile: ROS2_PROFILE, library: this.#library }).catch((error) => this.#fail(error, 'writing the MCAP header'));
  }

  /** True once a write failed; everything after it is ignored and `end()` rejects. */
  get failed(): boolean {
    return this.#failure !== undefined;
  }

  /** Topics added so far, in order. */
  topicNames(): string[] {
    return [...this.#topics.keys()];
  }

  hasTopic(name: string): boolean {
    return this.#topics.has(name);
  }

  /** Registers a topic (and its type's schema, once per type). Throws if the name is taken. */
  addTopic(topic: BagTopic): void {
    this.#open('add a topic');
    if (this.#topics.has(topic.name)) throw new Error(`topic '${topic.name}' is already in the bag`);
    if (topic.definition.trim() === '') throw new Error(`topic '${topic.name}': the message definition of '${topic.type}' is empty`);
    const state: TopicState = { topic: { ...topic, offeredQos: [...topic.offeredQos] }, channelId: -1, sequence: 0, count: 0 };
    this.#topics.set(topic.name, state);
    this.#enqueue(`registering topic '${topic.name}'`, async () => {
      let schemaId = this.#schemaIds.get(topic.type);
      if (schemaId === undefined) {
        schemaId = await this.#writer.registerSchema({ name: topic.type, encoding: ROS2MSG_SCHEMA_ENCODING, data: new TextEncoder().encode(topic.definition) });
        this.#schemaIds.set(topic.type, schemaId);
      }
      state.channelId = await this.#writer.registerChannel({
        topic: topic.name,
        schemaId,
        messageEncoding: CDR_MESSAGE_ENCODING,
        metadata: new Map([[OFFERED_QOS_KEY, writeOfferedQosProfiles(topic.offeredQos)]]),
      });
    });
  }

  /**
   * Queues one message: `data` is CDR with its 4-byte encapsulation header, times are nanoseconds
   * (publish time defaults to the log time). The bytes must not change until `flush()`.
   */
  write(topic: string, data: Uint8Array, logTimeNs: bigint, publishTimeNs: bigint = logTimeNs): void {
    this.#open('write');
    const state = this.#topics.get(topic);
    if (!state) throw new Error(`topic '${topic}' is not in the bag; added: ${this.topicNames().join(', ') || 'none'}`);
    if (logTimeNs < 0n) throw new Error(`log time of a message on '${topic}' must be >= 0 ns, found ${logTimeNs}`);
    // Sequence numbers are uint32 in MCAP: they wrap, as rmw's publication counters do.
    const sequence = state.sequence;
    state.sequence = (state.sequence + 1) >>> 0;
    state.count++;
    if (this.#count === 0 || logTimeNs < this.#start) this.#start = logTimeNs;
    if (this.#count === 0 || logTimeNs > this.#end) this.#end = logTimeNs;
    this.#count++;
    this.#enqueue(`writing a message on '${topic}'`, () =>
      this.#writer.addMessage({ channelId: state.channelId, sequence, logTime: logTimeNs, publishTime: publishTimeNs, data }),
    );
  }

  /** Queues an MCAP metadata record (e.g. the run's scenario, seed and algorithm). */
  addMetadata(name: string, values: Readonly<Record<string, string>>): void {
    this.#open('add metadata');
    this.#enqueue(`writing metadata '${name}'`, () => this.#writer.addMetadata({ name, metadata: new Map(Object.entries(values)) }));
  }

  /** Waits for everything queued so far; rejects with the first failure. */
  async flush(): Promise<void> {
    await this.#tail;
    if (this.#failure) throw this.#failure;
  }

  /** What has been written (counts include queued messages). */
  summary(): BagSummary {
    return {
      messageCount: this.#count,
      startTimeNs: this.#start,
      endTimeNs: this.#end,
      topics: [...this.#topics.values()].map((s) => ({ name: s.topic.name, type: s.topic.type, offeredQos: [...s.topic.offeredQos], messageCount: s.count })),
    };
  }

  /** Writes the summary section and footer. The caller closes the file afterwards. */
  async end(): Promise<BagSummary> {
    this.#open('end');
    this.#ended = true;
    this.#enqueue('writing the summary and footer', () => this.#writer.end());
    await this.flush();
    return this.summary();
  }

  #open(what: string): void {
    if (this.#ended) throw new Error(`cannot ${what}: the bag writer has ended`);
  }

  #enqueue(what: string, step: () => Promise<unknown>): void {
    this.#tail = this.#tail.then(async () => {
      if (this.#failure) return;
      try {
        await step();
      } catch (error) {
        this.#fail(error, what);
      }
    });
  }

  #fail(error: unknown, what: string): void {
    if (!this.#failure) {
      this.#failure = new Error(`MCAP write failed while ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/**
 * McapWriter closes a chunk when `builder.byteLength > chunkSize` after a message, and has no
 * public way to close one early. It only ever compares against `chunkSize`, so a number-like
 * object whose value drops to 0 once the interval has passed closes the chunk at the next
 * message (test/record/killedRecording.test.ts checks that a killed run keeps its data).
 */
function timedChunkSize(chunkSize: number, intervalMs: number): number {
  let last = performance.now();
  const limit = {
    valueOf(): number {
      const now = performance.now();
      if (now - last < intervalMs) return chunkSize;
      last = now;
      return 0;
    },
  };
  return limit as unknown as number;
}
