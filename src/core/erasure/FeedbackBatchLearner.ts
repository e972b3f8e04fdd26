/**
 * The skeleton shared by the batched elimination learners that use uplink feedback (BatchTPG,
 * SP2-Feedback; spec erasure-feedback.md sections 0-3): batches of M_i credited pulls per
 * active arm (M_1 = firstBatchSize(T, M), M_{i+1} = 4 M_i), the stop-on-success transmission
 * rule through a DeliveryTracker, and elimination after each batch:
 *
 *   drop a if  max_S mean - mean_a > C c sqrt( ln(T M) / (2 M_i) ),   C = 2, means cumulative.
 *
 * Credited pull (spec 0): a reward counts for the arm the learner KNOWS its agent played (stale
 * replays included), while that arm is active and below M_i in this batch. An agent whose played
 * arm the learner cannot know (no delivery heard yet, or an unheard outcome) gives no sample.
 *
 * Divergence: SP2-Feedback in the journal's code keeps a running mean that weights every earlier
 * batch as exactly M_i pulls; here both use sum / count, which is the same whenever every batch
 * reached its quota and stays exact when one did not (the horizon cut a batch, rewards missing).
 *
 * Agents are handled in speed order `s` (ascending eps bound, ties by id): `order[s]` is the id.
 */
import type { Rng } from '../random.js';
import { CONFIDENCE_SCALE, checkPositive } from './BatchElimination.js';
import type { ErasureLearner, ErasureLearnerSummary } from './ErasureLearner.js';
import { DeliveryTracker, FB_NONE, type FeedbackMode } from './feedback.js';
import { firstBatchSize } from './firstBatchSize.js';
import { repetitions } from './repetitions.js';
import { RoundSequence } from './RoundSequence.js';

export interface FeedbackLearnerOptions {
  /** K, number of arms (integer >= 1). */
  arms: number;
  /** The learner's upper bound on each agent's erasure probability, in [0, 1); M = length. */
  epsBounds: ArrayLike<number>;
  /** T, horizon in rounds (for alpha, M_1 and the radius). */
  horizon: number;
  /** The learner's own stream. */
  rng: Rng;
  /** Sub-Gaussian scale of the rewards (> 0), default 1. */
  c?: number;
  /** Uplink feedback mode, default 'ack_success' ('none' is not allowed: these learners need feedback). */
  feedback?: FeedbackMode;
  /** Whether the uplink may lose feedback bits (then silence proves nothing). */
  lossyUplink?: boolean;
}

export abstract class FeedbackBatchLearner implements ErasureLearner {
  readonly algorithm: string;
  readonly arms: number;
  readonly agents: number;
  readonly horizon: number;
  readonly c: number;
  readonly feedback: FeedbackMode;
  readonly epsBounds: Float64Array;
  readonly order: Int32Array;
  /** alpha in speed order: the delivery timeout under feedback (no rounds are discarded). */
  readonly alpha: Int32Array;
  readonly tracker: DeliveryTracker;
  protected readonly rng: Rng;
  protected readonly active: Uint8Array;
  protected readonly activeList: Int32Array;
  protected activeCount = 0;
  /** Credited pulls and their sum per arm in this batch. */
  protected readonly cnt: Float64Array;
  protected readonly sum: Float64Array;
  /** Arm each agent surely plays this round (speed order; -1 unknown), valid in `settle`. */
  protected readonly played: Int32Array;
  /** This round's rewards in speed order (NaN: missing), valid in `settle`. */
  protected readonly reward: Float64Array;
  protected batch = 0;
  protected batchSize = 0;
  readonly #proposed: Int32Array;
  readonly #totSum: Float64Array;
  readonly #totCount: Float64Array;
  readonly #rounds: RoundSequence;
  #heard = false;
  #inBatch = false;
  #missing = 0;

