/**
 * SP2-Feedback, the journal's "BatchSP2Erasure" (Karakas, Hanna, Yang, Fragouli; spec
 * erasure-feedback.md section 3): BatchSP2's Algorithm 2 schedule without its shuffle, served as
 * a stack per agent under stop-on-success feedback.
 *
 * Per batch: `scheduleBatchSp2` on the ascending active arms gives each agent blocks (arm,
 * alpha_j - 1 + n rounds); an agent's blocks, pushed in ascending arm order, form a stack whose
 * top (the last pushed) is served first. Each round an agent proposes its top arm; the top's
 * budget drops by one only when the learner knows the agent played that arm (erased rounds cost
 * nothing) and the entry is popped at 0; entries of arms that reached M_i are dropped. An agent
 * with an empty stack helps on a uniformly random active arm below M_i, kept until that arm is
 * done (the reference draws a fresh one every round, which costs a transmission each time; a
 * documented change), or proposes nothing when every arm is done. Every known play of an active
 * arm below M_i is credited. The batch ends when every active arm has M_i.
 *
 * Draws from the learner's Rng: one `rng.int(#open arms)` whenever a helper picks an arm.
 */
import { BlockSchedule } from './BlockSchedule.js';
import { FeedbackBatchLearner, type FeedbackLearnerOptions } from './FeedbackBatchLearner.js';
import { scheduleBatchSp2 } from './scheduleBatchSp2.js';

export type Sp2FeedbackOptions = FeedbackLearnerOptions;

export class Sp2Feedback extends FeedbackBatchLearner {
  readonly #schedule: BlockSchedule;
  readonly #scratch: Float64Array;
  /** Stack of agent s at [s*K, s*K + depth[s]), top last. */
  readonly #stackArm: Int32Array;
  readonly #stackBudget: Float64Array;
  readonly #depth: Int32Array;
  readonly #helperArm: Int32Array;
  readonly #open: Int32Array;

  constructor(options: Sp2FeedbackOptions) {
    super('sp2-feedback', options);
    this.#schedule = new BlockSchedule(this.agents, this.arms);
    this.#scratch = new Float64Array(this.arms);
    this.#stackArm = new Int32Array(this.agents * this.arms);
    this.#stackBudget = new Float64Array(this.agents * this.arms);
    this.#depth = new Int32Array(this.agents);
    this.#helperArm = new Int32Array(this.agents);
    this.#open = new Int32Array(this.arms);
  }

  protected startBatch(): void {
    const K = this.arms;
    scheduleBatchSp2(this.alpha, this.activeList, this.activeCount, this.batchSize, this.#schedule, this.activeList, this.#scratch);
    for (let s = 0; s < this.agents; s++) {
      let d = 0;
      for (let a = 0; a < K; a++) {
        const rounds = this.#schedule.rounds[s * K + a];
        if (rounds > 0) {
          this.#stackArm[s * K + d] = a;
          this.#stackBudget[s * K + d] = rounds;
          d++;
        }
      }
      this.#depth[s] = d;
    }
    this.#helperArm.fill(-1);
  }

  protected propose(out: Int32Array): void {
    const K = this.arms;
    const Mi = this.batchSize;
    for (let s = 0; s < this.agents; s++) {
      while (this.#depth[s] > 0 && this.cnt[this.#stackArm[s * K + this.#depth[s] - 1]] >= Mi) this.#depth[s] -= 1;
      if (this.#depth[s] > 0) {
        out[s] = this.#stackArm[s * K + this.#depth[s] - 1];
        continue;
      }
      const h = this.#helperArm[s];
      if (h < 0 || this.cnt[h] >= Mi) {
        let n = 0;
        for (let i = 0; i < this.activeCount; i++) if (this.cnt[this.activeList[i]] < Mi) this.#open[n++] = this.activeList[i];
        this.#helperArm[s] = n > 0 ? this.#open[this.rng.int(n)] : -1;
      }
      out[s] = this.#helperArm[s];
    }
  }

  protected settle(): boolean {
    const K = this.arms;
    for (let s = 0; s < this.agents; s++) {
      const p = this.played[s];
      const d = this.#depth[s];
      if (d > 0 && p === this.#stackArm[s * K + d - 1] && --this.#stackBudget[s * K + d - 1] <= 0) this.#depth[s] = d - 1;
      this.credit(p, this.reward[s]);
    }
    for (let i = 0; i < this.activeCount; i++) if (this.cnt[this.activeList[i]] < this.batchSize) return false;
    return true;
  }
}
