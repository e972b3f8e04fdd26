/**
 * epsilon-EXP3 at one internal node (Hou, MobiHoc 2024, Alg. 2; reconstruction in the
 * algorithms spec 3.3). With probability eps the node is in education mode and forwards
 * uniformly; otherwise it samples q = softmax(-eta W). Only EXP3-mode picks update, with the
 * unbiased estimate c / (P_n (1 - eps) q_m), where P_n is the probability that the job reached
 * this node (it travels with the job). `estimator: 'all-samples'` is the spec's alternative
 * reading: every pick updates with c / (P_n p_m).
 *
 * `anytime`: epochs of length 2^m (rounds 2^m .. 2^(m+1)-1); at each epoch start W is reset and
 * eps, eta are recomputed for horizon 2^m (doubling trick). A cost that comes back for a pick
 * of an earlier epoch is ignored.
 *
 * `eta: 'adaptive'` (OUR PROPOSAL, not the paper's or the spec's): the spec's eta_n is tuned for
 * the worst-case arrival probability Pmin_n, so a node that really receives most jobs learns
 * sqrt(P_n / Pmin_n) times slower than it could. The adaptive rule keeps the estimator and the
 * education and uses eta_n(t) = c_n / sqrt(S_n(t)), S_n(t) = sum over jobs received at rounds
 * s <= t of 1/P_n(s)^2 (c_n in epsExp3Parameters). Why: EG with a non-increasing eta_t has regret
 * <= ln K / eta_T + sum_t (eta_t / 2) sum_m q_m chat_m^2; given that the job arrived with P, the
 * last sum has mean <= K / ((1 - eps) P^2), so with this eta_t the second term is <= c K S^(1/2) /
 * (1 - eps) (sum x_t / sqrt(S_t) <= 2 sqrt(S_T)) and the total <= (3 / sqrt 2) sqrt(K ln K
 * S_T / (1 - eps)); E[S_T] = sum_t E[1/P_n(t)] <= T / Pmin_n, so the worst case is the fixed rule's
 * order (constant 3/2 times larger), and it is smaller when jobs arrive more often. No T needed.
 * P_n(t) is known on arrival, before the pick, so eta_t is set before the draw. Decreasing eta is
 * EG's usual form: p is recomputed from the cumulative W with the current eta (W is not scaled by
 * eta, so late or reordered costs add the same amounts); W is capped at a constant, not at
 * 800 / eta, because a later, smaller eta would turn an eta-dependent cap into a probability.
 */
import type { Rng } from '../random.js';
import { addCost, drawIndex, softmaxOfCosts, W_CAP } from './logSoftmax.js';
import type { StageParameters } from './epsExp3Parameters.js';
import type { StageLearner, StagePick } from './StageLearner.js';

export type EpsExp3Estimator = 'exp3-mode' | 'all-samples';
export type EpsExp3EtaRule = 'fixed' | 'adaptive';

export interface EpsExp3StageOptions {
  children: number;
  rng: Rng;
  /** The node's eps and eta for a horizon (fixed horizon: called once; anytime: once per epoch). */
  parameters: (horizon: number) => StageParameters;
  horizon: number;
  anytime?: boolean;
  estimator?: EpsExp3Estimator;
  /** 'fixed' (default): the spec's eta_n for the horizon; 'adaptive': c_n / sqrt(S_n(t)), above. */
  eta?: EpsExp3EtaRule;
}

export class EpsExp3Stage implements StageLearner {
  readonly children: number;
  readonly anytime: boolean;
  readonly estimator: EpsExp3Estimator;
  readonly etaRule: EpsExp3EtaRule;
  readonly #rng: Rng;
  readonly #parameters: (horizon: number) => StageParameters;
  readonly #W: Float64Array;
  readonly #q: Float64Array;
  readonly #p: Float64Array;
  #eps = 0;
  #eta = 0;
  /** Adaptive rule: c_n, and S_n = sum of 1/P_n^2 over the jobs received (this epoch). */
  #etaConstant = 0;
  #inverseSquares = 0;
  #epoch = -1;
  /** Number of restarts so far (anytime), for tests and the viewer. */
  restarts = 0;

  constructor({ children, rng, parameters, horizon, anytime = false, estimator = 'exp3-mode', eta = 'fixed' }: EpsExp3StageOptions) {
    if (!Number.isInteger(children) || children < 1) throw new Error(`the 'children' parameter of an EpsExp3Stage must be an integer >= 1, found ${children}`);
    this.children = children;
    this.anytime = anytime;
    this.estimator = estimator;
    this.etaRule = eta;
    this.#rng = rng;
    this.#parameters = parameters;
    this.#W = new Float64Array(children);
    this.#q = new Float64Array(children);
    this.#p = new Float64Array(children);
    if (!anytime) this.#start(0, horizon);
  }

  get eps(): number {
    return this.#eps;
  }

  /** The current eta (adaptive: before the first job, c_n, as if S_n were 1). */
  get eta(): number {
    return this.#eta;
  }

  /** Adaptive rule: S_n, the sum of 1/P_n^2 over the jobs received this epoch. */
  get inverseSquares(): number {
    return this.#inverseSquares;
  }

  /** Cumulative estimated costs (a view). */
  get costs(): Float64Array {
    return this.#W;
  }

  #start(epoch: number, horizon: number): void {
    const { eps, eta, etaConstant } = this.#parameters(horizon);
    this.#eps = eps;
    this.#etaConstant = etaConstant;
    this.#inverseSquares = 0;
    this.#eta = this.etaRule === 'adaptive' ? etaConstant : eta;
    this.#epoch = epoch;
    this.#W.fill(0);
  }

  #enter(t: number): void {
    if (!this.anytime) return;
    const epoch = Math.floor(Math.log2(t));
    // log2 may round at exact powers of two; correct by one either way.
    const m = 2 ** (epoch + 1) <= t ? epoch + 1 : 2 ** epoch > t ? epoch - 1 : epoch;
    if (m !== this.#epoch) {
      if (this.#epoch >= 0) this.restarts++;
      this.#start(m, 2 ** m);
    }
  }

  probabilities(t: number): Float64Array {
    this.#enter(t);
    softmaxOfCosts(this.#eta, this.#W, this.#q);
    const K = this.children;
    for (let i = 0; i < K; i++) this.#p[i] = this.#eps / K + (1 - this.#eps) * this.#q[i];
    return this.#p;
  }

  pick(t: number, arrival: number, out: StagePick): StagePick {
    if (this.etaRule === 'adaptive') {
      this.#enter(t);
      // S_n >= 1 from the first job on (P <= 1); P = 0 would give eta 0, i.e. uniform q.
      this.#inverseSquares += 1 / (arrival * arrival);
      this.#eta = this.#etaConstant / Math.sqrt(this.#inverseSquares);
    }
    const p = this.probabilities(t);
    const q = this.#q;
    const educate = this.#eps > 0 && this.#rng.uniform() < this.#eps;
    const child = educate ? this.#rng.int(this.children) : drawIndex(q, this.#rng.uniform());
    out.child = child;
    out.prob = p[child];
    out.epoch = this.#epoch;
    if (this.estimator === 'all-samples') out.weight = arrival * p[child];
    else out.weight = educate ? 0 : arrival * (1 - this.#eps) * q[child];
    return out;
  }

  learn(pick: StagePick, cost: number): void {
    if (pick.weight <= 0 || pick.epoch !== this.#epoch) return;
    if (this.etaRule === 'adaptive') addCost(this.#eta, this.#W, pick.child, cost / pick.weight, W_CAP);
    else addCost(this.#eta, this.#W, pick.child, cost / pick.weight);
  }
}
