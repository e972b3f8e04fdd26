/**
 * epsilon-EXP3's per-node constants for horizon T (algorithms spec 3.3; PROPOSAL: the paper's
 * expressions are stripped, these follow from its analysis):
 *   eps_n = T^(-1/(L+1)) at nodes with at least one internal child, else 0;
 *   eta_n = sqrt( 2 (1 - eps_n) Pmin_n ln|C(n)| / (T |C(n)|) ),
 *   Pmin_n = prod over ancestors a of eps_a / |C(a)|  (a lower bound on the arrival probability).
 * For L = 1 this is plain EXP3: eps = 0, eta = sqrt(2 ln K / (T K)).
 *
 * `etaConstant` c_n = sqrt( 2 (1 - eps_n) ln|C(n)| / |C(n)| ) is the factor both learning-rate
 * rules share: the fixed eta_n = c_n sqrt(Pmin_n / T), the adaptive one (our proposal, see
 * EpsExp3Stage) c_n / sqrt(sum over received jobs of 1/P_n(s)^2).
 */
import type { JobTree } from './JobTree.js';

export interface StageParameters {
  eps: number;
  eta: number;
  /** c_n above (times etaScale); 0 at leaves. */
  etaConstant: number;
}

/** Optional overrides from a scenario: a fixed eps for educating nodes, a multiplier on eta. */
export interface EpsExp3Tuning {
  eps?: number;
  etaScale?: number;
}

/** Parameters of every node for horizon T (entries of leaves are unused zeros). */
export function epsExp3Parameters(tree: JobTree, horizon: number, tuning: EpsExp3Tuning = {}): StageParameters[] {
  const T = Math.max(1, horizon);
  const epsEducating = tuning.eps ?? Math.pow(T, -1 / (tree.height + 1));
  const scale = tuning.etaScale ?? 1;
  const out: StageParameters[] = [];
  const pMin = new Float64Array(tree.size);
  pMin[0] = 1;
  for (let n = 0; n < tree.size; n++) {
    const k = tree.childCount(n);
    if (k === 0) {
      out.push({ eps: 0, eta: 0, etaConstant: 0 });
      continue;
    }
    const eps = tree.hasInternalChild(n) ? epsEducating : 0;
    const etaConstant = scale * Math.sqrt((2 * (1 - eps) * Math.log(k)) / k);
    // Kept in the original form (not etaConstant * sqrt(Pmin/T)) so fixed-rate results stay bit for bit.
    const eta = scale * Math.sqrt((2 * (1 - eps) * pMin[n] * Math.log(k)) / (T * k));
    out.push({ eps, eta, etaConstant });
    for (let i = 0; i < k; i++) pMin[tree.child(n, i)] = (pMin[n] * eps) / k;
  }
  return out;
}
