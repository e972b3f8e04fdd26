/**
 * Shared reward models over joint actions (all players of a DAG receive the same realised value).
 * Stochastic models have fixed means; the switching model changes means at given rounds, which is
 * the adversarial (oblivious, non-stationary) case. Means of Bernoulli models lie in [0, 1].
 */
import type { Rng } from '../random.js';
import type { Dag } from './Dag.js';

export type RewardNoise = { kind: 'bernoulli' } | { kind: 'gaussian'; sd: number };

export interface JointRewardModel {
  /** Expected reward of `joint` in `round` (0-based). */
  mean(round: number, joint: ArrayLike<number>): number;
  /** One realised reward of `joint` in `round`, drawing from `rng` (the same draws for the same call sequence). */
  sample(round: number, joint: ArrayLike<number>, rng: Rng): number;
  /** Rounds [from, to) within [0, horizon) over which the means stay the same. */
  segments(horizon: number): { from: number; to: number }[];
  /** Smallest and largest mean over all joint actions and rounds. */
  readonly meanRange: readonly [number, number];
}

function draw(mu: number, noise: RewardNoise, rng: Rng): number {
  return noise.kind === 'bernoulli' ? (rng.uniform() < mu ? 1 : 0) : rng.normal(mu, noise.sd);
}

/** A mean per joint action, indexed as `dag.jointIndex`. */
export class TableReward implements JointRewardModel {
  readonly means: Float64Array;
  readonly meanRange: readonly [number, number];
  readonly #dag: Dag;
  readonly #noise: RewardNoise;

