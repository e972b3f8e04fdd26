/**
 * The single-agent learner contract: three verbs, after SMPyBandits' BasePolicy
 * (startGame / choice / getReward).
 */
export interface Learner {
  /** Forget everything; the next `choose()` is round 1. */
  reset(): void;
  /** The arm (index in [0, K)) to play this round. */
  choose(): number;
  /** The reward observed for `arm` this round. */
  observe(arm: number, reward: number): void;
}
