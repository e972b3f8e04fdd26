/**
 * Scenario schema of the erasure-channel family (`family: erasure`; Hanna et al., AISTATS 2024):
 * K arms, M agents with their command links and the learner's bounds on the erasure
 * probabilities, and the algorithms to compare. Every object is strict (unknown keys are
 * errors); defaults of algorithm parameters live in `createErasureLearner`.
 */
import { z } from 'zod';
import { algorithmEntry, commonFields, MAX_REWARD_MAGNITUDE, probability, rewardNumber } from '../scenario/common.js';
import { checkFaults, faultsField } from '../scenario/faults.js';

/** An erasure probability: in [0, 1) (a link that erases every command teaches nothing). */
const erasureProbability = z.number().min(0).lt(1);

const delaySchema = z.discriminatedUnion('type', [
  /** Always `rounds` rounds late. */
  z.object({ type: z.literal('fixed'), rounds: z.number().int().min(0).max(1_000_000) }).strict(),
  /** Failures before the first success of probability p: mean (1 - p) / p rounds. */
  z.object({ type: z.literal('geometric'), p: z.number().min(1e-6).max(1) }).strict(),
  /** probs[k] = probability of k rounds of delay; must sum to 1. */
  z
    .object({ type: z.literal('discrete'), probs: z.array(probability).min(1).max(10_000) })
    .strict()
    .superRefine((d, ctx) => {
      const total = d.probs.reduce((a, b) => a + b, 0);
      if (Math.abs(total - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['probs'], message: `probabilities must sum to 1, found ${total}` });
    }),
]);

const channelSchema = z.discriminatedUnion('type', [
  /** I.i.d. erasures with the agent's `eps` (the default channel). */
  z.object({ type: z.literal('erasure') }).strict(),
  /** Burst losses: two-state Markov chain (probabilities per round). */
  z
    .object({
      type: z.literal('gilbert-elliott'),
      pGoodToBad: probability,
      pBadToGood: z.number().gt(0).max(1),
      /** Loss probability in the good state (default 0). */
      lossGood: probability.optional(),
      /** Loss probability in the bad state (default 1). */
      lossBad: probability.optional(),
      /** State of round 0 (default: drawn from the stationary law). */
      initial: z.enum(['stationary', 'good', 'bad']).optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
      const bad = c.pGoodToBad / (c.pGoodToBad + c.pBadToGood);
      const rate = (1 - bad) * (c.lossGood ?? 0) + bad * (c.lossBad ?? 1);
      if (!(rate < 1)) ctx.addIssue({ code: 'custom', path: [], message: `the channel would erase every command (long-run loss rate ${rate}); lower lossGood or lossBad` });
    }),
  /** I.i.d. erasures with the agent's `eps`, then a delivery delay in rounds (FIFO unless reorder). */
  z.object({ type: z.literal('delay'), delay: delaySchema, reorder: z.boolean().optional() }).strict(),
  /** I.i.d. erasures whose probability changes at given rounds (first segment from round 0). */
  z
    .object({
      type: z.literal('schedule'),
      segments: z
        .array(z.object({ from: z.number().int().min(0).max(100_000_000), eps: erasureProbability }).strict())
        .min(1)
        .max(100_000),
    })
    .strict()
    .superRefine((c, ctx) => {
      c.segments.forEach((seg, k) => {
        if (k === 0 && seg.from !== 0) ctx.addIssue({ code: 'custom', path: ['segments', 0, 'from'], message: `the first segment must start at round 0, found ${seg.from}` });
        if (k > 0 && seg.from <= c.segments[k - 1].from) {
          ctx.addIssue({ code: 'custom', path: ['segments', k, 'from'], message: `segments must start in increasing rounds: expected > ${c.segments[k - 1].from}, found ${seg.from}` });
        }
      });
    }),
]);

const agentFields = {
  /** True erasure probability of an `erasure` or `delay` link, in [0, 1). */
  eps: erasureProbability.optional(),
  /** The learner's upper bound on it (used for alpha_j); default: the link's nominal loss rate. */
  epsBound: erasureProbability.optional(),
  /** Link model (default `{ type: erasure }`). */
  channel: channelSchema.optional(),
};

function checkEps(agent: { eps?: number; channel?: { type: string } }, ctx: z.RefinementCtx): void {
  const type = agent.channel?.type ?? 'erasure';
  const usesEps = type === 'erasure' || type === 'delay';
  if (usesEps && agent.eps === undefined) {
    ctx.addIssue({ code: 'custom', path: ['eps'], message: `missing field (the erasure probability of this '${type}' link, in [0, 1))` });
  }
  if (!usesEps && agent.eps !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['eps'], message: `not used by this '${type}' link (its loss comes from the channel fields); remove it` });
  }
}

const agentSchema = z.object(agentFields).strict().superRefine(checkEps);
const groupSchema = z
  .object({ count: z.number().int().min(1).max(100_000), ...agentFields })
  .strict()
  .superRefine(checkEps);

const armsSchema = z.discriminatedUnion('distribution', [
  z
    .object({
      distribution: z.literal('gaussian'),
      means: z.array(rewardNumber).min(1).max(100_000),
      /** Noise variance (reward units squared, >= 0). */
      variance: z.number().min(0).max(MAX_REWARD_MAGNITUDE * MAX_REWARD_MAGNITUDE).default(1),
      /** Shuffle the arm order per run (stream 'arms'). */
      shuffle: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      distribution: z.literal('bernoulli'),
      means: z.array(probability).min(1).max(100_000),
      shuffle: z.boolean().default(false),
    })
    .strict(),
]);

/** Sub-Gaussian scale c of the rewards (> 0). */
const scale = z.number().positive().max(MAX_REWARD_MAGNITUDE);
const cOnly = z.object({ c: scale.optional() }).strict().default({});

