/**
 * The skeleton shared by the batched successive-elimination learners of the erasure family
 * (Hanna et al., AISTATS 2024: BatchSP2 Algorithm 1, and the MA-SAE, MA-LSAE-H, MA-LSAE-V
 * baselines of Sec. V; spec 1.3 and 1.5). A subclass only says how a batch is planned, which arm
 * each agent gets each round, when the batch is over, and the elimination radius.
 *
 * Sample accounting (spec 1.3): a reward is attributed to the arm *commanded* to its agent. The
 * first `warmup_j = alpha_j - 1` rewards after each change of agent j's command (and at the start
 * of each batch) are discarded, because the agent may still be replaying an older command; with
 * repetitions switched off (MA-SAE) nothing is discarded. At most `cap` samples per arm count in
 * one batch. At the end of a batch the per-arm totals over all batches give the means, and arm a
 * is eliminated when  max_b mean(b) - mean(a) > radius  (all tests use the pre-elimination means).
 *
 * Divergence from the authors' code: the mean is the plain average of the samples counted, which
 * equals their `(mean * nprev + sum) / (nprev + cnt)` whenever every batch delivered its full
 * quota, and stays exact when rewards go missing (NaN).
 *
 * Agents are handled internally in speed order `s` (ascending eps bound, ties by agent id; since
 * alpha is non-decreasing in eps this is the "sort agents by alpha" of spec 1.4); `order[s]` is
 * the agent id.
 */
import type { Rng } from '../random.js';
import type { ErasureLearner, ErasureLearnerSummary } from './ErasureLearner.js';
import { repetitions } from './repetitions.js';
import { RoundSequence } from './RoundSequence.js';

/** Multiplier C of the confidence radius in the authors' code (C_CONFIDENCE = 2). */
export const CONFIDENCE_SCALE = 2;

export interface BatchEliminationOptions {
  /** K, number of arms (integer >= 1). */
  arms: number;
  /** The learner's upper bound on each agent's erasure probability (probabilities in [0, 1)); M = length. */
  epsBounds: ArrayLike<number>;
  /** T, horizon in rounds used for alpha and the confidence radii (integer >= 1). */
  horizon: number;
  /** The learner's own stream (the experiment passes `runRng.stream('algorithm')`). */
  rng: Rng;
}

export abstract class BatchElimination implements ErasureLearner {
  readonly algorithm: string;
  readonly arms: number;
  readonly agents: number;
  /** Upper bounds on the erasure probabilities, by agent id. */
  readonly epsBounds: Float64Array;
  /** order[s] = agent id of the s-th fastest link. */
  readonly order: Int32Array;
  /** alpha in speed order (recomputed by `reset(horizon)`). */
  readonly alpha: Int32Array;
  /** Horizon T in rounds currently in force. */
  horizon: number;
  protected readonly rng: Rng;
  /** Rewards discarded after each command change, speed order. */
  protected readonly warmup: Int32Array;
  protected readonly active: Uint8Array;
  /** Active arms ascending, first `activeCount` entries. */
  protected readonly activeList: Int32Array;
  protected activeCount = 0;
  /** Samples counted per arm in the current batch. */
  protected readonly batchSum: Float64Array;
  protected readonly batchCount: Float64Array;
  /** This round's commands in speed order. */
  protected readonly cmd: Int32Array;
  /** 1-based index of the current batch. */
  protected batch = 0;
  /** Effective samples per arm targeted in this batch. */
  protected batchSize = 0;
  /** Most samples per arm counted in one batch. */
  protected cap = Infinity;
  readonly #repeat: boolean;
  readonly #sum: Float64Array;
  readonly #count: Float64Array;
  readonly #prev: Int32Array;
  readonly #warm: Int32Array;
  readonly #rounds: RoundSequence;
  #inBatch = false;
  #missing = 0;

  /** @param repeat whether the learner discards alpha_j - 1 warm-up rewards (false for MA-SAE). */
  protected constructor(algorithm: string, { arms, epsBounds, horizon, rng }: BatchEliminationOptions, repeat: boolean) {
    const owner = `a ${algorithm} learner`;
    if (!Number.isInteger(arms) || arms < 1) throw new RangeError(`the 'arms' parameter of ${owner} must be an integer >= 1, found ${arms}`);
    if (epsBounds.length < 1) throw new RangeError(`the 'epsBounds' parameter of ${owner} must list at least one agent`);
    for (let j = 0; j < epsBounds.length; j++) {
      const e = epsBounds[j];
      if (!(e >= 0 && e < 1)) throw new RangeError(`the 'epsBounds[${j}]' parameter of ${owner} must be a probability in [0, 1), found ${e}`);
    }
    checkHorizon(owner, horizon);
    this.algorithm = algorithm;
    this.arms = arms;
    this.agents = epsBounds.length;
    this.epsBounds = Float64Array.from(epsBounds);
    this.horizon = horizon;
    this.rng = rng;
    this.#repeat = repeat;
    const ids = Array.from({ length: this.agents }, (_, j) => j);
    ids.sort((x, y) => this.epsBounds[x] - this.epsBounds[y] || x - y);
    this.order = Int32Array.from(ids);
    this.alpha = new Int32Array(this.agents);
    this.warmup = new Int32Array(this.agents);
    this.active = new Uint8Array(arms);
    this.activeList = new Int32Array(arms);
    this.batchSum = new Float64Array(arms);
    this.batchCount = new Float64Array(arms);
    this.cmd = new Int32Array(this.agents);
    this.#sum = new Float64Array(arms);
    this.#count = new Float64Array(arms);
    this.#prev = new Int32Array(this.agents);
    this.#warm = new Int32Array(this.agents);
    this.#rounds = new RoundSequence(algorithm);
    // Not this.reset(): a subclass override would run before the subclass fields exist.
    this.#restart(horizon);
  }

