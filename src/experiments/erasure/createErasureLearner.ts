/**
 * Builds the learner of `scenario.algorithms[index]`: the one place where the erasure family's
 * algorithm defaults live. c defaults to the rewards' sub-Gaussian scale (the noise sd for
 * Gaussian arms, 1/2 for Bernoulli) for the elimination algorithms, as the authors' notebook
 * sets c = sqrt(var); MA-UCB's exploration scale and MA-SAE's pull multiplier default to 1.
 */
import { BatchSp2 } from '../../core/erasure/BatchSp2.js';
import { BatchSp2Anytime } from '../../core/erasure/BatchSp2Anytime.js';
import { AdaptiveBlind } from '../../core/erasure/AdaptiveBlind.js';
import { AdaptiveLearner } from '../../core/erasure/AdaptiveLearner.js';
import { BatchTpg } from '../../core/erasure/BatchTpg.js';
import type { FeedbackMode } from '../../core/erasure/feedback.js';
import { Sp2Feedback } from '../../core/erasure/Sp2Feedback.js';
import type { ErasureLearner } from '../../core/erasure/ErasureLearner.js';
import { MaLsaeHorizontal } from '../../core/erasure/MaLsaeHorizontal.js';
import { MaLsaeVertical } from '../../core/erasure/MaLsaeVertical.js';
import { MaSae } from '../../core/erasure/MaSae.js';
import { MaUcb } from '../../core/erasure/MaUcb.js';
import type { Rng } from '../../core/random.js';
import type { ErasureScenario } from './schema.js';

/** Sub-Gaussian scale of the scenario's rewards. */
export function erasureRewardScale(scenario: ErasureScenario): number {
  const arms = scenario.arms;
  // A noiseless Gaussian has scale 0; a tiny positive c keeps the learners' checks happy.
  return arms.distribution === 'bernoulli' ? 0.5 : Math.max(Math.sqrt(arms.variance), 1e-12);
}

/** The uplink feedback mode of `scenario.algorithms[index]` ('none' for the AISTATS learners). */
export function erasureFeedbackMode(scenario: ErasureScenario, index: number): FeedbackMode {
  const entry = scenario.algorithms[index];
  if (entry?.name === 'tpg' || entry?.name === 'sp2-feedback' || entry?.name === 'adaptive') return entry.params.feedback ?? 'ack_success';
  return 'none';
}

/**
 * @param epsBounds the learner's bound per agent (from `erasureAgents`).
 * @param rng the learner's stream (`runRng.stream('algorithm')`).
 */
export function createErasureLearner(scenario: ErasureScenario, index: number, epsBounds: Float64Array, rng: Rng): ErasureLearner {
  const entry = scenario.algorithms[index];
  if (!entry) throw new RangeError(`algorithm index ${index} is out of range: the scenario lists ${scenario.algorithms.length} algorithms`);
  const arms = scenario.arms.means.length;
  const horizon = scenario.horizon;
  const scale = erasureRewardScale(scenario);
  switch (entry.name) {
    case 'adaptive':
      if (erasureFeedbackMode(scenario, index) === 'none') return new AdaptiveBlind({ arms, epsBounds, horizon, c: entry.params.c ?? scale, meanRange: entry.params.meanRange, rng });
      return new AdaptiveLearner({ arms, epsBounds, horizon, c: entry.params.c ?? scale, feedback: erasureFeedbackMode(scenario, index), lossyUplink: scenario.feedbackLink !== undefined, rng });
    case 'tpg':
    case 'sp2-feedback': {
      const options = { arms, epsBounds, horizon, c: entry.params.c ?? scale, feedback: erasureFeedbackMode(scenario, index), lossyUplink: scenario.feedbackLink !== undefined, rng };
      return entry.name === 'tpg' ? new BatchTpg(options) : new Sp2Feedback(options);
    }
    case 'batchsp2':
      return new BatchSp2({ arms, epsBounds, horizon, c: entry.params.c ?? scale, rng });
    case 'batchsp2-anytime':
      return new BatchSp2Anytime({ arms, epsBounds, c: entry.params.c ?? scale, initialHorizon: entry.params.initialHorizon, rng });
    case 'ma-ucb':
      return new MaUcb({ arms, agents: epsBounds.length, c: entry.params.c ?? 1, rng });
    case 'ma-sae':
      return new MaSae({ arms, agents: epsBounds.length, horizon, c: entry.params.c ?? 1, rng });
    case 'ma-lsae-h':
      return new MaLsaeHorizontal({ arms, epsBounds, horizon, c: entry.params.c ?? scale, rng });
    case 'ma-lsae-v':
      return new MaLsaeVertical({ arms, epsBounds, horizon, c: entry.params.c ?? scale, rng });
  }
}
