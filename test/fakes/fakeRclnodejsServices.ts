/**
 * The fake rclnodejs' services: `node.createClient`, `node.createService`, written from rclnodejs
 * (types/client.d.ts, service.d.ts, lib/client.js, lib/service.js). What a caller could tell apart:
 * - a request and a response are messages that arrive `latencyNs` later, and only at a spinning
 *   node; a request sent while no server exists is lost (the callback never runs), as over DDS;
 * - the request is copied the way the generated Request class takes it (type checks, bigint for
 *   64-bit integers) and arrives as a plain object; likewise the response;
 * - the service callback gets `(request, response)`; it answers with `response.send(r)` or by
 *   returning (a promise of) the response, once;
 * - `waitForService(ms)` polls on the fake's clock (a deliberate difference: rclnodejs polls on
 *   wall-clock time), `isServiceServerAvailable()` sees servers of the same name and type.
 */
import type { RclClient, RclEntityOptions, RclService, RclServiceResponse } from '../../src/runtime/ros/RclnodejsApi.js';

export interface FakeServiceHost {
  readonly nowNs: bigint;
  readonly latencyNs: bigint;
  schedule(at: bigint, run: () => void): void;
  invoke(fn: () => void): void;
  record(fn: string, node: string, args: unknown[]): void;
  /** Throws like a missing interface package for a service type that is not installed. */
  checkServiceType(type: string): void;
  /** The stored (wire) form of a message of `type`, with the generated class' type checks. */
  toStored(type: string, message: unknown): unknown;
  /** What a callback receives of a stored message. */
  fromStored(type: string, stored: unknown, typedArrays: boolean): unknown;
}

export interface FakeServiceNode {
  readonly spinning: boolean;
  getFullyQualifiedName(): string;
  resolveTopicName(name: string): string;
}

interface ServerEntry {
  node: FakeServiceNode;
  type: string;
  name: string;
  options: RclEntityOptions;
  callback: (request: unknown, response: RclServiceResponse) => unknown;
  active: boolean;
}

/** The service graph of one fake rclnodejs. */
export class FakeServiceGraph {
  readonly host: FakeServiceHost;
  readonly servers: ServerEntry[] = [];
  readonly clients: FakeClient[] = [];
  /** Requests that found no server and were lost. */
  lost = 0;

  constructor(host: FakeServiceHost) {
    this.host = host;
  }

  serverFor(name: string, type: string): ServerEntry | undefined {
    return this.servers.find((s) => s.active && s.name === name && s.type === type);
  }

  createClient(node: FakeServiceNode, type: string, name: string, options: RclEntityOptions = {}): FakeClient {
    this.host.record('Node.createClient', node.getFullyQualifiedName(), [type, name, options]);
    this.host.checkServiceType(type);
    const client = new FakeClient(this, node, type, node.resolveTopicName(name), options);
    this.clients.push(client);
    return client;
  }

  createService(node: FakeServiceNode, type: string, name: string, options: RclEntityOptions | ServerEntry['callback'], callback?: ServerEntry['callback']): RclService {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    this.host.record('Node.createService', node.getFullyQualifiedName(), [type, name, options]);
    if (typeof callback !== 'function') throw new TypeError('Invalid argument: callback must be a function');
    this.host.checkServiceType(type);
    const entry: ServerEntry = { node, type, name: node.resolveTopicName(name), options, callback, active: true };
    this.servers.push(entry);
    return Object.assign(Object.create(null) as object, { serviceName: entry.name, entry }) as RclService;
  }

  destroyService(service: RclService): void {
    const entry = (service as unknown as { entry?: ServerEntry }).entry;
    if (entry) entry.active = false;
  }

  /** A request reaches the server (if any, and spinning): run its callback, send its answer back. */
  deliver(client: FakeClient, stored: unknown, onResponse: (stored: unknown) => void): void {
    const server = this.serverFor(client.serviceName, client.type);
    if (server === undefined || !server.node.spinning) {
      this.lost++;
      return;
    }
    const host = this.host;
    let sent = false;
    const send = (r: unknown) => {
      if (sent) throw new Error('fake rclnodejs: the response was already sent');
      sent = true;
      const out = host.toStored(`${server.type}_Response`, r);
      host.schedule(host.nowNs + host.latencyNs, () => onResponse(out));
    };
    const response: RclServiceResponse = {
      get template() {
        return host.fromStored(`${server.type}_Response`, host.toStored(`${server.type}_Response`, {}), false);
      },
      send,
    };
    const request = host.fromStored(`${server.type}_Request`, stored, server.options.enableTypedArray !== false);
    host.invoke(() => {
      const returned = server.callback(request, response);
      void Promise.resolve(returned).then((r) => {
        if (!sent && r) host.invoke(() => send(r));
      });
    });
  }

  forget(node: FakeServiceNode): void {
    for (const s of this.servers) if (s.node === node) s.active = false;
    for (const c of this.clients) if (c.node === node) c.active = false;
  }
}

export class FakeClient implements RclClient {
  readonly #graph: FakeServiceGraph;
  readonly node: FakeServiceNode;
  readonly type: string;
  readonly serviceName: string;
  readonly #options: RclEntityOptions;
  active = true;

  constructor(graph: FakeServiceGraph, node: FakeServiceNode, type: string, serviceName: string, options: RclEntityOptions) {
    this.#graph = graph;
    this.node = node;
    this.type = type;
    this.serviceName = serviceName;
    this.#options = options;
  }

  sendRequest(request: unknown, callback: (response: unknown) => void): void {
    const host = this.#graph.host;
    host.record('Client.sendRequest', this.node.getFullyQualifiedName(), [this.serviceName, request]);
    if (!this.active) throw new Error('fake rclnodejs: client is destroyed');
    if (typeof callback !== 'function') throw new TypeError('Invalid argument');
    const stored = host.toStored(`${this.type}_Request`, request);
    host.schedule(host.nowNs + host.latencyNs, () =>
      this.#graph.deliver(this, stored, (out) => {
        if (!this.active || !this.node.spinning) return;
        const response = host.fromStored(`${this.type}_Response`, out, this.#options.enableTypedArray !== false);
        host.invoke(() => callback(response));
      }),
    );
  }

  isServiceServerAvailable(): boolean {
    return this.#graph.serverFor(this.serviceName, this.type) !== undefined;
  }

  waitForService(timeout?: number): Promise<boolean> {
    const host = this.#graph.host;
    const deadline = timeout === undefined || timeout < 0 ? Infinity : Number(host.nowNs) + timeout * 1e6;
    return new Promise((resolve) => {
      const poll = () => {
        if (this.isServiceServerAvailable()) return resolve(true);
        if (Number(host.nowNs) >= deadline) return resolve(false);
        host.schedule(host.nowNs + 1_000_000n, poll);
      };
      poll();
    });
  }
}
