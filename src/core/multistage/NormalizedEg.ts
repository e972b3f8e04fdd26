/**
 * Normalized exponential gradient with complete one-hop feedback (Hou, MobiHoc 2024, Sec. 4,
 * Alg. 1; spec 3.2). Every internal node n plays p_n = softmax(-eta_n W_n); after each round
 * every child m reports the conditional expected cost Cbar_m(t) (leaves: their cost; internal
 * nodes: sum_k p_{m,k} Cbar_k), and W_{n,m} += Cbar_m. eta_n = sqrt(2 ln |C(n)| / T), giving
 * root regret <= L sqrt(2 T ln K) (Theorem 2).
 */
import type { Rng } from '../random.js';
import type { JobTree } from './JobTree.js';
import { drawIndex, softmaxOfCosts } from './logSoftmax.js';

export class NormalizedEg {
  readonly tree: JobTree;
  /** Per node (leaves: 0). */
  readonly eta: Float64Array;
  readonly #rng: Rng;
  /** W and p of node n live at [childStart[n], childStart[n + 1]) (aligned with tree.childList). */
  readonly #W: Float64Array;
  readonly #p: Float64Array;
  readonly #cbar: Float64Array;

  constructor(tree: JobTree, horizon: number, rng: Rng, etaScale = 1) {
    this.tree = tree;
    this.#rng = rng;
    this.eta = new Float64Array(tree.size);
    for (const n of tree.internal) this.eta[n] = etaScale * Math.sqrt((2 * Math.log(tree.childCount(n))) / Math.max(1, horizon));
    this.#W = new Float64Array(tree.childList.length);
    this.#p = new Float64Array(tree.childList.length);
    this.#cbar = new Float64Array(tree.size);
    for (const n of tree.internal) this.#refresh(n);
  }

  #refresh(n: number): void {
    const a = this.tree.childStart[n];
    const b = this.tree.childStart[n + 1];
    softmaxOfCosts(this.eta[n], this.#W.subarray(a, b), this.#p.subarray(a, b));
  }

  /** Forwarding distribution of internal node n (a view). */
  probabilities(n: number): Float64Array {
    return this.#p.subarray(this.tree.childStart[n], this.tree.childStart[n + 1]);
  }

  /** Child ordinal that node n forwards this round's job to. */
  pick(n: number): number {
    return drawIndex(this.probabilities(n), this.#rng.uniform());
  }

  /** Full-information update from every leaf's cost this round (`leafCost[n]` for leaf nodes). */
  update(leafCost: Float64Array): void {
    const tree = this.tree;
    const cbar = this.#cbar;
    for (let n = tree.size - 1; n >= 0; n--) {
      if (tree.isLeaf(n)) {
        cbar[n] = leafCost[n];
        continue;
      }
      let s = 0;
      for (let i = tree.childStart[n]; i < tree.childStart[n + 1]; i++) s += this.#p[i] * cbar[tree.childList[i]];
      cbar[n] = s;
    }
    for (const n of tree.internal) {
      for (let i = tree.childStart[n]; i < tree.childStart[n + 1]; i++) this.#W[i] += cbar[tree.childList[i]];
      this.#refresh(n);
    }
  }

  /** Cbar of every node in the last update (root: the policy's expected cost that round). */
  get conditionalCosts(): Float64Array {
    return this.#cbar;
  }
}
