/**
 * Skeleton of index policies: play every arm once, then the argmax of `computeIndex(arm)`,
 * ties broken uniformly at random. Subclasses supply only the index (SMPyBandits IndexPolicy).
 */
import type { Learner } from '../Learner.js';
import type { Rng } from '../random.js';

export abstract class IndexPolicy implements Learner {
  readonly arms: number;
  /** Pulls per arm. */
  protected readonly pulls: Uint32Array;
  /** Sum of rewards per arm. */
  protected readonly sums: Float64Array;
  /** Rounds played so far. */
  protected t = 0;
  readonly #rng: Rng;
  readonly #ties: Int32Array;

  constructor(arms: number, rng: Rng) {
    if (!Number.isInteger(arms) || arms < 1) {
      throw new Error(`the 'arms' parameter of ${new.target.name} must be an integer >= 1, found ${arms}`);
    }
    this.arms = arms;
    this.pulls = new Uint32Array(arms);
    this.sums = new Float64Array(arms);
    this.#ties = new Int32Array(arms);
    this.#rng = rng;
  }

  reset(): void {
    this.pulls.fill(0);
    this.sums.fill(0);
    this.t = 0;
  }

  /** Index of `arm` at the current round; called only once every arm has been pulled. */
  protected abstract computeIndex(arm: number): number;

  choose(): number {
    if (this.t < this.arms) return this.t;
    let best = -Infinity;
    let nTies = 0;
    for (let a = 0; a < this.arms; a++) {
      const idx = this.computeIndex(a);
      if (idx > best) {
        best = idx;
        nTies = 0;
        this.#ties[nTies++] = a;
      } else if (idx === best) {
        this.#ties[nTies++] = a;
      }
    }
    return nTies === 1 ? this.#ties[0] : this.#ties[this.#rng.int(nTies)];
  }

  observe(arm: number, reward: number): void {
    this.pulls[arm] += 1;
    this.sums[arm] += reward;
    this.t += 1;
  }

  /** Empirical mean of `arm` (0 before its first pull). */
  mean(arm: number): number {
    return this.pulls[arm] === 0 ? 0 : this.sums[arm] / this.pulls[arm];
  }
}
