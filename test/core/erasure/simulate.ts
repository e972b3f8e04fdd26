// Test fixture: a minimal erasure world (i.i.d. erasures, keep-last agents, Gaussian rewards)
// driving any ErasureLearner, with hooks to inspect or tamper with each round.
import type { ErasureLearner } from '../../../src/core/erasure/ErasureLearner.js';
import { KeepLastAgent } from '../../../src/core/erasure/KeepLastAgent.js';
import { Rng } from '../../../src/core/random.js';

export interface SimulateOptions {
  means: readonly number[];
  /** True erasure probability per agent. */
  eps: readonly number[];
  rounds: number;
  seed: number | string;
  /** Noise sd (default 1). */
  sd?: number;
  /** Return true to make agent j's reward of round t arrive as NaN. */
  missing?: (t: number, j: number) => boolean;
  /** Called after each round with the commands, arms played and rewards as the learner saw them. */
  onRound?: (t: number, commands: Int32Array, played: Int32Array, rewards: Float64Array) => void;
}

/** Cumulative pseudo-regret after each round. */
export function simulate(learner: ErasureLearner, o: SimulateOptions): Float64Array {
  const root = new Rng(o.seed);
  const M = o.eps.length;
  const K = o.means.length;
  const best = Math.max(...o.means);
  const agents = o.eps.map((_, j) => new KeepLastAgent({ arms: K, rng: root.stream(`agent/${j}`) }));
  const links = o.eps.map((_, j) => root.stream(`channel/${j}`));
  const noise = o.eps.map((_, j) => root.stream(`agent/${j}/reward`));
  const cmd = new Int32Array(M);
  const played = new Int32Array(M);
  const rewards = new Float64Array(M);
  const curve = new Float64Array(o.rounds);
  let regret = 0;
  for (let t = 0; t < o.rounds; t++) {
    learner.nextCommands(t, cmd);
    for (let j = 0; j < M; j++) {
      if (!links[j].bernoulli(o.eps[j])) agents[j].receive(t, cmd[j]);
      played[j] = agents[j].play();
      rewards[j] = noise[j].normal(o.means[played[j]], o.sd ?? 1);
      regret += best - o.means[played[j]];
      if (o.missing?.(t, j)) rewards[j] = NaN;
    }
    o.onRound?.(t, cmd, played, rewards);
    learner.observe(t, rewards);
    curve[t] = regret;
  }
  return curve;
}
