/**
 * The viewer's HTTP and WebSocket server: serves the built viewer (only its own files, from
 * memory) and streams state frames to every browser at a fixed wall-clock rate; relays play,
 * pause, speed and seek requests to a `RunControl`.
 *
 * Hardening: binds 127.0.0.1 unless told otherwise; on loopback it answers only requests whose
 * Host is localhost or an IP literal (DNS rebinding); WebSocket upgrades must come from the
 * page's own origin (or a non-browser client without Origin); client messages are size-limited
 * (MAX_CLIENT_MESSAGE_BYTES, larger closes the socket with 1009) and schema-checked, and a
 * client sending too many bad messages is disconnected (1008). Each client has a send budget
 * (`maxBufferedBytes`): while its socket holds more, nothing more is queued for it (deltas are
 * skipped, requested snapshots coalesce into one sent when the buffer drains), and a client
 * backed up for `slowClientMs` is dropped. Client messages are rate limited (a token bucket of
 * `messagesPerSecond`; a client far over it is dropped) and clients that stop answering pings
 * within `idleTimeoutMs` are dropped, so dead or hostile sockets cannot hold the client slots.
 *
 * Usage:
 *   const server = await ViewerServer.start({ root: 'dist/viewer/web', source: bridgeState, mode: 'live', control });
 *   console.log(`viewer at ${server.url}`);
 *   await server.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseClientMessage } from './parseClientMessage.js';
import { MAX_CLIENT_MESSAGE_BYTES, PROTOCOL_VERSION, type ClientMessage, type ServerFrame, type StateFrame, type StatusFrame, type ViewerMode } from './protocol.js';
import type { RunControl } from './RunControl.js';
import { StaticFiles } from './StaticFiles.js';

/** Where state frames come from (`BridgeState`, or a replay player). */
export interface FrameSource {
  snapshot(): StateFrame;
  takeDelta(): StateFrame | null;
}

export interface ViewerServerOptions {
  /** Folder of the built viewer (dist/viewer/web); null serves a page saying it is not built. */
  root: string | null;
  /** Interface to listen on. Default 127.0.0.1 (this machine only). */
  host?: string;
  /** TCP port; 0 picks a free one. Default 8080. */
  port?: number;
  source: FrameSource;
  /** Run control for play/pause/speed/seek; null when the run cannot be controlled. */
  control?: RunControl | null;
  mode: ViewerMode;
  /** State frames per second of wall-clock time. Default 20. */
  rateHz?: number;
  /** Concurrent WebSocket clients; more are refused (503). Default 16. */
  maxClients?: number;
  /** Rejected client messages tolerated per connection before it is closed. Default 10. */
  maxBadMessages?: number;
  /** Bytes queued on a socket beyond which deltas are skipped for it. Default 8 MiB. */
  maxBufferedBytes?: number;
  /** Client messages per second allowed on average (burst: twice that). Default 20. */
  messagesPerSecond?: number;
  /** Ping interval; a client that has not answered the previous ping is dropped. Default 10 s. */
  idleTimeoutMs?: number;
  /** A client whose send buffer stays over budget this long is dropped. Default 10 s. */
  slowClientMs?: number;
  /** One line per notable event (client connected, bad message). Default: silent. */
  log?: (line: string) => void;
  /** Called when a browser connects, before it gets its first frames (a live run waiting for one starts here). */
  onClient?: () => void;
}

/** Path of the WebSocket endpoint. */
export const WS_PATH = '/ws';

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
  'Content-Security-Policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

const NOT_BUILT_PAGE = '<!doctype html><meta charset="utf-8"><title>fleet-bandits viewer</title><p>The viewer is not built. Run <code>npm run build</code> (it runs <code>vite build</code> into dist/viewer/web) and restart.</p>\n';

type ResolvedOptions = Required<Omit<ViewerServerOptions, 'root' | 'control' | 'host' | 'port' | 'onClient'>> & { control: RunControl | null; host: string; onClient?: () => void };

