/** One (algorithm, run) task: the run's Rng is `Rng(seed).stream('run/<r>')`, nothing else. */
import { Rng } from '../core/random.js';
import type { RunMetrics, ScenarioBase } from './Family.js';
import { familyOf } from './families.js';

export interface Task {
  id: number;
  algorithmIndex: number;
  run: number;
}

/** The Rng of run `run` of a scenario with root seed `seed`: shared by `sim` and `run`. */
export function runRng(seed: number, run: number): Rng {
  return new Rng(seed).stream(`run/${run}`);
}

/** @param metrics receives the run's named totals, if the family reports any. */
export function runTask(scenario: ScenarioBase, task: Task, grid: Int32Array, metrics?: RunMetrics): Float64Array {
  return familyOf(scenario).experiment.runOne(scenario, task.algorithmIndex, runRng(scenario.seed, task.run), grid, metrics);
}
