/**
 * The three ways to play a DAG game compared in this family:
 *  - per-context: each player runs one bandit instance per parent context (spec §4.2 proposal);
 *  - independent: each player runs one instance and ignores its parents' actions;
 *  - centralized: one bandit over all |A_V| joint actions (what decentralization costs).
 * Bandit instances are EXP3 (adversarial rewards) or UCB1 (stochastic rewards).
 *
 * Streams: player i's instances draw from `rng.stream('player/<i>')`; the centralized bandit from
 * `rng` itself. The player nodes build the same players from the same streams.
 */
import { Exp3 } from '../bandit/Exp3.js';
import { Ucb1 } from '../bandit/Ucb1.js';
import type { Learner } from '../Learner.js';
import type { Rng } from '../random.js';
import { ContextPlayer, type PolicyView } from './ContextPlayer.js';
import type { Dag } from './Dag.js';

export type DagMode = 'per-context' | 'independent' | 'centralized';

export interface DagBanditOptions {
  bandit: 'exp3' | 'ucb1';
  /** Rounds of the run (EXP3's default gamma is tuned to it). */
  horizon: number;
  /** EXP3 exploration; default min(1, sqrt(K ln K / ((e-1) T))). */
  gamma?: number;
  /** UCB1 exploration scale (reward units). */
  c: number;
  /**
   * UCB1 in the decentralized modes: probability of a uniform action instead of the index choice.
   * Default min(1, sqrt(A ln A / ((e-1) T))), EXP3's gamma: a follower's instance for a context
   * learns only in rounds where its parents play that context, and UCB1's logarithmic exploration
   * alone leaves those instances untrained, so a parent mistakes its children's ignorance for a
   * bad action and locks onto a local optimum (spec §4.2: exploration "educates the descendants").
   * The centralized bandit has no descendants and plays plain UCB1 unless this is given.
   */
  explore?: number;
  /** EXP3 maps rewards from this range to [0, 1]. */
  rewardRange: readonly [number, number];
}

/**
 * One bandit instance. UCB1 is deterministic apart from ties, so players with the same
 * information (followers of one leader) would pick the same actions in lockstep forever and
 * never coordinate on different roles; each UCB1 instance therefore sees its arms in an order
 * drawn from the player's stream when it is created.
 */
export function createInstance(arms: number, options: DagBanditOptions, rng: Rng): Learner & PolicyView {
  if (options.bandit === 'exp3') return new Exp3(arms, options.horizon, rng, { gamma: options.gamma, rewardRange: options.rewardRange });
  const ucb = new PermutedArms(new Ucb1(arms, rng, { c: options.c }), rng);
  const explore = options.explore ?? 0;
  return explore > 0 ? new Educated(ucb, arms, explore, rng) : ucb;
}

/** EXP3's horizon-tuned exploration rate, min(1, sqrt(A ln A / ((e-1) T))). */
export function defaultExploration(arms: number, horizon: number): number {
  return Math.min(1, Math.sqrt((arms * Math.log(Math.max(arms, 2))) / ((Math.E - 1) * horizon)));
}

/** With probability `explore` a uniform action instead of the inner learner's (its sample still counts). */
class Educated implements Learner {
  readonly #inner: Learner;
  readonly #arms: number;
  readonly #explore: number;
  readonly #rng: Rng;

  constructor(inner: Learner, arms: number, explore: number, rng: Rng) {
    this.#inner = inner;
    this.#arms = arms;
    this.#explore = explore;
    this.#rng = rng;
  }

  reset(): void {
    this.#inner.reset();
  }

  choose(): number {
    return this.#rng.uniform() < this.#explore ? this.#rng.int(this.#arms) : this.#inner.choose();
  }

  observe(arm: number, reward: number): void {
    this.#inner.observe(arm, reward);
  }
}

/** A learner whose arm k is the inner learner's arm perm^-1[k]: only the labels change. */
class PermutedArms implements Learner {
  readonly #inner: Learner;
  readonly #perm: Int32Array;
  readonly #inverse: Int32Array;

