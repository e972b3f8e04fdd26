/**
 * Site weight functions f_k of cooperative graph bandits (Paschalidis, Zhang, Li 2024, §II-A):
 * the reward of c robots on site k is f_k(c) X_k, with f_k non-decreasing, concave, f_k(0) = 0
 * and f_k(1) = 1. Tabulated for c = 0..maxCount, since counts never exceed the fleet size.
 */
import { GraphValidationError } from './GraphValidationError.js';

export interface WeightTable {
  /** Number of sites K. */
  readonly sites: number;
  /** Largest robot count tabulated (the fleet size N). */
  readonly maxCount: number;
  /** f_k(c) at `rows[k] * (maxCount + 1) + c`. */
  readonly values: Float64Array;
  /** The row of `values` with site k's function: sites with the same function share one (memory O(rows N), not O(K N)). */
  readonly rows: Int32Array;
}

/** f_k(c); `c` in [0, maxCount]. */
export function weightAt(table: WeightTable, site: number, count: number): number {
  return table.values[table.rows[site] * (table.maxCount + 1) + count];
}

/**
 * The family used in the paper's experiments (authors' script, `Arm.__init__`):
 * `f_k(x) = ln(1 + alpha b_k x) / ln(1 + alpha b_k)` with `b_k = 2 + (k mod 10)`; with
 * alpha = 0.05 this is `ln(1 + x (2 + k mod 10) / 20) / ln(1 + (2 + k mod 10) / 20)`.
 * `k` is the site index. `alpha` > 0 (smaller alpha: closer to linear, more robots per site pay).
 */
export function logWeightTable(sites: number, maxCount: number, alpha = 0.05): WeightTable {
  if (!Number.isInteger(sites) || sites < 1) throw new Error(`logWeightTable: sites must be a positive integer, found ${sites}`);
  if (!Number.isInteger(maxCount) || maxCount < 1) throw new Error(`logWeightTable: maxCount must be a positive integer, found ${maxCount}`);
  if (!(alpha > 0 && Number.isFinite(alpha))) throw new Error(`logWeightTable: alpha must be a positive number, found ${alpha}`);
  const stride = maxCount + 1;
  // f_k depends on k mod 10 only: ten rows, whatever the number of sites.
  const classes = Math.min(sites, 10);
  const values = new Float64Array(classes * stride);
  for (let r = 0; r < classes; r++) {
    const ab = alpha * (2 + r);
    const norm = Math.log1p(ab);
    for (let c = 0; c <= maxCount; c++) values[r * stride + c] = Math.log1p(ab * c) / norm;
  }
  const rows = new Int32Array(sites);
  for (let k = 0; k < sites; k++) rows[k] = k % 10;
  return { sites, maxCount, values, rows };
}

/** Slack for tables typed with rounded decimals, e.g. [0, 1, 1.7, 2.2]. */
const TOLERANCE = 1e-9;

/**
 * Validates user tables: `tables[k]` lists f_k(0), f_k(1), ... for site k (at least maxCount + 1
 * entries; longer tables are cut). Every problem is reported at once, naming the site and the
 * offending index: f(0) = 0, f(1) = 1, finite, non-decreasing, concave (non-increasing steps).
 */
export function weightTableFromLists(
  tables: readonly (readonly number[])[],
  maxCount: number,
  ids?: readonly string[],
  source = 'weight tables',
): WeightTable {
  if (!Number.isInteger(maxCount) || maxCount < 1) throw new Error(`weightTableFromLists: maxCount must be a positive integer, found ${maxCount}`);
  const sites = tables.length;
  const stride = maxCount + 1;
  // Sites given the same table (the same array, e.g. a scenario's default) share one row.
  const rowOf = new Map<readonly number[], number>();
  const rows = new Int32Array(sites);
  const distinct: number[] = [];
  tables.forEach((f, k) => {
    let row = rowOf.get(f);
    if (row === undefined) {
      row = distinct.length;
      rowOf.set(f, row);
      distinct.push(k);
    }
    rows[k] = row;
  });
  const users = new Int32Array(distinct.length);
  for (const r of rows) users[r]++;
  const values = new Float64Array(distinct.length * stride);
  const issues: string[] = [];
  distinct.forEach((k, row) => {
    const f = tables[k];
    const shared = users[row];
    const name = `site '${ids?.[k] ?? k}'${shared > 1 ? ` (and ${shared - 1} more with the same table)` : ''}`;
    const before = issues.length;
    if (f.length < stride) {
      issues.push(`${name}: the table has ${f.length} entries (f(0)..f(${f.length - 1})) but ${maxCount} robots need f(0)..f(${maxCount})`);
      return;
    }
    for (let c = 0; c < stride; c++) {
      if (!Number.isFinite(f[c])) issues.push(`${name}: f(${c}) must be a finite number, found ${f[c]}`);
    }
    if (issues.length > before) return;
    if (Math.abs(f[0]) > TOLERANCE) issues.push(`${name}: f(0) must be 0, found ${f[0]}`);
    if (Math.abs(f[1] - 1) > TOLERANCE) issues.push(`${name}: f(1) must be 1, found ${f[1]}`);
    for (let c = 1; c < stride; c++) {
      const step = f[c] - f[c - 1];
      if (step < -TOLERANCE) {
        issues.push(`${name}: index ${c}: f(${c}) = ${f[c]} < f(${c - 1}) = ${f[c - 1]}; f must be non-decreasing`);
        break;
      }
      if (c >= 2 && step > f[c - 1] - f[c - 2] + TOLERANCE) {
        issues.push(
          `${name}: index ${c}: f(${c}) - f(${c - 1}) = ${step} exceeds f(${c - 1}) - f(${c - 2}) = ${f[c - 1] - f[c - 2]}; f must be concave (steps never grow)`,
        );
        break;
      }
    }
    for (let c = 0; c < stride; c++) values[row * stride + c] = f[c];
  });
  if (issues.length > 0) throw new GraphValidationError(source, issues);
  return { sites, maxCount, values, rows };
}
