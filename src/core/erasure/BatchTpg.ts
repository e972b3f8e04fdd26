/**
 * BatchTPG, "Two-Phase Greedy" (Karakas, Hanna, Yang, Fragouli, journal version, the main
 * algorithm; spec erasure-feedback.md section 2), for a learner that hears delivery feedback.
 *
 * Per batch (M_i credited pulls per active arm A, ascending, no shuffle):
 *  Phase 1 (only when |A| > M), while fewer than |A| - M arms are finished: agents in speed
 *    order take arms from a queue (popped from its end); an agent without work takes over the
 *    arm of the undelivered agent with the most remaining cost eta(s) = alpha_s + M_i - cnt -
 *    attempts_s when its own alpha_m + M_i is smaller (the old holder is frozen, keeps playing).
 *    An agent gives up after alpha_m + M_i attempts without a heard delivery.
 *  Phase 2 (at most M arms U unfinished): each arm is cut into c = max(1, floor(M/|U|)) chunks of
 *    n = ceil(M_i/c) pulls; agent s < |chunks| gets chunk s, the others help on a random arm of U;
 *    agents worst channel first whose chunk is done take over a slow undelivered holder.
 * Every credited pull of an arm counts for it (stale replays included), up to M_i.
 *
 * Quirks of the reference code (spec 2, (a)-(e)) are FIXED here, so numbers differ slightly:
 *  (a) `succ` counts credited plays of the agent's arm (it stayed 1 under stop-on-success);
 *  (b) an arm that is already the agent's known delivered arm counts as delivered at once;
 *  (c) `done` counts only active arms of the batch reaching M_i (stale replays of eliminated
 *      arms are not credited), so Phase 1 ends exactly when at most M arms are unfinished;
 *  (d) a delivery heard in the round of the timeout counts;
 *  (e) rewards come from the scenario's reward model (Bernoulli honoured).
 * Also: an arm given up in Phase 1 goes back to the queue, and a chunk given up in Phase 2 goes
 * back to a pool that idle agents take first (in the reference code such an arm or chunk had no
 * holder any more and could keep the batch open until the horizon). Phase 2's takeover uses the
 * chunk's own count (the reference mixes the chunk target n with the arm's count).
 *
 * Draws from the learner's Rng: one `rng.int(|U|)` per helper agent at the start of Phase 2.
 */
import { FeedbackBatchLearner, type FeedbackLearnerOptions } from './FeedbackBatchLearner.js';

export type BatchTpgOptions = FeedbackLearnerOptions;

export class BatchTpg extends FeedbackBatchLearner {
  #phase = 0;
  readonly #arm: Int32Array;
  readonly #frozen: Uint8Array;
  readonly #delivered: Uint8Array;
  readonly #attempts: Int32Array;
  readonly #succ: Int32Array;
  readonly #queue: Int32Array;
  #queueLength = 0;
  #armsInBatch = 0;
  #done = 0;
  // Phase 2
  #chunkSize = 0;
  #chunks = 0;
  readonly #chunkArm: Int32Array;
  readonly #chunkCount: Int32Array;
  readonly #chunkLive: Uint8Array;
  readonly #holders: Int32Array;
  readonly #chunkOf: Int32Array;
  readonly #helper: Uint8Array;
  readonly #unfinished: Int32Array;

  constructor(options: BatchTpgOptions) {
    super('tpg', options);
    const M = this.agents;
    const K = this.arms;
    this.#arm = new Int32Array(M);
    this.#frozen = new Uint8Array(M);
    this.#delivered = new Uint8Array(M);
    this.#attempts = new Int32Array(M);
    this.#succ = new Int32Array(M);
    this.#queue = new Int32Array(K + M);
    this.#chunkArm = new Int32Array(M);
    this.#chunkCount = new Int32Array(M);
    this.#chunkLive = new Uint8Array(M);
    this.#holders = new Int32Array(M);
    this.#chunkOf = new Int32Array(M);
    this.#helper = new Uint8Array(M);
    this.#unfinished = new Int32Array(K);
  }

  /** 1 or 2 while a batch runs (0 before the first round). */
  get phase(): number {
    return this.#phase;
  }

  protected startBatch(): void {
    const n = this.activeCount;
    this.#armsInBatch = n;
    this.#done = 0;
    for (let i = 0; i < n; i++) this.#queue[i] = this.activeList[i];
    this.#queueLength = n;
    this.#arm.fill(-1);
    this.#frozen.fill(0);
    this.#attempts.fill(0);
    this.#succ.fill(0);
    this.#delivered.fill(0);
    if (n > this.agents) this.#phase = 1;
    else this.#startPhase2();
  }