/** Uplink feedback of the journal's learners ('none' is meaningless for them). */
const feedbackMode = z.enum(['beacon', 'ack_success', 'nack_erase', 'all']);
const feedbackParams = z
  .object({
    c: scale.optional(),
    /** Uplink feedback mode (default ack_success). */
    feedback: feedbackMode.optional(),
  })
  .strict()
  .default({});

export const erasureAlgorithmSchema = z.discriminatedUnion('name', [
  algorithmEntry('batchsp2', cOnly),
  algorithmEntry('ma-ucb', cOnly),
  algorithmEntry('ma-sae', cOnly),
  algorithmEntry('ma-lsae-h', cOnly),
  algorithmEntry('ma-lsae-v', cOnly),
  algorithmEntry(
    'batchsp2-anytime',
    z
      .object({
        c: scale.optional(),
        /** Length of the first doubling epoch in rounds (default 1024). */
        initialHorizon: z.number().int().min(1).max(100_000_000).optional(),
      })
      .strict()
      .default({}),
  ),
  algorithmEntry('tpg', feedbackParams),
  algorithmEntry('sp2-feedback', feedbackParams),
  algorithmEntry(
    'adaptive',
    z
      .object({
        c: scale.optional(),
        /** Uplink feedback mode (default ack_success); 'none': only the eps bounds, repetitions sized to the arms' confidence widths. */
        feedback: z.enum(['none', ...feedbackMode.options]).optional(),
        /** Without feedback: bound on the spread of the arm means, |mu_a - mu_b| (default 1). */
        meanRange: scale.optional(),
      })
      .strict()
      .superRefine((p, ctx) => {
        if (p.meanRange !== undefined && p.feedback !== 'none') ctx.addIssue({ code: 'custom', path: ['meanRange'], message: "'meanRange' is used only without feedback (feedback: none)" });
      })
      .default({}),
  ),
]);

export const erasureScenarioSchema = z
  .object({
    ...commonFields,
    family: z.literal('erasure'),
    arms: armsSchema,
    /** Either `groups` of identical agents or an explicit `list`; agent ids follow the order written. */
    agents: z
      .object({ groups: z.array(groupSchema).min(1).max(10_000).optional(), list: z.array(agentSchema).min(1).max(100_000).optional() })
      .strict()
      .superRefine((a, ctx) => {
        if ((a.groups === undefined) === (a.list === undefined)) {
          ctx.addIssue({ code: 'custom', path: [], message: `give exactly one of 'groups' (count + link per group) or 'list' (one entry per agent), found ${a.groups ? 'both' : 'neither'}` });
        }
        const total = a.groups ? a.groups.reduce((n, g) => n + g.count, 0) : 0;
        if (total > 100_000) ctx.addIssue({ code: 'custom', path: ['groups'], message: `at most 100000 agents in total, found ${total}` });
      }),
    /**
     * Loss model of every agent's uplink for feedback bits (each agent its own stream
     * 'feedback/<j>'); absent: feedback arrives reliably, as in the journal's code.
     */
    feedbackLink: z
      .object({ eps: erasureProbability.optional(), channel: channelSchema.optional() })
      .strict()
      .superRefine(checkEps)
      .superRefine((f, ctx) => {
        if (f.channel?.type === 'delay') ctx.addIssue({ code: 'custom', path: ['channel', 'type'], message: "a feedback link cannot be 'delay' (feedback is heard in the round it is sent); use erasure, gilbert-elliott or schedule" });
      })
      .optional(),
    algorithms: z.array(erasureAlgorithmSchema).min(1),
    /** Faults injected on purpose (link blackouts, burst losses, agent crashes, learner restarts); see the README, "Failure behaviour". */
    faults: faultsField(['link-blackout', 'burst-loss', 'agent-crash', 'learner-restart']),
  })
  .strict()
  .superRefine((s, ctx) => {
    const M = s.agents.groups ? s.agents.groups.reduce((n, g) => n + g.count, 0) : (s.agents.list?.length ?? 0);
    checkFaults(s.faults, { horizon: s.horizon, links: M, agents: M }, ctx);
    // adaptive without feedback still reads run positions as delivery chances, which a 'delay' link breaks too
    const withFeedback = s.algorithms.map((a, i) => ({ a, i })).filter(({ a }) => a.name === 'tpg' || a.name === 'sp2-feedback' || a.name === 'adaptive');
    if (withFeedback.length === 0) return;
    if (s.feedbackLink) {
      for (const { a, i } of withFeedback) {
        const mode = (a.params as { feedback?: string }).feedback;
        if (mode === 'nack_erase') ctx.addIssue({ code: 'custom', path: ['algorithms', i, 'params', 'feedback'], message: "'nack_erase' needs a reliable uplink (silence is read as delivery); remove 'feedbackLink' or pick beacon, ack_success or all" });
      }
    }
    const entries = [...(s.agents.groups ?? []).map((g, k) => ({ g, path: ['agents', 'groups', k] })), ...(s.agents.list ?? []).map((g, k) => ({ g, path: ['agents', 'list', k] }))];
    for (const { g, path } of entries) {
      if (g.channel?.type === 'delay') {
        const first = withFeedback[0].a;
        const what = (first.params as { feedback?: string }).feedback === 'none' ? 'counting repetitions from the round a command is sent' : 'feedback heard in the round of delivery';
        ctx.addIssue({ code: 'custom', path: [...path, 'channel', 'type'], message: `algorithm '${first.name}' relies on ${what}, which a 'delay' link breaks; use another link type or drop the algorithm` });
      }
    }
  });

export type ErasureScenario = z.infer<typeof erasureScenarioSchema>;
export type ErasureAlgorithmEntry = z.infer<typeof erasureAlgorithmSchema>;
