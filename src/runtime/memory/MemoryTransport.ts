/**
 * The embedded ROS graph: every node in one process, a discrete-event scheduler on a virtual
 * clock. Deterministic (events at equal times run in the order they were scheduled) and as fast
 * as the CPU allows, or paced to wall-clock time for live viewing.
 *
 * Semantics follow ROS 2 where a program could tell the difference:
 * - delivery is asynchronous: `publish` queues, the subscription callback runs in a later event;
 * - per-subscription keep-last queues: messages that pile up before delivery drop oldest first
 *   (counted in `Subscription.dropped` and `stats.dropped`);
 * - QoS matching: a RELIABLE request ignores a BEST_EFFORT offer, a TRANSIENT_LOCAL request a
 *   VOLATILE offer (logged once per pair, counted in `stats.incompatible`);
 * - transient-local publishers replay their last `depth` messages to late-joining
 *   transient-local subscriptions;
 * - names resolve with namespaces, `~/private` names and remapping rules;
 * - actions (MemoryActions.ts): goal, feedback, cancel and result exchanges are events too; after
 *   an event that touched an action, microtasks run before the next event, so code after `await`
 *   on an action promise runs at that event's virtual time;
 * - services (MemoryServices.ts): request and response are events, calls time out on the virtual
 *   clock, a request without a server fails the call.
 * In strict mode (`codec` given) every message is encoded to CDR at publish and decoded for each
 * subscription (service requests and responses too), so whatever runs embedded is proven to serialize on the wire.
 *
 * Usage:
 *   const bus = new MemoryTransport({ codec });
 *   const node = bus.createNode('talker', { namespace: '/robot_1' });
 *   node.createTimer(0.1, () => pub.publish(msg));
 *   await bus.run({ untilNs: 10e9 });
 */
import { makeLogger, stderrSink, type LogSink } from '../Logger.js';
import { normalizeNamespace, remapName, resolveName, validateNodeName } from '../names.js';
import type { ActionClient, ActionServer, ActionServerCallbacks, NodeHandle, NodeOptions, Publisher, ServiceClient, ServiceHandler, ServiceServer, Subscription, Timer } from '../NodeHandle.js';
import { toMap } from '../NodeHandle.js';
import { parameterChangeProblem, parameterProblem, type ParameterDescriptor, type ParameterValue, type SetParameterResult } from '../Parameters.js';
import { DEFAULT_QOS, qosIncompatibility, validateQos, type QosProfile } from '../Qos.js';
import type { Transport } from '../Transport.js';
import { EventQueue } from './EventQueue.js';
import { MemoryActions, type ActionNode } from './MemoryActions.js';
import { MemoryServices } from './MemoryServices.js';

/** CDR encoder/decoder used in strict mode. */
export interface MessageCodec {
  encode(type: string, msg: unknown): Uint8Array;
  decode(type: string, bytes: Uint8Array): unknown;
}

export interface MemoryTransportOptions {
  /** Strict mode: round-trip every message through this codec. */
  codec?: MessageCodec;
  /** Where log lines go. Default: stderr, level info. */
  logSink?: LogSink;
}

export interface RunOptions {
  /** Stop once virtual time would pass this (nanoseconds). Default: until no events remain. */
  untilNs?: number;
  /** Pace virtual time at this multiple of wall-clock time (1 = real time). Default: unpaced. */
  realtimeFactor?: number;
  /** Checked between events; return true to stop. */
  shouldStop?: () => boolean;
}

interface PublisherState {
  type: string;
  qos: QosProfile;
  node: MemoryNode;
  /** Last `depth` messages, kept for transient-local late joiners. */
  history: unknown[];
}

interface SubscriptionState extends Subscription {
  type: string;
  qos: QosProfile;
  node: MemoryNode;
  callback: (msg: unknown) => void;
  queue: unknown[];
  scheduled: boolean;
  dropped: number;
  topic: string;
  active: boolean;
}

interface TopicState {
  type: string;
  publishers: PublisherState[];
  subscriptions: SubscriptionState[];
}

export interface TransportStats {
  published: number;
  delivered: number;
  /** Messages dropped by keep-last queues. */
  dropped: number;
  /** Publisher/subscription pairs that did not match on QoS. */
  incompatible: number;
  events: number;
}

export class MemoryTransport implements Transport {
  readonly kind = 'memory';
  readonly codec: MessageCodec | undefined;
  readonly stats: TransportStats = { published: 0, delivered: 0, dropped: 0, incompatible: 0, events: 0 };
  #now = 0;
  readonly #queue = new EventQueue();
  readonly #topics = new Map<string, TopicState>();
  readonly #nodes = new Set<MemoryNode>();
  readonly #warnedPairs = new Set<string>();
  readonly #logSink: LogSink;
  #stopRequested = false;
  #failure: Error | undefined;
  /** An action was touched since the last drain: promise continuations may be pending. */
  #touched = false;
  /** The transport's actions (servers, clients, goals). */
  readonly actions: MemoryActions;
  /** The transport's services (servers, clients, calls). */
  readonly services: MemoryServices;