interface Client {
  socket: WebSocket;
  /** Skipped a delta (slow reader) or asked to resync: needs a full frame before the next delta. */
  stale: boolean;
  bad: number;
  /** Token bucket of the message rate limit, and messages dropped by it. */
  tokens: number;
  refilledAt: number;
  limited: number;
  /** Answered the last ping. */
  alive: boolean;
  /** Since when the send buffer has been over budget (ms, performance.now()), or -1. */
  backedUpSince: number;
}

/** Counters for tests and logs. */
export interface ViewerServerStats {
  /** Frames not queued because a client's buffer was over budget. */
  framesSkipped: number;
  /** Client messages dropped by the rate limit. */
  messagesRateLimited: number;
  /** Clients dropped: too slow, not answering pings, far over the rate limit. */
  slowDropped: number;
  idleDropped: number;
  floodDropped: number;
}

export class ViewerServer {
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #files: StaticFiles;
  readonly #opts: ResolvedOptions;
  readonly #clients = new Set<Client>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  readonly stats: ViewerServerStats = { framesSkipped: 0, messagesRateLimited: 0, slowDropped: 0, idleDropped: 0, floodDropped: 0 };
  #lastStatus = '';
  #closed = false;

  private constructor(http: Server, files: StaticFiles, opts: ResolvedOptions) {
    this.#http = http;
    this.#files = files;
    this.#opts = opts;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });
  }

  /** Loads the bundle, starts listening, and starts the frame timer. Rejects if the port is taken. */
  static async start(options: ViewerServerOptions): Promise<ViewerServer> {
    const {
      root,
      host = '127.0.0.1',
      port = 8080,
      source,
      control = null,
      mode,
      rateHz = 20,
      maxClients = 16,
      maxBadMessages = 10,
      maxBufferedBytes = 8 * 1024 * 1024,
      messagesPerSecond = 20,
      idleTimeoutMs = 10_000,
      slowClientMs = 10_000,
      log = () => {},
      onClient,
    } = options;
    if (!(rateHz > 0 && rateHz <= 240)) throw new Error(`ViewerServer: rateHz must be in (0, 240], found ${rateHz}`);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ViewerServer: port must be an integer in [0, 65535], found ${port}`);
    const files = root === null ? StaticFiles.empty() : await StaticFiles.load(root);
    const http = createServer();
    // Slow or silent HTTP clients must not hold sockets open (slowloris).
    http.headersTimeout = 10_000;
    http.requestTimeout = 30_000;
    http.keepAliveTimeout = 5_000;
    const server = new ViewerServer(http, files, { source, control, mode, rateHz, maxClients, maxBadMessages, maxBufferedBytes, messagesPerSecond, idleTimeoutMs, slowClientMs, log, host, onClient });
    http.on('request', (req, res) => server.#serve(req, res));
    http.on('upgrade', (req, socket, head) => server.#upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    server.#timer = setInterval(() => server.#tick(), 1000 / rateHz);
    server.#heartbeat = setInterval(() => server.#ping(), idleTimeoutMs);
    server.#timer.unref?.();
    server.#heartbeat.unref?.();
    return server;
  }

  /** The port actually bound. */
  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }

  /** URL to open in a browser (a loopback URL when bound to every interface). */
  get url(): string {
    const h = this.#opts.host;
    const shown = h === '0.0.0.0' || h === '::' ? '127.0.0.1' : isIP(h) === 6 ? `[${h}]` : h;
    return `http://${shown}:${this.port}/`;
  }

  /** Connected WebSocket clients. */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** Whether the bundle was found (false: the page says to build it). */
  get hasBundle(): boolean {
    return this.#files.size > 0;
  }

