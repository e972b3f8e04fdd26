/**
 * One seeded run of the single-agent K-armed bandit: the learner plays T rounds against a
 * reward model; pseudo-regret from the true means, which the learner never sees.
 *
 * Streams (below the run's Rng): 'arms' shuffles the arm order, 'rewards' draws the reward
 * noise (one draw per round), 'algorithm' drives the learner. The node path (learner, agent and
 * monitor nodes) uses the same streams, so both paths produce the same trajectory.
 *
 * Faults (scenario `faults`): while the agent is down (`agent-crash`) the learner still chooses
 * but nothing is played: no reward is drawn or learned, no regret; the run reports
 * `rewardsMissing`. At a `learner-restart` round r the learner is rebuilt from scratch for the
 * remaining T - r rounds on stream 'faults/restart/<k>/algorithm' (k-th restart, 1-based).
 */
import type { Learner } from '../../core/Learner.js';
import type { Rng } from '../../core/random.js';
import { Exp3 } from '../../core/bandit/Exp3.js';
import { SuccessiveElimination } from '../../core/bandit/SuccessiveElimination.js';
import { Ucb1 } from '../../core/bandit/Ucb1.js';
import { UniformRandom } from '../../core/bandit/UniformRandom.js';
import { RewardModel } from '../../envs/arms/RewardModel.js';
import { AgentDowntime } from '../../envs/faults/AgentDowntime.js';
import { restartRounds } from '../../envs/faults/FaultSpec.js';
import type { FamilyExperiment } from '../Family.js';
import { banditScenarioSchema, type BanditScenario } from './schema.js';

/** The reward model of one run: the scenario's means, shuffled from stream 'arms' if asked. */
export function banditRewardModel(scenario: BanditScenario, runRng: Rng): RewardModel {
  const means = [...scenario.arms.means];
  if (scenario.arms.shuffle) runRng.stream('arms').shuffle(means);
  return new RewardModel({ distribution: scenario.arms.distribution, means, sd: scenario.arms.sd });
}

/** Default sub-Gaussian scale of the scenario's rewards: 1/2 for Bernoulli, sd for Gaussian. */
function rewardScale(scenario: BanditScenario): number {
  return scenario.arms.distribution === 'bernoulli' ? 0.5 : Math.max(scenario.arms.sd, 1e-9);
}

/** Build the learner of `scenario.algorithms[index]` with the run's algorithm stream. */
export function createBanditLearner(scenario: BanditScenario, index: number, runRng: Rng): Learner {
  const entry = scenario.algorithms[index];
  const K = scenario.arms.means.length;
  const T = scenario.horizon;
  const rng = runRng.stream('algorithm');
  switch (entry.name) {
    case 'ucb1':
      return new Ucb1(K, rng, { c: entry.params.c ?? rewardScale(scenario) * 2 });
    case 'sae':
      return new SuccessiveElimination(K, T, { c: entry.params.c ?? rewardScale(scenario) });
    case 'exp3': {
      const lo = Math.min(...scenario.arms.means) - 3 * scenario.arms.sd;
      const hi = Math.max(...scenario.arms.means) + 3 * scenario.arms.sd;
      const range = entry.params.rewardRange ?? (scenario.arms.distribution === 'bernoulli' ? [0, 1] : [lo, hi]);
      return new Exp3(K, T, rng, { gamma: entry.params.gamma, rewardRange: range as [number, number] });
    }
    case 'uniform':
      return new UniformRandom(K, rng);
  }
}

/** The learner of a scenario with `learner-restart` faults: rebuilt from scratch at each restart round. */
export function createRestartingBanditLearner(scenario: BanditScenario, index: number, runRng: Rng): Learner {
  const restarts = restartRounds(scenario.faults);
  let current = createBanditLearner(scenario, index, runRng);
  if (restarts.length === 0) return current;
  let round = 0;
  let k = 0;
  return {
    reset: () => current.reset(),
    choose() {
      while (k < restarts.length && restarts[k] <= round) {
        k++;
        current = createBanditLearner({ ...scenario, horizon: scenario.horizon - restarts[k - 1] }, index, runRng.stream(`faults/restart/${k}`));
      }
      round++;
      return current.choose();
    },
    observe: (arm, reward) => current.observe(arm, reward),
  };
}

export const banditExperiment: FamilyExperiment<BanditScenario> = {
  family: 'bandit',
  algorithms: banditScenarioSchema.shape.algorithms.element.options.map((o) => o.shape.name.value),
  runOne(scenario, algorithmIndex, rng, grid, metrics) {
    const model = banditRewardModel(scenario, rng);
    const noise = rng.stream('rewards');
    const learner = createRestartingBanditLearner(scenario, algorithmIndex, rng);
    const downtime = scenario.faults ? new AgentDowntime(scenario.faults, 1) : undefined;
    const out = new Float64Array(grid.length);
    let regret = 0;
    let missing = 0;
    let g = 0;
    for (let t = 1; t <= scenario.horizon; t++) {
      const arm = learner.choose();
      if (downtime?.isDown(0, t - 1)) missing++;
      else {
        learner.observe(arm, model.sample(arm, noise));
        regret += model.gap(arm);
      }
      while (g < grid.length && grid[g] === t) out[g++] = regret;
    }
    if (metrics && downtime) metrics.rewardsMissing = missing;
    return out;
  },
};
