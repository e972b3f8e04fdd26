/**
 * Where a result came from, written beside it in summary.json: package version, git commit of
 * the code, a hash of the exact scenario that ran (after command-line overrides, graph files
 * inlined), seed, and wall time. Kept apart from the summary's numbers, which stay identical
 * run after run.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioBase } from './Family.js';

export interface Provenance {
  package: { name: string; version: string };
  /** Commit of the package's git checkout; null outside one. `dirty`: tracked files modified. */
  git: { commit: string; dirty: boolean } | null;
  scenario: { file: string | null; sha256: string };
  seed: number;
  runs: number;
  horizon: number;
  /** ISO 8601, UTC. */
  startedAt: string;
  wallTimeSeconds: number;
  /** Worker threads used (0 = main thread). */
  workers: number;
  node: string;
  platform: string;
}

/** The package root: two levels above this module in both src/ and dist/. */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function packageInfo(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { name: string; version: string };
    return { name: pkg.name, version: pkg.version };
  } catch {
    return { name: 'fleet-bandits', version: 'unknown' };
  }
}

function gitState(): Provenance['git'] {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', packageRoot, ...args], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    return { commit, dirty: git('status', '--porcelain', '--untracked-files=no').length > 0 };
  } catch {
    return null; // not a checkout (installed from npm) or no git
  }
}

/** JSON with keys sorted at every level, so the hash does not depend on key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** SHA-256 of the scenario as run (canonical JSON). */
export function scenarioHash(scenario: ScenarioBase): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

export function collectProvenance(
  scenario: ScenarioBase,
  run: { file?: string; startedAt: Date; wallTimeSeconds: number; workers: number },
): Provenance {
  return {
    package: packageInfo(),
    git: gitState(),
    scenario: { file: run.file ?? null, sha256: scenarioHash(scenario) },
    seed: scenario.seed,
    runs: scenario.runs,
    horizon: scenario.horizon,
    startedAt: run.startedAt.toISOString(),
    wallTimeSeconds: Math.round(run.wallTimeSeconds * 1000) / 1000,
    workers: run.workers,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
