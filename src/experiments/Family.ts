/**
 * The contract between the experiment runner and one algorithm family.
 *
 * A family owns its scenario schema and knows how to run one seeded run of one algorithm.
 * The runner (`runExperiment`) handles seeds, workers, aggregation and output, so a family is
 * only "what happens in one run".
 */
import type { z } from 'zod';
import type { Rng } from '../core/random.js';

/** What every validated scenario has, whatever its family. */
export interface ScenarioBase {
  name: string;
  description?: string;
  family: string;
  seed: number;
  horizon: number;
  runs: number;
  grid: { points: number; spacing: 'linear' | 'log' };
  algorithms: { name: string; label?: string; params?: unknown }[];
}

/** Named totals of one run (communication counters and the like), filled by a family. */
export type RunMetrics = Record<string, number>;

export interface FamilyExperiment<S extends ScenarioBase = ScenarioBase> {
  /** The scenario `family:` value this handles. */
  readonly family: string;
  /** Every algorithm name the family accepts, for help texts and error messages. */
  readonly algorithms: readonly string[];
  /**
   * One seeded run of `scenario.algorithms[algorithmIndex]`.
   *
   * `rng` is the run's stream (`Rng(seed).stream('run/<r>')`): derive the environment's streams
   * from it by name (`rng.stream('channel/3')`) independently of the algorithm, so every
   * algorithm of a comparison sees the same environment (common random numbers), and the
   * algorithm's own stream as `rng.stream('algorithm')`.
   *
   * `grid` holds ascending rounds in [1, horizon] with the last equal to the horizon. Return the
   * cumulative regret after each of those rounds (same length as `grid`).
   *
   * `metrics`, when given, may receive named totals of the run (erasure family:
   * `transmissions`, `feedbackBits`); the runner reports their mean over runs in the summary.
   */
  runOne(scenario: S, algorithmIndex: number, rng: Rng, grid: Int32Array, metrics?: RunMetrics): Float64Array;
}

/** Everything the loader and runner need to know about one family. */
export interface FamilyDefinition<S extends ScenarioBase = ScenarioBase> {
  /** Validates a parsed YAML document of this family (strict: unknown keys are errors). */
  readonly schema: z.ZodType<S>;
  readonly experiment: FamilyExperiment<S>;
  /** The setting in a few words for plot subtitles (`M = 20, K = 10, eps = 0.9-0.99`); the horizon is added by the plot. */
  setting?(scenario: S): string;
  /** Legal but suspicious settings (e.g. a learner bound below the true erasure probability). */
  warnings?(scenario: S): string[];
  /**
   * Resolve references to other files (graph files) relative to `baseDir`, returning a
   * self-contained scenario that can be sent to worker threads. May throw `ScenarioError`.
   */
  prepare?(scenario: S, baseDir: string, file: string): S;
  /** Outputs of `sim` beyond the regret curves (e.g. a transient plot), written into `dir`; returns the paths. */
  extraOutputs?(scenario: S, dir: string): Promise<string[]>;
  /**
   * The exponent b of the family's known time-average regret rate T^b, for `sim --sweep`
   * (the multi-stage family: -1/(L+1)); without it the sweep fits b by least squares.
   */
  sweepExponent?(scenario: S): { value: number; source: string };
}
