/** Node bindings of the single-agent bandit: one agent, a perfect link, streams as in `sim`. */
import { AgentDowntime } from '../../envs/faults/AgentDowntime.js';
import { banditRewardModel, createRestartingBanditLearner } from '../../experiments/bandit/banditExperiment.js';
import type { BanditScenario } from '../../experiments/bandit/schema.js';
import type { RoundFamily } from './RoundFamily.js';

export const banditFamily: RoundFamily<BanditScenario> = {
  agents: () => 1,
  arms: (s) => s.arms.means.length,
  createLearner(s, algorithmIndex, rng) {
    const learner = createRestartingBanditLearner(s, algorithmIndex, rng);
    const K = s.arms.means.length;
    const pulls = new Array<number>(K).fill(0);
    const sums = new Array<number>(K).fill(0);
    let last = -1;
    return {
      commands(_round, out) {
        last = learner.choose();
        out[0] = last;
      },
      observe(_round, rewards) {
        if (Number.isNaN(rewards[0])) return; // a lost reward is simply not learned from
        learner.observe(last, rewards[0]);
        pulls[last] += 1;
        sums[last] += rewards[0];
      },
      // The single-agent learners keep no round count: a skipped round leaves them as they are.
      skip() {},
      snapshot: () => ({
        batch: 0,
        activeArms: 'activeArms' in learner ? (learner as { activeArms(): number[] }).activeArms() : [...pulls.keys()],
        estimates: sums.map((s, a) => (pulls[a] > 0 ? s / pulls[a] : 0)),
        counts: [...pulls],
      }),
    };
  },
  createAgent(s, _agent, rng) {
    const model = banditRewardModel(s, rng);
    const noise = rng.stream('rewards');
    let current = -1;
    return {
      receive: (_sent, arm) => {
        current = arm;
      },
      play: () => current,
      reward: (arm) => model.sample(arm, noise),
      // A restarted agent waits for the next command (one comes every round on a perfect link).
      reset: () => {
        current = -1;
      },
    };
  },
  means: (s, rng) => banditRewardModel(s, rng).means,
  downtime: (s) => new AgentDowntime(s.faults, 1),
};
