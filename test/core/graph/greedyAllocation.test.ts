// Greedy marginal-gain allocation is optimal under concave weights: checked against brute force (K <= 6, N <= 4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greedyAllocation } from '../../../src/core/graph/greedyAllocation.js';
import { logWeightTable, weightAt, weightTableFromLists, type WeightTable } from '../../../src/core/graph/WeightTable.js';

const SEED = 7_031_990;

/** Every c in N^K with sum N. */
function* compositions(K: number, N: number): Generator<number[]> {
  if (K === 1) {
    yield [N];
    return;
  }
  for (let first = 0; first <= N; first++) for (const rest of compositions(K - 1, N - first)) yield [first, ...rest];
}

function bruteForce(values: number[], w: WeightTable, N: number): number {
  let best = -Infinity;
  for (const c of compositions(values.length, N)) {
    let v = 0;
    c.forEach((ck, k) => (v += weightAt(w, k, ck) * values[k]));
    best = Math.max(best, v);
  }
  return best;
}

/** A random concave table: f(0) = 0, f(1) = 1, then non-increasing steps in [0, previous step]. */
const concaveTable = (N: number) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: N - 1, maxLength: N - 1 }).map((shrink) => {
    const f = [0, 1];
    let step = 1;
    for (const s of shrink) {
      step *= s;
      f.push(f[f.length - 1] + step);
    }
    return f;
  });

describe(`greedyAllocation (fast-check seed ${SEED})`, () => {
  it('matches brute force with random concave tables and values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((K) =>
          fc.integer({ min: 1, max: 4 }).chain((N) =>
            fc.record({
              N: fc.constant(N),
              values: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: K, maxLength: K }),
              tables: fc.array(concaveTable(N), { minLength: K, maxLength: K }),
            }),
          ),
        ),
        ({ N, values, tables }) => {
          const w = weightTableFromLists(tables, N);
          const out = new Int32Array(values.length);
          const got = greedyAllocation(values, w, N, out);
          expect(out.reduce((a, b) => a + b, 0)).toBe(N);
          expect(got).toBeCloseTo(bruteForce(values, w, N), 10);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('matches brute force with the paper weights, and breaks ties to the lowest index', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.25, max: 0.75, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), (values, N) => {
        const w = logWeightTable(values.length, N);
        const out = new Int32Array(values.length);
        expect(greedyAllocation(values, w, N, out)).toBeCloseTo(bruteForce(values, w, N), 10);
      }),
      { seed: SEED, numRuns: 300 },
    );
    const out = new Int32Array(3);
    greedyAllocation([0.5, 0.5, 0.5], weightTableFromLists([[0, 1], [0, 1], [0, 1]], 1), 1, out);
    expect([...out]).toEqual([1, 0, 0]);
  });
});
