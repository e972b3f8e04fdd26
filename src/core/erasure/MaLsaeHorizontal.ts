/**
 * MA-LSAE-H: successive elimination with repetitions, all agents on one arm at a time (Hanna et
 * al., AISTATS 2024, Example 2 and Sec. V baseline; spec 1.5). Batch i targets M_i = 4^i
 * effective samples per active arm; every agent is commanded the head of the batch's arm list,
 * discards its first alpha_j - 1 rewards after each switch, and once the head arm has >= M_i
 * effective samples all agents move to the next arm. The batch ends when the list is exhausted.
 * Radius: C c sqrt( ln(K T M) / (2 M_i) ), C = 2.
 *
 * Divergence: the authors' loop lets each agent switch within a round as soon as an earlier
 * agent's sample completed the head arm; our commands are fixed at the start of the round, so
 * all agents switch together in the next round (a few extra samples, no effect on the analysis).
 * Samples beyond M_i are kept, as in their code. Uses no randomness.
 */
import { BatchElimination, checkPositive, CONFIDENCE_SCALE, type BatchEliminationOptions } from './BatchElimination.js';

export interface MaLsaeHorizontalOptions extends BatchEliminationOptions {
  /** Sub-Gaussian scale of the rewards (> 0, default 1). */
  c?: number;
}

export class MaLsaeHorizontal extends BatchElimination {
  readonly c: number;
  #head = 0;

  constructor(options: MaLsaeHorizontalOptions) {
    super('ma-lsae-h', options, true);
    this.c = checkPositive('a ma-lsae-h learner', 'c', options.c ?? 1);
  }

  protected startBatch(): void {
    this.batchSize = 4 ** this.batch;
    this.cap = Infinity;
    this.#head = 0;
  }

  protected fillCommands(cmd: Int32Array): void {
    cmd.fill(this.activeList[this.#head]);
  }

  protected override afterObserve(): void {
    while (this.#head < this.activeCount && this.batchCount[this.activeList[this.#head]] >= this.batchSize) this.#head += 1;
  }

  protected batchDone(): boolean {
    return this.#head >= this.activeCount;
  }

  protected radius(): number {
    return CONFIDENCE_SCALE * this.c * Math.sqrt(Math.log(this.arms * this.horizon * this.agents) / (2 * this.batchSize));
  }
}
