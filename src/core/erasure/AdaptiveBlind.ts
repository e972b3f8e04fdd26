/**
 * `adaptive` without uplink feedback (issue 17; scenario `params: { feedback: none }`). The
 * learner knows only the bound eps_j of each link, never whether a command arrived. A keep-last
 * agent commanded arm a for the (r+1)-th consecutive round plays something else only if all r+1
 * transmissions were erased, probability <= eps_j^(r+1), whatever it played before (base action
 * or an older command). So a reward at run position r is from arm a except with probability
 * q = eps_j^(r+1), and contributes at most D q of bias to a's mean, D = meanRange (a bound on
 * |mu_a - mu_b|; 1 for means in [0, 1]).
 *
 * With n_a credited samples of mean m_a, Q_a the sum of their q, N the total credited:
 *
 *   index_a = m_a + c sqrt( 2 ln N / (n_a + v_a) ) + D Q_a / n_a    (UCB1, optimistic by the bias bound too)
 *   credit the reward at run position r iff  eps_j^(r+1) <= RHO c sqrt( 2 ln N / (n_a + 1) ) / D
 *                                        or  r + 1 >= alpha_j       (BatchSP2's level, eps^alpha <= 1/T^2)
 *
 * The crediting rule is the adaptive repetition count: while a's confidence interval is wide
 * (few samples; only large gaps matter yet) a few repetitions make the contamination small next
 * to the width and rewards count almost at once; as n_a grows (the gaps still to resolve are
 * small) it demands more, up to BatchSP2's alpha_j - 1 discarded rounds and never more. A run
 * continued with the same arm needs no new repetitions. v_a counts samples still due from the
 * blocks in progress on a.
 *
 * Who repeats what: agents whose alpha_j is within EXPLORE_RATIO of the fastest link's explore;
 * a free explorer (speed order) takes the arm of largest index (ties: its current arm, then the
 * lowest index) for a block of max(2 w, BLOCK / (1 - eps_j), MIN) credited samples (w = the
 * repetitions that arm needs now; at most alpha_j + block rounds if rewards go missing). The
 * other agents, whose switches are slow, hold the empirical leader (largest m_a) and re-decide
 * every HOLD rounds, which costs nothing while the leader stays. Draws: none.
 *
 * Why regret stays sub-linear and no wrong arm is locked in (sketch; README "adaptive"):
 * (1) every credited sample is from the credited arm except with probability <= q, so
 * E|bias(m_a)| <= D Q_a / n_a, which the index adds, and the crediting rule keeps it
 * <= RHO sum_i W(i) / n_a <= 2 RHO W(n_a): the explorers run UCB1 with a width inflated by at
 * most (1 + 2 RHO); the realised contamination (independent geometric tails, one per run) exceeds
 * its mean by O(D alpha_max / n_a) w.h.p., dominated by W once n_a >> alpha_max^2 / ln T.
 * (2) So a suboptimal arm gets O((1 + 2 RHO)^2 c^2 ln T / Delta_a^2) credited explorer samples;
 * a block repeats at most half as many rounds as it credits (block >= 2 w) and w <= alpha_j - 1 = O(ln T);
 * a switch away leaves a geometric number of stale plays (mean eps / (1 - eps)). Holders play the
 * leader, which is the best arm once every suboptimal arm's mean is resolved, i.e. after the
 * explorers' O(ln T / Delta^2) samples: each mistaken hold costs at most HOLD + a delivery time.
 * Total O(sum_a ln T / Delta_a + M alpha_max): logarithmic in T. (3) No lock-in: an arm not
 * sampled sees its index grow with ln N, so the explorers return to the best arm in runs long
 * enough for its rewards to qualify; unlike MA-UCB's one-round commands, those samples are
 * nearly clean, so m_best cannot be dragged to a wrong arm's mean and the leader ends on it.
 */
import type { Rng } from '../random.js';
import { checkPositive } from './BatchElimination.js';
import { unbatchedSummary, type ErasureLearner, type ErasureLearnerSummary } from './ErasureLearner.js';
import { repetitions } from './repetitions.js';
import { RoundSequence } from './RoundSequence.js';

/** Contamination probability allowed per credited sample, as a fraction of the arm's width over D. */
export const BLIND_RHO = 0.1;
/** An explorer's block credits max(2 w, BLOCK / (1 - eps_j), MIN) samples: at least twice the rounds it repeats. */
export const BLIND_BLOCK = 2;
export const BLIND_MIN = 16;
/** A holder re-decides every HOLD rounds (free when it stays on the same arm). */
export const BLIND_HOLD = 16;
/** Agents with alpha_j <= EXPLORE_RATIO * min alpha explore; the others hold the leader. */
export const BLIND_EXPLORE_RATIO = 2;

