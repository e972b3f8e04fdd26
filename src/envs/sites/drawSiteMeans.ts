/** Site means drawn uniformly in [lo, hi], one uniform per site in index order (the paper's mu_k ~ U[0.25, 0.75]). */
import type { Rng } from '../../core/random.js';

export function drawSiteMeans(sites: number, lo: number, hi: number, rng: Rng): Float64Array {
  if (!(lo <= hi)) throw new Error(`drawSiteMeans: the range [${lo}, ${hi}] is empty; lo must be <= hi`);
  const out = new Float64Array(sites);
  for (let k = 0; k < sites; k++) out[k] = rng.uniformRange(lo, hi);
  return out;
}
