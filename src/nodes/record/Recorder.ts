/**
 * The recording half of a recorder node: subscribes a node to a list of topics and writes every
 * message it receives to a bag, as CDR with the type's complete message definition as schema and
 * the publishers' QoS as `offered_qos_profiles`. Log and publish time are the node's clock at
 * receipt (as rosbag2 records receive time), so on the embedded transport they are virtual time.
 *
 * A subscription delivers decoded messages on every transport (strict mode decodes what it
 * encoded), so the recorder always encodes with the message codec; a message that does not encode
 * is counted and logged, never written half.
 *
 * Usage:
 *   const recorder = new Recorder(node, bag.writer, [{ name: '/regret', type: MsgType.RegretReport, offeredQos: [TELEMETRY_QOS] }]);
 *   ... run ...
 *   recorder.close(); await bag.close();
 */
import { encode } from '../../msg/codec.js';
import { fullDefinition, isMessageTypeName } from '../../msg/fullDefinition.js';
import type { BagWriter } from '../../record/BagWriter.js';
import { adaptRequestToOffers } from '../../record/offeredQosProfiles.js';
import type { NodeHandle, Subscription } from '../../runtime/NodeHandle.js';
import type { QosProfile } from '../../runtime/Qos.js';
import { DropCounter } from '../DropCounter.js';
import { publishDropDiagnostics } from '../dropDiagnostics.js';

/** A topic to record: name as the node should subscribe to it, type, and what its publishers offer. */
export interface RecorderTopic {
  name: string;
  /** `pkg/msg/Type`; must be a type of the message layer (it supplies codec and definition). */
  type: string;
  /** QoS of each publisher; empty if unknown (the recorder then requests best effort, volatile). */
  offeredQos: readonly QosProfile[];
}

/** Name of the MCAP metadata record holding the run's description (scenario, seed, algorithm). */
export const RUN_METADATA_NAME = 'fleet_bandits_run';

/**
 * Queue depth of the recorder's subscriptions (messages). Deep, so that a burst published within
 * one callback (a learner commanding a whole fleet) is never cut by keep-last.
 */
export const RECORDER_DEPTH = 10_000;

export class Recorder {
  readonly #node: NodeHandle;
  readonly #writer: BagWriter;
  readonly #drops: DropCounter;
  readonly #subscriptions: Subscription[] = [];
  #recorded = 0;
  #closed = false;
  #reportedFailure = false;

  constructor(node: NodeHandle, writer: BagWriter, topics: readonly RecorderTopic[]) {
    this.#node = node;
    this.#writer = writer;
    this.#drops = new DropCounter(node.logger);
    publishDropDiagnostics(node, this.#drops);
    for (const topic of topics) this.#add(topic);
  }

  /** Resolved names of the recorded topics. */
  get topics(): string[] {
    return this.#subscriptions.map((s) => s.topic);
  }

  /** Messages handed to the bag writer. */
  get recorded(): number {
    return this.#recorded;
  }

  /** Messages received but not written (did not encode), plus those lost in full queues. */
  get dropped(): number {
    let lost = 0;
    for (const s of this.#subscriptions) lost += s.dropped;
    return this.#drops.total + lost;
  }

  /** Stops writing; messages still in flight are ignored. Does not end the bag. */
  close(): void {
    this.#closed = true;
  }

  #add(topic: RecorderTopic): void {
    if (!isMessageTypeName(topic.type)) {
      this.#node.logger.warn(`not recording '${topic.name}': type '${topic.type}' is not a fleet-bandits or standard message type this package knows`);
      return;
    }
    const type = topic.type;
    const qos = adaptRequestToOffers(topic.offeredQos, RECORDER_DEPTH);
    let name = topic.name;
    let active = true;
    const subscription = this.#node.createSubscription<unknown>(type, topic.name, (msg) => {
      if (this.#closed || !active) return;
      let data: Uint8Array;
      try {
        data = encode(type, msg as never);
      } catch (error) {
        this.#drops.drop('unencodable', `message on '${name}': ${(error as Error).message}`);
        return;
      }
      this.#writer.write(name, data, BigInt(Math.round(this.#node.now())));
      this.#recorded++;
      if (this.#writer.failed && !this.#reportedFailure) {
        this.#reportedFailure = true;
        this.#node.logger.error('the recording failed to write; later messages are not recorded (the error is reported when the bag is closed)');
      }
    }, qos);
    name = subscription.topic;
    if (this.#writer.hasTopic(name)) {
      // The resolved name is only known once subscribed; the extra subscription stays idle.
      active = false;
      this.#node.logger.warn(`topic '${name}' is listed twice; recording it once`);
      return;
    }
    this.#writer.addTopic({ name, type, definition: fullDefinition(type), offeredQos: topic.offeredQos });
    this.#subscriptions.push(subscription);
  }
}
