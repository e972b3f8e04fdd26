// Replay: a mission recorded with the run recorder reads back for the viewer, the player scrubs it on a timeline, unfinished files still read, and `fleet-bandits view --replay` serves it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { attachRecorder } from '../../src/nodes/record/attachRecorder.js';
import type { ServerFrame, StateFrame, StatusFrame } from '../../src/nodes/bridge/protocol.js';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { readRecording } from '../../src/viewer/server/readRecording.js';
import { ReplayPlayer } from '../../src/viewer/server/ReplayPlayer.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { fakeMission } from './fakeMission.js';

const STEPS = 50;
let dir: string;
let bag: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'viewer-replay-'));
  bag = join(dir, 'run.mcap');
  const bus = new MemoryTransport({ logSink: () => {} });
  fakeMission(bus.createNode('mission', { parameterOverrides: { sites: 10, robots: 2, agents: 1, horizon: STEPS, episode_steps: 10 } }));
  const recorder = attachRecorder(bus, { output: bag });
  await bus.run();
  await recorder.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRecording', () => {
  it('reads every message the viewer draws, in time order', async () => {
    const rec = await readRecording(bag);
    expect(rec.indexed).toBe(true);
    const topics = Object.fromEntries(rec.topics.map((t) => [t.topic, t.count]));
    expect(topics).toMatchObject({ '/graph': 1, '/robot_0/state': STEPS, '/robot_1/state': STEPS, '/regret': STEPS, '/allocation': STEPS / 10, '/agent_0/telemetry': STEPS, '/agent_0/cmd_raw': STEPS, '/link_stats': STEPS, '/learner_state': STEPS });
    expect(rec.rejected).toEqual([]);
    const times = rec.messages.map((m) => m.logTimeNs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The graph is published at time 0, step k at (k + 1) * 0.1 s.
    expect(rec.endNs - rec.startNs).toBe(STEPS * 0.1e9);
  });

  it('keeps learner states with NaN estimates (arms not sampled yet) and shows them as null', async () => {
    const rec = await readRecording(bag);
    const early = rec.messages.find((m) => m.topic === '/learner_state')!.message as { estimates: number[]; counts: number[] };
    expect(Number.isNaN(early.estimates[4])).toBe(true);
    expect(early.counts[4]).toBe(0);
    const player = new ReplayPlayer(rec, { paused: true });
    expect(player.snapshot().learner!.estimates).toEqual([0.9, 0.7, 0.4, 0.3, null]);
  });

  it('reads an unfinished recording (killed before the summary was written) front to back', async () => {
    const cut = join(dir, 'cut.mcap');
    const bytes = readFileSync(bag);
    // Footer: opcode, length, summary_start (u64), ...; 28 bytes before the end is summary_start.
    const summaryStart = Number(bytes.readBigUInt64LE(bytes.length - 28));
    expect(summaryStart).toBeGreaterThan(0);
    writeFileSync(cut, bytes.subarray(0, summaryStart));
    const rec = await readRecording(cut);
    const full = await readRecording(bag);
    expect(rec.indexed).toBe(false);
    expect(rec.messages.length).toBe(full.messages.length);
    expect(rec.messages[rec.messages.length - 1]).toEqual(full.messages[full.messages.length - 1]);
  });

  it('says what is wrong with a missing file or one that is not MCAP', async () => {
    await expect(readRecording(join(dir, 'missing.mcap'))).rejects.toThrow(/missing\.mcap.*no such file/);
    const text = join(dir, 'notes.mcap');
    writeFileSync(text, 'not a bag at all, just some text that is long enough to look at');
    await expect(readRecording(text)).rejects.toThrow(/notes\.mcap/);
  });
});

describe('an erasure recording (run --record)', () => {
  it('carries its horizon and ground truth, keeps NaN estimates, and opens on round 0 with learner and agents', async () => {
    const file = join(dir, 'erasure.mcap');
    const r = runCli(['run', 'sim/scenarios/erasure-quick.yaml', '--record', file, '--horizon', '40', '-q']);
    expect(r.code).toBe(0);
    const rec = await readRecording(file);
    expect(rec.rejected).toEqual([]);
    expect(rec.run).toMatchObject({ family: 'erasure', horizon: 40 });
    expect(rec.run.scenario).toContain('erasure-quick');
    expect(rec.run.truth).toMatchObject({ unit: 'arm' });
    const player = new ReplayPlayer(rec, { paused: true });
    const first = player.snapshot();
    expect(first.run!.truth!.means).toEqual(rec.run.truth!.means);
    expect(first.round).toBe(0);
    expect(first.regret!.round).toBe(0);
    expect(first.agents!.length).toBeGreaterThan(1);
    expect(first.agents!.every((a) => a.played >= 0)).toBe(true);
    // Round 0: only the arms just played have estimates; the rest are not sampled (NaN -> null).
    expect(first.learner!.estimates).toContain(null);
  });
});

