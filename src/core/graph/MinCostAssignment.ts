/**
 * Minimum-cost perfect assignment (Hungarian algorithm with potentials, O(n^3)) used by
 * SPMatching (Paschalidis, Zhang, Li 2024, Alg. 2) to give each robot one destination copy.
 */
export class MinCostAssignment {
  readonly capacity: number;
  // Potentials u (rows), v (columns), p[j] = row matched to column j; index 0 is a virtual row/column.
  readonly #u: Float64Array;
  readonly #v: Float64Array;
  readonly #minv: Float64Array;
  readonly #p: Int32Array;
  readonly #way: Int32Array;
  readonly #used: Uint8Array;

  /** `capacity`: the largest n to be solved (the fleet size). Buffers are allocated once. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.#u = new Float64Array(capacity + 1);
    this.#v = new Float64Array(capacity + 1);
    this.#minv = new Float64Array(capacity + 1);
    this.#p = new Int32Array(capacity + 1);
    this.#way = new Int32Array(capacity + 1);
    this.#used = new Uint8Array(capacity + 1);
  }

  /**
   * `cost[i * n + j]`: cost of giving column j to row i; all finite. Writes the column of each
   * row into `rowToColumn` and returns the total cost, which is minimal over all n! permutations.
   */
  solve(cost: ArrayLike<number>, n: number, rowToColumn: Int32Array): number {
    if (n > this.capacity) throw new Error(`MinCostAssignment: n = ${n} exceeds the capacity ${this.capacity}`);
    const u = this.#u;
    const v = this.#v;
    const minv = this.#minv;
    const p = this.#p;
    const way = this.#way;
    const used = this.#used;
    u.fill(0);
    v.fill(0);
    p.fill(0);
    way.fill(0);
    for (let i = 1; i <= n; i++) {
      // Grow an alternating tree from row i until it reaches a free column, shifting potentials.
      p[0] = i;
      let j0 = 0;
      minv.fill(Infinity, 0, n + 1);
      used.fill(0, 0, n + 1);
      do {
        used[j0] = 1;
        const i0 = p[j0];
        let delta = Infinity;
        let j1 = 0;
        const rowBase = (i0 - 1) * n - 1;
        for (let j = 1; j <= n; j++) {
          if (used[j] !== 0) continue;
          const cur = cost[rowBase + j] - u[i0] - v[j];
          if (cur < minv[j]) {
            minv[j] = cur;
            way[j] = j0;
          }
          if (minv[j] < delta) {
            delta = minv[j];
            j1 = j;
          }
        }
        for (let j = 0; j <= n; j++) {
          if (used[j] !== 0) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] !== 0);
      // Flip the augmenting path.
      do {
        const j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 !== 0);
    }
    let total = 0;
    for (let j = 1; j <= n; j++) {
      rowToColumn[p[j] - 1] = j - 1;
      total += cost[(p[j] - 1) * n + (j - 1)];
    }
    return total;
  }
}
