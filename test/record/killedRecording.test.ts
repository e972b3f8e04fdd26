// Recordings that survive a hard kill: chunks are closed at an interval, so `kill -9` of a
// recording run loses at most about that interval, and replay reads the file up to its last
// complete chunk and says what was cut; an existing file is not touched before the run starts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McapIndexedReader, TempBuffer } from '@mcap/core';
import { describe, expect, it } from 'vitest';
import { defaultMessage, encode, fullDefinition } from '../../src/msg/index.js';
import { BagReader } from '../../src/record/BagReader.js';
import { BagWriter } from '../../src/record/BagWriter.js';
import { repoRoot, runCli } from '../helpers/cli.js';

async function chunkCount(flushIntervalMs: number | undefined): Promise<number> {
  const buffer = new TempBuffer();
  const writer = new BagWriter({ writable: buffer, flushIntervalMs });
  const type = 'fleet_bandits_msgs/msg/RegretReport';
  writer.addTopic({ name: '/t', type, definition: fullDefinition(type), offeredQos: [] });
  for (let i = 0; i < 3; i++) {
    writer.write('/t', encode(type, defaultMessage(type)), BigInt(i + 1));
    await writer.flush();
  }
  await writer.end();
  const reader = await McapIndexedReader.Initialize({ readable: buffer });
  return reader.chunkIndexes.length;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('recordings that survive SIGKILL', () => {
  it('a flush interval closes chunks by time (interval 0: one chunk per message; none: one chunk)', async () => {
    expect(await chunkCount(0)).toBe(3);
    expect(await chunkCount(undefined)).toBe(1);
  });

  it('kill -9 of `run --record` leaves a file that replays up to its last chunk, with a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-kill-'));
    const file = join(dir, 'run.mcap');
    const child = spawn(process.execPath, ['bin/fleet-bandits.js', 'run', 'sim/scenarios/single-agent.yaml', '-T', '1000000', '--round-period', '0.01', '--realtime', '1', '-q', '--record', file], { cwd: repoRoot, stdio: 'ignore' });
    try {
      // Wait until at least two flushes have reached the file, then kill without warning.
      const deadline = Date.now() + 30_000;
      let size = 0;
      while (Date.now() < deadline) {
        await sleep(250);
        size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
        if (size > 20_000) break;
      }
      await sleep(1500);
      expect(size).toBeGreaterThan(20_000);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const bag = BagReader.fromBytes(readFileSync(file), { source: file });
    expect(bag.skipped?.truncated).toBe(true);
    expect(bag.messageCount).toBeGreaterThan(100);
    expect(bag.durationSeconds).toBeGreaterThan(0.5);
    const r = runCli(['replay', file, '--rate', '1000000', '--json'], { timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*run\.mcap: cut off \(no footer/);
    expect(JSON.parse(r.stdout).replayed.messages).toBe(bag.messageCount);
  });

  it('an existing recording is left untouched when the run cannot start (viewer port busy)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-keep-'));
    const file = join(dir, 'precious.mcap');
    writeFileSync(file, 'an earlier recording');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = runCli(['run', 'sim/scenarios/single-agent.yaml', '-T', '5', '-q', '--view', '--port', String(port), '--record', file], { timeout: 60_000 });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/in use/);
    } finally {
      blocker.close();
    }
    expect(readFileSync(file, 'utf8')).toBe('an earlier recording');
  });
});
