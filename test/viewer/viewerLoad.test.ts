// Load test of the viewer server on 127.0.0.1: a client that floods valid messages and never
// reads, and clients that go silent, cannot grow the server's memory or lock others out; the
// Origin check compares the scheme too.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { StateFrame } from '../../src/nodes/bridge/protocol.js';
import { ViewerServer, type FrameSource } from '../../src/nodes/bridge/ViewerServer.js';

/** A source whose full frames are big (about 400 KB), like a large graph, with a small delta every tick. */
class BigSource implements FrameSource {
  #round = 0;
  readonly #padding = 'x'.repeat(400_000);
  snapshot(): StateFrame {
    return { type: 'state', full: true, round: this.#round, padding: this.#padding } as unknown as StateFrame;
  }
  takeDelta(): StateFrame | null {
    return { type: 'state', full: false, round: ++this.#round } as unknown as StateFrame;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function open(url: string, options: { origin?: string } = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, options);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Stops reading the socket (and so answering pings), as a hung or hostile client does. */
function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

let server: ViewerServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(overrides: Partial<Parameters<typeof ViewerServer.start>[0]> = {}): Promise<string> {
  server = await ViewerServer.start({ root: null, port: 0, source: new BigSource(), mode: 'live', rateHz: 50, maxBufferedBytes: 1 << 20, messagesPerSecond: 20, slowClientMs: 2000, idleTimeoutMs: 1000, ...overrides });
  return `ws://127.0.0.1:${server.port}/ws`;
}

describe('viewer server under load', () => {
  it('a client flooding resync without reading is rate limited and dropped; memory stays bounded; others are served', async () => {
    const url = await start();
    const good = await open(url);
    let goodFrames = 0;
    good.on('message', () => goodFrames++);
    const hostile = await open(url);
    stopReading(hostile);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const hostileClosed = new Promise<void>((r) => hostile.once('close', () => r()));
    // 20,000 valid messages: without a budget each would queue a 400 KB snapshot (8 GB).
    for (let i = 0; i < 20_000; i++) hostile.send('{"type":"resync"}');
    const framesAtStart = goodFrames;
    for (let t = 0; t < 40 && server!.clientCount > 1; t++) {
      await sleep(100);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(server!.clientCount).toBe(1);
    expect(server!.stats.messagesRateLimited).toBeGreaterThan(1000);
    expect(server!.stats.floodDropped + server!.stats.idleDropped + server!.stats.slowDropped).toBeGreaterThanOrEqual(1);
    expect(peak - rssBefore).toBeLessThan(200 * 2 ** 20);
    // The well-behaved client kept getting frames at the tick rate during the flood.
    await sleep(500);
    expect(goodFrames - framesAtStart).toBeGreaterThan(20);
    expect(good.readyState).toBe(WebSocket.OPEN);
    hostile.terminate();
    await Promise.race([hostileClosed, sleep(1000)]);
    good.close();
  });

  it('clients that stop answering pings are dropped, so they cannot hold every slot', async () => {
    const url = await start({ maxClients: 4 });
    const silent = await Promise.all([0, 1, 2, 3].map(() => open(url)));
    for (const ws of silent) stopReading(ws);
    await expect(open(url)).rejects.toThrow(/503/);
    for (let t = 0; t < 50 && server!.clientCount > 0; t++) await sleep(100);
    expect(server!.clientCount).toBe(0);
    expect(server!.stats.idleDropped + server!.stats.slowDropped).toBe(4);
    const late = await open(url);
    expect(late.readyState).toBe(WebSocket.OPEN);
    late.close();
    for (const ws of silent) ws.terminate();
  });

  it('the Origin must match scheme, host and port', async () => {
    const url = await start();
    const port = server!.port;
    const own = await open(url, { origin: `http://127.0.0.1:${port}` });
    own.close();
    await expect(open(url, { origin: `https://127.0.0.1:${port}` })).rejects.toThrow(/403/);
    await expect(open(url, { origin: `ws://127.0.0.1:${port}` })).rejects.toThrow(/403/);
    await expect(open(url, { origin: `http://127.0.0.1:${port + 1}` })).rejects.toThrow(/403/);
  });
});
