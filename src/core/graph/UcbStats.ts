/**
 * Per-site sample statistics and upper confidence bounds of Multi-G-UCB (Paschalidis, Zhang,
 * Li 2024, eq. (1)-(2)): counts and means of the raw samples X_k, not of weighted rewards.
 */
export class UcbStats {
  /** n_k: samples of site k (one per step in which k was occupied, however many robots). */
  readonly counts: Int32Array;
  /** Running sum of the samples of site k. */
  readonly sums: Float64Array;

  constructor(readonly sites: number) {
    this.counts = new Int32Array(sites);
    this.sums = new Float64Array(sites);
  }

  reset(): void {
    this.counts.fill(0);
    this.sums.fill(0);
  }

  add(site: number, sample: number): void {
    this.counts[site]++;
    this.sums[site] += sample;
  }

  mean(site: number): number {
    const n = this.counts[site];
    return n > 0 ? this.sums[site] / n : 0;
  }

  /** Writes every site's empirical mean into `out` (0 for unsampled sites). */
  writeMeans(out: Float64Array): Float64Array {
    for (let k = 0; k < this.sites; k++) out[k] = this.mean(k);
    return out;
  }

  /**
   * `UCB_k = mean_k + sqrt(2 ln t / n_k)` for every site, +Infinity when n_k = 0. The paper
   * takes t = t_m, the first step of the episode; the authors' script instead refreshes a
   * site's bound with the current step at each of its samples, so stale sites keep an older t.
   * Only t_m is implemented here.
   */
  writeUcb(t: number, out: Float64Array): Float64Array {
    const twoLogT = 2 * Math.log(Math.max(t, 1));
    for (let k = 0; k < this.sites; k++) {
      const n = this.counts[k];
      out[k] = n > 0 ? this.sums[k] / n + Math.sqrt(twoLogT / n) : Infinity;
    }
    return out;
  }
}