  protected constructor(algorithm: string, o: FeedbackLearnerOptions) {
    const owner = `a ${algorithm} learner`;
    if (!Number.isInteger(o.arms) || o.arms < 1) throw new RangeError(`the 'arms' parameter of ${owner} must be an integer >= 1, found ${o.arms}`);
    if (o.epsBounds.length < 1) throw new RangeError(`the 'epsBounds' parameter of ${owner} must list at least one agent`);
    for (let j = 0; j < o.epsBounds.length; j++) {
      const e = o.epsBounds[j];
      if (!(e >= 0 && e < 1)) throw new RangeError(`the 'epsBounds[${j}]' parameter of ${owner} must be a probability in [0, 1), found ${e}`);
    }
    if (!Number.isInteger(o.horizon) || o.horizon < 1) throw new RangeError(`the 'horizon' parameter of ${owner} must be an integer >= 1 (rounds), found ${o.horizon}`);
    const mode = o.feedback ?? 'ack_success';
    if (mode === 'none') throw new RangeError(`${owner} needs uplink feedback; 'none' is not allowed (use batchsp2 without feedback)`);
    this.algorithm = algorithm;
    this.arms = o.arms;
    this.agents = o.epsBounds.length;
    this.horizon = o.horizon;
    this.c = checkPositive(owner, 'c', o.c ?? 1);
    this.feedback = mode;
    this.rng = o.rng;
    this.epsBounds = Float64Array.from(o.epsBounds);
    const ids = Array.from({ length: this.agents }, (_, j) => j);
    ids.sort((x, y) => this.epsBounds[x] - this.epsBounds[y] || x - y);
    this.order = Int32Array.from(ids);
    this.alpha = Int32Array.from(ids, (j) => repetitions(this.epsBounds[j], o.horizon));
    this.tracker = new DeliveryTracker(this.agents, mode, o.lossyUplink ?? false);
    this.active = new Uint8Array(o.arms).fill(1);
    this.activeList = Int32Array.from({ length: o.arms }, (_, a) => a);
    this.activeCount = o.arms;
    this.cnt = new Float64Array(o.arms);
    this.sum = new Float64Array(o.arms);
    this.played = new Int32Array(this.agents);
    this.reward = new Float64Array(this.agents);
    this.#proposed = new Int32Array(this.agents);
    this.#totSum = new Float64Array(o.arms);
    this.#totCount = new Float64Array(o.arms);
    this.#rounds = new RoundSequence(algorithm);
  }

  /** Plan batch `this.batch` (batchSize already set, cnt/sum cleared). */
  protected abstract startBatch(): void;
  /** This round's proposal per agent in speed order (-1: propose nothing). */
  protected abstract propose(out: Int32Array): void;
  /** Book this round (`played`, `reward` are filled); return true when the batch is over. */
  protected abstract settle(): boolean;

  /** Credit reward r to arm a if a is active and below M_i; returns whether it counted. */
  protected credit(a: number, r: number): boolean {
    if (a < 0 || this.active[a] === 0 || this.cnt[a] >= this.batchSize || !Number.isFinite(r)) return false;
    this.cnt[a] += 1;
    this.sum[a] += r;
    return true;
  }

  nextCommands(round: number, out: Int32Array): void {
    this.#rounds.commands(round);
    if (!this.#inBatch) {
      this.batch += 1;
      this.batchSize = firstBatchSize(this.horizon, this.agents) * 4 ** (this.batch - 1);
      this.cnt.fill(0);
      this.sum.fill(0);
      this.startBatch();
      this.#inBatch = true;
    }
    this.propose(this.#proposed);
    for (let s = 0; s < this.agents; s++) out[this.order[s]] = this.tracker.command(s, this.#proposed[s]);
    this.#heard = false;
  }

  hear(_round: number, bits: Uint8Array): void {
    for (let s = 0; s < this.agents; s++) this.tracker.hear(s, bits[this.order[s]]);
    this.#heard = true;
  }

  observe(round: number, rewards: Float64Array): void {
    this.#rounds.observe(round);
    if (!this.#heard) for (let s = 0; s < this.agents; s++) this.tracker.hear(s, FB_NONE);
    for (let s = 0; s < this.agents; s++) {
      this.played[s] = this.tracker.played(s);
      const r = rewards[this.order[s]];
      this.reward[s] = r;
      if (!Number.isFinite(r)) this.#missing += 1;
    }
    if (this.settle()) this.#endBatch();
  }

  #endBatch(): void {
    let best = -Infinity;
    for (let i = 0; i < this.activeCount; i++) {
      const a = this.activeList[i];
      this.#totSum[a] += this.sum[a];
      this.#totCount[a] += this.cnt[a];
      if (this.#totCount[a] > 0) best = Math.max(best, this.#totSum[a] / this.#totCount[a]);
    }
    const threshold = CONFIDENCE_SCALE * this.c * Math.sqrt(Math.log(this.horizon * this.agents) / (2 * this.batchSize));
    let n = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const a = this.activeList[i];
      if (this.#totCount[a] > 0 && best - this.#totSum[a] / this.#totCount[a] > threshold) this.active[a] = 0;
      else this.activeList[n++] = a;
    }
    this.activeCount = n;
    this.#inBatch = false;
  }

  summary(): ErasureLearnerSummary {
    const estimates: number[] = [];
    const samples: number[] = [];
    for (let a = 0; a < this.arms; a++) {
      samples.push(this.#totCount[a]);
      estimates.push(this.#totCount[a] > 0 ? this.#totSum[a] / this.#totCount[a] : NaN);
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
      transmissions: this.tracker.transmissions,
    };
  }
}
