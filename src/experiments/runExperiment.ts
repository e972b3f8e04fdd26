/**
 * The fast experiment path: R seeded runs per algorithm, spread over worker threads, aggregated
 * into regret curves. Run r of every algorithm uses the same run stream, so algorithms are
 * compared on the same environment realisations (common random numbers), and the result is the
 * same bit for bit whatever the number of workers.
 *
 * `workers: 'auto'` (the default) runs the first task on the main thread and times it: when the
 * rest would take under a second there, starting worker threads (each loads the package) costs
 * more than it saves, so the rest stays on the main thread too.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunMetrics, ScenarioBase } from './Family.js';
import { makeGrid } from './grid.js';
import { runTask, type Task } from './runTask.js';
import { UserInputError } from './UserInputError.js';
import { settingOf } from './settingOf.js';
import { summarizeAlgorithm, type ExperimentSummary, type RunCurves } from './summary.js';

export interface RunExperimentOptions {
  /** Worker threads; 0 runs in this thread; 'auto' (default): main thread for small jobs, else one per core. */
  workers?: number | 'auto';
  /** Called after each finished (algorithm, run) task. */
  onProgress?: (done: number, total: number) => void;
}

/** Apply command-line overrides (runs, seed, horizon, algorithm subset) to a validated scenario. */
export function withOverrides(
  scenario: ScenarioBase,
  o: { runs?: number; seed?: number; horizon?: number; algorithms?: string[] },
): ScenarioBase {
  const out = { ...scenario };
  if (o.runs !== undefined) out.runs = o.runs;
  if (o.seed !== undefined) out.seed = o.seed;
  if (o.horizon !== undefined) out.horizon = o.horizon;
  if (o.algorithms !== undefined) {
    const known = scenario.algorithms.map((a) => a.label ?? a.name);
    out.algorithms = o.algorithms.map((name) => {
      const found = scenario.algorithms.find((a) => a.name === name || a.label === name);
      if (!found) throw new UserInputError(`algorithm '${name}' is not in scenario '${scenario.name}'; it has: ${known.join(', ')}`);
      return found;
    });
  }
  return out;
}

function workerUrl(): URL {
  // Under vitest this module runs from src/*.ts; the worker must be the compiled dist/ file.
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/experiments/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error('the compiled worker (dist/experiments/worker.js) is missing: run `npm run build`');
}

/** Below this estimated main-thread time for the remaining tasks, `auto` starts no workers. */
const AUTO_MAIN_THREAD_SECONDS = 1;

export interface ExperimentResult {
  summary: ExperimentSummary;
  /** Every run's curve, for runs.csv. */
  runCurves: RunCurves;
  /** Worker threads used (0 = main thread only). */
  workers: number;
}

export async function runExperiment(scenario: ScenarioBase, options: RunExperimentOptions = {}): Promise<ExperimentSummary> {
  return (await runExperimentWithCurves(scenario, options)).summary;
}

export async function runExperimentWithCurves(scenario: ScenarioBase, options: RunExperimentOptions = {}): Promise<ExperimentResult> {
  const grid = makeGrid(scenario.horizon, scenario.grid.points, scenario.grid.spacing);
  const tasks: Task[] = [];
  for (let a = 0; a < scenario.algorithms.length; a++) {
    for (let r = 0; r < scenario.runs; r++) tasks.push({ id: tasks.length, algorithmIndex: a, run: r });
  }
  const curves: Float64Array[] = new Array(tasks.length);
  const metrics: RunMetrics[] = Array.from({ length: tasks.length }, () => ({}));
  let done = 0;
  const progress = () => options.onProgress?.(++done, tasks.length);
  const requested = options.workers ?? 'auto';
  let pending = tasks;
  let workers: number;
  if (requested === 'auto') {
    const started = performance.now();
    curves[0] = runTask(scenario, tasks[0], grid, metrics[0]);
    progress();
    pending = tasks.slice(1);
    const estimate = ((performance.now() - started) / 1000) * pending.length;
    workers = estimate < AUTO_MAIN_THREAD_SECONDS ? 0 : Math.min(availableParallelism(), pending.length);
  } else {
    workers = Math.min(requested, tasks.length);
  }

  if (workers <= 0) {
    for (const task of pending) {
      curves[task.id] = runTask(scenario, task, grid, metrics[task.id]);
      progress();
    }
  } else {
    await runOnWorkers(scenario, grid, pending, workers, (id, curve, m) => {
      curves[id] = curve;
      metrics[id] = m;
      progress();
    });
  }

  // Never report a NaN or infinite regret as a result: it means numbers beyond double precision.
  for (const task of tasks) {
    const curve = curves[task.id];
    const at = curve.findIndex((v) => !Number.isFinite(v));
    if (at >= 0) {
      const alg = scenario.algorithms[task.algorithmIndex];
      throw new UserInputError(`scenario '${scenario.name}': algorithm '${alg.label ?? alg.name}', run ${task.run}: regret is ${curve[at]} at round ${grid[at]}; reward magnitudes are too large for double precision`);
    }
  }
  const summary: ExperimentSummary = {
    scenario: scenario.name,
    setting: settingOf(scenario),
    horizon: scenario.horizon,
    runs: scenario.runs,
    seed: scenario.seed,
    algorithms: scenario.algorithms.map((alg, a) =>
      summarizeAlgorithm(alg.label ?? alg.name, grid, curves.slice(a * scenario.runs, (a + 1) * scenario.runs), metrics.slice(a * scenario.runs, (a + 1) * scenario.runs), alg.name),
    ),
  };
  return { summary, runCurves: { grid, curves }, workers: Math.max(0, workers) };
}

function runOnWorkers(
  scenario: ScenarioBase,
  grid: Int32Array,
  tasks: Task[],
  count: number,
  onResult: (id: number, curve: Float64Array, metrics: RunMetrics) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = workerUrl();
    const pool: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const stop = (err?: Error) => {
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const feed = (w: Worker) => {
      if (next < tasks.length) w.postMessage(tasks[next++]);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(url, { workerData: { scenario, grid } });
      w.on('message', (msg: { id: number; curve?: Float64Array; metrics?: RunMetrics; error?: string }) => {
        if (failed) return;
        if (msg.error !== undefined) {
          failed = true;
          const t = tasks.find((x) => x.id === msg.id)!;
          stop(new Error(`run ${t.run} of algorithm '${scenario.algorithms[t.algorithmIndex].name}' failed: ${msg.error}`));
          return;
        }
        onResult(msg.id, msg.curve!, msg.metrics ?? {});
        if (++finished === tasks.length) stop();
        else feed(w);
      });
      w.on('error', (err) => {
        if (!failed) {
          failed = true;
          stop(err);
        }
      });
      pool.push(w);
      feed(w);
    }
  });
}
