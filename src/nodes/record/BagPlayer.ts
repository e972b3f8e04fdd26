/**
 * Plays a recording back onto an embedded graph, like `ros2 bag play`: a `player` node gets one
 * publisher per recorded topic (type from the schema, QoS adapted from the recorded offers) and
 * republishes every message at its recorded time on the transport's virtual clock, in log-time
 * order. Paced at `rate` x wall-clock time, so rate 2 plays twice as fast.
 *
 * Virtual time follows the recording where it can: a bag of an embedded run (log times are small
 * virtual times) replays at its original times, so the node clock reads as it did while recording,
 * as `ros2 bag play --clock` does. A bag with wall-clock times (ns since 1970, beyond 2^53) starts
 * at the transport's current time instead.
 *
 * Messages are read in batches and the transport runs up to each batch's last time, so a long
 * recording is never held in memory whole.
 *
 * Usage:
 *   const player = new BagPlayer(transport, bag.reader, { rate: 10 });
 *   attachRecorder(transport, { output: 'copy.mcap' });   // publishers exist now, so it sees them
 *   const result = await player.play();
 */
import type { BagReader, RecordedMessage } from '../../record/BagReader.js';
import { adaptOfferToRecordedOffers } from '../../record/offeredQosProfiles.js';
import type { MemoryTransport } from '../../runtime/memory/MemoryTransport.js';
import type { NodeHandle, Publisher } from '../../runtime/NodeHandle.js';

export interface BagPlayerOptions {
  /** Playback speed relative to the recording (> 0). Default 1. */
  rate?: number;
  /** Pace to wall-clock time at `rate`. Default true; false plays as fast as the CPU allows. */
  paced?: boolean;
  /** Start again after the last message until `stop()`. Default false. */
  loop?: boolean;
  /** Only these topics (default all). An unknown name is an error listing the recorded topics. */
  topics?: readonly string[];
  /** Name of the publishing node. Default 'player'. */
  nodeName?: string;
  /** Called after each message is published (progress, tests). */
  onMessage?: (message: RecordedMessage) => void;
}

export interface ReplayResult {
  /** Messages published (all loops). */
  published: number;
  /** Complete passes over the recording. */
  loops: number;
  stoppedBy: 'end' | 'stop';
}

/** Messages read and scheduled at a time (bounds memory; large enough to keep reads cheap). */
const BATCH = 1024;
/** Pause between the last message of one loop and the first of the next, ns (1 ms). */
const LOOP_GAP_NS = 1_000_000;

export class BagPlayer {
  readonly node: NodeHandle;
  /** Topics that will be played. */
  readonly topics: string[];
  readonly #transport: MemoryTransport;
  readonly #bag: BagReader;
  readonly #publishers = new Map<string, Publisher<unknown>>();
  readonly #rate: number;
  readonly #paced: boolean;
  readonly #loop: boolean;
  readonly #onMessage: ((message: RecordedMessage) => void) | undefined;
  /** Messages in one pass over the selected topics. */
  readonly #expected: number;
  #stopped = false;
  #failure: Error | undefined;

  constructor(transport: MemoryTransport, bag: BagReader, options: BagPlayerOptions = {}) {
    const { rate = 1, paced = true, loop = false, topics, nodeName = 'player', onMessage } = options;
    if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`replay rate must be a finite number > 0, found ${rate}`);
    const unknown = (topics ?? []).filter((t) => !bag.topic(t));
    if (unknown.length > 0) {
      throw new Error(`cannot replay ${unknown.map((t) => `'${t}'`).join(', ')}: not in ${bag.source}; recorded: ${bag.topics.map((t) => t.name).join(', ') || 'none'}`);
    }
    this.#transport = transport;
    this.#bag = bag;
    this.#rate = rate;
    this.#paced = paced;
    this.#loop = loop;
    this.#onMessage = onMessage;
    this.topics = bag.topics.filter((t) => !topics || topics.length === 0 || topics.includes(t.name)).map((t) => t.name);
    this.#expected = bag.topics.filter((t) => this.topics.includes(t.name)).reduce((n, t) => n + t.messageCount, 0);
    this.node = transport.createNode(nodeName);
    for (const name of this.topics) {
      const topic = bag.topic(name)!;
      this.#publishers.set(name, this.node.createPublisher(topic.type, name, adaptOfferToRecordedOffers(topic.offeredQos)));
    }
  }

  /** Ends `play()` after the current message. */
  stop(): void {
    this.#stopped = true;
    this.#transport.stop();
  }

  /** Publishes the recording (repeatedly with `loop`); resolves when done or stopped. */
  async play(): Promise<ReplayResult> {
    const bag = this.#bag;
    const t0 = bag.startTimeNs;
    const now = this.#transport.nowNs;
    const keepTimes = t0 <= BigInt(Number.MAX_SAFE_INTEGER) && Number(t0) >= now;
    let origin = keepTimes ? Number(t0) : now;
    let published = 0;
    let loops = 0;
    const run = (untilNs: number) =>
      this.#transport.run({ untilNs, realtimeFactor: this.#paced ? this.#rate : undefined, shouldStop: () => this.#stopped || this.#failure !== undefined });
    const publish = (m: RecordedMessage) => {
      if (this.#stopped || this.#failure) return;
      try {
        this.#publishers.get(m.topic)!.publish(m.message);
      } catch (error) {
        this.#failure = new Error(`replaying message ${m.sequence} on '${m.topic}' (${m.type}) failed: ${(error as Error).message}`, { cause: error });
        return;
      }
      published++;
      this.#onMessage?.(m);
    };
    while (!this.#stopped && !this.#failure) {
      let batch: RecordedMessage[] = [];
      let lastNs = origin;
      let read = 0;
      const before = published;
      const flush = async () => {
        for (const m of batch) {
          lastNs = origin + Number(m.logTimeNs - t0);
          this.#transport.schedule(lastNs, () => publish(m));
        }
        batch = [];
        await run(lastNs);
      };
      for await (const m of bag.messages({ topics: this.topics })) {
        batch.push(m);
        read++;
        if (batch.length >= BATCH) await flush();
        if (this.#stopped || this.#failure) break;
      }
      if (!this.#stopped && !this.#failure) await flush();
      if (this.#failure) throw this.#failure;
      // A pass counts when every message was published, even if stop() came with the last one.
      if (published - before === read && read === this.#expected) loops++;
      if (this.#stopped || !this.#loop || read === 0) break;
      origin = this.#transport.nowNs + LOOP_GAP_NS;
    }
    if (this.#failure) throw this.#failure;
    return { published, loops, stoppedBy: this.#stopped ? 'stop' : 'end' };
  }
}