describe('ReplayPlayer', () => {
  it('shows exactly the recorded state at any cursor, forwards and backwards', async () => {
    const rec = await readRecording(bag);
    const player = new ReplayPlayer(rec, { paused: true });
    const at = (t: number) => {
      player.seek(t);
      return player.snapshot();
    };
    const first = player.snapshot();
    expect(first.graph!.nodeIds).toHaveLength(10);
    const step = (k: number) => rec.startNs + (k + 1) * 0.1e9;
    const mid = at(step(20));
    expect(mid.regret!.round).toBe(20);
    expect(mid.robots!.every((r) => r.step === 20)).toBe(true);
    const end = at(rec.endNs);
    expect(end.regret!.round).toBe(STEPS - 1);
    expect(player.status()).toMatchObject({ finished: true, timeline: { startNs: player.firstFrameNs, endNs: rec.endNs, cursorNs: rec.endNs } });
    const back = at(step(5));
    expect(back.regret!.round).toBe(5);
    expect(back.regretPoints).toHaveLength(12); // rounds 0..5, nothing from the future
    expect(back.graph!.nodeIds).toHaveLength(10);
    expect(player.takeDelta()!.full).toBe(true); // a backward seek resends everything
    const start = at(-1e18); // clamped to the first frame: the graph and round 0
    expect(start.graph!.nodeIds).toHaveLength(10);
    expect(start.regret!.round).toBe(0);
    expect(start.regretPoints).toHaveLength(2);
  });

  it('advances with wall-clock time times the speed while playing', async () => {
    const rec = await readRecording(bag);
    const player = new ReplayPlayer(rec, { speed: 2 });
    player.play();
    const wall0 = 1000;
    player.advance(wall0); // sets the reference
    player.advance(wall0 + 1000); // 1 s of wall time at 2x = 2 s of recording after step 0: steps 0..20
    expect(player.snapshot().regret!.round).toBe(20);
    player.pause();
    player.advance(wall0 + 5000);
    expect(player.snapshot().regret!.round).toBe(20);
    player.setSpeed(null);
    player.play();
    player.advance(wall0 + 5001);
    expect(player.status().finished).toBe(true);
    player.play(); // at the end, play starts over from the first frame
    expect(player.cursorNs).toBe(player.firstFrameNs);
  });

  it('opens at the first frame: the graph, every robot and agent at their initial state, round 0', async () => {
    const rec = await readRecording(bag);
    const player = new ReplayPlayer(rec, { paused: true });
    // The graph is latched at time 0, step 0 is published 0.1 s later.
    expect(player.firstFrameNs).toBe(rec.startNs + 0.1e9);
    expect(player.cursorNs).toBe(player.firstFrameNs);
    const first = player.snapshot();
    expect(first.graph!.nodeIds).toHaveLength(10);
    expect(first.robots!.map((r) => [r.id, r.step])).toEqual([[0, 0], [1, 0]]);
    expect(first.agents!.map((a) => a.id)).toEqual([0]);
    expect(first.round).toBe(0);
    player.advance(0);
    player.advance(10_000);
    expect(player.cursorNs).toBe(player.firstFrameNs); // paused: nothing moves
  });
});

describe('fleet-bandits view (CLI)', () => {
  it('--replay opens paused at the first frame, serves a timeline and seeks on request', async () => {
    const child = spawn(process.execPath, ['bin/fleet-bandits.js', 'view', '--replay', bag, '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no URL: ${out}`)), 20_000);
        child.stderr!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /viewer at (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(t);
            resolve(m[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toMatch(/replaying .*run\.mcap: \d+ messages on 9 topics/);
      expect(out).toContain('the replay opens paused at its first frame');
      const ws = new WebSocket(`${url.replace('http', 'ws')}ws`);
      const frames: ServerFrame[] = [];
      ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as ServerFrame));
      const waitFor = async <F extends ServerFrame>(pred: (f: ServerFrame) => boolean): Promise<F> => {
        for (let i = 0; i < 200; i++) {
          const f = frames.find(pred);
          if (f) {
            frames.splice(frames.indexOf(f), 1);
            return f as F;
          }
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error(`no such frame in ${JSON.stringify(frames.map((f) => f.type))}`);
      };
      const status = await waitFor<StatusFrame>((f) => f.type === 'status');
      expect(status).toMatchObject({ mode: 'replay', controllable: true, paused: true });
      const tl = status.timeline!;
      expect(tl.cursorNs).toBe(tl.startNs); // t = 0 of the timeline: the first frame
      const opening = await waitFor<StateFrame>((f) => f.type === 'state');
      expect(opening.robots!.length).toBe(2);
      ws.send(JSON.stringify({ type: 'seek', timeNs: tl.startNs + 30 * 0.1e9 }));
      const state = await waitFor<StateFrame>((f) => f.type === 'state' && f.regret?.round === 30);
      expect(state.robots!.length).toBe(2);
      ws.close();
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('fails with a clear message for a missing recording', () => {
    const r = runCli(['view', '--replay', join(dir, 'nope.mcap'), '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*nope\.mcap.*no such file/);
  });
});
