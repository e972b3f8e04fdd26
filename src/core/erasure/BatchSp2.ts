/**
 * BatchSP2: batched successive elimination with scheduled repetitions for a central learner
 * commanding M agents over heterogeneous action-erasure channels (Hanna, Karakas, Yang,
 * Fragouli, AISTATS 2024, Algorithm 1 with the Algorithm 2 scheduler; spec 1.3 and 1.4).
 *
 * Batch i targets M_i effective samples per active arm, M_1 = `firstBatchSize(T, M)`,
 * M_{i+1} = 4 M_i. The arms are shuffled (stream: this learner's Rng) and planned by
 * `scheduleBatchSp2`; a block of n samples on agent j lasts alpha_j - 1 + n rounds and only its
 * last n rewards count (at most M_i per arm per batch). After the batch, arm a is eliminated if
 *
 *   max_b mean(b) - mean(a) > C c sqrt( ln(T M) / (2 M_i) ),   C = 2 (the authors' C_CONFIDENCE)
 *
 * where c is the sub-Gaussian scale of the rewards (the noise sd; 1 in the paper). The authors'
 * loop stops at round T; this object simply carries on with the next batches if it is driven
 * longer (a node may outlive its planned horizon).
 *
 * Draws from the learner's Rng, in order: at the start of each batch a Fisher-Yates shuffle of
 * the ascending active-arm list (`rng.int(i + 1)` for i = n-1 down to 1); then each round, for
 * each idle agent in speed order, one `rng.int(|A|)` for its padding arm.
 *
 * Usage: see ErasureLearner. `new BatchSp2({ arms: 10, epsBounds, horizon: 50_000, rng })`.
 */
import { BatchElimination, checkPositive, CONFIDENCE_SCALE, type BatchEliminationOptions } from './BatchElimination.js';
import { BlockSchedule } from './BlockSchedule.js';
import { firstBatchSize } from './firstBatchSize.js';
import { scheduleBatchSp2, type BatchSp2Plan } from './scheduleBatchSp2.js';

export interface BatchSp2Options extends BatchEliminationOptions {
  /** Sub-Gaussian scale of the rewards (reward units, > 0); default 1 = sd of the paper's N(mu, 1). */
  c?: number;
}

export class BatchSp2 extends BatchElimination {
  readonly c: number;
  readonly #schedule: BlockSchedule;
  readonly #shuffled: Int32Array;
  readonly #scratch: Float64Array;
  #plan: BatchSp2Plan | undefined;

  constructor(options: BatchSp2Options) {
    super('batchsp2', options, true);
    this.c = checkPositive('a batchsp2 learner', 'c', options.c ?? 1);
    this.#schedule = new BlockSchedule(this.agents, this.arms);
    this.#shuffled = new Int32Array(this.arms);
    this.#scratch = new Float64Array(this.arms);
  }

  /** What Algorithm 2 planned for the current batch (undefined before the first round). */
  get plan(): Readonly<BatchSp2Plan> | undefined {
    return this.#plan;
  }

  /** The current batch's block plan, in speed order (`order[s]` is the agent id). */
  get schedule(): BlockSchedule {
    return this.#schedule;
  }

  override reset(horizon = this.horizon): void {
    super.reset(horizon);
    this.#plan = undefined;
  }

  protected startBatch(): void {
    this.batchSize = firstBatchSize(this.horizon, this.agents) * 4 ** (this.batch - 1);
    this.cap = this.batchSize;
    const n = this.activeCount;
    const arms = this.#shuffled;
    for (let i = 0; i < n; i++) arms[i] = this.activeList[i];
    for (let i = n - 1; i > 0; i--) {
      const k = this.rng.int(i + 1);
      const tmp = arms[i];
      arms[i] = arms[k];
      arms[k] = tmp;
    }
    this.#plan = scheduleBatchSp2(this.alpha, arms, n, this.batchSize, this.#schedule, this.activeList, this.#scratch);
  }

  protected fillCommands(cmd: Int32Array): void {
    this.#schedule.next(this.rng, cmd);
  }

  protected batchDone(): boolean {
    return this.#schedule.done;
  }

  protected radius(): number {
    return CONFIDENCE_SCALE * this.c * Math.sqrt(Math.log(this.horizon * this.agents) / (2 * this.batchSize));
  }
}