export interface AdaptiveBlindOptions {
  arms: number;
  /** The learner's upper bound on each agent's erasure probability, in [0, 1). */
  epsBounds: ArrayLike<number>;
  /** T: caps the repetitions at BatchSP2's alpha_j = ceil(2 ln T / ln(1/eps_j)). */
  horizon: number;
  rng: Rng;
  /** Sub-Gaussian scale of the rewards (> 0), default 1. */
  c?: number;
  /** Bound D on the spread of the arm means, |mu_a - mu_b| <= D (> 0), default 1. */
  meanRange?: number;
}

export class AdaptiveBlind implements ErasureLearner {
  readonly algorithm = 'adaptive';
  readonly feedback = 'none' as const;
  readonly arms: number;
  readonly agents: number;
  readonly c: number;
  readonly meanRange: number;
  /** alpha_j by agent id. */
  readonly alpha: Int32Array;
  /** Arm whose reward of agent j was credited in the last observed round, -1 if none (for tests). */
  readonly credited: Int32Array;
  readonly #eps: Float64Array;
  readonly #order: Int32Array;
  readonly #n: Float64Array;
  readonly #sum: Float64Array;
  readonly #q: Float64Array;
  readonly #v: Float64Array;
  readonly #idx: Float64Array;
  readonly #means: Float64Array;
  /** 1 for the agents that explore (alpha_j <= EXPLORE_RATIO alpha_min), 0 for those that hold the empirical leader. */
  readonly #explorer: Uint8Array;
  /** Per agent: commanded arm, position in the run of identical commands, samples still due, rounds in the block, its cap. */
  readonly #cmd: Int32Array;
  readonly #run: Float64Array;
  readonly #due: Float64Array;
  readonly #blockRounds: Float64Array;
  readonly #blockCap: Float64Array;
  readonly #rounds: RoundSequence;
  #total = 0;
  #missing = 0;
  #transmissions = 0;

