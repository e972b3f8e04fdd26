/**
 * `sim --sweep`: one scenario at several horizons, time-average regret (final regret / T) against
 * T with a power-law trend a T^b per algorithm. A family that knows its rate (the multi-stage
 * family: b = -1/(L+1), Hou 2024 Theorem 4) fixes b and fits a at the middle horizon, as the
 * paper does; otherwise b and a are fitted by least squares on log-log over positive points.
 */
import type { ScenarioBase } from './Family.js';
import { familyOf } from './families.js';
import { runExperiment, type RunExperimentOptions } from './runExperiment.js';

export interface SweepPoint {
  horizon: number;
  /** Final regret / T, mean over runs, and its standard error. */
  mean: number;
  stderr: number;
}

export interface SweepTrend {
  a: number;
  exponent: number;
  /** How the exponent was obtained: 'theory: -1/(L+1), L = 2' or 'least squares'. */
  source: string;
}

export interface SweepSeries {
  /** The label shown (the algorithm's label, else its name). */
  name: string;
  /** The algorithm's name (its plot style). */
  algorithm: string;
  points: SweepPoint[];
  /** Null when fewer than two positive points (a power law cannot be fitted). */
  trend: SweepTrend | null;
}

export interface SweepSummary {
  scenario: string;
  family: string;
  runs: number;
  seed: number;
  horizons: number[];
  algorithms: SweepSeries[];
}

/** Fit y = a T^b: with `exponent` given, a from the middle horizon; else least squares in log-log. */
export function fitTrend(points: SweepPoint[], exponent?: { value: number; source: string }): SweepTrend | null {
  const pos = points.filter((p) => p.mean > 0);
  if (exponent) {
    if (pos.length === 0) return null;
    const mid = pos[Math.floor((pos.length - 1) / 2)];
    return { a: mid.mean / Math.pow(mid.horizon, exponent.value), exponent: exponent.value, source: exponent.source };
  }
  if (pos.length < 2) return null;
  const xs = pos.map((p) => Math.log(p.horizon));
  const ys = pos.map((p) => Math.log(p.mean));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: Math.exp(my - b * mx), exponent: b, source: 'least squares' };
}

export async function runSweep(
  scenario: ScenarioBase,
  horizons: readonly number[],
  options: RunExperimentOptions & { onHorizon?: (T: number) => void } = {},
): Promise<SweepSummary> {
  const sorted = [...new Set(horizons)].sort((a, b) => a - b);
  const series: SweepSeries[] = scenario.algorithms.map((a) => ({ name: a.label ?? a.name, algorithm: a.name, points: [], trend: null }));
  for (const T of sorted) {
    options.onHorizon?.(T);
    const summary = await runExperiment({ ...scenario, horizon: T }, options);
    summary.algorithms.forEach((a, i) => series[i].points.push({ horizon: T, mean: a.finalRegret.mean / T, stderr: a.finalRegret.stderr / T }));
  }
  const exponent = familyOf(scenario).sweepExponent?.(scenario);
  for (const s of series) s.trend = fitTrend(s.points, exponent);
  return { scenario: scenario.name, family: scenario.family, runs: scenario.runs, seed: scenario.seed, horizons: sorted, algorithms: series };
}
