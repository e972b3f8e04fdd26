/**
 * MA-UCB: UCB extended to M agents that all receive the same command, ignoring the erasures
 * (Hanna et al., AISTATS 2024, Sec. V baseline; spec 1.5).
 *
 * n counts commanded pulls (starts at 1, + M per round). While n <= K the agents are commanded
 * arms n-1, n, ... (one each; agents beyond arm K-1 get uniformly random arms). Afterwards every
 * agent is commanded
 *
 *   argmax_a  mean(a) + c sqrt( ln(1 + n ln(n)^2) / N(a) )     (ties: lowest index)
 *
 * with N(a) = 1 + samples credited to a (a pseudo-count of 1). Every reward of the round is
 * credited to the commanded arm, which is wrong under erasure and makes the regret linear.
 *
 * Draws from the learner's Rng: during initialisation only, one `rng.int(K)` per agent that has
 * no arm left, agent order.
 */
import type { Rng } from '../random.js';
import { checkPositive } from './BatchElimination.js';
import type { ErasureLearner, ErasureLearnerSummary } from './ErasureLearner.js';
import { RoundSequence } from './RoundSequence.js';

export interface MaUcbOptions {
  /** K, number of arms (integer >= 1). */
  arms: number;
  /** M, number of agents (integer >= 1). */
  agents: number;
  /** Exploration scale (> 0, default 1). */
  c?: number;
  rng: Rng;
}

export class MaUcb implements ErasureLearner {
  readonly algorithm = 'ma-ucb';
  readonly arms: number;
  readonly agents: number;
  readonly c: number;
  readonly #rng: Rng;
  readonly #sum: Float64Array;
  /** Pseudo-count 1 plus the samples credited. */
  readonly #pulls: Float64Array;
  readonly #cmd: Int32Array;
  readonly #rounds = new RoundSequence('ma-ucb');
  #n = 1;
  #missing = 0;

  constructor({ arms, agents, c = 1, rng }: MaUcbOptions) {
    if (!Number.isInteger(arms) || arms < 1) throw new RangeError(`the 'arms' parameter of a ma-ucb learner must be an integer >= 1, found ${arms}`);
    if (!Number.isInteger(agents) || agents < 1) throw new RangeError(`the 'agents' parameter of a ma-ucb learner must be an integer >= 1, found ${agents}`);
    this.arms = arms;
    this.agents = agents;
    this.c = checkPositive('a ma-ucb learner', 'c', c);
    this.#rng = rng;
    this.#sum = new Float64Array(arms);
    this.#pulls = new Float64Array(arms);
    this.#cmd = new Int32Array(agents);
    this.reset();
  }

  reset(): void {
    this.#sum.fill(0);
    this.#pulls.fill(1);
    this.#n = 1;
    this.#missing = 0;
    this.#rounds.reset();
  }

  nextCommands(round: number, out: Int32Array): void {
    this.#rounds.commands(round);
    const K = this.arms;
    const cmd = this.#cmd;
    if (this.#n <= K) {
      const first = this.#n - 1;
      for (let j = 0; j < this.agents; j++) cmd[j] = first + j < K ? first + j : this.#rng.int(K);
    } else {
      const ln = Math.log(this.#n);
      const logTerm = Math.log(1 + this.#n * ln * ln);
      let best = 0;
      let bestIndex = -Infinity;
      for (let a = 0; a < K; a++) {
        const n = this.#pulls[a];
        const mean = n > 1 ? this.#sum[a] / (n - 1) : 0;
        const index = mean + this.c * Math.sqrt(logTerm / n);
        if (index > bestIndex) {
          bestIndex = index;
          best = a;
        }
      }
      cmd.fill(best);
    }
    out.set(cmd);
  }

  observe(round: number, rewards: Float64Array): void {
    this.#rounds.observe(round);
    for (let j = 0; j < this.agents; j++) {
      const r = rewards[j];
      if (!Number.isFinite(r)) {
        this.#missing += 1;
        continue;
      }
      const a = this.#cmd[j];
      this.#sum[a] += r;
      this.#pulls[a] += 1;
    }
    this.#n += this.agents;
  }

  summary(): ErasureLearnerSummary {
    const estimates: number[] = [];
    const samples: number[] = [];
    for (let a = 0; a < this.arms; a++) {
      const n = this.#pulls[a] - 1;
      samples.push(n);
      estimates.push(n > 0 ? this.#sum[a] / n : NaN);
    }
    return {
      algorithm: this.algorithm,
      rounds: this.#rounds.observed,
      batch: 0,
      batchSize: 0,
      activeArms: Array.from({ length: this.arms }, (_, a) => a),
      estimates,
      samples,
      missingRewards: this.#missing,
    };
  }
}