  #assign(s: number, a: number): void {
    this.#arm[s] = a;
    this.#attempts[s] = 0;
    this.#succ[s] = 0;
    this.#delivered[s] = this.tracker.played(s) === a && a >= 0 ? 1 : 0; // fix (b)
  }

  /** Phase 1 takeover: the undelivered agent with the largest remaining cost, if m is cheaper. */
  #takeover(m: number): boolean {
    const Mi = this.batchSize;
    let best = -1;
    let bestEta = 0;
    for (let s = 0; s < this.agents; s++) {
      const a = this.#arm[s];
      if (s === m || this.#frozen[s] === 1 || a < 0 || this.cnt[a] >= Mi) continue;
      const eta = this.#delivered[s] === 0 ? Math.max(0, this.alpha[s] + Mi - this.cnt[a] - this.#attempts[s]) : Math.max(0, Mi - this.#succ[s]);
      if (eta > bestEta) {
        bestEta = eta;
        best = s;
      }
    }
    if (best < 0 || !(this.alpha[m] + Mi < bestEta)) return false;
    this.#frozen[best] = 1;
    this.#assign(m, this.#arm[best]);
    return true;
  }

  #startPhase2(): void {
    const Mi = this.batchSize;
    let u = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const a = this.activeList[i];
      if (this.cnt[a] < Mi) this.#unfinished[u++] = a;
    }
    if (u === 0 || u > this.agents) {
      this.#phase = 3; // nothing left to finish (or, impossible after a fixed Phase 1, too much): end the batch
      return;
    }
    const M = this.agents;
    const c = Math.max(1, Math.floor(M / u));
    this.#chunkSize = Math.ceil(Mi / c);
    this.#chunks = u * c;
    for (let k = 0; k < this.#chunks; k++) {
      this.#chunkArm[k] = this.#unfinished[Math.floor(k / c)];
      this.#chunkCount[k] = 0;
      this.#chunkLive[k] = 1;
      this.#holders[k] = 0;
    }
    this.#frozen.fill(0);
    for (let s = 0; s < M; s++) {
      if (s < this.#chunks) {
        this.#chunkOf[s] = s;
        this.#helper[s] = 0;
        this.#holders[s] += 1;
        this.#assign(s, this.#chunkArm[s]);
      } else {
        this.#chunkOf[s] = -1;
        this.#helper[s] = 1;
        this.#assign(s, this.#unfinished[this.rng.int(u)]);
      }
    }
    this.#phase = 2;
  }

  #chunkOpen(k: number): boolean {
    return this.#chunkLive[k] === 1 && this.#chunkCount[k] < this.#chunkSize && this.cnt[this.#chunkArm[k]] < this.batchSize;
  }

  #takeChunk(m: number, k: number): void {
    const old = this.#chunkOf[m];
    if (old >= 0) this.#holders[old] -= 1;
    this.#chunkOf[m] = k;
    this.#holders[k] += 1;
    this.#helper[m] = 0;
    this.#assign(m, this.#chunkArm[k]);
  }

  /** Phase 2: an idle agent takes an open chunk nobody holds, else takes over a slow holder. */
  #chunkTakeover(m: number): void {
    for (let k = 0; k < this.#chunks; k++) {
      if (this.#holders[k] === 0 && this.#chunkOpen(k)) {
        this.#takeChunk(m, k);
        return;
      }
    }
    const n = this.#chunkSize;
    let best = -1;
    let bestEta = 0;
    for (let s = 0; s < this.agents; s++) {
      const k = this.#chunkOf[s];
      if (s === m || this.#frozen[s] === 1 || k < 0 || !this.#chunkOpen(k)) continue;
      const left = n - this.#chunkCount[k];
      const eta = this.#delivered[s] === 0 ? this.alpha[s] + left - this.#attempts[s] : left;
      if (eta > bestEta) {
        bestEta = eta;
        best = s;
      }
    }
    if (best < 0) return;
    const k = this.#chunkOf[best];
    if (!(this.alpha[m] + n - this.#chunkCount[k] < bestEta)) return;
    this.#frozen[best] = 1;
    this.#takeChunk(m, k);
  }

  protected propose(out: Int32Array): void {
    const M = this.agents;
    const Mi = this.batchSize;
    if (this.#phase === 1) {
      for (let s = 0; s < M; s++) {
        if (this.#frozen[s] === 1) continue;
        const a = this.#arm[s];
        if (a >= 0 && this.cnt[a] < Mi) continue;
        let next = -1;
        while (next < 0 && this.#queueLength > 0) {
          const q = this.#queue[--this.#queueLength];
          if (this.cnt[q] < Mi) next = q; // a given-up arm may have been finished by its frozen holder
        }
        if (next >= 0) this.#assign(s, next);
        else this.#takeover(s); // on failure: keep playing the finished arm (idle)
      }
    } else if (this.#phase === 2) {
      for (let s = M - 1; s >= 0; s--) {
        if (this.#frozen[s] === 1 || this.#helper[s] === 1) continue;
        const k = this.#chunkOf[s];
        if (k < 0 || !this.#chunkOpen(k)) this.#chunkTakeover(s);
      }
    }
    for (let s = 0; s < M; s++) out[s] = this.#arm[s];
  }

  protected settle(): boolean {
    const M = this.agents;
    const Mi = this.batchSize;
    const phase2 = this.#phase === 2;
    for (let s = 0; s < M; s++) {
      const a = this.#arm[s];
      const p = this.played[s];
      if (a >= 0 && this.#delivered[s] === 0) {
        if (p === a) this.#delivered[s] = 1; // fix (d): checked before the timeout
        else if (++this.#attempts[s] > this.alpha[s] + (phase2 ? this.#chunkSize : Mi)) {
          // Give up; the work goes back where an idle agent finds it.
          this.#arm[s] = -1;
          if (!phase2) this.#queue[this.#queueLength++] = a;
          else if (this.#chunkOf[s] >= 0) {
            this.#holders[this.#chunkOf[s]] -= 1;
            this.#chunkOf[s] = -1;
          }
        }
      }
      if (!this.credit(p, this.reward[s])) continue;
      if (p === this.#arm[s]) this.#succ[s] += 1;
      if (this.cnt[p] === Mi) this.#done += 1;
      if (phase2) {
        const k = this.#chunkOf[s];
        if (k >= 0 && this.#chunkArm[k] === p && this.#chunkLive[k] === 1 && ++this.#chunkCount[k] >= this.#chunkSize) this.#chunkLive[k] = 0;
      }
    }
    if (this.#phase === 1 && this.#done >= this.#armsInBatch - M) this.#startPhase2();
    if (this.#phase === 2) {
      for (let k = 0; k < this.#chunks; k++) if (this.#chunkOpen(k)) return false;
      return true;
    }
    return this.#phase === 3;
  }
}
