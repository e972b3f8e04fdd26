// The viewer server: serves only its own files with correct content types (path traversal attempts get 404), checks Host and Origin, and rejects malformed WebSocket input.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BridgeState } from '../../src/nodes/bridge/BridgeState.js';
import { parseClientMessage } from '../../src/nodes/bridge/parseClientMessage.js';
import { MAX_CLIENT_MESSAGE_BYTES, type ServerFrame } from '../../src/nodes/bridge/protocol.js';
import type { RunControl, RunStatus } from '../../src/nodes/bridge/RunControl.js';
import { ViewerServer } from '../../src/nodes/bridge/ViewerServer.js';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-BUNDLE';

/** Sends a raw HTTP/1.1 request (exact bytes of the path) and returns status line, headers and body. */
function rawRequest(port: number, path: string, { method = 'GET', host = `127.0.0.1:${port}` } = {}): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: rest.join('\r\n\r\n') });
    });
    socket.on('error', reject);
  });
}

class FakeControl implements RunControl {
  calls: string[] = [];
  s: RunStatus = { paused: false, speed: 1, finished: false };
  status() {
    return this.s;
  }
  play() {
    this.calls.push('play');
    this.s = { ...this.s, paused: false };
  }
  pause() {
    this.calls.push('pause');
    this.s = { ...this.s, paused: true };
  }
  setSpeed(speed: number | null) {
    this.calls.push(`speed ${speed}`);
    this.s = { ...this.s, speed };
  }
}