  constructor(inner: Learner & { arms: number }, rng: Rng) {
    this.#inner = inner;
    const order = rng.shuffle(Array.from({ length: inner.arms }, (_, k) => k));
    this.#perm = Int32Array.from(order);
    this.#inverse = new Int32Array(order.length);
    order.forEach((a, k) => (this.#inverse[a] = k));
  }

  reset(): void {
    this.#inner.reset();
  }

  choose(): number {
    return this.#perm[this.#inner.choose()];
  }

  observe(arm: number, reward: number): void {
    this.#inner.observe(this.#inverse[arm], reward);
  }
}

/** Player i of a decentralized mode, on its own stream below `algorithmRng`. */
export function createPlayer(dag: Dag, i: number, mode: Exclude<DagMode, 'centralized'>, options: DagBanditOptions, algorithmRng: Rng): ContextPlayer {
  const rng = algorithmRng.stream(`player/${i}`);
  const contexts = mode === 'per-context' ? dag.contextCounts[i] : 1;
  const own = { ...options, explore: options.explore ?? defaultExploration(dag.actions[i], options.horizon) };
  return new ContextPlayer(dag.actions[i], contexts, () => createInstance(dag.actions[i], own, rng));
}

export interface JointPolicy {
  /** Writes this round's joint action into `joint` (players in topological order). */
  act(joint: Int32Array): void;
  /** The shared reward of the joint action just played. */
  observe(reward: number): void;
}

export class DecentralizedPlay implements JointPolicy {
  readonly players: readonly ContextPlayer[];
  readonly #dag: Dag;
  readonly #ignoreParents: boolean;
  readonly #contexts: Int32Array;
  readonly #joint: Int32Array;

  constructor(dag: Dag, mode: Exclude<DagMode, 'centralized'>, options: DagBanditOptions, algorithmRng: Rng) {
    this.#dag = dag;
    this.#ignoreParents = mode === 'independent';
    this.players = dag.actions.map((_, i) => createPlayer(dag, i, mode, options, algorithmRng));
    this.#contexts = new Int32Array(dag.size);
    this.#joint = new Int32Array(dag.size);
  }

  act(joint: Int32Array): void {
    for (const i of this.#dag.order) {
      const c = this.#ignoreParents ? 0 : this.#dag.context(i, joint);
      this.#contexts[i] = c;
      joint[i] = this.players[i].choose(c);
    }
    this.#joint.set(joint);
  }

  observe(reward: number): void {
    for (let i = 0; i < this.#dag.size; i++) this.players[i].observe(this.#contexts[i], this.#joint[i], reward);
  }
}

export class CentralizedPlay implements JointPolicy {
  readonly #dag: Dag;
  readonly #bandit: Learner;
  #last = 0;

  constructor(dag: Dag, options: DagBanditOptions, algorithmRng: Rng) {
    this.#dag = dag;
    this.#bandit = createInstance(dag.jointActions, options, algorithmRng);
  }

  act(joint: Int32Array): void {
    this.#last = this.#bandit.choose();
    this.#dag.decodeJoint(this.#last, joint);
  }

  observe(reward: number): void {
    this.#bandit.observe(this.#last, reward);
  }
}

export function createJointPolicy(dag: Dag, mode: DagMode, options: DagBanditOptions, algorithmRng: Rng): JointPolicy {
  return mode === 'centralized' ? new CentralizedPlay(dag, options, algorithmRng) : new DecentralizedPlay(dag, mode, options, algorithmRng);
}

/**
 * Plays `horizon` rounds and returns the cumulative joint pseudo-regret after each round listed
 * in `grid` (ascending, 1-based). `regret(round, joint)` is the instant regret; rewards come from
 * `sample(round, joint)`.
 */
export function playDag(
  dag: Dag,
  policy: JointPolicy,
  horizon: number,
  sample: (round: number, joint: Int32Array) => number,
  regret: (round: number, joint: Int32Array) => number,
  grid: Int32Array,
): Float64Array {
  const out = new Float64Array(grid.length);
  const joint = new Int32Array(dag.size);
  let total = 0;
  let g = 0;
  for (let t = 0; t < horizon; t++) {
    policy.act(joint);
    policy.observe(sample(t, joint));
    total += regret(t, joint);
    while (g < grid.length && grid[g] === t + 1) out[g++] = total;
  }
  return out;
}
