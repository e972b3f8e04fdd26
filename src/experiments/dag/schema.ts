/**
 * Scenario schema of the DAG consecutive-play family (`family: dag`): players with their action
 * counts and the players they observe (by name or index), one shared reward model over joint
 * actions, and the algorithms to compare. The graph is checked here (acyclic, parents known,
 * action counts), so a bad scenario fails at load with the field at fault.
 */
import { z } from 'zod';
import { validateDag } from '../../core/dag/Dag.js';
import { algorithmEntry, commonFields } from '../scenario/common.js';

/** Joint actions we enumerate per run (for the best joint action). */
export const MAX_DAG_JOINT_ACTIONS = 1 << 20;

const playerSchema = z
  .object({
    /** Name used in `parents` lists, topics' labels and the viewer (default `p<i>`). */
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and use only letters, digits and _').optional(),
    actions: z.number().int().min(1).max(1000),
    /** Players whose actions this one sees before it moves: names or indices. */
    parents: z.array(z.union([z.number().int(), z.string()])).max(20).default([]),
    /** Display names of the actions (viewer), one per action; ASCII, as ROS 2 strings on the wire. */
    labels: z.array(z.string().regex(/^[\x20-\x7e]{1,40}$/, 'must be 1 to 40 printable ASCII characters')).optional(),
  })
  .strict();

const noiseFields = {
  distribution: z.enum(['bernoulli', 'gaussian']).default('bernoulli'),
  /** Gaussian noise standard deviation. */
  sd: z.number().min(0).default(0.1),
};

const tableSchema = z
  .object({
    model: z.literal('table'),
    ...noiseFields,
    /** One mean per joint action (player 0's action varies fastest), or 'random' (drawn per run). */
    means: z.union([z.literal('random'), z.array(z.number().finite()).min(1)]),
    /** With means 'random': the best joint action beats every other by this much. */
    gap: z.number().gt(0).lt(1).default(0.1),
  })
  .strict();

const factorSchema = z
  .object({
    /** Action that fits each parent context (one per context, or one number for all). */
    fit: z.union([z.number().int().min(0), z.array(z.number().int().min(0)).min(1)]).optional(),
    /** Factor values: one row per parent context, one value in [0, 1] per action. */
    values: z.array(z.array(z.number().min(0).max(1)).min(1)).min(1).optional(),
    /** Weight in the 'mean' combination (default 1). */
    weight: z.number().gt(0).optional(),
  })
  .strict();

const factorsSchema = z
  .object({
    model: z.literal('factors'),
    ...noiseFields,
    base: z.number().finite().default(0.1),
    scale: z.number().finite().default(0.8),
    /**
     * 'mean': weighted mean of the factors; 'product': pays only when every factor does;
     * 'gated': product of the roots' factors times the weighted mean of the other players'.
     */
    combine: z.enum(['mean', 'product', 'gated']).default('mean'),
    /** One entry per player, in the order of `players`. */
    factors: z.array(factorSchema).min(1),
  })
  .strict();

const stationarySchema = z.discriminatedUnion('model', [tableSchema, factorsSchema]);

const switchingSchema = z
  .object({
    model: z.literal('switching'),
    /** Phases in order; `at` is the fraction of the horizon where a phase starts (first: 0). */
    phases: z
      .array(z.object({ at: z.number().min(0).lt(1), reward: stationarySchema }).strict())
      .min(1)
      .max(1000),
  })
  .strict();

const exp3Params = z
  .object({
    gamma: z.number().gt(0).max(1).optional(),
    rewardRange: z.tuple([z.number().finite(), z.number().finite()]).optional(),
  })
  .strict()
  .default({});
const ucb1Params = z
  .object({
    c: z.number().positive().optional(),
    /** Probability of a uniform action (decentralized default: EXP3's gamma; centralized: 0). */
    explore: z.number().min(0).max(1).optional(),
  })
  .strict()
  .default({});

export const dagAlgorithmSchema = z.discriminatedUnion('name', [
  /** Per-context EXP3 (spec §4.2 proposal, adversarial rewards). */
  algorithmEntry('dag-exp3', exp3Params),
  /** Per-context UCB1 (spec §4.2 proposal, stochastic rewards). */
  algorithmEntry('dag-ucb1', ucb1Params),
  /** One EXP3 over all joint actions (centralized comparison, `sim` only). */
  algorithmEntry('central-exp3', exp3Params),
  algorithmEntry('central-ucb1', ucb1Params),
  /** One EXP3 per player that ignores its parents. */
  algorithmEntry('indep-exp3', exp3Params),
  algorithmEntry('indep-ucb1', ucb1Params),
]);

