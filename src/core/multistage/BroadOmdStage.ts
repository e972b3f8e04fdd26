/**
 * Broad-OMD (Wei & Luo, COLT 2018) run independently at one internal node, the paper's second
 * baseline. Online mirror descent with the log-barrier psi(p) = sum_i (1/eta_i) ln(1/p_i):
 *   lhat_i = (c - m_i) 1{i picked} / p_i + m_i,   a_i = 6 eta_i p_i (lhat_i - m_i)^2,
 *   1/p'_i = 1/p_i + eta_i (lhat_i + a_i + mu),   mu such that sum p' = 1 (bisection),
 * and when 1/p'_i > rho_i: rho_i = 2/p'_i, eta_i *= kappa = e^(1/ln T) (increasing rates).
 * Loss predictions m = 0. PROPOSAL (the spec recalls the method from memory, and the paper's
 * constants are not visible): initial eta = sqrt(K ln T / T) / 4, rho = 2K.
 * Costs are learned in arrival order; a late cost updates against the current p with the
 * probability recorded at the pick.
 */
import type { Rng } from '../random.js';
import { drawIndex } from './logSoftmax.js';
import type { StageLearner, StagePick } from './StageLearner.js';

export interface BroadOmdStageOptions {
  children: number;
  horizon: number;
  rng: Rng;
  eta?: number;
}

export function broadOmdEta(children: number, horizon: number): number {
  const T = Math.max(3, horizon);
  return Math.sqrt((children * Math.log(T)) / T) / 4;
}

export class BroadOmdStage implements StageLearner {
  readonly children: number;
  readonly kappa: number;
  readonly #rng: Rng;
  readonly #p: Float64Array;
  readonly #eta: Float64Array;
  readonly #rho: Float64Array;
  readonly #loss: Float64Array;

  constructor({ children, horizon, rng, eta }: BroadOmdStageOptions) {
    if (!Number.isInteger(children) || children < 1) throw new Error(`the 'children' parameter of a BroadOmdStage must be an integer >= 1, found ${children}`);
    const eta0 = eta ?? broadOmdEta(children, horizon);
    if (!(eta0 > 0) || !Number.isFinite(eta0)) throw new Error(`the 'eta' parameter of a BroadOmdStage must be a finite number > 0, found ${eta0}`);
    this.children = children;
    this.kappa = Math.exp(1 / Math.log(Math.max(3, horizon)));
    this.#rng = rng;
    this.#p = new Float64Array(children).fill(1 / children);
    this.#eta = new Float64Array(children).fill(eta0);
    this.#rho = new Float64Array(children).fill(2 * children);
    this.#loss = new Float64Array(children);
  }

  probabilities(): Float64Array {
    return this.#p;
  }

  pick(_t: number, _arrival: number, out: StagePick): StagePick {
    const child = drawIndex(this.#p, this.#rng.uniform());
    out.child = child;
    out.prob = this.#p[child];
    out.weight = this.#p[child];
    out.epoch = -1;
    return out;
  }

  learn(pick: StagePick, cost: number): void {
    if (!(pick.weight > 0) || this.children === 1) return;
    const K = this.children;
    const p = this.#p;
    const eta = this.#eta;
    const loss = this.#loss;
    loss.fill(0);
    const lhat = cost / pick.weight;
    const i = pick.child;
    loss[i] = lhat + 6 * eta[i] * p[i] * lhat * lhat;
    // sum_j 1 / (1/p_j + eta_j (loss_j + mu)) is decreasing in mu: it is <= 1 at mu = -min loss
    // (every term <= p_j), and >= 1 at the largest mu where some term alone reaches 1.
    // Every term is positive above lo (lo exceeds each pole -1/(eta_j p_j) - loss_j).
    let lo = -Infinity;
    let hi = -Infinity;
    for (let j = 0; j < K; j++) {
      lo = Math.max(lo, (1 - 1 / p[j]) / eta[j] - loss[j]);
      hi = Math.max(hi, -loss[j]);
    }
    const sum = (mu: number) => {
      let s = 0;
      for (let j = 0; j < K; j++) s += 1 / (1 / p[j] + eta[j] * (loss[j] + mu));
      return s;
    };
    for (let it = 0; it < 100 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); it++) {
      const mid = lo + (hi - lo) / 2;
      if (sum(mid) > 1) lo = mid;
      else hi = mid;
    }
    let total = 0;
    for (let j = 0; j < K; j++) {
      p[j] = 1 / (1 / p[j] + eta[j] * (loss[j] + hi));
      total += p[j];
    }
    for (let j = 0; j < K; j++) {
      p[j] = Math.max(p[j] / total, Number.MIN_VALUE);
      if (1 / p[j] > this.#rho[j]) {
        this.#rho[j] = 2 / p[j];
        eta[j] *= this.kappa;
      }
    }
  }
}
