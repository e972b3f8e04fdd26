// The Hungarian assignment is a minimum-cost perfect matching: checked against all permutations (N <= 6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinCostAssignment } from '../../../src/core/graph/MinCostAssignment.js';

const SEED = 424242;

function* permutations(n: number): Generator<number[]> {
  if (n === 0) {
    yield [];
    return;
  }
  for (const p of permutations(n - 1)) for (let i = 0; i <= p.length; i++) yield [...p.slice(0, i), n - 1, ...p.slice(i)];
}

function bruteForce(cost: number[], n: number): number {
  let best = Infinity;
  for (const p of permutations(n)) best = Math.min(best, p.reduce((s, j, i) => s + cost[i * n + j], 0));
  return best;
}

describe(`MinCostAssignment (fast-check seed ${SEED})`, () => {
  it('finds a perfect assignment of minimal total cost', () => {
    const solver = new MinCostAssignment(6);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            // small integers make ties common; doubles exercise the potentials
            cost: fc.oneof(
              fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n * n, maxLength: n * n }),
              fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            ),
          }),
        ),
        ({ n, cost }) => {
          const out = new Int32Array(n);
          const total = solver.solve(cost, n, out);
          expect([...out].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, j) => j));
          expect(total).toBeCloseTo([...out].reduce((s, j, i) => s + cost[i * n + j], 0), 9);
          expect(total).toBeCloseTo(bruteForce(cost, n), 9);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('refuses problems larger than its capacity', () => {
    expect(() => new MinCostAssignment(2).solve([0, 0, 0, 0, 0, 0, 0, 0, 0], 3, new Int32Array(3))).toThrow(/exceeds the capacity 2/);
  });
});
