/**
 * Scenario schema of the multi-stage family (`family: multistage`, Hou, MobiHoc 2024): a job
 * tree with leaf cost models, written out (`type: explicit`) or generated (the paper's Bernoulli
 * panels, mobile edge computing, layered multi-hop), and the algorithms to compare.
 */
import { z } from 'zod';
import { algorithmEntry, commonFields, probability } from '../scenario/common.js';

const nodeName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a node name starts with a letter and has only letters, digits and _ (it becomes a ROS node name)');
const time = z.number().finite().min(0);
const positiveTime = z.number().finite().positive();

export const linkSchema = z
  .object({
    /** Mean of the exponential delay: constant, or growing linearly from round 1 to round T. */
    mean: z.union([positiveTime, z.object({ from: positiveTime, to: positiveTime }).strict()]),
  })
  .strict();

const bernoulliLeaf = z
  .object({
    type: z.literal('bernoulli'),
    mean: probability,
    changes: z.array(z.object({ at: z.number().gt(0).lt(1), mean: probability }).strict()).max(1000).optional(),
  })
  .strict();

const deadlineLeaf = z
  .object({
    type: z.literal('deadline'),
    missRate: probability.default(0),
    processingTime: time.default(0),
    lastHop: linkSchema.optional(),
  })
  .strict();

export const leafSchema = z.discriminatedUnion('type', [bernoulliLeaf, deadlineLeaf]);

export const treeSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('explicit'),
      root: nodeName,
      children: z.record(nodeName, z.array(nodeName).max(1000)),
      leaves: z.record(nodeName, leafSchema),
      links: z.record(nodeName, linkSchema).default({}),
      deadline: positiveTime.default(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('bernoulli-panel'),
      depth: z.number().int().min(1).max(8),
      arity: z.number().int().min(2).max(16),
      pMin: z.number().gt(0.5).lt(1).default(0.6),
      changeAt: z.number().gt(0).lt(1).default(0.5),
    })
    .strict()
    .refine((t) => t.arity ** t.depth <= 100_000, { message: 'arity^depth leaves must be at most 100000' }),
  z
    .object({
      type: z.literal('mec'),
      robot: nodeName.default('robot'),
      servers: z.array(z.object({ name: nodeName, link: linkSchema }).strict()).min(1).max(100),
      networks: z.array(z.object({ name: nodeName, missRate: probability, processingTime: time }).strict()).min(1).max(100),
      deadline: positiveTime.default(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('layered'),
      source: nodeName.default('source'),
      layers: z.number().int().min(1).max(6),
      relays: z.array(linkSchema).min(1).max(10),
      lastHop: linkSchema,
      deadline: positiveTime.default(1),
    })
    .strict()
    .refine((t) => t.relays.length ** t.layers <= 100_000, { message: 'relays^layers leaves must be at most 100000' }),
]);

const epsExp3Params = z
  .object({
    /** Education probability at nodes with an internal child (default T^(-1/(L+1))). */
    eps: z.number().gt(0).max(1).optional(),
    /** Multiplier on the proposed eta. */
    etaScale: z.number().positive().optional(),
    /** 'exp3-mode' (default): only EXP3-mode picks update; 'all-samples': every pick, weight P p. */
    estimator: z.enum(['exp3-mode', 'all-samples']).optional(),
    /**
     * Learning-rate rule: 'fixed' (default, the spec's eta_n for the horizon, tuned to the
     * worst-case arrival probability) or 'adaptive' (our proposal: c_n / sqrt(sum of 1/P_n^2 over
     * the jobs received so far)).
     */
    eta: z.enum(['fixed', 'adaptive']).optional(),
  })
  .strict()
  .default({});

export const multistageAlgorithmSchema = z.discriminatedUnion('name', [
  algorithmEntry('eps-exp3', epsExp3Params),
  algorithmEntry('eps-exp3-anytime', epsExp3Params),
  algorithmEntry('exp3', z.object({ eta: z.number().positive().optional() }).strict().default({})),
  algorithmEntry('exp3-auer', z.object({ gamma: z.number().gt(0).max(1).optional() }).strict().default({})),
  algorithmEntry('broad-omd', z.object({ eta: z.number().positive().optional() }).strict().default({})),
  algorithmEntry('normalized-eg', z.object({ etaScale: z.number().positive().optional() }).strict().default({})),
]);

export const multistageScenarioSchema = z
  .object({
    ...commonFields,
    family: z.literal('multistage'),
    tree: treeSchema,
    algorithms: z.array(multistageAlgorithmSchema).min(1),
    /**
     * Optional transient plot (the paper's Fig. 5): the probability that `node` forwards to
     * `child`, averaged over windows of `window` rounds and over runs.
     */
    transient: z
      .object({
        window: z.number().int().min(1),
        probes: z.array(z.object({ node: nodeName, child: nodeName }).strict()).min(1).max(20),
      })
      .strict()
      .optional(),
  })
  .strict();

export type MultistageScenario = z.infer<typeof multistageScenarioSchema>;
export type MultistageAlgorithm = z.infer<typeof multistageAlgorithmSchema>;
