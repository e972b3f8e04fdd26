/**
 * Exponential weights kept in log space: p_m = exp(-eta W_m) / sum exp(-eta W_m'), computed
 * against the smallest W so that no exponent is positive and none overflows.
 */
export function softmaxOfCosts(eta: number, W: Float64Array, out: Float64Array): Float64Array {
  let min = Infinity;
  for (let i = 0; i < W.length; i++) if (W[i] < min) min = W[i];
  let total = 0;
  for (let i = 0; i < W.length; i++) {
    out[i] = Math.exp(-eta * (W[i] - min));
    total += out[i];
  }
  for (let i = 0; i < W.length; i++) out[i] /= total;
  return out;
}

/**
 * A cap on W - min for learners whose eta decreases over time: finite, and any eta above 1e-297
 * still gives exp(-eta W_CAP) = 0, so capping changes no probability then either.
 */
export const W_CAP = 1e300;

/**
 * Add `amount` to W[m] and keep every W finite: shift all by the minimum (softmax is invariant)
 * and cap each at the value where exp(-eta (W - min)) is already 0 in float64, so capping
 * changes no probability (default cap 800 / eta, for a constant eta).
 */
export function addCost(eta: number, W: Float64Array, m: number, amount: number, cap = eta > 0 ? 800 / eta : Infinity): void {
  W[m] += amount;
  let min = Infinity;
  for (let i = 0; i < W.length; i++) if (W[i] < min) min = W[i];
  for (let i = 0; i < W.length; i++) {
    const d = W[i] - min;
    W[i] = Number.isFinite(d) && d < cap ? d : Number.isFinite(cap) ? cap : Number.MAX_VALUE;
  }
}

/** Index drawn from a normalised distribution with one uniform u in [0, 1). */
export function drawIndex(p: Float64Array, u: number): number {
  for (let i = 0; i < p.length; i++) {
    u -= p[i];
    if (u < 0) return i;
  }
  // Rounding left u >= 0: the last child with positive probability.
  for (let i = p.length - 1; i >= 0; i--) if (p[i] > 0) return i;
  return p.length - 1;
}