  /** Forget everything and start again at round 0, optionally with a new horizon (doubling trick). */
  reset(horizon = this.horizon): void {
    this.#restart(horizon);
  }

  #restart(horizon: number): void {
    checkHorizon(`a ${this.algorithm} learner`, horizon);
    this.horizon = horizon;
    for (let s = 0; s < this.agents; s++) {
      this.alpha[s] = repetitions(this.epsBounds[this.order[s]], horizon);
      this.warmup[s] = this.#repeat ? this.alpha[s] - 1 : 0;
    }
    this.active.fill(1);
    for (let a = 0; a < this.arms; a++) this.activeList[a] = a;
    this.activeCount = this.arms;
    this.#sum.fill(0);
    this.#count.fill(0);
    this.batch = 0;
    this.batchSize = 0;
    this.cap = Infinity;
    this.#inBatch = false;
    this.#missing = 0;
    this.#rounds.reset();
  }

  /** Plan the batch `this.batch` (already incremented): set `batchSize`, `cap` and the plan. */
  protected abstract startBatch(): void;
  /** This round's command for every agent, speed order. */
  protected abstract fillCommands(cmd: Int32Array): void;
  /** Whether the batch is over once this round's samples are counted. */
  protected abstract batchDone(): boolean;
  /** Elimination threshold on the gap of the means at the end of the batch. */
  protected abstract radius(): number;
  /** Hook after this round's samples are counted (MA-LSAE-H moves on to the next arm here). */
  protected afterObserve(): void {}

  nextCommands(round: number, out: Int32Array): void {
    this.#rounds.commands(round);
    if (!this.#inBatch) {
      this.batch += 1;
      this.batchSum.fill(0);
      this.batchCount.fill(0);
      this.#prev.fill(-1);
      this.startBatch();
      this.#inBatch = true;
    }
    const cmd = this.cmd;
    this.fillCommands(cmd);
    for (let s = 0; s < this.agents; s++) {
      const a = cmd[s];
      if (a !== this.#prev[s]) {
        this.#warm[s] = 0;
        this.#prev[s] = a;
      }
      out[this.order[s]] = a;
    }
  }

  observe(round: number, rewards: Float64Array): void {
    this.#rounds.observe(round);
    const cmd = this.cmd;
    for (let s = 0; s < this.agents; s++) {
      if (this.#warm[s] < this.warmup[s]) {
        this.#warm[s] += 1;
        continue;
      }
      const r = rewards[this.order[s]];
      if (!Number.isFinite(r)) {
        this.#missing += 1;
        continue;
      }
      const a = cmd[s];
      if (this.batchCount[a] < this.cap) {
        this.batchSum[a] += r;
        this.batchCount[a] += 1;
      }
    }
    this.afterObserve();
    if (this.batchDone()) this.#endBatch();
  }

  #endBatch(): void {
    let best = -Infinity;
    for (let i = 0; i < this.activeCount; i++) {
      const a = this.activeList[i];
      this.#sum[a] += this.batchSum[a];
      this.#count[a] += this.batchCount[a];
      if (this.#count[a] > 0) best = Math.max(best, this.#sum[a] / this.#count[a]);
    }
    const threshold = this.radius();
    let n = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const a = this.activeList[i];
      // An arm without any sample (all its rewards missing) cannot be judged, so it stays.
      if (this.#count[a] > 0 && best - this.#sum[a] / this.#count[a] > threshold) this.active[a] = 0;
      else this.activeList[n++] = a;
    }
    this.activeCount = n;
    this.#inBatch = false;
  }

  /**
   * One active arm left: every schedule of this family commands only active arms (blocks of the
   * active list, padding drawn from it), and the best arm is never eliminated, so the commands
   * stay that arm for good.
   */
  settled(out: Int32Array): boolean {
    if (this.activeCount !== 1) return false;
    out.fill(this.activeList[0], 0, this.agents);
    return true;
  }

  summary(): ErasureLearnerSummary {
    const estimates: number[] = [];
    const samples: number[] = [];
    for (let a = 0; a < this.arms; a++) {
      samples.push(this.#count[a]);
      estimates.push(this.#count[a] > 0 ? this.#sum[a] / this.#count[a] : NaN);
    }
    return {
      algorithm: this.algorithm,
      rounds: this.#rounds.observed,
      batch: this.batch,
      batchSize: this.batchSize,
      activeArms: Array.from(this.activeList.subarray(0, this.activeCount)),
      estimates,
      samples,
      missingRewards: this.#missing,
    };
  }
}

function checkHorizon(owner: string, horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`the 'horizon' parameter of ${owner} must be an integer >= 1 (rounds), found ${horizon}`);
}

/** Check an optional positive tunable of a learner. */
export function checkPositive(owner: string, name: string, value: number): number {
  if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`the '${name}' parameter of ${owner} must be a finite number > 0, found ${value}`);
  return value;
}
