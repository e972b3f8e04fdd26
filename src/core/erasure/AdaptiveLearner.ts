/**
 * `adaptive`: one learner for harsh and mild links, needing no knowledge of the regime (issue 17).
 * It uses the uplink feedback of the journal's modes (spec erasure-feedback.md section 1) and
 * stop-on-success transmissions, so it always knows which arm each agent plays (DeliveryTracker)
 * and every reward it credits is unbiased: no rounds are thrown away and no sample is misattributed.
 *
 * Each round, with n_a credited samples and mean m_a per arm, N the total, c the reward scale:
 *
 *   index_a(v) = m_a + c sqrt( 2 ln N / (n_a + v_a) )        (UCB1 with virtual pulls v_a)
 *
 * Agents are served fastest link first, by the delivery rate learned online from their heard
 * ACK/NACKs (Beta prior centred on 1 - epsBound, weight 2): agent j takes the arm of largest
 * index (ties: the arm it already plays, so nothing is sent) and adds its expected commitment
 * d_j = 1 / p_j to v_a: a command to a slow link cannot be taken back quickly, so it counts as
 * d_j pulls of that arm before the next agent chooses. Fast links therefore do the exploring, slow
 * links are left on the arm of largest index, which is the empirical leader once every arm is known.
 * "Repetitions" are thus sized by the estimated link rate, not by the worst case 1/T^2 bound.
 *
 * Why the regret stays sub-linear (sketch): the credited samples are i.i.d. draws of the played
 * arms, so m_a is an unbiased mean over n_a samples and the UCB1 argument applies to the
 * sequence of commands: a suboptimal arm a is commanded only while its index exceeds the best
 * arm's, which happens O(ln(MT) / Delta_a^2) times w.h.p. Each such command yields at most the
 * agent's delivery delay (a geometric time of mean d_j) plus its replays until the next command
 * arrives, both with finite mean for eps < 1, so regret is O(sum_a (d_max ln(MT)) / Delta_a)
 * plus the base-action phase O(M d_max) - logarithmic in T. It never locks onto a wrong arm:
 * unlike MA-UCB, no reward is credited to an arm the agent did not play, so the index of the best
 * arm cannot be dragged down by misattributed samples.
 *
 * Draws: none (ties are broken deterministically).
 */
import type { Rng } from '../random.js';
import { checkPositive } from './BatchElimination.js';
import { unbatchedSummary, type ErasureLearner, type ErasureLearnerSummary } from './ErasureLearner.js';
import { DeliveryTracker, FB_NONE, type FeedbackMode } from './feedback.js';
import { RoundSequence } from './RoundSequence.js';

export interface AdaptiveLearnerOptions {
  arms: number;
  /** Prior bound per agent on its erasure probability, in [0, 1). */
  epsBounds: ArrayLike<number>;
  /** Unused by the rule (anytime); kept for symmetry with the other learners. */
  horizon: number;
  rng: Rng;
  /** Sub-Gaussian scale of the rewards (> 0), default 1. */
  c?: number;
  feedback?: FeedbackMode;
  lossyUplink?: boolean;
}

export class AdaptiveLearner implements ErasureLearner {
  readonly algorithm = 'adaptive';
  readonly arms: number;
  readonly agents: number;
  readonly c: number;
  readonly feedback: FeedbackMode;
  readonly tracker: DeliveryTracker;
  readonly #n: Float64Array;
  readonly #sum: Float64Array;
  readonly #v: Float64Array;
  readonly #idx: Float64Array;
  readonly #hits: Float64Array;
  readonly #tries: Float64Array;
  readonly #order: Int32Array;
  readonly #delay: Float64Array;
  readonly #rounds: RoundSequence;
  #total = 0;
  #heard = false;
  #missing = 0;