/** A WebSocket client that queues frames and close events. */
async function client(url: string, origin?: string) {
  const ws = new WebSocket(url, origin ? { origin } : {});
  const frames: ServerFrame[] = [];
  const waiters: (() => void)[] = [];
  let closed: { code: number } | null = null;
  ws.on('message', (d) => {
    frames.push(JSON.parse(d.toString()) as ServerFrame);
    waiters.splice(0).forEach((w) => w());
  });
  ws.on('close', (code) => {
    closed = { code };
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async (pred: (f: ServerFrame) => boolean, timeoutMs = 3000): Promise<ServerFrame> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const i = frames.findIndex(pred);
      if (i >= 0) return frames.splice(i, 1)[0];
      if (closed || Date.now() > end) throw new Error(`no matching frame (closed: ${JSON.stringify(closed)})`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  const whenClosed = async () => {
    for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 30));
    return closed as { code: number } | null;
  };
  return { ws, frames, next, whenClosed };
}

describe('ViewerServer', () => {
  let dir: string;
  let server: ViewerServer;
  let control: FakeControl;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'viewer-server-'));
    const root = join(dir, 'web');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>viewer</title>');
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app-1234.css'), 'body{}');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
    control = new FakeControl();
    const state = new BridgeState();
    server = await ViewerServer.start({ root, port: 0, source: state, control, mode: 'live', rateHz: 50 });
    port = server.port;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('HTTP', () => {
    it('serves its files with the right content types and security headers', async () => {
      const index = await rawRequest(port, '/');
      expect(index.status).toBe(200);
      expect(index.headers).toContain('content-type: text/html; charset=utf-8');
      expect(index.headers).toContain('x-content-type-options: nosniff');
      expect(index.headers).toContain("content-security-policy: default-src 'self'");
      expect(index.body).toContain('<title>viewer</title>');
      expect((await rawRequest(port, '/index.html')).status).toBe(200);
      expect((await rawRequest(port, '/assets/app-1234.js')).headers).toContain('content-type: text/javascript; charset=utf-8');
      expect((await rawRequest(port, '/assets/app-1234.css')).headers).toContain('content-type: text/css; charset=utf-8');
      expect((await rawRequest(port, '/favicon.svg')).headers).toContain('content-type: image/svg+xml');
      expect((await rawRequest(port, '/assets/app-1234.js?v=3#x')).status).toBe(200);
      const head = await rawRequest(port, '/', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      expect(server.url).toBe(`http://127.0.0.1:${port}/`);
    });

    it.each([
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..\\secret.txt',
      '/..%5csecret.txt',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/..%252fsecret.txt',
      '/index.html%00.js',
      '/link.txt',
      `/${'../'.repeat(20)}etc/passwd`,
      `http://127.0.0.1:1/../secret.txt`,
      '/assets',
      '/nope.js',
    ])('never serves anything outside the bundle: %s', async (path) => {
      const r = await rawRequest(port, path);
      expect([400, 404]).toContain(r.status);
      expect(r.body).not.toContain(SECRET);
      expect(r.body).not.toContain('root:');
    });

    it('answers bad requests with 400, 405 and 414', async () => {
      expect((await rawRequest(port, '/%E0%A4%A')).status).toBe(400);
      const post = await rawRequest(port, '/', { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers).toContain('allow: get, head');
      expect((await rawRequest(port, `/${'a'.repeat(3000)}`)).status).toBe(414);
      expect((await rawRequest(port, '/ws')).status).toBe(426);
    });

    it('refuses a foreign Host on loopback (DNS rebinding)', async () => {
      expect((await rawRequest(port, '/', { host: `evil.example:${port}` })).status).toBe(403);
      expect((await rawRequest(port, '/', { host: `localhost:${port}` })).status).toBe(200);
      expect((await rawRequest(port, '/', { host: `[::1]:${port}` })).status).toBe(200);
    });
  });

  describe('WebSocket', () => {
    const url = () => `ws://127.0.0.1:${port}/ws`;

    it('greets a client with the status and a full state frame', async () => {
      const c = await client(url());
      const status = await c.next((f) => f.type === 'status');
      expect(status).toMatchObject({ type: 'status', version: 1, mode: 'live', controllable: true, paused: false, speed: 1 });
      expect(await c.next((f) => f.type === 'state')).toMatchObject({ type: 'state', full: true });
      c.ws.close();
    });

    it('accepts its own page origin and refuses others', async () => {
      const own = await client(url(), `http://127.0.0.1:${port}`);
      own.ws.close();
      await expect(client(url(), 'http://evil.example')).rejects.toThrow(/403/);
      await expect(client(url(), 'null')).rejects.toThrow(/403/);
    });

    it('relays play, pause and speed to the run control and broadcasts the new status', async () => {
      const c = await client(url());
      await c.next((f) => f.type === 'state');
      c.ws.send(JSON.stringify({ type: 'pause' }));
      expect(await c.next((f) => f.type === 'status' && f.paused)).toMatchObject({ paused: true });
      c.ws.send(JSON.stringify({ type: 'speed', speed: 10 }));
      expect(await c.next((f) => f.type === 'status' && f.speed === 10)).toMatchObject({ speed: 10 });
      c.ws.send(JSON.stringify({ type: 'speed', speed: null }));
      await c.next((f) => f.type === 'status' && f.speed === null);
      c.ws.send(JSON.stringify({ type: 'play' }));
      await c.next((f) => f.type === 'status' && !f.paused);
      c.ws.send(JSON.stringify({ type: 'resync' }));
      expect(await c.next((f) => f.type === 'state')).toMatchObject({ full: true });
      expect(control.calls).toEqual(['pause', 'speed 10', 'speed null', 'play']);
      c.ws.send(JSON.stringify({ type: 'seek', timeNs: 5 }));
      expect(await c.next((f) => f.type === 'error')).toMatchObject({ message: expect.stringContaining('only when replaying') });
      c.ws.close();
    });

    it.each([
      ['not JSON', 'pause please', 'not JSON'],
      ['an unknown type', '{"type":"shutdown"}', 'invalid message'],
      ['a missing type', '{"speed":2}', 'invalid message'],
      ['an extra field', '{"type":"pause","now":true}', 'invalid message'],
      ['a speed out of range', '{"type":"speed","speed":-1}', "at 'speed'"],
      ['a speed of the wrong type', '{"type":"speed","speed":"fast"}', "at 'speed'"],
      ['a non-integer seek', '{"type":"seek","timeNs":1.5}', "at 'timeNs'"],
      ['an array', '[1,2,3]', 'invalid message'],
      ['null', 'null', 'invalid message'],
    ])('answers %s with an error frame and keeps the connection', async (_what, text, expected) => {
      const c = await client(url());
      await c.next((f) => f.type === 'state');
      c.ws.send(text);
      const e = await c.next((f) => f.type === 'error');
      expect(e.type === 'error' && e.message).toContain(expected);
      c.ws.send(JSON.stringify({ type: 'resync' }));
      await c.next((f) => f.type === 'state');
      c.ws.close();
    });

    it('closes the connection on an oversized message (1009)', async () => {
      const c = await client(url());
      await c.next((f) => f.type === 'state');
      c.ws.send(JSON.stringify({ type: 'pause', pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }));
      expect((await c.whenClosed())?.code).toBe(1009);
    });

    it('disconnects a client that keeps sending bad messages (1008)', async () => {
      const c = await client(url());
      await c.next((f) => f.type === 'state');
      for (let i = 0; i < 10; i++) c.ws.send('{');
      expect((await c.whenClosed())?.code).toBe(1008);
    });

    it('refuses upgrades on other paths', async () => {
      await expect(client(`ws://127.0.0.1:${port}/other`)).rejects.toThrow(/404/);
    });
  });

  it('tells an attached (ROS) viewer\'s clients that it cannot pause the graph', async () => {
    const ros = await ViewerServer.start({ root: null, port: 0, source: new BridgeState(), control: null, mode: 'ros' });
    try {
      const page = await rawRequest(ros.port, '/');
      expect(page.status).toBe(503);
      expect(page.body).toContain('npm run build');
      const c = await client(`ws://127.0.0.1:${ros.port}/ws`);
      expect(await c.next((f) => f.type === 'status')).toMatchObject({ mode: 'ros', controllable: false });
      c.ws.send('{"type":"pause"}');
      const e = await c.next((f) => f.type === 'error');
      expect(e.type === 'error' && e.message).toContain('running ROS graph');
      c.ws.close();
    } finally {
      await ros.close();
    }
  });

  it('reports a taken port', async () => {
    await expect(ViewerServer.start({ root: null, port, source: new BridgeState(), mode: 'live' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('parseClientMessage', () => {
  it('accepts every valid message', () => {
    for (const m of [{ type: 'play' }, { type: 'pause' }, { type: 'speed', speed: 2.5 }, { type: 'speed', speed: null }, { type: 'seek', timeNs: 12 }, { type: 'resync' }]) {
      expect(parseClientMessage(JSON.stringify(m))).toEqual({ success: true, data: m });
    }
    expect(parseClientMessage(Buffer.from('{"type":"play"}'))).toEqual({ success: true, data: { type: 'play' } });
  });

  it('rejects by size before parsing', () => {
    const r = parseClientMessage('{"type":"play"}' + ' '.repeat(MAX_CLIENT_MESSAGE_BYTES));
    expect(r).toEqual({ success: false, error: expect.stringContaining(`at most ${MAX_CLIENT_MESSAGE_BYTES} bytes`) });
  });
});