  constructor({ codec, logSink = stderrSink('info') }: MemoryTransportOptions = {}) {
    this.codec = codec;
    this.#logSink = logSink;
    const now = () => this.#now;
    const host = {
      get nowNs() {
        return now();
      },
      schedule: (t: number, run: () => void) => this.schedule(t, run),
      invoke: (node: ActionNode, what: string, fn: () => void) => this.invoke(node, what, fn),
      touch: () => {
        this.#touched = true;
      },
    };
    this.actions = new MemoryActions(host);
    this.services = new MemoryServices(host, codec);
  }

  /** Lets promise continuations queued so far run (they run at the current virtual time). */
  async #drainMicrotasks(): Promise<void> {
    this.#touched = false;
    await new Promise<void>((r) => setImmediate(r));
  }

  /** Virtual time in nanoseconds. */
  get nowNs(): number {
    return this.#now;
  }

  get pendingEvents(): number {
    return this.#queue.size;
  }

  /** Node names currently alive, fully qualified. */
  nodeNames(): string[] {
    return [...this.#nodes].map((n) => n.fullyQualifiedName);
  }

  /** Topic names with their type and endpoint counts, for introspection (`ros2 topic list -t`). */
  topics(): { name: string; type: string; publishers: number; subscriptions: number }[] {
    return [...this.#topics.entries()].map(([name, t]) => ({ name, type: t.type, publishers: t.publishers.length, subscriptions: t.subscriptions.length }));
  }

  createNode(name: string, options: NodeOptions = {}): NodeHandle {
    const node = new MemoryNode(this, validateNodeName(name), normalizeNamespace(options.namespace ?? '/'), options, this.#logSink);
    if ([...this.#nodes].some((n) => n.fullyQualifiedName === node.fullyQualifiedName)) {
      throw new Error(`a node named '${node.fullyQualifiedName}' already exists`);
    }
    this.#nodes.add(node);
    return node;
  }

  /** Schedules `run` at virtual time `timeNs` (>= now). */
  schedule(timeNs: number, run: () => void): void {
    this.#queue.push(Math.max(timeNs, this.#now), run);
  }

  /** Asks a running `run()` to return after the current event. */
  stop(): void {
    this.#stopRequested = true;
  }

  /**
   * Processes events in time order. Yields to the Node event loop every few thousand events (and
   * while pacing) so Ctrl-C, sockets and other timers keep working. Rejects if a callback threw.
   */
  async run({ untilNs = Infinity, realtimeFactor, shouldStop }: RunOptions = {}): Promise<void> {
    this.#stopRequested = false;
    const wallStart = performance.now();
    const simStart = this.#now;
    let sinceYield = 0;
    // Continuations of action promises settled before this run (e.g. a server created just now).
    if (this.#touched) await this.#drainMicrotasks();
    while (!this.#stopRequested && !this.#failure) {
      const next = this.#queue.peekTime();
      if (next === Infinity || next > untilNs) break;
      if (realtimeFactor !== undefined && realtimeFactor > 0) {
        const dueWallMs = wallStart + (next - simStart) / 1e6 / realtimeFactor;
        const wait = dueWallMs - performance.now();
        if (wait > 1) {
          await sleep(Math.min(wait, 50));
          continue;
        }
      }
      const ev = this.#queue.pop()!;
      this.#now = ev.timeNs;
      this.stats.events++;
      ev.run();
      if (this.#touched || this.services.pendingHandlers > 0) await this.#drainMicrotasks();
      if (shouldStop?.()) break;
      if (++sinceYield >= 5000) {
        sinceYield = 0;
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    if (untilNs !== Infinity && !this.#stopRequested && !this.#failure && this.#now < untilNs && this.#queue.peekTime() > untilNs) {
      this.#now = untilNs;
    }
    if (this.#failure) throw this.#failure;
  }

  async shutdown(): Promise<void> {
    for (const n of [...this.#nodes]) n.destroy();
    this.#queue.clear();
  }

  /** Runs a callback of `node`, turning an exception into a run failure with the node named. */
  invoke(node: ActionNode, what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      node.logger.fatal(`${what} threw: ${e.message}`);
      if (!this.#failure) {
        this.#failure = new Error(`${e.message} [node=${node.fullyQualifiedName} in ${what}]`, { cause: e });
      }
    }
  }

  // ---- graph bookkeeping, used by MemoryNode ----

  topicState(topic: string, type: string): TopicState {
    let t = this.#topics.get(topic);
    if (!t) {
      t = { type, publishers: [], subscriptions: [] };
      this.#topics.set(topic, t);
    } else if (t.type !== type) {
      throw new Error(`topic '${topic}' has type '${t.type}'; cannot use it with type '${type}'`);
    }
    return t;
  }

  matches(pub: PublisherState, sub: SubscriptionState, topic: string): boolean {
    const why = qosIncompatibility(pub.qos, sub.qos);
    if (why === null) return true;
    const key = `${topic}|${pub.node.fullyQualifiedName}|${sub.node.fullyQualifiedName}`;
    if (!this.#warnedPairs.has(key)) {
      this.#warnedPairs.add(key);
      this.stats.incompatible++;
      sub.node.logger.warn(`incompatible QoS on '${topic}' with publisher ${pub.node.fullyQualifiedName}: ${why}; no messages will be received from it`);
    }
    return false;
  }

  enqueue(sub: SubscriptionState, payload: unknown): void {
    sub.queue.push(payload);
    if (sub.queue.length > sub.qos.depth) {
      sub.queue.shift();
      sub.dropped++;
      this.stats.dropped++;
    }
    if (!sub.scheduled) {
      sub.scheduled = true;
      this.schedule(this.#now, () => this.#drain(sub));
    }
  }

  #drain(sub: SubscriptionState): void {
    sub.scheduled = false;
    const batch = sub.queue;
    sub.queue = [];
    for (const payload of batch) {
      if (!sub.active) return;
      const msg = this.codec ? this.codec.decode(sub.type, payload as Uint8Array) : payload;
      this.stats.delivered++;
      this.invoke(sub.node, `subscription callback on '${sub.topic}'`, () => sub.callback(msg));
    }
  }

  removeNode(node: MemoryNode): void {
    this.#nodes.delete(node);
    for (const [name, t] of this.#topics) {
      t.publishers = t.publishers.filter((p) => p.node !== node);
      t.subscriptions = t.subscriptions.filter((s) => s.node !== node);
      if (t.publishers.length === 0 && t.subscriptions.length === 0) this.#topics.delete(name);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

class MemoryNode implements NodeHandle {
  readonly name: string;
  readonly namespace: string;
  readonly fullyQualifiedName: string;
  readonly logger;
  readonly #bus: MemoryTransport;
  readonly #remaps: Map<string, string>;
  readonly #overrides: Map<string, ParameterValue>;
  readonly #descriptors = new Map<string, ParameterDescriptor>();
  readonly #values = new Map<string, ParameterValue>();
  readonly #checks: ((name: string, value: ParameterValue) => string | null)[] = [];
  readonly #timers: { cancelled: boolean }[] = [];
  readonly #subs: SubscriptionState[] = [];
  /** Action and service clients and servers, destroyed with the node. */
  readonly #actionEndpoints: { destroy(): void }[] = [];
  #destroyed = false;

  constructor(bus: MemoryTransport, name: string, ns: string, options: NodeOptions, sink: LogSink) {
    this.#bus = bus;
    this.name = name;
    this.namespace = ns;
    this.fullyQualifiedName = `${ns === '/' ? '' : ns}/${name}`;
    this.logger = makeLogger(this.fullyQualifiedName, () => bus.nowNs, sink);
    this.#overrides = toMap(options.parameterOverrides);
    this.#remaps = new Map();
    for (const [from, to] of toMap(options.remappings)) {
      this.#remaps.set(resolveName(from, ns, name), resolveName(to, ns, name));
    }
  }

  #resolve(topic: string): string {
    return remapName(resolveName(topic, this.namespace, this.name), this.#remaps);
  }

  #alive(what: string): void {
    if (this.#destroyed) throw new Error(`node '${this.fullyQualifiedName}' is destroyed; cannot ${what}`);
  }

  createPublisher<T>(type: string, topic: string, qos: QosProfile = DEFAULT_QOS): Publisher<T> {
    this.#alive('create a publisher');
    const name = this.#resolve(topic);
    const bus = this.#bus;
    const t = bus.topicState(name, type);
    const state: PublisherState = { type, qos: validateQos(qos), node: this, history: [] };
    t.publishers.push(state);
    return {
      topic: name,
      type,
      publish: (msg: T) => {
        if (this.#destroyed) return;
        const payload = bus.codec ? bus.codec.encode(type, msg) : msg;
        bus.stats.published++;
        if (state.qos.durability === 'transient_local') {
          state.history.push(payload);
          if (state.history.length > state.qos.depth) state.history.shift();
        }
        for (const sub of t.subscriptions) if (bus.matches(state, sub, name)) bus.enqueue(sub, payload);
      },
    };
  }

  createSubscription<T>(type: string, topic: string, callback: (msg: T) => void, qos: QosProfile = DEFAULT_QOS): Subscription {
    this.#alive('create a subscription');
    const name = this.#resolve(topic);
    const bus = this.#bus;
    const t = bus.topicState(name, type);
    const sub: SubscriptionState = {
      topic: name,
      type,
      qos: validateQos(qos),
      node: this,
      callback: callback as (msg: unknown) => void,
      queue: [],
      scheduled: false,
      dropped: 0,
      active: true,
    };
    t.subscriptions.push(sub);
    this.#subs.push(sub);
    if (qos.durability === 'transient_local') {
      for (const pub of t.publishers) {
        if (pub.qos.durability === 'transient_local' && bus.matches(pub, sub, name)) for (const m of pub.history) bus.enqueue(sub, m);
      }
    }
    return sub;
  }

  createTimer(periodSeconds: number, callback: () => void): Timer {
    this.#alive('create a timer');
    if (!(periodSeconds > 0) || !Number.isFinite(periodSeconds)) throw new Error(`timer period must be a positive number of seconds, found ${periodSeconds}`);
    const periodNs = Math.round(periodSeconds * 1e9);
    const bus = this.#bus;
    const state = { cancelled: false };
    this.#timers.push(state);
    const fire = (at: number) => {
      if (state.cancelled || this.#destroyed) return;
      bus.invoke(this, 'timer callback', callback);
      if (!state.cancelled) bus.schedule(at + periodNs, () => fire(at + periodNs));
    };
    const start = bus.nowNs;
    bus.schedule(start + periodNs, () => fire(start + periodNs));
    return {
      periodNs,
      cancel: () => {
        state.cancelled = true;
      },
      get cancelled() {
        return state.cancelled;
      },
    };
  }

  now(): number {
    return this.#bus.nowNs;
  }

  declareParameter(d: ParameterDescriptor): ParameterValue {
    this.#alive('declare a parameter');
    if (this.#descriptors.has(d.name)) throw new Error(`parameter '${d.name}' of node '${this.fullyQualifiedName}' is already declared`);
    const defaultProblem = parameterProblem(d, d.default);
    if (defaultProblem) throw new Error(`${defaultProblem} (default of node '${this.fullyQualifiedName}')`);
    let value = d.default;
    if (this.#overrides.has(d.name)) {
      let override = this.#overrides.get(d.name)!;
      // An integer literal is a valid double (`-p rate:=2`), as rclcpp accepts for doubles.
      if (d.type === 'double' && typeof override === 'number') override = Number(override);
      const problem = parameterProblem(d, override);
      if (problem) throw new Error(`${problem} [node=${this.fullyQualifiedName}]`);
      value = override;
    }
    this.#descriptors.set(d.name, d);
    this.#values.set(d.name, value);
    return value;
  }

  getParameter(name: string): ParameterValue {
    const v = this.#values.get(name);
    if (v === undefined) throw new Error(`parameter '${name}' is not declared on node '${this.fullyQualifiedName}'; declared: ${[...this.#values.keys()].join(', ') || 'none'}`);
    return v;
  }

  setParameter(name: string, value: ParameterValue): SetParameterResult {
    const problem = parameterChangeProblem(this.#descriptors.get(name), name, value);
    if (problem) return { successful: false, reason: problem };
    for (const check of this.#checks) {
      const reason = check(name, value);
      if (reason) return { successful: false, reason };
    }
    this.#values.set(name, value);
    return { successful: true, reason: '' };
  }

  onParameterChange(check: (name: string, value: ParameterValue) => string | null): void {
    this.#checks.push(check);
  }

  createActionClient<G, R, F>(type: string, name: string): ActionClient<G, R, F> {
    this.#alive('create an action client');
    const client = this.#bus.actions.createClient<G, R, F>(this, type, this.#resolve(name));
    this.#actionEndpoints.push(client);
    return client;
  }

  createActionServer<G, R, F>(type: string, name: string, callbacks: ActionServerCallbacks<G, R, F>): ActionServer {
    this.#alive('create an action server');
    const server = this.#bus.actions.createServer<G, R, F>(this, type, this.#resolve(name), callbacks);
    this.#actionEndpoints.push(server);
    return server;
  }

  createServiceClient<Q, S>(type: string, name: string): ServiceClient<Q, S> {
    this.#alive('create a service client');
    const client = this.#bus.services.createClient<Q, S>(this, type, this.#resolve(name));
    this.#actionEndpoints.push(client);
    return client;
  }

  createService<Q, S>(type: string, name: string, handler: ServiceHandler<Q, S>): ServiceServer {
    this.#alive('create a service');
    const server = this.#bus.services.createServer<Q, S>(this, type, this.#resolve(name), handler);
    this.#actionEndpoints.push(server);
    return server;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    for (const a of this.#actionEndpoints) a.destroy();
    for (const t of this.#timers) t.cancelled = true;
    for (const s of this.#subs) s.active = false;
    this.#bus.removeNode(this);
  }
}
