// Property tests (fast-check): mutated scenario documents, random YAML text and random messages
// never end in anything but an accepted input or a one-line user error; accepted scenarios run
// (a short horizon, one run) to a finite regret curve. Every case is bounded: inputs are small
// unless the schema must refuse them, so no case reaches a slow path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiments/runExperiment.js';
import { parseScenarioText, validateScenario } from '../../src/experiments/scenario/loadScenario.js';
import { ScenarioError } from '../../src/experiments/scenario/ScenarioError.js';
import { UserInputError } from '../../src/experiments/UserInputError.js';
import { FLEET_BANDITS_MESSAGE_TYPES, safeDecode, validateMessage } from '../../src/msg/index.js';
import { parseClientMessage } from '../../src/nodes/bridge/parseClientMessage.js';

const bases: Record<string, unknown> = {
  bandit: { name: 'b', family: 'bandit', horizon: 60, runs: 1, arms: { distribution: 'gaussian', means: [0.2, 0.6, 0.5], sd: 0.5 }, algorithms: [{ name: 'ucb1' }, { name: 'exp3', params: { rewardRange: [0, 1] } }, { name: 'sae' }] },
  erasure: {
    name: 'e',
    family: 'erasure',
    horizon: 60,
    runs: 1,
    arms: { distribution: 'bernoulli', means: [0.2, 0.8] },
    agents: { groups: [{ count: 2, eps: 0.3, channel: { type: 'delay', delay: { type: 'fixed', rounds: 1 } } }] },
    algorithms: [{ name: 'batchsp2' }, { name: 'ma-ucb' }],
  },
  coverage: {
    name: 'c',
    family: 'coverage',
    horizon: 60,
    runs: 1,
    graph: { type: 'grid', rows: 3, cols: 3, spacing: 10 },
    robots: { count: 2, speed: 5 },
    sites: { means: { type: 'uniform', lo: 0.2, hi: 0.8 }, noise: { type: 'gaussian', sd: 0.1 } },
    motion: { model: 'travel-time', stepDuration: 1 },
    algorithms: [{ name: 'multi-g-ucb' }, { name: 'indv-g-ucb', params: { pathLimit: 6 } }],
  },
};

/** Values a hand-edited or hostile file may hold: small sizes, extremes, wrong types, prototype names. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 4 },
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 4 },
  fc.integer({ min: -3, max: 12 }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 31, 2 ** 53, 1e9 + 1, 5e-324, NaN, Infinity, -Infinity),
  fc.constantFrom('', 'toString', '__proto__', 'constructor', '../../x', 'random', 'gaussian', 'grid', 'file'),
  fc.constant(null),
  fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('type', 'count', '__proto__', 'p', 'sd'), fc.integer({ min: -1, max: 4 }), { maxKeys: 3 }),
);

/** Every path to a value inside a document (objects and arrays), the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const out: (string | number)[][] = [];
  for (const [k, v] of Object.entries(value)) {
    const p = [...prefix, Array.isArray(value) ? Number(k) : k];
    out.push(p, ...paths(v, p));
  }
  return out;
}

function mutate(doc: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

const mutatedDocument = fc
  .constantFrom(...Object.keys(bases))
  .chain((family) => {
    const base = bases[family];
    const all = paths(base);
    return fc.array(fc.tuple(fc.constantFrom(...all), hostileValue, fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 })), { minLength: 1, maxLength: 3 }).map((edits) => {
      let doc = base;
      for (const [path, value, remove] of edits) {
        try {
          doc = mutate(doc, path, value, remove);
        } catch {
          // an earlier edit replaced a parent with a scalar: this edit has nowhere to go
        }
      }
      return doc;
    });
  });

/** Accepted, or refused with one line per issue; never another error. */
function check(load: () => { scenario: import('../../src/experiments/Family.js').ScenarioBase }) {
  try {
    return load().scenario;
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    for (const line of (err as Error).message.split('\n')) expect(line).toMatch(/^[^\n]+: /);
    return undefined;
  }
}

describe('hostile scenario documents (fast-check)', () => {
  it('mutated documents are refused with field errors or run to finite regret', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutatedDocument, async (doc) => {
        const scenario = check(() => validateScenario(doc, 'fuzz.yaml'));
        if (!scenario) return;
        accepted++;
        const short = { ...scenario, horizon: Math.min(scenario.horizon, 60), runs: 1, grid: { points: 5, spacing: 'linear' as const } };
        try {
          const summary = await runExperiment(short, { workers: 0 });
          for (const a of summary.algorithms) for (const p of a.curve) expect(Number.isFinite(p.mean)).toBe(true);
        } catch (err) {
          // Only a user error may stop an accepted scenario (e.g. a graph with no connected draw).
          expect(err, String((err as Error).stack)).toBeInstanceOf(UserInputError);
        }
      }),
      { numRuns: 150, seed: 14 },
    );
    expect(accepted).toBeGreaterThan(5);
  });

  it('random YAML text is refused with one-line errors, never thrown through', () => {
    const yamlish = fc.array(fc.constantFrom('name: x\n', 'family: bandit\n', 'a: &a [1, 2]\n', 'b: *a\n', 'c: *zz\n', '- 1\n', '  x: [\n', '!!binary AAAA\n', '? [a]\n', 'horizon: 1e400\n', '<<: *a\n', '"\\u0000"\n', '%YAML 1.1\n---\n'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 200 })), (text) => {
        check(() => parseScenarioText(text, 'fuzz.yaml'));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});

describe('hostile messages (fast-check)', () => {
  it('random bytes decode to a result or an error value; decoded messages validate to null or a reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FLEET_BANDITS_MESSAGE_TYPES), fc.uint8Array({ maxLength: 96 }), (type, bytes) => {
        const r = safeDecode(type, bytes);
        if (r.success) {
          const problem = validateMessage(type, r.data);
          expect(problem === null || typeof problem === 'string').toBe(true);
        } else expect(r.error).not.toContain('\n    at ');
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('arbitrary values are refused by validateMessage with a reason, never an exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FLEET_BANDITS_MESSAGE_TYPES), fc.anything(), (type, value) => {
        const problem = validateMessage(type, value);
        expect(problem === null || typeof problem === 'string').toBe(true);
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('browser messages of any shape are parsed or refused, never thrown', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 3 }), fc.uint8Array({ maxLength: 64 })), (raw) => {
        const r = parseClientMessage(raw);
        if (!r.success) expect(r.error).not.toContain('\n');
      }),
      { numRuns: 400, seed: 14 },
    );
  });
});
