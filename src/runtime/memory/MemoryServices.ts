/**
 * ROS 2 services on the embedded transport: one server per service name, any number of clients.
 * A request and its response are separate events on the virtual clock, so a handler never runs
 * inside `call` and a caller never sees its response inside the handler, just as over DDS.
 *
 * In strict mode the request and the response are CDR-encoded as `<type>_Request` and
 * `<type>_Response` at each hop (the codec must know them: the bundled .srv definitions), so a
 * service that works embedded also serializes on the wire; otherwise they are copied.
 *
 * A request that finds no server fails the call ('unavailable'; over DDS it would be lost and the
 * caller would wait for its timeout, which says less). A call with a timeout always settles: at the
 * deadline it rejects ('timeout') and a later response is dropped. Every event that may settle a
 * promise marks the transport touched, so what a node does after `await` happens at that event's
 * virtual time, deterministically (see MemoryActions).
 */
import type { ServiceClient, ServiceHandler, ServiceServer } from '../NodeHandle.js';
import { ServiceCallError, serviceMessageTypes, timeoutNs } from '../ServiceCallError.js';
import { copyMessage, type ActionHost, type ActionNode } from './MemoryActions.js';
import type { MessageCodec } from './MemoryTransport.js';

interface ServiceEntry {
  type: string;
  server: MemoryServiceServer | null;
  clients: number;
  /** waitForService calls still waiting. */
  waiters: Set<(available: boolean) => void>;
}

/** The service graph of one embedded transport. */
export class MemoryServices {
  readonly host: ActionHost;
  readonly codec: MessageCodec | undefined;
  readonly #entries = new Map<string, ServiceEntry>();
  /** Calls answered, failed for want of a server, and timed out (transport statistics). */
  readonly stats = { calls: 0, answered: 0, unavailable: 0, timedOut: 0 };
  /**
   * Handler promises not yet settled. While any is, the run loop drains microtasks after every
   * event: the promise may settle in any node's callback, and its response must leave at that
   * event's virtual time.
   */
  pendingHandlers = 0;

  constructor(host: ActionHost, codec: MessageCodec | undefined) {
    // Every service event may settle a promise: the run loop drains microtasks after it.
    this.host = {
      get nowNs() {
        return host.nowNs;
      },
      schedule: (t, run) =>
        host.schedule(t, () => {
          host.touch();
          run();
        }),
      invoke: (node, what, fn) => host.invoke(node, what, fn),
      touch: () => host.touch(),
    };
    this.codec = codec;
  }

  /** Service names with their type and whether a server exists (`ros2 service list -t`). */
  list(): { name: string; type: string; server: boolean }[] {
    return [...this.#entries].map(([name, e]) => ({ name, type: e.type, server: e.server !== null }));
  }

  entry(name: string, type: string): ServiceEntry {
    let e = this.#entries.get(name);
    if (!e) {
      e = { type, server: null, clients: 0, waiters: new Set() };
      this.#entries.set(name, e);
    } else if (e.type !== type) {
      throw new Error(`service '${name}' has type '${e.type}'; cannot use it with type '${type}'`);
    }
    return e;
  }

  serverOf(name: string): MemoryServiceServer | null {
    return this.#entries.get(name)?.server ?? null;
  }

  createClient<Q, S>(node: ActionNode, type: string, name: string): ServiceClient<Q, S> {
    this.entry(name, type).clients++;
    return new MemoryServiceClient(this, node, type, name) as unknown as ServiceClient<Q, S>;
  }

  createServer<Q, S>(node: ActionNode, type: string, name: string, handler: ServiceHandler<Q, S>): ServiceServer {
    if (typeof handler !== 'function') throw new TypeError(`service '${name}': the handler must be a function`);
    const e = this.entry(name, type);
    if (e.server !== null) throw new Error(`service '${name}' already has a server (node ${e.server.node.fullyQualifiedName}); one server per service name`);
    const server = new MemoryServiceServer(this, node, type, name, handler as ServiceHandler<unknown, unknown>);
    e.server = server;
    const waiters = [...e.waiters];
    e.waiters.clear();
    if (waiters.length > 0) this.host.touch();
    for (const w of waiters) w(true);
    return server;
  }

  /** What crosses the middleware: CDR bytes in strict mode, else a copy. */
  pack(type: string, message: unknown): unknown {
    return this.codec ? this.codec.encode(type, message) : copyMessage(message);
  }

  unpack(type: string, payload: unknown): unknown {
    return this.codec ? this.codec.decode(type, payload as Uint8Array) : copyMessage(payload);
  }

  removeServer(server: MemoryServiceServer): void {
    const e = this.#entries.get(server.name);
    if (e?.server === server) e.server = null;
    this.#forget(server.name);
  }

  removeClient(name: string): void {
    const e = this.#entries.get(name);
    if (e) e.clients--;
    this.#forget(name);
  }

  #forget(name: string): void {
    const e = this.#entries.get(name);
    if (e && e.server === null && e.clients <= 0 && e.waiters.size === 0) this.#entries.delete(name);
  }
}

