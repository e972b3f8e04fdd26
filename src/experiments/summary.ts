/**
 * Aggregation of per-run regret curves into the stable summary format printed by
 * `fleet-bandits sim --json` (and `run --json`). Sums run in run-index order, so the result does
 * not depend on how runs were spread over workers.
 */

export interface CurvePoint {
  t: number;
  mean: number;
  stderr: number;
  /** Quartiles over the runs (linear interpolation between order statistics). */
  q25: number;
  median: number;
  q75: number;
}

/** Final cumulative regret over the runs: mean, standard error, and quantiles. */
export interface FinalRegret {
  mean: number;
  stderr: number;
  min: number;
  q10: number;
  q25: number;
  median: number;
  q75: number;
  q90: number;
  max: number;
}

export interface AlgorithmSummary {
  /** The algorithm's label (or name): what legends and tables show. */
  name: string;
  /** The algorithm's name in the scenario (`batchsp2`): what plot colours are keyed by. */
  algorithm: string;
  finalRegret: FinalRegret;
  /** Final cumulative regret of run r at index r (run r uses stream `run/<r>` for every algorithm). */
  perRun: number[];
  /**
   * Mean regret per round over the whole run and over the last quarter of the horizon:
   * a linear learner has lastQuarter close to average; a learning one has it far below.
   */
  rates: { average: number; lastQuarter: number };
  curve: CurvePoint[];
  /**
   * Mean and standard error over runs of the family's run totals, when it reports any
   * (erasure: `transmissions` = commands sent, `feedbackBits` = uplink feedback bits sent).
   */
  metrics?: Record<string, { mean: number; stderr: number }>;
}

export interface ExperimentSummary {
  scenario: string;
  /** The setting in a few words (`M = 20, K = 10, eps = 0.9-0.99`), for plot subtitles. */
  setting: string;
  horizon: number;
  runs: number;
  seed: number;
  algorithms: AlgorithmSummary[];
}

function meanStderr(xs: readonly number[]): { mean: number; stderr: number } {
  const n = xs.length;
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, stderr: n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : 0 };
}

/** Mean and standard error (sd / sqrt(n), 0 for one run) at every grid point, and of each run metric. */
/** Every run's regret curve: `curves[a * runs + r]` is run r of algorithm a, on `grid`. */
export interface RunCurves {
  grid: Int32Array;
  curves: readonly Float64Array[];
}

/** Quantile p of ascending `sorted` (type 7: linear between order statistics, as numpy and R default). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean, standard error (sd / sqrt(n), 0 for one run) and quartiles at every grid point, and mean and s.e. of each run metric. */
export function summarizeAlgorithm(
  name: string,
  grid: Int32Array,
  curves: readonly Float64Array[],
  runMetrics: readonly Record<string, number>[] = [],
  algorithm = name,
): AlgorithmSummary {
  const n = curves.length;
  const curve: CurvePoint[] = [];
  const column = new Float64Array(n);
  for (let g = 0; g < grid.length; g++) {
    let sum = 0;
    for (const c of curves) sum += c[g];
    const mean = sum / n;
    let ss = 0;
    for (const c of curves) ss += (c[g] - mean) * (c[g] - mean);
    const stderr = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : 0;
    for (let r = 0; r < n; r++) column[r] = curves[r][g];
    column.sort();
    curve.push({ t: grid[g], mean, stderr, q25: quantile(column, 0.25), median: quantile(column, 0.5), q75: quantile(column, 0.75) });
  }
  const last = curve[curve.length - 1];
  const T = last.t;
  const perRun = curves.map((c) => c[grid.length - 1]);
  const sorted = Float64Array.from(perRun).sort();
  // The grid point closest to 3T/4 anchors the last-quarter rate.
  let q = 0;
  for (let g = 0; g < curve.length; g++) if (Math.abs(curve[g].t - 0.75 * T) < Math.abs(curve[q].t - 0.75 * T)) q = g;
  const span = T - curve[q].t;
  const out: AlgorithmSummary = {
    name,
    algorithm,
    finalRegret: {
      mean: last.mean,
      stderr: last.stderr,
      min: sorted[0],
      q10: quantile(sorted, 0.1),
      q25: last.q25,
      median: last.median,
      q75: last.q75,
      q90: quantile(sorted, 0.9),
      max: sorted[n - 1],
    },
    perRun,
    rates: { average: last.mean / T, lastQuarter: span > 0 ? (last.mean - curve[q].mean) / span : last.mean / T },
    curve,
  };
  const keys = runMetrics.length === n ? Object.keys(runMetrics[0] ?? {}) : [];
  if (keys.length > 0) out.metrics = Object.fromEntries(keys.map((k) => [k, meanStderr(runMetrics.map((m) => m[k]))]));
  return out;
}
