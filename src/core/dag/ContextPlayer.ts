/**
 * One player of the DAG game (spec §4.2, a PROPOSAL consistent with the paper's abstract): an
 * independent single-player bandit instance per parent context. Each round the player looks up
 * the instance of the context its parents' actions form, plays that instance's choice, and after
 * the shared reward updates only that instance. Instances are created on first use, in the order
 * contexts occur, all drawing from the player's one stream, so the same sequence of calls gives
 * the same actions on the fast path and on the node path.
 */
import type { Learner } from '../Learner.js';

/** The instance's play probabilities, for instances that have them (EXP3). */
export interface PolicyView {
  probabilities?(): ArrayLike<number>;
}

export type InstanceFactory = (context: number) => Learner & PolicyView;

export class ContextPlayer {
  readonly actions: number;
  readonly contexts: number;
  readonly #make: InstanceFactory;
  readonly #instances = new Map<number, Learner & PolicyView>();
  /** Rewarded plays per action, per context seen (for display only; never read by the instances). */
  readonly #plays = new Map<number, Float64Array>();

  /** @param contexts number of parent contexts (1 for a root or a player that ignores its parents). */
  constructor(actions: number, contexts: number, make: InstanceFactory) {
    if (!Number.isInteger(contexts) || contexts < 1) throw new Error(`a ContextPlayer needs contexts >= 1, found ${contexts}`);
    this.actions = actions;
    this.contexts = contexts;
    this.#make = make;
  }

  #instance(context: number): Learner & PolicyView {
    if (!Number.isInteger(context) || context < 0 || context >= this.contexts) throw new Error(`context ${context} is out of range (0..${this.contexts - 1})`);
    let b = this.#instances.get(context);
    if (!b) {
      b = this.#make(context);
      this.#instances.set(context, b);
    }
    return b;
  }

  /** The action to play in parent context `context`. */
  choose(context: number): number {
    return this.#instance(context).choose();
  }

  /** The shared reward of a round in which this player played `action` in `context`. */
  observe(context: number, action: number, reward: number): void {
    this.#instance(context).observe(action, reward);
    let plays = this.#plays.get(context);
    if (!plays) {
      plays = new Float64Array(this.actions);
      this.#plays.set(context, plays);
    }
    plays[action] += 1;
  }

  /** Contexts seen so far. */
  get contextsSeen(): number {
    return this.#instances.size;
  }

  /** Rewarded plays of each action in `context` so far (zeros for a context not seen). */
  plays(context: number): number[] {
    const plays = this.#plays.get(context);
    return plays ? Array.from(plays) : new Array<number>(this.actions).fill(0);
  }

  /**
   * The player's mixed strategy in `context` for display: EXP3's play probabilities, or for
   * index policies the share of its rewarded plays per action in that context (uniform before any).
   */
  policy(context: number): number[] {
    const b = this.#instances.get(context);
    const p = b?.probabilities?.();
    if (p) return Array.from(p);
    const plays = this.plays(context);
    const total = plays.reduce((a, x) => a + x, 0);
    return plays.map((x) => (total > 0 ? x / total : 1 / this.actions));
  }
}
