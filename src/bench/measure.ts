/** How the bench measures: medians of repeated samples after a warm-up, in-process or of whole processes. */
import { spawnSync } from 'node:child_process';
import { Bench } from 'tinybench';

export interface Measurement {
  /** Stable key (`start.help`, `coverage.paper`, ...): other scripts and the README refer to it. */
  id: string;
  /** Which goal of the performance issue it shows (start, erasure, multistage, dag, fields, coverage, nodes, scaling). */
  goal: string;
  what: string;
  value: number;
  unit: string;
  /** How it was sampled, e.g. 'median of 7 processes after 1 warm-up'. */
  stat: string;
  /** The goal's target, when it has one (e.g. '< 0.15 s'). */
  target?: string;
  detail?: string;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median seconds of `fn` in this process (tinybench: one warm-up, then `samples` timed calls). */
export async function inProcess(fn: () => unknown, samples: number): Promise<{ seconds: number; stat: string }> {
  const bench = new Bench({ time: 0, iterations: samples, warmupTime: 0, warmupIterations: 1 });
  bench.add('x', fn);
  await bench.warmup();
  await bench.run();
  const result = bench.tasks[0].result;
  if (!result || result.error) throw new Error(`bench failed: ${String(result?.error)}`);
  return { seconds: median(result.samples) / 1000, stat: `median of ${result.samples.length} in-process samples after 1 warm-up` };
}

/** Median wall seconds of a whole `node ARGS` process (one warm-up run first, for the disk cache). */
export function wholeProcess(args: readonly string[], samples: number, options: { cwd: string; timeoutMs?: number } = { cwd: '.' }): { seconds: number; stat: string } {
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: options.cwd, encoding: 'utf8', timeout: options.timeoutMs ?? 600_000, env: { ...process.env, FORCE_COLOR: '0' } });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr ?? '').split('\n').slice(0, 3).join(' | ')}`);
    return seconds;
  };
  once();
  const times = Array.from({ length: samples }, once);
  return { seconds: median(times), stat: `median of ${samples} processes after 1 warm-up` };
}
