/**
 * MA-LSAE-V: successive elimination with repetitions, one agent per arm (Hanna et al., AISTATS
 * 2024, Example 1 and Sec. V baseline; spec 1.5). Batch i targets M_i = 4^i effective samples
 * per active arm; each free agent (fastest link first) takes the next unassigned arm and does
 * all alpha_j - 1 + M_i pulls of it; agents with nothing left command uniformly random active
 * arms until every active arm has M_i effective samples. Radius: C c sqrt( ln(K T M) / (2 M_i) ).
 *
 * Divergences: decisions are taken at the start of each round (see MA-LSAE-H). The authors'
 * code keeps an agent on its finished arm when no arm is left; we switch it to random active
 * arms as the paper describes. A random pull counts when the agent's warm-up is complete, under
 * the same rule as every other pull (so only for links with alpha = 1, in practice).
 *
 * Draws from the learner's Rng: each round, one `rng.int(|A|)` per idle agent, speed order.
 */
import { BatchElimination, checkPositive, CONFIDENCE_SCALE, type BatchEliminationOptions } from './BatchElimination.js';

export interface MaLsaeVerticalOptions extends BatchEliminationOptions {
  /** Sub-Gaussian scale of the rewards (> 0, default 1). */
  c?: number;
}

export class MaLsaeVertical extends BatchElimination {
  readonly c: number;
  /** Arm assigned to each agent (speed order); -1 none yet, K idle. */
  readonly #assigned: Int32Array;
  #nextArm = 0;

  constructor(options: MaLsaeVerticalOptions) {
    super('ma-lsae-v', options, true);
    this.c = checkPositive('a ma-lsae-v learner', 'c', options.c ?? 1);
    this.#assigned = new Int32Array(this.agents);
  }

  protected startBatch(): void {
    this.batchSize = 4 ** this.batch;
    this.cap = Infinity;
    this.#nextArm = 0;
    this.#assigned.fill(-1);
  }

  protected fillCommands(cmd: Int32Array): void {
    const K = this.arms;
    for (let s = 0; s < this.agents; s++) {
      let a = this.#assigned[s];
      if (a === -1 || (a < K && this.batchCount[a] >= this.batchSize)) {
        a = this.#nextArm < this.activeCount ? this.activeList[this.#nextArm++] : K;
        this.#assigned[s] = a;
      }
      cmd[s] = a < K ? a : this.activeList[this.rng.int(this.activeCount)];
    }
  }

  protected batchDone(): boolean {
    for (let i = 0; i < this.activeCount; i++) if (this.batchCount[this.activeList[i]] < this.batchSize) return false;
    return true;
  }

  protected radius(): number {
    return CONFIDENCE_SCALE * this.c * Math.sqrt(Math.log(this.arms * this.horizon * this.agents) / (2 * this.batchSize));
  }
}
