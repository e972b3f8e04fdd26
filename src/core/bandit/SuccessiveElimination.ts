/**
 * Successive arm elimination with batches of growing size (Auer & Ortner 2010, "UCB
 * revisited", Fig. 1), the single-agent base of the erasure family's SAE variants.
 *
 * Batch i (i = 1, 2, ...) has delta_i = 2^-(i-1) and L_i = max(1, ln(T delta_i^2)). Every active
 * arm is pulled round-robin until it has n_i = ceil( 8 c^2 L_i / delta_i^2 ) samples in total, so
 * the confidence radius r_i = c sqrt( 2 L_i / n_i ) is at most delta_i / 2. Then arm a is
 * eliminated if  max_b mean(b) - mean(a) > 2 r_i  (both estimates may be off by r_i).
 * c is the sub-Gaussian scale of the rewards: 1/2 for rewards in [0, 1], the noise standard
 * deviation for Gaussian rewards. The clamp L_i >= 1 keeps batches doubling on the survivors
 * once T delta_i^2 < e.
 */
import type { Learner } from '../Learner.js';

export interface SuccessiveEliminationOptions {
  /** Sub-Gaussian scale of the rewards (reward units, > 0): 0.5 for [0,1] rewards, sd for Gaussian. Default 1. */
  c?: number;
}

export class SuccessiveElimination implements Learner {
  readonly arms: number;
  readonly horizon: number;
  readonly c: number;
  readonly #pulls: Uint32Array;
  readonly #sums: Float64Array;
  readonly #active: Uint8Array;
  #delta = 1;
  #target = 0;
  #cursor = 0;
  #batch = 0;

  constructor(arms: number, horizon: number, { c = 1 }: SuccessiveEliminationOptions = {}) {
    if (!Number.isInteger(arms) || arms < 1) throw new Error(`the 'arms' parameter of a SuccessiveElimination object must be an integer >= 1, found ${arms}`);
    if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`the 'horizon' parameter of a SuccessiveElimination object must be an integer >= 1, found ${horizon}`);
    if (!(c > 0)) throw new Error(`the 'c' parameter of a SuccessiveElimination object must be > 0, found ${c}`);
    this.arms = arms;
    this.horizon = horizon;
    this.c = c;
    this.#pulls = new Uint32Array(arms);
    this.#sums = new Float64Array(arms);
    this.#active = new Uint8Array(arms);
    this.reset();
  }

  reset(): void {
    this.#pulls.fill(0);
    this.#sums.fill(0);
    this.#active.fill(1);
    this.#batch = 0;
    this.#delta = 2;
    this.#nextBatch();
  }

  /** 1-based index of the current batch. */
  get batch(): number {
    return this.#batch;
  }

  /** Indices of the arms not yet eliminated. */
  activeArms(): number[] {
    const out: number[] = [];
    for (let a = 0; a < this.arms; a++) if (this.#active[a]) out.push(a);
    return out;
  }

  choose(): number {
    // Round-robin over active arms that still lack samples for this batch.
    for (let k = 0; k < this.arms; k++) {
      const a = (this.#cursor + k) % this.arms;
      if (this.#active[a] && this.#pulls[a] < this.#target) {
        this.#cursor = a;
        return a;
      }
    }
    return this.#cursor; // unreachable: observe() starts a new batch when all are done
  }

  observe(arm: number, reward: number): void {
    this.#pulls[arm] += 1;
    this.#sums[arm] += reward;
    this.#cursor = (arm + 1) % this.arms;
    for (let a = 0; a < this.arms; a++) if (this.#active[a] && this.#pulls[a] < this.#target) return;
    this.#eliminate();
    this.#nextBatch();
  }

  #logTerm(): number {
    return Math.max(1, Math.log(this.horizon * this.#delta * this.#delta));
  }

  #eliminate(): void {
    let best = -Infinity;
    for (let a = 0; a < this.arms; a++) if (this.#active[a]) best = Math.max(best, this.#sums[a] / this.#pulls[a]);
    const radius = 2 * this.c * Math.sqrt((2 * this.#logTerm()) / this.#target);
    for (let a = 0; a < this.arms; a++) {
      if (this.#active[a] && best - this.#sums[a] / this.#pulls[a] > radius) this.#active[a] = 0;
    }
  }

  #nextBatch(): void {
    this.#batch += 1;
    this.#delta /= 2;
    const need = Math.ceil((8 * this.c * this.c * this.#logTerm()) / (this.#delta * this.#delta));
    this.#target = Math.max(this.#target + 1, need);
  }
}