  constructor(dag: Dag, means: ArrayLike<number>, noise: RewardNoise) {
    if (means.length !== dag.jointActions) throw new Error(`a reward table needs ${dag.jointActions} means (one per joint action), found ${means.length}`);
    this.#dag = dag;
    this.#noise = noise;
    this.means = Float64Array.from(means);
    let lo = Infinity;
    let hi = -Infinity;
    for (const m of this.means) {
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
    this.meanRange = [lo, hi];
  }

  mean(_round: number, joint: ArrayLike<number>): number {
    return this.means[this.#dag.jointIndex(joint)];
  }

  sample(round: number, joint: ArrayLike<number>, rng: Rng): number {
    return draw(this.mean(round, joint), this.#noise, rng);
  }

  segments(horizon: number) {
    return [{ from: 0, to: horizon }];
  }
}

/**
 * A random table with a unique best joint action: every mean uniform in [0, 1 - gap), then one
 * joint action (uniform) raised to the largest other mean + gap.
 */
export function randomTableMeans(jointActions: number, gap: number, rng: Rng): Float64Array {
  const means = new Float64Array(jointActions);
  for (let j = 0; j < jointActions; j++) means[j] = rng.uniform() * (1 - gap);
  const best = rng.int(jointActions);
  let top = 0;
  for (let j = 0; j < jointActions; j++) if (j !== best) top = Math.max(top, means[j]);
  means[best] = jointActions === 1 ? means[best] : top + gap;
  return means;
}

/**
 * A structured reward for large games: each player i has a factor v_i(context, action) in
 * [0, 1] (a table of `contexts(i)` rows by `actions(i)` columns), and
 *   mean = base + scale * (sum_i w_i v_i) / (sum_i w_i)   (combine 'mean'), or
 *   mean = base + scale * prod_i v_i                       (combine 'product': pays only when
 *                                                           every player's factor does), or
 *   mean = base + scale * (prod_{roots} v_r) * (sum_{others} w_i v_i) / (sum_{others} w_i)
 *                                                          (combine 'gated': the roots' choice
 *                                                           pays as far as the others fit it).
 * A factor row with a single 1 says which action fits that parent context.
 */
export class FactorReward implements JointRewardModel {
  readonly meanRange: readonly [number, number];
  readonly #dag: Dag;
  readonly #factors: readonly Float64Array[];
  readonly #weights: Float64Array;
  readonly #weightSum: number;
  readonly #base: number;
  readonly #scale: number;
  readonly #combine: 'mean' | 'product' | 'gated';
  readonly #noise: RewardNoise;

  constructor(
    dag: Dag,
    options: { factors: readonly ArrayLike<number>[]; weights?: readonly number[]; base: number; scale: number; combine: 'mean' | 'product' | 'gated'; noise: RewardNoise },
  ) {
    const { factors, base, scale, combine, noise } = options;
    if (factors.length !== dag.size) throw new Error(`a factor reward needs one factor per player (${dag.size}), found ${factors.length}`);
    factors.forEach((f, i) => {
      const want = dag.contextCounts[i] * dag.actions[i];
      if (f.length !== want) throw new Error(`factor of player ${i} needs ${want} values (contexts x actions), found ${f.length}`);
    });
    this.#dag = dag;
    this.#factors = factors.map((f) => Float64Array.from(f));
    this.#weights = Float64Array.from(options.weights ?? new Array<number>(dag.size).fill(1));
    this.#combine = combine;
    // 'gated' averages over the players with parents only (a DAG of roots only: nothing to gate).
    const averaged = (i: number) => combine !== 'gated' || dag.parents[i].length > 0;
    this.#weightSum = this.#weights.reduce((a, w, i) => (averaged(i) ? a + w : a), 0) || 1;
    this.#base = base;
    this.#scale = scale;
    this.#noise = noise;
    this.meanRange = [Math.min(base, base + scale), Math.max(base, base + scale)];
  }

  mean(_round: number, joint: ArrayLike<number>): number {
    const dag = this.#dag;
    let prod = 1;
    let sum = 0;
    for (let i = 0; i < dag.size; i++) {
      const v = this.#factors[i][dag.context(i, joint) * dag.actions[i] + joint[i]];
      if (this.#combine === 'product' || (this.#combine === 'gated' && dag.parents[i].length === 0)) prod *= v;
      else sum += this.#weights[i] * v;
    }
    const value = this.#combine === 'product' ? prod : this.#combine === 'gated' ? (prod * sum) / this.#weightSum : sum / this.#weightSum;
    return this.#base + this.#scale * value;
  }

  sample(round: number, joint: ArrayLike<number>, rng: Rng): number {
    return draw(this.mean(round, joint), this.#noise, rng);
  }

  segments(horizon: number) {
    return [{ from: 0, to: horizon }];
  }
}

/** Means that switch between models at given rounds (an oblivious adversary). */
export class SwitchingReward implements JointRewardModel {
  readonly meanRange: readonly [number, number];
  readonly #starts: readonly number[];
  readonly #models: readonly JointRewardModel[];

  /** `starts[p]` is the first round of phase p; starts[0] must be 0 and the list increasing. */
  constructor(starts: readonly number[], models: readonly JointRewardModel[]) {
    if (starts.length !== models.length || starts.length === 0) throw new Error('a switching reward needs one start round per phase model');
    if (starts[0] !== 0 || starts.some((s, p) => p > 0 && !(s > starts[p - 1]))) throw new Error(`phase start rounds must begin at 0 and increase, found ${starts.join(', ')}`);
    this.#starts = starts;
    this.#models = models;
    this.meanRange = [Math.min(...models.map((m) => m.meanRange[0])), Math.max(...models.map((m) => m.meanRange[1]))];
  }

  #phase(round: number): JointRewardModel {
    let p = this.#starts.length - 1;
    while (p > 0 && round < this.#starts[p]) p--;
    return this.#models[p];
  }

  mean(round: number, joint: ArrayLike<number>): number {
    return this.#phase(round).mean(round, joint);
  }

  sample(round: number, joint: ArrayLike<number>, rng: Rng): number {
    return this.#phase(round).sample(round, joint, rng);
  }

  segments(horizon: number) {
    const out: { from: number; to: number }[] = [];
    this.#starts.forEach((s, p) => {
      const to = Math.min(horizon, p + 1 < this.#starts.length ? this.#starts[p + 1] : horizon);
      if (s < to) out.push({ from: s, to });
    });
    return out;
  }
}

/**
 * Joint pseudo-regret against the best fixed joint action in expectation over the horizon:
 * a* = argmax_a sum_t mu_t(a) (lowest index on ties); instant regret mu_t(a*) - mu_t(a_t), which
 * can be negative for switching models (a* is only best on the whole horizon).
 */
export class JointRegret {
  readonly best: Int32Array;
  readonly #model: JointRewardModel;
  readonly #bestMeans: { from: number; to: number; mean: number }[];

  constructor(dag: Dag, model: JointRewardModel, horizon: number) {
    this.#model = model;
    const segments = model.segments(horizon);
    const joint = new Int32Array(dag.size);
    let bestIdx = 0;
    let bestTotal = -Infinity;
    for (let idx = 0; idx < dag.jointActions; idx++) {
      dag.decodeJoint(idx, joint);
      let total = 0;
      for (const s of segments) total += (s.to - s.from) * model.mean(s.from, joint);
      if (total > bestTotal) {
        bestTotal = total;
        bestIdx = idx;
      }
    }
    this.best = new Int32Array(dag.size);
    dag.decodeJoint(bestIdx, this.best);
    this.#bestMeans = segments.map((s) => ({ ...s, mean: model.mean(s.from, this.best) }));
  }

  /** Expected reward of the best fixed joint action in `round`. */
  optimal(round: number): number {
    for (const s of this.#bestMeans) if (round < s.to) return s.mean;
    return this.#bestMeans[this.#bestMeans.length - 1].mean;
  }

  instant(round: number, joint: ArrayLike<number>): number {
    return this.optimal(round) - this.#model.mean(round, joint);
  }
}
