/**
 * Independent EXP3 at one internal node (the paper's Sec. 7 baseline): exponential weights on
 * the end-to-end cost, importance-weighted by the node's own selection probability only (no
 * arrival probability, no education): W_m += c / p_m, p = softmax(-eta W).
 * Default eta = sqrt(2 ln K / (T K)) (PROPOSAL: the paper's value is not visible).
 */
import type { Rng } from '../random.js';
import { addCost, drawIndex, softmaxOfCosts } from './logSoftmax.js';
import type { StageLearner, StagePick } from './StageLearner.js';

export interface Exp3StageOptions {
  children: number;
  horizon: number;
  rng: Rng;
  eta?: number;
}

export function exp3Eta(children: number, horizon: number): number {
  return Math.sqrt((2 * Math.log(children)) / (Math.max(1, horizon) * children));
}

export class Exp3Stage implements StageLearner {
  readonly children: number;
  readonly eta: number;
  readonly #rng: Rng;
  readonly #W: Float64Array;
  readonly #p: Float64Array;

  constructor({ children, horizon, rng, eta }: Exp3StageOptions) {
    if (!Number.isInteger(children) || children < 1) throw new Error(`the 'children' parameter of an Exp3Stage must be an integer >= 1, found ${children}`);
    this.children = children;
    this.eta = eta ?? exp3Eta(children, horizon);
    if (!(this.eta >= 0) || !Number.isFinite(this.eta)) throw new Error(`the 'eta' parameter of an Exp3Stage must be a finite number >= 0, found ${this.eta}`);
    this.#rng = rng;
    this.#W = new Float64Array(children);
    this.#p = new Float64Array(children);
  }

  probabilities(): Float64Array {
    return softmaxOfCosts(this.eta, this.#W, this.#p);
  }

  pick(_t: number, _arrival: number, out: StagePick): StagePick {
    const p = this.probabilities();
    const child = drawIndex(p, this.#rng.uniform());
    out.child = child;
    out.prob = p[child];
    out.weight = p[child];
    out.epoch = -1;
    return out;
  }

  learn(pick: StagePick, cost: number): void {
    if (pick.weight > 0) addCost(this.eta, this.#W, pick.child, cost / pick.weight);
  }
}
