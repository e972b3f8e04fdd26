/**
 * MA-SAE: multi-agent successive arm elimination that ignores the erasures (Hanna et al.,
 * AISTATS 2024, Sec. V baseline "Vanilla SAE"; spec 1.5). Batch i has delta_i = 2^-(i-1) and
 * n_i = ceil( c ceil( 2 ln(T M delta_i^2) / delta_i^2 ) ) pulls per active arm, spread evenly over
 * the agents (`scheduleEvenSplit`), every reward credited to the commanded arm (at most n_i per
 * arm per batch). Arm a is eliminated if  max_b mean(b) - mean(a) > sqrt( 2 ln(T M delta_i^2) / n_i ).
 *
 * Divergence: the authors' code overwrites the schedule with the erased agents' replayed arms,
 * so it credits some rewards to the arm actually played, which a learner cannot know; we credit
 * the commanded arm as the model says (spec 1.5: biased either way, linear regret either way).
 * Once T M delta_i^2 <= 1 the log term is <= 0: n_i is clamped to 1 and the radius to 0, so the
 * learner keeps only the empirically best arms.
 *
 * Draws from the learner's Rng: each round, one `rng.int(|A|)` per idle agent (agent order) for
 * its padding arm.
 */
import type { Rng } from '../random.js';
import { BatchElimination, checkPositive } from './BatchElimination.js';
import { BlockSchedule } from './BlockSchedule.js';
import { scheduleEvenSplit } from './scheduleEvenSplit.js';

export interface MaSaeOptions {
  /** K, number of arms. */
  arms: number;
  /** M, number of agents. */
  agents: number;
  /** T, horizon in rounds. */
  horizon: number;
  /** Multiplier of the pulls per batch (> 0, default 1). */
  c?: number;
  rng: Rng;
}

export class MaSae extends BatchElimination {
  readonly c: number;
  readonly #schedule: BlockSchedule;
  #logTerm = 0;

  constructor({ arms, agents, horizon, c = 1, rng }: MaSaeOptions) {
    if (!Number.isInteger(agents) || agents < 1) throw new RangeError(`the 'agents' parameter of a ma-sae learner must be an integer >= 1, found ${agents}`);
    super('ma-sae', { arms, epsBounds: new Float64Array(agents), horizon, rng }, false);
    this.c = checkPositive('a ma-sae learner', 'c', c);
    this.#schedule = new BlockSchedule(this.agents, this.arms);
  }

  protected startBatch(): void {
    const delta2 = 4 ** -(this.batch - 1);
    this.#logTerm = Math.log(this.horizon * this.agents * delta2);
    this.batchSize = Math.max(1, Math.ceil(this.c * Math.ceil((2 * this.#logTerm) / delta2)));
    this.cap = this.batchSize;
    scheduleEvenSplit(this.activeList, this.activeCount, this.batchSize, this.#schedule);
  }

  protected fillCommands(cmd: Int32Array): void {
    this.#schedule.next(this.rng, cmd);
  }

  protected batchDone(): boolean {
    return this.#schedule.done;
  }

  protected radius(): number {
    return this.#logTerm > 0 ? Math.sqrt((2 * this.#logTerm) / this.batchSize) : 0;
  }
}
