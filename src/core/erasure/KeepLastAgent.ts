/**
 * An agent of the erasure-channel model (Hanna et al., AISTATS 2024, Sec. II-B): it plays the
 * last command it received, and before its first command a "base action" drawn uniformly from
 * the K arms. The same object serves the simulator and the agent node, so both play alike.
 *
 * Randomness: the base action is the first and only draw of the Rng given to the constructor
 * (the experiment passes `runRng.stream('agent/<j>')`): `rng.int(K)`. Reward noise is not drawn
 * here; it comes from the agent's reward stream `agent/<j>/reward` in the environment.
 *
 * Per round: call `receive(sentRound, arm)` for every command arriving this round (any order),
 * then `play()` once. When several commands arrive in the same round the one sent last wins;
 * a command that arrives later than a newer one (reordering) still replaces it, because the
 * agent only knows what arrived last.
 * ```ts
 * const agent = new KeepLastAgent({ arms: 10, rng: runRng.stream('agent/0') });
 * agent.receive(0, 3);      // round 0's command arrived in round 0
 * agent.play();             // 3
 * agent.play();             // 3 again: nothing arrived in round 1
 * ```
 */
import type { Rng } from '../random.js';

export interface KeepLastAgentOptions {
  /** K, number of arms (integer >= 1). */
  arms: number;
  /** The agent's own stream; one draw: the base action. */
  rng: Rng;
}

export class KeepLastAgent {
  readonly arms: number;
  /** Arm played before the first command arrives (arm index). */
  readonly baseAction: number;
  #current: number;
  #arrivalSent = -1;
  #arrivalArm = 0;
  #received = 0;

  constructor({ arms, rng }: KeepLastAgentOptions) {
    if (!Number.isInteger(arms) || arms < 1) throw new RangeError(`the 'arms' parameter of a KeepLastAgent must be an integer >= 1, found ${arms}`);
    this.arms = arms;
    this.baseAction = rng.int(arms);
    this.#current = this.baseAction;
  }

  /** The arm the agent plays when nothing new arrives. */
  get current(): number {
    return this.#current;
  }

  /** Commands received so far. */
  get received(): number {
    return this.#received;
  }

  /** Back to the base action, nothing received. */
  reset(): void {
    this.#current = this.baseAction;
    this.#arrivalSent = -1;
    this.#received = 0;
  }

  /**
   * A command sent in round `sentRound` (>= 0) arrives in the current round. `arm` must be in
   * [0, K): callers that take it from the wire validate it first (a node counts and drops bad ones).
   */
  receive(sentRound: number, arm: number): void {
    this.#received += 1;
    if (sentRound > this.#arrivalSent) {
      this.#arrivalSent = sentRound;
      this.#arrivalArm = arm;
    }
  }

  /** Close the round: adopt this round's last arrival, if any, and return the arm played. */
  play(): number {
    if (this.#arrivalSent >= 0) {
      this.#current = this.#arrivalArm;
      this.#arrivalSent = -1;
    }
    return this.#current;
  }
}
