/**
 * Aggregation of per-run regret curves into the stable summary format printed by
 * `fleet-bandits sim --json` (and `run --json`). Sums run in run-index order, so the result does
 * not depend on how runs were spread over workers.
 */

export interface CurvePoint {
  t: number;
  mean: number;
  stderr: number;
}

export interface AlgorithmSummary {
  /** The algorithm's label (or name). */
  name: string;
  finalRegret: { mean: number; stderr: number };
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
export function summarizeAlgorithm(name: string, grid: Int32Array, curves: readonly Float64Array[], runMetrics: readonly Record<string, number>[] = []): AlgorithmSummary {
  const n = curves.length;
  const curve: CurvePoint[] = [];
  for (let g = 0; g < grid.length; g++) {
    let sum = 0;
    for (const c of curves) sum += c[g];
    const mean = sum / n;
    let ss = 0;
    for (const c of curves) ss += (c[g] - mean) * (c[g] - mean);
    const stderr = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : 0;
    curve.push({ t: grid[g], mean, stderr });
  }
  const last = curve[curve.length - 1];
  const T = last.t;
  // The grid point closest to 3T/4 anchors the last-quarter rate.
  let q = 0;
  for (let g = 0; g < curve.length; g++) if (Math.abs(curve[g].t - 0.75 * T) < Math.abs(curve[q].t - 0.75 * T)) q = g;
  const span = T - curve[q].t;
  const out: AlgorithmSummary = {
    name,
    finalRegret: { mean: last.mean, stderr: last.stderr },
    rates: { average: last.mean / T, lastQuarter: span > 0 ? (last.mean - curve[q].mean) / span : last.mean / T },
    curve,
  };
  const keys = runMetrics.length === n ? Object.keys(runMetrics[0] ?? {}) : [];
  if (keys.length > 0) out.metrics = Object.fromEntries(keys.map((k) => [k, meanStderr(runMetrics.map((m) => m[k]))]));
  return out;
}