export const dagScenarioSchema = z
  .object({
    ...commonFields,
    family: z.literal('dag'),
    players: z.array(playerSchema).min(1).max(64),
    reward: z.discriminatedUnion('model', [tableSchema, factorsSchema, switchingSchema]),
    algorithms: z.array(dagAlgorithmSchema).min(1),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const names = s.players.map((p, i) => p.name ?? `p${i}`);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) issue(['players', i, 'name'], `'${n}' is already the name of player ${names.indexOf(n)}`);
    });
    let resolvable = true;
    const parents = s.players.map((p, i) =>
      p.parents.map((ref, j) => {
        const k = typeof ref === 'number' ? ref : names.indexOf(ref);
        if (k < 0 || k >= s.players.length) {
          resolvable = false;
          issue(['players', i, 'parents', j], typeof ref === 'number' ? `player ${ref} does not exist (players 0..${s.players.length - 1})` : `no player is named '${ref}'; names: ${names.join(', ')}`);
        }
        return k;
      }),
    );
    s.players.forEach((p, i) => {
      if (p.labels && p.labels.length !== p.actions) issue(['players', i, 'labels'], `${p.labels.length} labels for ${p.actions} actions`);
    });
    if (!resolvable) return;
    const dagIssues = validateDag(s.players.map((p, i) => ({ actions: p.actions, parents: parents[i] })));
    for (const d of dagIssues) issue(['players', ...d.path], d.message);
    if (dagIssues.length > 0) return;
    const joint = s.players.reduce((a, p) => a * p.actions, 1);
    if (joint > MAX_DAG_JOINT_ACTIONS) return issue(['players'], `${joint} joint actions; at most ${MAX_DAG_JOINT_ACTIONS} are supported`);
    const contexts = parents.map((ps) => ps.reduce((c, k) => c * s.players[k].actions, 1));
    const checkStationary = (r: z.infer<typeof stationarySchema>, path: (string | number)[]) => {
      const bernoulli = r.distribution === 'bernoulli';
      if (r.model === 'table') {
        if (r.means === 'random') return;
        if (r.means.length !== joint) issue([...path, 'means'], `needs ${joint} means (one per joint action, player 0 fastest), found ${r.means.length}`);
        if (bernoulli) r.means.forEach((m, j) => m >= 0 && m <= 1 ? undefined : issue([...path, 'means', j], `a Bernoulli mean must be in [0, 1], found ${m}`));
        return;
      }
      if (r.factors.length !== s.players.length) return issue([...path, 'factors'], `needs one entry per player (${s.players.length}), found ${r.factors.length}`);
      r.factors.forEach((f, i) => {
        const at = [...path, 'factors', i];
        const A = s.players[i].actions;
        if ((f.fit === undefined) === (f.values === undefined)) return issue(at, "give exactly one of 'fit' or 'values'");
        if (f.fit !== undefined) {
          const fits = typeof f.fit === 'number' ? [f.fit] : f.fit;
          if (typeof f.fit !== 'number' && fits.length !== contexts[i]) issue([...at, 'fit'], `needs one action per parent context (${contexts[i]}), found ${fits.length}`);
          fits.forEach((a, c) => (a < A ? undefined : issue([...at, 'fit', ...(typeof f.fit === 'number' ? [] : [c])], `action ${a} is out of range (player ${names[i]} has actions 0..${A - 1})`)));
        } else if (f.values) {
          if (f.values.length !== contexts[i]) issue([...at, 'values'], `needs one row per parent context (${contexts[i]}), found ${f.values.length}`);
          f.values.forEach((row, c) => (row.length === A ? undefined : issue([...at, 'values', c], `needs one value per action (${A}), found ${row.length}`)));
        }
      });
      const lo = Math.min(r.base, r.base + r.scale);
      const hi = Math.max(r.base, r.base + r.scale);
      if (bernoulli && (lo < 0 || hi > 1)) issue([...path, 'scale'], `Bernoulli means run from base to base + scale, which must lie in [0, 1]; found [${lo}, ${hi}]`);
    };
    const reward = s.reward;
    if (reward.model === 'switching') {
      const phases = reward.phases;
      phases.forEach((p, k) => {
        if (k === 0 && p.at !== 0) issue(['reward', 'phases', 0, 'at'], 'the first phase must start at 0');
        if (k > 0 && !(p.at > phases[k - 1].at)) issue(['reward', 'phases', k, 'at'], `phases must start in increasing order (${p.at} after ${phases[k - 1].at})`);
        checkStationary(p.reward, ['reward', 'phases', k, 'reward']);
      });
    } else checkStationary(reward, ['reward']);
  });

export type DagScenario = z.infer<typeof dagScenarioSchema>;
export type DagStationaryReward = z.infer<typeof stationarySchema>;
