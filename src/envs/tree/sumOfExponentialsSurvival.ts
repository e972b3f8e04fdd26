/**
 * P(X_1 + ... + X_n > x) for independent exponentials with the given means (a hypoexponential
 * tail): the probability that a job's link delays exceed the time left before its deadline.
 * Equal means use the Erlang tail; otherwise uniformization of the phase-type chain, which is
 * exact to ~1e-15 for any mix of equal and distinct means.
 */
export function sumOfExponentialsSurvival(means: ArrayLike<number>, x: number): number {
  const n = means.length;
  if (x < 0) return 1;
  if (n === 0) return 0;
  let allEqual = true;
  for (let i = 1; i < n; i++) if (means[i] !== means[0]) allEqual = false;
  if (allEqual) return erlangSurvival(n, 1 / means[0], x);
  let big = 0;
  for (let i = 0; i < n; i++) big = Math.max(big, 1 / means[i]);
  const lx = big * x;
  // v = e_1 P^k over the transient phases; survival = sum_k Poisson(k; lx) * sum(v).
  const stay = new Float64Array(n);
  const move = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    stay[i] = 1 - 1 / means[i] / big;
    move[i] = 1 / means[i] / big;
  }
  let v = new Float64Array(n);
  let w = new Float64Array(n);
  v[0] = 1;
  const kMax = Math.ceil(lx + 12 * Math.sqrt(lx) + 40);
  let logWeight = -lx;
  let total = 0;
  for (let k = 0; k <= kMax; k++) {
    if (k > 0) logWeight += Math.log(lx) - Math.log(k);
    let mass = 0;
    for (let i = 0; i < n; i++) mass += v[i];
    total += Math.exp(logWeight) * mass;
    if (mass < 1e-300) break;
    w[0] = v[0] * stay[0];
    for (let i = 1; i < n; i++) w[i] = v[i] * stay[i] + v[i - 1] * move[i - 1];
    [v, w] = [w, v];
  }
  return Math.min(1, Math.max(0, total));
}

/** P(Gamma(n, rate) > x) = e^(-rate x) sum_{k<n} (rate x)^k / k!. */
export function erlangSurvival(n: number, rate: number, x: number): number {
  if (x < 0) return 1;
  const lx = rate * x;
  let term = Math.exp(-lx);
  let sum = term;
  for (let k = 1; k < n; k++) {
    term *= lx / k;
    sum += term;
  }
  return Math.min(1, sum);
}
