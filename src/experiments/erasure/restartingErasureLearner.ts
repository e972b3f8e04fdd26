/**
 * The erasure learner of a scenario with `learner-restart` faults: at each restart round r it
 * loses everything it learned and starts from scratch, as a fresh learner for the remaining
 * T - r rounds whose own round count starts at 0 in round r (stream
 * `algorithm/restart/<k>` for the k-th restart, 1-based). Without restarts it is the plain
 * learner. The fast simulator and the learner node both build it here, so both restart alike.
 */
import type { ErasureLearner } from '../../core/erasure/ErasureLearner.js';
import type { Rng } from '../../core/random.js';
import { restartRounds } from '../../envs/faults/FaultSpec.js';
import { createErasureLearner } from './createErasureLearner.js';
import type { ErasureScenario } from './schema.js';

/** @param rng the learner's stream (`runRng.stream('algorithm')`). */
export function createRestartingErasureLearner(scenario: ErasureScenario, index: number, epsBounds: Float64Array, rng: Rng): ErasureLearner {
  const restarts = restartRounds(scenario.faults);
  const first = createErasureLearner(scenario, index, epsBounds, rng);
  if (restarts.length === 0) return first;
  let current = first;
  let offset = 0;
  let k = 0;
  const restartIfDue = (round: number) => {
    while (k < restarts.length && restarts[k] <= round) {
      offset = restarts[k];
      k++;
      current = createErasureLearner({ ...scenario, horizon: scenario.horizon - offset }, index, epsBounds, rng.stream(`restart/${k}`));
    }
  };
  return {
    algorithm: first.algorithm,
    arms: first.arms,
    agents: first.agents,
    feedback: first.feedback,
    nextCommands(round, out) {
      restartIfDue(round);
      current.nextCommands(round - offset, out);
    },
    hear: first.hear ? (round, bits) => current.hear!(round - offset, bits) : undefined,
    observe: (round, rewards) => current.observe(round - offset, rewards),
    summary: () => current.summary(),
  };
}
