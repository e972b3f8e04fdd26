/**
 * Anytime BatchSP2 (Hanna et al., AISTATS 2024, Algorithm 1 without a known horizon): the
 * doubling trick. Epoch e = 0, 1, 2, ... lasts T_e = T_0 2^e rounds and runs a fresh BatchSp2
 * with horizon T_e (so alpha_j, M_1 and the radii use T_e); at each epoch boundary every
 * estimate and elimination is forgotten. The agents keep playing their last command across the
 * boundary, which the first batch's warm-up absorbs.
 *
 * Draws from the learner's Rng: those of the inner BatchSp2, epoch after epoch, on one stream.
 */
import type { Rng } from '../random.js';
import { BatchSp2 } from './BatchSp2.js';
import type { ErasureLearner, ErasureLearnerSummary } from './ErasureLearner.js';
import { RoundSequence } from './RoundSequence.js';

export interface BatchSp2AnytimeOptions {
  /** K, number of arms. */
  arms: number;
  /** The learner's upper bound on each agent's erasure probability, in [0, 1). */
  epsBounds: ArrayLike<number>;
  /** T_0, length of the first epoch in rounds (integer >= 1, default 1024). */
  initialHorizon?: number;
  /** Sub-Gaussian scale of the rewards (> 0, default 1). */
  c?: number;
  rng: Rng;
}

export class BatchSp2Anytime implements ErasureLearner {
  readonly algorithm = 'batchsp2-anytime';
  readonly arms: number;
  readonly agents: number;
  readonly initialHorizon: number;
  readonly #inner: BatchSp2;
  readonly #rounds = new RoundSequence('batchsp2-anytime');
  #epoch = 0;
  #epochStart = 0;
  #missingBefore = 0;

  constructor({ arms, epsBounds, initialHorizon = 1024, c = 1, rng }: BatchSp2AnytimeOptions) {
    if (!Number.isInteger(initialHorizon) || initialHorizon < 1) {
      throw new RangeError(`the 'initialHorizon' parameter of a batchsp2-anytime learner must be an integer >= 1 (rounds), found ${initialHorizon}`);
    }
    this.initialHorizon = initialHorizon;
    this.#inner = new BatchSp2({ arms, epsBounds, horizon: initialHorizon, c, rng });
    this.arms = this.#inner.arms;
    this.agents = this.#inner.agents;
  }

  /** 0-based index of the current epoch. */
  get epoch(): number {
    return this.#epoch;
  }

  /** The BatchSp2 of the current epoch (read it, do not drive it). */
  get current(): BatchSp2 {
    return this.#inner;
  }

  reset(): void {
    this.#epoch = 0;
    this.#epochStart = 0;
    this.#missingBefore = 0;
    this.#rounds.reset();
    this.#inner.reset(this.initialHorizon);
  }

  nextCommands(round: number, out: Int32Array): void {
    this.#rounds.commands(round);
    if (round - this.#epochStart >= this.#inner.horizon) {
      this.#epochStart += this.#inner.horizon;
      this.#epoch += 1;
      this.#missingBefore += this.#inner.summary().missingRewards;
      this.#inner.reset(this.#inner.horizon * 2);
    }
    this.#inner.nextCommands(round - this.#epochStart, out);
  }

  observe(round: number, rewards: Float64Array): void {
    this.#rounds.observe(round);
    this.#inner.observe(round - this.#epochStart, rewards);
  }

  summary(): ErasureLearnerSummary {
    const inner = this.#inner.summary();
    return {
      ...inner,
      algorithm: this.algorithm,
      rounds: this.#rounds.observed,
      epoch: this.#epoch,
      missingRewards: this.#missingBefore + inner.missingRewards,
    };
  }
}
