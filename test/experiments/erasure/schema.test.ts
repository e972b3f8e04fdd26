// The erasure scenario schema: defaults, every bad field at its path, warnings.
import { describe, expect, it } from 'vitest';
import { erasureScenarioWarnings } from '../../../src/experiments/erasure/erasureScenarioWarnings.js';
import { erasureScenarioSchema } from '../../../src/experiments/erasure/schema.js';
import { fromZodIssues } from '../../../src/experiments/scenario/zodIssues.js';

const base = {
  name: 't',
  family: 'erasure',
  horizon: 1000,
  arms: { distribution: 'gaussian', means: [1, 0.8, 0] },
  agents: { groups: [{ count: 2, eps: 0.2 }] },
  algorithms: [{ name: 'batchsp2' }],
};

/** `path: message` lines of every issue, as the CLI prints them. */
function problems(doc: unknown): string[] {
  const r = erasureScenarioSchema.safeParse(doc);
  if (r.success) return [];
  return fromZodIssues(r.error.issues, doc).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('erasureScenarioSchema', () => {
  it('accepts a minimal scenario and fills the defaults', () => {
    const s = erasureScenarioSchema.parse(base);
    expect(s).toMatchObject({ seed: 1, runs: 10, arms: { variance: 1, shuffle: false }, algorithms: [{ name: 'batchsp2', params: {} }] });
  });

  it('accepts every algorithm and channel type', () => {
    const s = erasureScenarioSchema.parse({
      ...base,
      agents: {
        list: [
          { eps: 0.1 },
          { eps: 0.2, epsBound: 0.3, channel: { type: 'erasure' } },
          { channel: { type: 'gilbert-elliott', pGoodToBad: 0.05, pBadToGood: 0.3, lossBad: 0.9, initial: 'good' } },
          { eps: 0.3, channel: { type: 'delay', delay: { type: 'geometric', p: 0.5 }, reorder: true } },
          { eps: 0.3, channel: { type: 'delay', delay: { type: 'discrete', probs: [0.25, 0.75] } } },
          { channel: { type: 'schedule', segments: [{ from: 0, eps: 0.1 }, { from: 500, eps: 0.9 }] } },
        ],
      },
      algorithms: [
        { name: 'batchsp2', params: { c: 2 } },
        { name: 'ma-ucb' },
        { name: 'ma-sae' },
        { name: 'ma-lsae-h' },
        { name: 'ma-lsae-v', label: 'V' },
        { name: 'batchsp2-anytime', params: { initialHorizon: 100 } },
      ],
    });
    expect(s.agents.list).toHaveLength(6);
  });

  it('reports an eps outside [0, 1) at its path', () => {
    const doc = { ...base, agents: { groups: [{ count: 2, eps: 0.2 }, { count: 1, eps: 1 }, { count: 1, eps: -0.1, epsBound: 1.2 }] } };
    expect(problems(doc)).toEqual([
      'agents.groups.1.eps: value must be < 1, found 1',
      'agents.groups.2.eps: value must be >= 0, found -0.1',
      'agents.groups.2.epsBound: value must be < 1, found 1.2',
    ]);
  });

  it('rejects unknown keys everywhere', () => {
    expect(problems({ ...base, typo: 1 })).toEqual(["typo: unknown key 'typo'"]);
    expect(problems({ ...base, agents: { groups: [{ count: 1, eps: 0.1, epz: 0.2 }] } })).toEqual(["agents.groups.0.epz: unknown key 'epz'"]);
    expect(problems({ ...base, algorithms: [{ name: 'batchsp2', params: { c: 1, alpha: 3 } }] })).toEqual(["algorithms.0.params.alpha: unknown key 'alpha'"]);
    expect(problems({ ...base, arms: { ...base.arms, sd: 1 } })).toEqual(["arms.sd: unknown key 'sd'"]);
  });

  it('names unknown algorithms, channel types and distributions with the valid choices', () => {
    expect(problems({ ...base, algorithms: [{ name: 'ucb' }] })).toEqual(["algorithms.0.name: 'ucb' is unknown; known: batchsp2, ma-ucb, ma-sae, ma-lsae-h, ma-lsae-v, batchsp2-anytime, tpg, sp2-feedback, adaptive"]);
    expect(problems({ ...base, agents: { groups: [{ count: 1, eps: 0.1, channel: { type: 'wifi' } }] } })).toEqual([
      "agents.groups.0.channel.type: 'wifi' is unknown; known: erasure, gilbert-elliott, delay, schedule",
    ]);
    expect(problems({ ...base, arms: { distribution: 'poisson', means: [1] } })).toEqual(["arms.distribution: 'poisson' is unknown; known: gaussian, bernoulli"]);
  });

  it('requires eps exactly where the link uses it', () => {
    expect(problems({ ...base, agents: { groups: [{ count: 1 }] } })).toEqual(["agents.groups.0.eps: missing field (the erasure probability of this 'erasure' link, in [0, 1))"]);
    expect(problems({ ...base, agents: { list: [{ eps: 0.2, channel: { type: 'gilbert-elliott', pGoodToBad: 0.1, pBadToGood: 0.2 } }] } })).toEqual([
      "agents.list.0.eps: not used by this 'gilbert-elliott' link (its loss comes from the channel fields); remove it",
    ]);
  });

  it('checks the agents block and channel details', () => {
    expect(problems({ ...base, agents: {} })).toEqual(["agents: give exactly one of 'groups' (count + link per group) or 'list' (one entry per agent), found neither"]);
    expect(problems({ ...base, agents: { groups: [{ count: 0, eps: 0.1 }] } })).toEqual(['agents.groups.0.count: value must be >= 1, found 0']);
    expect(problems({ ...base, agents: { list: [{ channel: { type: 'schedule', segments: [{ from: 3, eps: 0.1 }] } }] } })).toEqual([
      'agents.list.0.channel.segments.0.from: the first segment must start at round 0, found 3',
    ]);
    expect(problems({ ...base, agents: { list: [{ eps: 0.1, channel: { type: 'delay', delay: { type: 'discrete', probs: [0.5] } } }] } })).toEqual([
      'agents.list.0.channel.delay.probs: probabilities must sum to 1, found 0.5',
    ]);
    expect(problems({ ...base, arms: { distribution: 'bernoulli', means: [0.5, 1.5] } })).toEqual(['arms.means.1: value must be <= 1, found 1.5']);
  });
});

describe('erasureScenarioWarnings', () => {
  it('is quiet when the bounds cover the true erasure probabilities', () => {
    expect(erasureScenarioWarnings(erasureScenarioSchema.parse(base))).toEqual([]);
  });

  it('warns, once per declaration, when a bound is below the true eps', () => {
    const s = erasureScenarioSchema.parse({ ...base, horizon: 50_000, agents: { groups: [{ count: 3, eps: 0.9, epsBound: 0.5 }, { count: 1, eps: 0.2, epsBound: 0.3 }] } });
    expect(erasureScenarioWarnings(s)).toEqual([
      "agents.groups[0].epsBound 0.5 is below the link's erasure probability 0.9: the learner will repeat commands too few times (alpha 32 instead of 206)",
    ]);
  });

  it('warns when the repetitions exceed the horizon', () => {
    const s = erasureScenarioSchema.parse({ ...base, horizon: 100, agents: { list: [{ eps: 0.99 }] } });
    expect(erasureScenarioWarnings(s)).toEqual([
      'agents.list[0]: with eps bound 0.99 the learner repeats each command 917 rounds, not less than the horizon 100; this agent\'s samples will never count',
    ]);
  });
});
