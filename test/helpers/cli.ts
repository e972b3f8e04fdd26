// Runs the built CLI (bin/fleet-bandits.js) in a child process and captures its output.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, ['bin/fleet-bandits.js', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
