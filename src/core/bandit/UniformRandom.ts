/** The uniformly random policy: the no-learning baseline every algorithm must beat. */
import type { Learner } from '../Learner.js';
import type { Rng } from '../random.js';

export class UniformRandom implements Learner {
  readonly arms: number;
  readonly #rng: Rng;

  constructor(arms: number, rng: Rng) {
    if (!Number.isInteger(arms) || arms < 1) throw new Error(`the 'arms' parameter of a UniformRandom object must be an integer >= 1, found ${arms}`);
    this.arms = arms;
    this.#rng = rng;
  }

  reset(): void {}

  choose(): number {
    return this.#rng.int(this.arms);
  }

  observe(): void {}
}
