/**
 * Ground-truth arithmetic of the viewer's overlay, shared by the bridge (tests, recordings) and
 * the browser: the value and regret of an allocation under a run's true means, exactly as the
 * monitors count them. Pure; no imports beyond the protocol's types.
 *
 * - sites (coverage): value(c) = sum_k f_k(c_k) mu_k, regret = OPT - value.
 * - arms (erasure, bandit): each agent that plays arm a loses best - mu_a (idle agents count
 *   nothing, as in the monitor), so regret = sum_a c_a (best - mu_a).
 */
import type { TruthView } from './protocol.js';

/** Expected reward per round of `counts` (robots per site or agents per arm, indexed as `truth.means`). */
export function allocationValue(truth: TruthView, counts: ArrayLike<number>): number {
  const w = truth.weights;
  let value = 0;
  for (let k = 0; k < truth.means.length && k < counts.length; k++) {
    const c = counts[k];
    if (!(c > 0)) continue;
    if (!w) value += c * truth.means[k];
    else {
      const stride = w.maxCount + 1;
      value += w.table[w.rows[k] * stride + Math.min(c, w.maxCount)] * truth.means[k];
    }
  }
  return value;
}

/** Regret per round of `counts` against the optimal allocation (>= 0 up to rounding). */
export function allocationRegret(truth: TruthView, counts: ArrayLike<number>): number {
  if (truth.unit === 'site') return truth.optimalValue - allocationValue(truth, counts);
  let best = -Infinity;
  for (const m of truth.means) best = Math.max(best, m);
  let regret = 0;
  for (let a = 0; a < truth.means.length && a < counts.length; a++) if (counts[a] > 0) regret += counts[a] * (best - truth.means[a]);
  return regret;
}

/** Why `x` is not a usable TruthView (from a recording: validated like any outside input), or null. */
export function truthProblem(x: unknown): string | null {
  if (typeof x !== 'object' || x === null) return 'not an object';
  const t = x as Partial<TruthView>;
  if (t.unit !== 'site' && t.unit !== 'arm') return `unit must be 'site' or 'arm', found ${JSON.stringify(t.unit)}`;
  const finiteArray = (a: unknown): a is number[] => Array.isArray(a) && a.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!finiteArray(t.means) || t.means.length === 0) return 'means must be a non-empty array of finite numbers';
  if (!finiteArray(t.optimal) || t.optimal.length !== t.means.length) return 'optimal must be an array of finite numbers as long as means';
  if (typeof t.optimalValue !== 'number' || !Number.isFinite(t.optimalValue)) return 'optimalValue must be a finite number';
  if (t.weights !== undefined) {
    const w = t.weights;
    if (typeof w !== 'object' || w === null || !Number.isInteger(w.maxCount) || w.maxCount < 1) return 'weights.maxCount must be an integer >= 1';
    if (!finiteArray(w.table) || w.table.length === 0 || w.table.length % (w.maxCount + 1) !== 0) return 'weights.table must hold (maxCount + 1) finite numbers per row';
    const rowsOf = w.table.length / (w.maxCount + 1);
    if (!Array.isArray(w.rows) || w.rows.length !== t.means.length || !w.rows.every((r) => Number.isInteger(r) && r >= 0 && r < rowsOf)) return 'weights.rows must give a table row for every site';
  }
  return null;
}

/** Robots per site, indexed by node id, from an allocation's parallel node ids and counts (unknown ids ignored). */
export function countsByNode(nodeIds: readonly number[], counts: readonly number[], size: number): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < nodeIds.length && i < counts.length; i++) {
    const id = nodeIds[i];
    if (Number.isInteger(id) && id >= 0 && id < size) out[id] += counts[i];
  }
  return out;
}

/** Agents per arm from the arm each agent plays (-1 = idle, not counted; arms >= `arms` ignored). */
export function countsByArm(played: Iterable<number>, arms: number): Int32Array {
  const out = new Int32Array(arms);
  for (const a of played) if (Number.isInteger(a) && a >= 0 && a < arms) out[a]++;
  return out;
}

/** Index of the best true mean (the lowest index among ties). */
export function bestArm(truth: TruthView): number {
  let best = 0;
  for (let a = 1; a < truth.means.length; a++) if (truth.means[a] > truth.means[best]) best = a;
  return best;
}
