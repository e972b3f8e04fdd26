/**
 * Worker-thread entry of the experiment runner: receives the scenario once, then runs
 * (algorithm, run) tasks and posts each regret curve back (buffer transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type Task } from './runTask.js';
import type { ScenarioBase } from './Family.js';

const { scenario, grid } = workerData as { scenario: ScenarioBase; grid: Int32Array };

parentPort!.on('message', (task: Task) => {
  try {
    const metrics = {};
    const curve = runTask(scenario, task, grid, metrics);
    parentPort!.postMessage({ id: task.id, curve, metrics }, [curve.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
