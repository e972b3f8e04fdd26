/** Scenario schema of the single-agent K-armed bandit family (`family: bandit`). */
import { z } from 'zod';
import { checkFaults, faultsField } from '../scenario/faults.js';
import { algorithmEntry, commonFields, MAX_REWARD_MAGNITUDE, rewardNumber } from '../scenario/common.js';

const exploration = z.number().positive().max(MAX_REWARD_MAGNITUDE);

export const banditAlgorithmSchema = z.discriminatedUnion('name', [
  algorithmEntry('ucb1', z.object({ c: exploration.optional() }).strict().default({})),
  algorithmEntry('sae', z.object({ c: exploration.optional() }).strict().default({})),
  algorithmEntry(
    'exp3',
    z
      .object({
        gamma: z.number().gt(0).max(1).optional(),
        rewardRange: z
          .tuple([rewardNumber, rewardNumber])
          .refine(([lo, hi]) => hi > lo, { message: 'rewardRange [lo, hi] needs hi > lo' })
          .optional(),
      })
      .strict()
      .default({}),
  ),
  algorithmEntry('uniform', z.object({}).strict().default({})),
]);

export const banditScenarioSchema = z
  .object({
    ...commonFields,
    family: z.literal('bandit'),
    arms: z
      .object({
        distribution: z.enum(['gaussian', 'bernoulli']),
        means: z.array(rewardNumber).min(2).max(100_000),
        /** Gaussian noise standard deviation (reward units). */
        sd: z.number().min(0).max(MAX_REWARD_MAGNITUDE).default(1),
        /** Shuffle the arm order per run (stream 'arms'). */
        shuffle: z.boolean().default(false),
      })
      .strict()
      .superRefine((arms, ctx) => {
        if (arms.distribution !== 'bernoulli') return;
        arms.means.forEach((m, i) => {
          if (m < 0 || m > 1) ctx.addIssue({ code: 'custom', path: ['means', i], message: `a Bernoulli mean must be in [0, 1], found ${m}` });
        });
      }),
    algorithms: z.array(banditAlgorithmSchema).min(1),
    /** Faults injected on purpose (the agent's crashes, learner restarts); see the README, "Failure behaviour". */
    faults: faultsField(['agent-crash', 'learner-restart']),
  })
  .strict()
  .superRefine((s, ctx) => checkFaults(s.faults, { horizon: s.horizon, agents: 1 }, ctx));

export type BanditScenario = z.infer<typeof banditScenarioSchema>;
