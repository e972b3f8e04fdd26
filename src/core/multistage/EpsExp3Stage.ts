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
 */
import type { Rng } from '../random.js';
import { addCost, drawIndex, softmaxOfCosts } from './logSoftmax.js';
import type { StageParameters } from './epsExp3Parameters.js';
import type { StageLearner, StagePick } from './StageLearner.js';

export type EpsExp3Estimator = 'exp3-mode' | 'all-samples';

export interface EpsExp3StageOptions {
  children: number;
  rng: Rng;
  /** The node's eps and eta for a horizon (fixed horizon: called once; anytime: once per epoch). */
  parameters: (horizon: number) => StageParameters;
  horizon: number;
  anytime?: boolean;
  estimator?: EpsExp3Estimator;
}

export class EpsExp3Stage implements StageLearner {
  readonly children: number;
  readonly anytime: boolean;
  readonly estimator: EpsExp3Estimator;
  readonly #rng: Rng;
  readonly #parameters: (horizon: number) => StageParameters;
  readonly #W: Float64Array;
  readonly #q: Float64Array;
  readonly #p: Float64Array;
  #eps = 0;
  #eta = 0;
  #epoch = -1;
  /** Number of restarts so far (anytime), for tests and the viewer. */
  restarts = 0;

  constructor({ children, rng, parameters, horizon, anytime = false, estimator = 'exp3-mode' }: EpsExp3StageOptions) {
    if (!Number.isInteger(children) || children < 1) throw new Error(`the 'children' parameter of an EpsExp3Stage must be an integer >= 1, found ${children}`);
    this.children = children;
    this.anytime = anytime;
    this.estimator = estimator;
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

  get eta(): number {
    return this.#eta;
  }

  /** Cumulative estimated costs (a view). */
  get costs(): Float64Array {
    return this.#W;
  }

  #start(epoch: number, horizon: number): void {
    const { eps, eta } = this.#parameters(horizon);
    this.#eps = eps;
    this.#eta = eta;
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
    addCost(this.#eta, this.#W, pick.child, cost / pick.weight);
  }
}
