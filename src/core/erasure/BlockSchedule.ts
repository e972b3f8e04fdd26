/**
 * One batch's plan of a scheduled SAE learner (Hanna et al., AISTATS 2024, Algorithm 2's
 * matrix S; also MA-SAE's even split): for every agent, a block of consecutive rounds per arm,
 * laid out back to back in increasing arm index, then padding with uniformly random active arms
 * until the batch length L (the longest agent's total).
 *
 * Instead of materialising the L x M matrix (L can reach tens of thousands of rounds), the plan
 * keeps `rounds[s*K + a]` and walks it with one cursor per agent, drawing padding arms lazily:
 * in round order, then agent order (s = 0..M-1), one `rng.int(poolSize)` per padded agent-round.
 * Agents are indexed by the learner's internal order `s` (fastest link first for BatchSP2).
 *
 * Usage: `clear()`, `assign(s, a, rounds, effective)` for each block, `finish(pool, n)`, then
 * `next(rng, out)` once per round until `done`.
 */
import type { Rng } from '../random.js';

export class BlockSchedule {
  readonly agents: number;
  readonly arms: number;
  /** Rounds agent s spends commanding arm a in this batch (0 = no block), at [s*K + a]. */
  readonly rounds: Float64Array;
  /** Samples the block is meant to deliver (its rounds minus the warm-up), at [s*K + a]. */
  readonly effective: Float64Array;
  /** Batch length L in rounds (valid after `finish`). */
  length = 0;
  /** Rows already produced by `next`. */
  row = 0;
  readonly #arm: Int32Array;
  readonly #left: Float64Array;
  readonly #pool: Int32Array;
  #poolSize = 0;

  constructor(agents: number, arms: number) {
    this.agents = agents;
    this.arms = arms;
    this.rounds = new Float64Array(agents * arms);
    this.effective = new Float64Array(agents * arms);
    this.#arm = new Int32Array(agents);
    this.#left = new Float64Array(agents);
    this.#pool = new Int32Array(arms);
  }

  clear(): void {
    this.rounds.fill(0);
    this.effective.fill(0);
    this.length = 0;
    this.row = 0;
  }

  /** Agent `s` commands arm `a` for `rounds` consecutive rounds, `effective` of them counted. */
  assign(s: number, a: number, rounds: number, effective: number): void {
    this.rounds[s * this.arms + a] = rounds;
    this.effective[s * this.arms + a] = effective;
  }

  /** Rounds of agent `s` before its padding starts. */
  busy(s: number): number {
    let total = 0;
    const base = s * this.arms;
    for (let a = 0; a < this.arms; a++) total += this.rounds[base + a];
    return total;
  }

  /** Fix the batch length and the padding pool (the active arms), and rewind the cursors. */
  finish(pool: ArrayLike<number>, poolSize: number): void {
    let length = 0;
    for (let s = 0; s < this.agents; s++) length = Math.max(length, this.busy(s));
    this.length = length;
    this.row = 0;
    for (let i = 0; i < poolSize; i++) this.#pool[i] = pool[i];
    this.#poolSize = poolSize;
    this.#arm.fill(-1);
    this.#left.fill(0);
  }

  get done(): boolean {
    return this.row >= this.length;
  }

  /** Write the next row's command for every agent (internal order) into `out`. */
  next(rng: Rng, out: Int32Array): void {
    const K = this.arms;
    for (let s = 0; s < this.agents; s++) {
      if (this.#left[s] <= 0) {
        let a = this.#arm[s] + 1;
        while (a < K && this.rounds[s * K + a] === 0) a++;
        this.#arm[s] = a;
        this.#left[s] = a < K ? this.rounds[s * K + a] : Infinity;
      }
      this.#left[s] -= 1;
      const a = this.#arm[s];
      out[s] = a < K ? a : this.#pool[rng.int(this.#poolSize)];
    }
    this.row += 1;
  }
}