  /** Sends pending changes and the status now, rather than at the next tick. */
  flush(): void {
    this.#tick();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    clearInterval(this.#heartbeat);
    for (const c of this.#clients) c.socket.terminate();
    this.#clients.clear();
    this.#wss.close();
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  // ---- HTTP ----

  #serve(req: IncomingMessage, res: ServerResponse): void {
    if (!this.#hostAllowed(req)) return plain(res, 403, 'forbidden: unexpected Host header\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'method not allowed\n');
    }
    const raw = req.url ?? '/';
    if (raw.length > 2048) return plain(res, 414, 'URI too long\n');
    let path: string;
    try {
      path = decodeURIComponent(raw.split(/[?#]/, 1)[0]);
    } catch {
      return plain(res, 400, 'bad request: malformed percent-encoding\n');
    }
    if (path === WS_PATH) return plain(res, 426, 'this endpoint takes WebSocket connections\n');
    if (!this.hasBundle && path === '/') return send(res, req, 503, 'text/html; charset=utf-8', Buffer.from(NOT_BUILT_PAGE));
    const file = this.#files.get(path);
    if (!file) return plain(res, 404, 'not found\n');
    send(res, req, 200, file.contentType, file.body);
  }

  /** On loopback, only localhost names and IP literals (a rebinding attack sends its own domain). */
  #hostAllowed(req: IncomingMessage): boolean {
    const h = this.#opts.host;
    const loopback = h === '127.0.0.1' || h === '::1' || h === 'localhost';
    if (!loopback) return true;
    const hostHeader = req.headers.host;
    if (hostHeader === undefined) return true;
    let hostname: string;
    try {
      hostname = new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return false;
    }
    return hostname === 'localhost' || isIP(hostname) !== 0;
  }

  // ---- WebSocket ----

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const reject = (code: number, text: string) => {
      socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== WS_PATH) return reject(404, 'Not Found');
    if (!this.#hostAllowed(req)) return reject(403, 'Forbidden');
    const origin = req.headers.origin;
    if (origin !== undefined) {
      // Same origin means same scheme too: the page is served over http, so an https:// page
      // (or any other scheme) on the same host and port is another origin.
      let same = false;
      try {
        const u = new URL(origin);
        same = u.protocol === 'http:' && u.host === req.headers.host;
      } catch {
        same = false;
      }
      if (!same) {
        this.#opts.log(`refused a WebSocket from origin '${origin}' (the viewer accepts only its own page)`);
        return reject(403, 'Forbidden');
      }
    }
    if (this.#clients.size >= this.#opts.maxClients) return reject(503, 'Service Unavailable');
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connected(ws));
  }

  #connected(socket: WebSocket): void {
    const client: Client = { socket, stale: false, bad: 0, tokens: 2 * this.#opts.messagesPerSecond, refilledAt: performance.now(), limited: 0, alive: true, backedUpSince: -1 };
    socket.on('pong', () => {
      client.alive = true;
    });
    this.#clients.add(client);
    this.#opts.log(`viewer client connected (${this.#clients.size} now)`);
    socket.on('message', (data, isBinary) => this.#received(client, data as Buffer | Buffer[] | ArrayBuffer, isBinary));
    socket.on('close', () => {
      this.#clients.delete(client);
      this.#opts.log(`viewer client left (${this.#clients.size} now)`);
    });
    socket.on('error', () => this.#clients.delete(client));
    this.#opts.onClient?.();
    this.#send(client, this.#status());
    this.#send(client, this.#opts.source.snapshot());
  }

  #received(client: Client, data: Buffer | Buffer[] | ArrayBuffer, _isBinary: boolean): void {
    if (!this.#takeToken(client)) return;
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const parsed = parseClientMessage(bytes);
    if (!parsed.success) return this.#bad(client, parsed.error);
    const problem = this.#apply(client, parsed.data);
    if (problem) return this.#bad(client, problem);
    this.#broadcastStatus(true);
  }

  /** Carries out a valid message; returns why it cannot be, or null. */
  #apply(client: Client, m: ClientMessage): string | null {
    if (m.type === 'resync') {
      // Coalesced: one full frame at the next tick, however many resyncs arrive before it.
      client.stale = true;
      return null;
    }
    const control = this.#opts.control;
    if (!control) return `'${m.type}' is not available: this viewer is attached to a running ROS graph, which it cannot pause or pace`;
    switch (m.type) {
      case 'play': control.play(); return null;
      case 'pause': control.pause(); return null;
      case 'speed': control.setSpeed(m.speed); return null;
      case 'seek':
        if (!control.seek) return "'seek' is available only when replaying a recording";
        control.seek(m.timeNs);
        return null;
    }
  }

  /** Token bucket: `messagesPerSecond` on average, bursts of twice that; far over it, the client is dropped. */
  #takeToken(client: Client): boolean {
    const now = performance.now();
    const rate = this.#opts.messagesPerSecond;
    client.tokens = Math.min(2 * rate, client.tokens + ((now - client.refilledAt) / 1000) * rate);
    client.refilledAt = now;
    if (client.tokens >= 1) {
      client.tokens -= 1;
      return true;
    }
    client.limited++;
    this.stats.messagesRateLimited++;
    if (client.limited === 1) this.#opts.log('a viewer client is sending messages faster than the limit; extra messages are dropped');
    if (client.limited >= 50 * rate) {
      this.stats.floodDropped++;
      this.#drop(client, 1008, 'message rate limit exceeded');
    }
    return false;
  }

  /** Pings every client; one that did not answer the previous ping is gone or hung. */
  #ping(): void {
    for (const c of this.#clients) {
      if (!c.alive) {
        this.stats.idleDropped++;
        this.#opts.log('dropped a viewer client that stopped answering pings');
        this.#clients.delete(c);
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      if (c.socket.readyState === c.socket.OPEN) c.socket.ping();
    }
  }

  #drop(client: Client, code: number, reason: string): void {
    this.#clients.delete(client);
    this.#opts.log(`dropped a viewer client: ${reason}`);
    client.socket.close(code, reason);
    // A client that does not read may never complete the close handshake.
    setTimeout(() => client.socket.terminate(), 1000).unref?.();
  }

  #bad(client: Client, error: string): void {
    client.bad++;
    this.#opts.log(`rejected a viewer message: ${error}`);
    this.#send(client, { type: 'error', message: error });
    if (client.bad >= this.#opts.maxBadMessages) client.socket.close(1008, 'too many invalid messages');
  }

  #status(): StatusFrame {
    const c = this.#opts.control;
    const s = c?.status() ?? { paused: false, speed: null, finished: false };
    const frame: StatusFrame = { type: 'status', version: PROTOCOL_VERSION, mode: this.#opts.mode, controllable: c !== null, paused: s.paused, speed: s.speed, finished: s.finished };
    if (s.timeline) frame.timeline = s.timeline;
    return frame;
  }

  #broadcastStatus(force: boolean): void {
    const frame = this.#status();
    const text = JSON.stringify(frame);
    if (!force && text === this.#lastStatus) return;
    this.#lastStatus = text;
    for (const c of this.#clients) this.#sendText(c, text);
  }

  #tick(): void {
    const delta = this.#opts.source.takeDelta();
    const now = performance.now();
    let text: string | undefined;
    let snapshot: string | undefined;
    for (const c of [...this.#clients]) {
      if (this.#overBudget(c)) {
        if (c.backedUpSince < 0) c.backedUpSince = now;
        else if (now - c.backedUpSince > this.#opts.slowClientMs) {
          this.stats.slowDropped++;
          this.#drop(c, 1008, 'too slow to read the state frames');
          continue;
        }
        if (delta) {
          c.stale = true;
          this.stats.framesSkipped++;
        }
        continue;
      }
      c.backedUpSince = -1;
      if (c.stale && !delta?.full) {
        snapshot ??= JSON.stringify(this.#opts.source.snapshot());
        this.#sendText(c, snapshot);
      } else if (delta) this.#sendText(c, (text ??= JSON.stringify(delta)));
      c.stale = false;
    }
    this.#broadcastStatus(false);
  }

  #overBudget(client: Client): boolean {
    return client.socket.bufferedAmount > this.#opts.maxBufferedBytes;
  }

  #send(client: Client, frame: ServerFrame): void {
    this.#sendText(client, JSON.stringify(frame));
  }

  /** Queues `text` unless the client's buffer is over budget (then the frame is skipped and counted). */
  #sendText(client: Client, text: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (this.#overBudget(client)) {
      this.stats.framesSkipped++;
      return;
    }
    client.socket.send(text);
  }
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function send(res: ServerResponse, req: IncomingMessage, status: number, contentType: string, body: Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': body.byteLength });
  res.end(req.method === 'HEAD' ? undefined : body);
}