class MemoryServiceClient implements ServiceClient<unknown, unknown> {
  readonly name: string;
  readonly type: string;
  readonly node: ActionNode;
  readonly #services: MemoryServices;
  readonly #types: { request: string; response: string };
  /** Calls not yet settled: rejected when the client is destroyed. */
  readonly #pending = new Set<(err: ServiceCallError) => void>();
  #destroyed = false;

  constructor(services: MemoryServices, node: ActionNode, type: string, name: string) {
    this.#services = services;
    this.node = node;
    this.type = type;
    this.name = name;
    this.#types = serviceMessageTypes(type);
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  isServiceAvailable(): boolean {
    return this.#services.serverOf(this.name) !== null;
  }

  waitForService(timeoutSeconds?: number): Promise<boolean> {
    if (this.#destroyed) return Promise.reject(new ServiceCallError('destroyed', this.name, `service client '${this.name}' is destroyed`));
    const limit = timeoutNs(timeoutSeconds, this.name);
    const host = this.#services.host;
    host.touch();
    if (this.isServiceAvailable()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const e = this.#services.entry(this.name, this.type);
      let done = false;
      const finish = (available: boolean) => {
        if (done) return;
        done = true;
        e.waiters.delete(finish);
        resolve(available);
      };
      e.waiters.add(finish);
      if (limit !== Infinity) host.schedule(host.nowNs + limit, () => finish(false));
    });
  }

  call(request: unknown, timeoutSeconds?: number): Promise<unknown> {
    if (this.#destroyed) return Promise.reject(new ServiceCallError('destroyed', this.name, `service client '${this.name}' is destroyed; cannot call it`));
    const limit = timeoutNs(timeoutSeconds, this.name);
    const services = this.#services;
    const host = services.host;
    services.stats.calls++;
    host.touch();
    return new Promise((resolve, reject) => {
      // Encoded now: a request that cannot serialize rejects the call (as rclnodejs' Request class does).
      const payload = services.pack(this.#types.request, request);
      let settled = false;
      const fail = (err: ServiceCallError) => {
        if (settled) return;
        settled = true;
        this.#pending.delete(fail);
        reject(err);
      };
      this.#pending.add(fail);
      host.schedule(host.nowNs, () => {
        if (settled) return;
        const server = services.serverOf(this.name);
        if (server === null) {
          services.stats.unavailable++;
          return fail(new ServiceCallError('unavailable', this.name, `no server for service '${this.name}' (${this.type})`));
        }
        server.receive(payload, (response) => {
          host.schedule(host.nowNs, () => {
            if (settled || this.#destroyed) return; // timed out, or nobody to tell
            settled = true;
            this.#pending.delete(fail);
            services.stats.answered++;
            resolve(services.unpack(this.#types.response, response));
          });
        });
      });
      if (limit !== Infinity) {
        host.schedule(host.nowNs + limit, () => {
          if (settled) return;
          services.stats.timedOut++;
          fail(new ServiceCallError('timeout', this.name, `service '${this.name}' did not answer within ${limit / 1e9} s`));
        });
      }
    });
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    for (const fail of [...this.#pending]) fail(new ServiceCallError('destroyed', this.name, `service client '${this.name}' was destroyed during the call`));
    this.#services.removeClient(this.name);
  }
}

class MemoryServiceServer implements ServiceServer {
  readonly name: string;
  readonly type: string;
  readonly node: ActionNode;
  readonly #services: MemoryServices;
  readonly #handler: ServiceHandler<unknown, unknown>;
  readonly #types: { request: string; response: string };
  #destroyed = false;

  constructor(services: MemoryServices, node: ActionNode, type: string, name: string, handler: ServiceHandler<unknown, unknown>) {
    this.#services = services;
    this.node = node;
    this.type = type;
    this.name = name;
    this.#handler = handler;
    this.#types = serviceMessageTypes(type);
  }

  /** A request arrived: run the handler and send what it answers (now, or when its promise resolves). */
  receive(payload: unknown, respond: (response: unknown) => void): void {
    const services = this.#services;
    const request = services.unpack(this.#types.request, payload);
    let returned: unknown;
    let threw = false;
    services.host.invoke(this.node, `service handler of '${this.name}'`, () => {
      threw = true;
      returned = this.#handler(request);
      threw = false;
    });
    if (threw) return;
    const send = (response: unknown) => {
      if (this.#destroyed) return;
      let packed: unknown;
      services.host.invoke(this.node, `response of service '${this.name}'`, () => {
        packed = services.pack(this.#types.response, response ?? {});
      });
      if (packed !== undefined) respond(packed);
    };
    if (returned !== null && typeof (returned as PromiseLike<unknown>)?.then === 'function') {
      services.pendingHandlers++;
      const settle = () => {
        services.pendingHandlers--;
      };
      (returned as PromiseLike<unknown>).then(settle, settle);
      (returned as PromiseLike<unknown>).then(send, (err: unknown) => {
        this.node.logger.error(`service handler of '${this.name}' failed: ${err instanceof Error ? err.message : String(err)}; the request is not answered`);
      });
    } else {
      send(returned);
    }
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#services.removeServer(this);
  }
}
