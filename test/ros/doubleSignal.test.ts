// A launched node gets SIGINT twice (the terminal's Ctrl-C reaches the process group and ros2 launch
// forwards another): the process must still run its shutdown hook to the end. A real process on the
// fake rclnodejs (bundled with esbuild, which vite brings), real signals, a real bag read back.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openBagFile } from '../../src/record/node/openBagFile.js';
import { repoRoot } from '../helpers/cli.js';

const COUNT = 300;

describe('a ROS 2 node process under repeated SIGINT', () => {
  it('finishes every shutdown hook (the recorder\'s bag is complete and readable) and exits 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fb-signal-'));
    const script = path.join(dir, 'recorder.mjs');
    await build({ entryPoints: [path.join(repoRoot, 'test/ros/doubleSignalEntry.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: script, logLevel: 'silent', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
    const bagPath = path.join(dir, 'run.mcap');
    // Imported, not run as the main script: runNode.ts would take the bundle for its own entry point.
    const child = spawn(process.execPath, ['-e', `import(${JSON.stringify(pathToFileURL(script).href)})`], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FB_BAG: bagPath, FB_COUNT: String(COUNT) },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('READY\n')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before READY: ${stdout}\n${stderr}`)));
    });
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const { code, signal } = await exited;
    clearTimeout(timer);
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: expect.stringContaining('[fleet_bandits] SIGTERM while shutting down: ignored until the shutdown hooks have finished') as unknown });
    expect(stdout).toContain(`LOG recorded ${COUNT} messages on 1 topics to ${bagPath}`);
    expect(stdout).toMatch(/EXIT 0\n$/);
    const bag = await openBagFile(bagPath);
    try {
      expect(bag.reader.messageCount).toBe(COUNT);
      expect(bag.reader.topics.map((t) => [t.name, t.type])).toEqual([['/fleet1/chatter', 'std_msgs/msg/String']]);
    } finally {
      await bag.close();
    }
  }, 120_000);
});
