/**
 * Optimal allocation of N robots to sites under concave weights (Paschalidis, Zhang, Li 2024,
 * eq. (3)): maximise sum_k f_k(c_k) v_k subject to sum_k c_k = N, by greedy marginal gains.
 */
import type { WeightTable } from './WeightTable.js';

/**
 * Starting from c = 0, N times add a robot to `argmax_k v_k (f_k(c_k + 1) - f_k(c_k))`, ties to
 * the lowest index. Exact because each f_k is concave, so each site's marginal gains are
 * non-increasing and the N largest gains of all sites form an optimal allocation (exchange
 * argument); the authors solve the same problem with Gurobi.
 *
 * `values` (UCBs, or true means for OPT) must be finite and >= 0; a negative value is treated as
 * 0 in the gains, which keeps the greedy choice well defined. Writes c into `out` (length K) and
 * returns the objective with the values as given. O(N K).
 */
export function greedyAllocation(values: ArrayLike<number>, weights: WeightTable, robots: number, out: Int32Array): number {
  const K = weights.sites;
  const stride = weights.maxCount + 1;
  if (robots > weights.maxCount) throw new Error(`greedyAllocation: ${robots} robots but weights are tabulated up to ${weights.maxCount}`);
  const f = weights.values;
  const rows = weights.rows;
  out.fill(0, 0, K);
  for (let r = 0; r < robots; r++) {
    let best = -1;
    let bestGain = -Infinity;
    for (let k = 0; k < K; k++) {
      const v = values[k] > 0 ? values[k] : 0;
      const base = rows[k] * stride + out[k];
      const gain = v * (f[base + 1] - f[base]);
      if (gain > bestGain) {
        bestGain = gain;
        best = k;
      }
    }
    out[best]++;
  }
  let objective = 0;
  for (let k = 0; k < K; k++) if (out[k] > 0) objective += f[rows[k] * stride + out[k]] * values[k];
  return objective;
}
