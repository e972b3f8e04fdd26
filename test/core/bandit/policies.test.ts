import { describe, expect, it } from 'vitest';
import type { Learner } from '../../../src/core/Learner.js';
import { Rng } from '../../../src/core/random.js';
import { Exp3 } from '../../../src/core/bandit/Exp3.js';
import { SuccessiveElimination } from '../../../src/core/bandit/SuccessiveElimination.js';
import { Ucb1 } from '../../../src/core/bandit/Ucb1.js';
import { UniformRandom } from '../../../src/core/bandit/UniformRandom.js';
import { RewardModel } from '../../../src/envs/arms/RewardModel.js';

const means = [0.2, 0.5, 0.9, 0.4];
const T = 8000;

function play(learner: Learner, seed: number): { pulls: number[]; regret: number } {
  const model = new RewardModel({ distribution: 'bernoulli', means });
  const noise = new Rng(seed).stream('rewards');
  const pulls = means.map(() => 0);
  let regret = 0;
  for (let t = 0; t < T; t++) {
    const a = learner.choose();
    expect(a >= 0 && a < means.length).toBe(true);
    pulls[a]++;
    regret += model.gap(a);
    learner.observe(a, model.sample(a, noise));
  }
  return { pulls, regret };
}

const factories: [string, (rng: Rng) => Learner][] = [
  ['UCB1', (rng) => new Ucb1(4, rng)],
  ['SAE', () => new SuccessiveElimination(4, T, { c: 0.5 })],
  ['EXP3', (rng) => new Exp3(4, T, rng)],
];

describe('single-agent policies', () => {
  it.each(factories)('%s: pulls sum to rounds, best arm dominates, regret far below uniform', (_name, make) => {
    const uniform = play(new UniformRandom(4, new Rng(1)), 1);
    const { pulls, regret } = play(make(new Rng(1).stream('algorithm')), 1);
    expect(pulls.reduce((a, b) => a + b, 0)).toBe(T);
    expect(pulls.indexOf(Math.max(...pulls))).toBe(2);
    expect(regret).toBeLessThan(uniform.regret / 3);
  });

  it.each(factories)('%s: same seed, same trajectory; reset restarts it', (_name, make) => {
    const a = make(new Rng(4));
    const first = play(a, 2);
    a.reset();
    const again = make(new Rng(4));
    expect(play(again, 2)).toEqual(first);
  });

  it('SAE eliminates the bad arms and keeps the best', () => {
    const sae = new SuccessiveElimination(4, T, { c: 0.5 });
    play(sae, 3);
    expect(sae.activeArms()).toEqual([2]);
    expect(sae.batch).toBeGreaterThan(2);
  });

  it('EXP3 probabilities stay a distribution with at least gamma/K each', () => {
    const exp3 = new Exp3(4, T, new Rng(1), { gamma: 0.1 });
    play(exp3, 4);
    const p = exp3.probabilities();
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const x of p) expect(x).toBeGreaterThanOrEqual(0.1 / 4 - 1e-12);
  });

  it('rejects bad parameters naming the parameter and the class', () => {
    expect(() => new Ucb1(0, new Rng(1))).toThrow("the 'arms' parameter of Ucb1");
    expect(() => new Ucb1(3, new Rng(1), { c: 0 })).toThrow("'c' parameter of a Ucb1");
    expect(() => new Exp3(3, 100, new Rng(1), { gamma: 2 })).toThrow("'gamma' parameter");
    expect(() => new RewardModel({ distribution: 'bernoulli', means: [1.5] })).toThrow(/arm 0 must be in \[0, 1\]/);
  });
});