  constructor(o: AdaptiveLearnerOptions) {
    const owner = 'an adaptive learner';
    if (!Number.isInteger(o.arms) || o.arms < 1) throw new RangeError(`the 'arms' parameter of ${owner} must be an integer >= 1, found ${o.arms}`);
    if (o.epsBounds.length < 1) throw new RangeError(`the 'epsBounds' parameter of ${owner} must list at least one agent`);
    const mode = o.feedback ?? 'ack_success';
    if (mode === 'none') throw new RangeError(`${owner} needs uplink feedback; without it use AdaptiveBlind (what createErasureLearner builds for feedback: none)`);
    this.arms = o.arms;
    this.agents = o.epsBounds.length;
    this.c = checkPositive(owner, 'c', o.c ?? 1);
    this.feedback = mode;
    this.tracker = new DeliveryTracker(this.agents, mode, o.lossyUplink ?? false);
    this.#n = new Float64Array(o.arms);
    this.#sum = new Float64Array(o.arms);
    this.#v = new Float64Array(o.arms);
    this.#idx = new Float64Array(o.arms);
    this.#hits = new Float64Array(this.agents);
    this.#tries = new Float64Array(this.agents);
    for (let j = 0; j < this.agents; j++) {
      const e = o.epsBounds[j];
      if (!(e >= 0 && e < 1)) throw new RangeError(`the 'epsBounds[${j}]' parameter of ${owner} must be a probability in [0, 1), found ${e}`);
      this.#hits[j] = 2 * (1 - e);
      this.#tries[j] = 2;
    }
    this.#order = Int32Array.from({ length: this.agents }, (_, j) => j);
    this.#delay = new Float64Array(this.agents);
    this.#rounds = new RoundSequence('adaptive');
  }

  #index(a: number, logN: number): number {
    const n = this.#n[a];
    const m = n + this.#v[a];
    if (m === 0) return Infinity;
    if (n === 0) return 1e12 - m; // unsampled arms first, least committed first
    return this.#sum[a] / n + this.c * Math.sqrt((2 * logN) / m);
  }

  nextCommands(round: number, out: Int32Array): void {
    this.#rounds.commands(round);
    const M = this.agents;
    for (let j = 0; j < M; j++) this.#delay[j] = (this.#tries[j] + 1) / (this.#hits[j] + 0.5);
    const delay = this.#delay;
    this.#order.sort((x, y) => delay[x] - delay[y] || x - y);
    this.#v.fill(0);
    const logN = Math.log(Math.max(2, this.#total));
    const idx = this.#idx;
    for (let a = 0; a < this.arms; a++) idx[a] = this.#index(a, logN);
    for (let i = 0; i < M; i++) {
      const j = this.#order[i];
      const cur = this.tracker.played(j);
      let best = cur;
      let bestIdx = cur >= 0 ? idx[cur] : -Infinity;
      for (let a = 0; a < this.arms; a++) {
        if (idx[a] > bestIdx) {
          bestIdx = idx[a];
          best = a;
        }
      }
      this.#v[best] += delay[j];
      idx[best] = this.#index(best, logN);
      out[j] = this.tracker.command(j, best);
    }
    this.#heard = false;
  }

  hear(_round: number, bits: Uint8Array): void {
    for (let j = 0; j < this.agents; j++) this.#hearOne(j, bits[j]);
    this.#heard = true;
  }

  #hearOne(j: number, bit: number): void {
    this.tracker.hear(j, bit);
    const o = this.tracker.outcome(j);
    if (o >= 0) {
      this.#tries[j] += 1;
      this.#hits[j] += o;
    }
  }

  observe(round: number, rewards: Float64Array): void {
    this.#rounds.observe(round);
    if (!this.#heard) for (let j = 0; j < this.agents; j++) this.#hearOne(j, FB_NONE);
    for (let j = 0; j < this.agents; j++) {
      const a = this.tracker.played(j);
      const r = rewards[j];
      if (!Number.isFinite(r)) {
        this.#missing += 1;
        continue;
      }
      if (a < 0) continue;
      this.#n[a] += 1;
      this.#sum[a] += r;
      this.#total += 1;
    }
  }

  summary(): ErasureLearnerSummary {
    return unbatchedSummary(this.algorithm, this.#rounds.observed, this.#n, this.#sum, this.#missing, this.tracker.transmissions);
  }
}