  constructor(o: AdaptiveBlindOptions) {
    const owner = 'an adaptive learner (no feedback)';
    if (!Number.isInteger(o.arms) || o.arms < 1) throw new RangeError(`the 'arms' parameter of ${owner} must be an integer >= 1, found ${o.arms}`);
    if (o.epsBounds.length < 1) throw new RangeError(`the 'epsBounds' parameter of ${owner} must list at least one agent`);
    if (!Number.isInteger(o.horizon) || o.horizon < 1) throw new RangeError(`the 'horizon' parameter of ${owner} must be an integer >= 1 (rounds), found ${o.horizon}`);
    this.arms = o.arms;
    this.agents = o.epsBounds.length;
    this.c = checkPositive(owner, 'c', o.c ?? 1);
    this.meanRange = checkPositive(owner, 'meanRange', o.meanRange ?? 1);
    const M = this.agents;
    this.#eps = new Float64Array(M);
    this.alpha = new Int32Array(M);
    for (let j = 0; j < M; j++) {
      const e = o.epsBounds[j];
      if (!(e >= 0 && e < 1)) throw new RangeError(`the 'epsBounds[${j}]' parameter of ${owner} must be a probability in [0, 1), found ${e}`);
      this.#eps[j] = e;
      this.alpha[j] = repetitions(e, o.horizon);
    }
    const ids = Array.from({ length: M }, (_, j) => j);
    ids.sort((x, y) => this.#eps[x] - this.#eps[y] || x - y);
    this.#order = Int32Array.from(ids);
    this.credited = new Int32Array(M).fill(-1);
    this.#n = new Float64Array(o.arms);
    this.#sum = new Float64Array(o.arms);
    this.#q = new Float64Array(o.arms);
    this.#v = new Float64Array(o.arms);
    this.#idx = new Float64Array(o.arms);
    this.#means = new Float64Array(o.arms);
    let alphaMin = Infinity;
    for (let j = 0; j < M; j++) alphaMin = Math.min(alphaMin, this.alpha[j]);
    this.#explorer = Uint8Array.from(this.alpha, (x) => (x <= BLIND_EXPLORE_RATIO * alphaMin ? 1 : 0));
    this.#cmd = new Int32Array(M).fill(-1);
    this.#run = new Float64Array(M);
    this.#due = new Float64Array(M);
    this.#blockRounds = new Float64Array(M);
    this.#blockCap = new Float64Array(M);
    this.#rounds = new RoundSequence('adaptive');
  }

  #logN(): number {
    return Math.log(Math.max(2, this.#total));
  }

  /** Largest contamination probability a new sample of arm a may carry now. */
  #allowed(a: number, logN: number): number {
    return (BLIND_RHO * this.c * Math.sqrt((2 * logN) / (this.#n[a] + 1))) / this.meanRange;
  }

  /** Rounds agent j must repeat a new command of arm a before its rewards qualify (<= alpha_j - 1). */
  repetitionsFor(j: number, a: number): number {
    return this.#warmup(j, a, this.#logN());
  }

  #warmup(j: number, a: number, logN: number): number {
    const e = this.#eps[j];
    const cap = this.alpha[j] - 1;
    if (e === 0) return 0;
    const allowed = this.#allowed(a, logN);
    if (allowed >= e) return 0;
    // smallest p with e^p <= allowed; the rewards from run position p - 1 on count
    const p = Math.ceil(Math.log(allowed) / Math.log(e));
    return Math.min(cap, Math.max(0, p - 1));
  }

  #index(a: number, logN: number): number {
    const n = this.#n[a];
    const m = n + this.#v[a];
    if (n === 0) return m === 0 ? Infinity : 1e12 - m; // unsampled arms first, least committed first
    return this.#sum[a] / n + this.c * Math.sqrt((2 * logN) / m) + (this.meanRange * this.#q[a]) / n;
  }

  nextCommands(round: number, out: Int32Array): void {
    this.#rounds.commands(round);
    const M = this.agents;
    let free = false;
    for (let j = 0; j < M && !free; j++) free = this.#due[j] <= 0;
    if (free) {
      const logN = this.#logN();
      const idx = this.#idx;
      for (let a = 0; a < this.arms; a++) {
        idx[a] = this.#index(a, logN);
        this.#means[a] = this.#n[a] > 0 ? this.#sum[a] / this.#n[a] : -Infinity;
      }
      for (let s = 0; s < M; s++) {
        const j = this.#order[s];
        if (this.#due[j] > 0) continue;
        const cur = this.#cmd[j];
        const explore = this.#explorer[j] === 1;
        // before any sample a holder has no leader to follow: it takes the best index, briefly
        const score = explore || this.#total === 0 ? idx : this.#means;
        let best = cur;
        let bestIdx = cur >= 0 ? score[cur] : -Infinity;
        for (let a = 0; a < this.arms; a++) {
          if (score[a] > bestIdx) {
            bestIdx = score[a];
            best = a;
          }
        }
        const w = this.#warmup(j, best, logN);
        if (best !== cur) {
          this.#cmd[j] = best;
          this.#run[j] = 0;
        }
        const e = this.#eps[j];
        const ell = explore ? Math.max(2 * w, Math.ceil(BLIND_BLOCK / (1 - e)), BLIND_MIN) : BLIND_HOLD;
        this.#due[j] = ell;
        this.#blockRounds[j] = 0;
        this.#blockCap[j] = explore ? this.alpha[j] + ell : ell;
        this.#v[best] += ell;
        idx[best] = this.#index(best, logN);
      }
    }
    for (let j = 0; j < M; j++) out[j] = this.#cmd[j];
    this.#transmissions += M;
  }

  observe(round: number, rewards: Float64Array): void {
    this.#rounds.observe(round);
    const logN = this.#logN();
    for (let j = 0; j < this.agents; j++) {
      const a = this.#cmd[j];
      const r = this.#run[j];
      const e = this.#eps[j];
      const q = e === 0 ? 0 : Math.pow(e, r + 1);
      const reward = rewards[j];
      this.credited[j] = -1;
      if (!Number.isFinite(reward)) this.#missing += 1;
      else if (r + 1 >= this.alpha[j] || q <= this.#allowed(a, logN)) {
        this.#n[a] += 1;
        this.#sum[a] += reward;
        this.#q[a] += q;
        this.#total += 1;
        this.#due[j] -= 1;
        this.#v[a] -= 1;
        this.credited[j] = a;
      }
      this.#run[j] = r + 1;
      this.#blockRounds[j] += 1;
      if (this.#due[j] > 0 && this.#blockRounds[j] >= this.#blockCap[j]) {
        this.#v[a] -= this.#due[j];
        this.#due[j] = 0;
      }
    }
  }

  summary(): ErasureLearnerSummary {
    return unbatchedSummary(this.algorithm, this.#rounds.observed, this.#n, this.#sum, this.#missing, this.#transmissions);
  }
}
