// Weight functions: the paper's log family, and user tables checked for f(0)=0, f(1)=1, monotone, concave.
import { describe, expect, it } from 'vitest';
import { GraphValidationError } from '../../../src/core/graph/GraphValidationError.js';
import { logWeightTable, weightAt, weightTableFromLists } from '../../../src/core/graph/WeightTable.js';

function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GraphValidationError);
    return (err as GraphValidationError).issues;
  }
  throw new Error('expected a GraphValidationError');
}

describe('logWeightTable', () => {
  it('is ln(1 + x (2 + k mod 10) / 20) / ln(1 + (2 + k mod 10) / 20), concave, f(0) = 0, f(1) = 1', () => {
    const w = logWeightTable(23, 6);
    for (let k = 0; k < 23; k++) {
      const b = 2 + (k % 10);
      expect(weightAt(w, k, 0)).toBe(0);
      expect(weightAt(w, k, 1)).toBeCloseTo(1, 14);
      for (let c = 1; c <= 6; c++) {
        expect(weightAt(w, k, c)).toBeCloseTo(Math.log(1 + (c * b) / 20) / Math.log(1 + b / 20), 12);
        expect(weightAt(w, k, c)).toBeGreaterThan(weightAt(w, k, c - 1));
        if (c >= 2) expect(weightAt(w, k, c) - weightAt(w, k, c - 1)).toBeLessThan(weightAt(w, k, c - 1) - weightAt(w, k, c - 2));
      }
    }
    // the authors' form: (log_b(alpha x + 1/b) + 1) / (log_b(alpha + 1/b) + 1)
    const b = 5;
    const paper = (x: number) => (Math.log(0.05 * x + 1 / b) / Math.log(b) + 1) / (Math.log(0.05 + 1 / b) / Math.log(b) + 1);
    expect(weightAt(w, 3, 4)).toBeCloseTo(paper(4), 12);
  });
});

describe('weightTableFromLists', () => {
  it('accepts concave non-decreasing tables, cutting longer ones', () => {
    const w = weightTableFromLists([[0, 1, 1.5, 1.8, 2], [0, 1, 1, 1]], 3);
    expect(weightAt(w, 0, 3)).toBe(1.8);
    expect(weightAt(w, 1, 3)).toBe(1);
    expect(w.values.length).toBe(8);
  });

  it('names the site and the offending index', () => {
    expect(
      issuesOf(() =>
        weightTableFromLists(
          [
            [0, 1, 1.5, 2.2],
            [0.1, 1, 1.5, 1.9],
            [0, 1, 0.9, 0.9],
            [0, 1, 2],
            [0, 0.5, 1, 1.2],
          ],
          3,
          ['a', 'b', 'c', 'd', 'e'],
        ),
      ),
    ).toEqual([
      "site 'a': index 3: f(3) - f(2) = 0.7000000000000002 exceeds f(2) - f(1) = 0.5; f must be concave (steps never grow)",
      "site 'b': f(0) must be 0, found 0.1",
      "site 'c': index 2: f(2) = 0.9 < f(1) = 1; f must be non-decreasing",
      "site 'd': the table has 3 entries (f(0)..f(2)) but 3 robots need f(0)..f(3)",
      "site 'e': f(1) must be 1, found 0.5",
    ]);
  });
});

describe('logWeightTable at fleet scale', () => {
  it('stores ten functions (k mod 10), not one per site: 100,000 sites and 1,000 robots in 80 kB', () => {
    const w = logWeightTable(100_000, 1000, 0.05);
    expect(w.values.length).toBe(10 * 1001);
    for (const k of [0, 7, 12_345, 99_999]) {
      const ab = 0.05 * (2 + (k % 10));
      for (const c of [0, 1, 2, 500, 1000]) expect(weightAt(w, k, c)).toBe(Math.log1p(ab * c) / Math.log1p(ab));
    }
  });
});

describe('weightTableFromLists row sharing', () => {
  it('sites given the same table share one row; errors name the first site and how many share it', () => {
    const shared = [0, 1, 1.5, 1.8];
    const own = [0, 1, 2, 3];
    const t = weightTableFromLists([shared, own, shared, shared], 3, ['a', 'b', 'c', 'd']);
    expect(t.values.length).toBe(2 * 4);
    expect(Array.from(t.rows)).toEqual([0, 1, 0, 0]);
    expect([0, 1, 2, 3].map((c) => weightAt(t, 2, c))).toEqual(shared);
    expect([0, 1, 2, 3].map((c) => weightAt(t, 1, c))).toEqual(own);
    const convex = [0, 1, 3, 4];
    expect(() => weightTableFromLists([convex, own, convex], 3, ['a', 'b', 'c'])).toThrow(
      "site 'a' (and 1 more with the same table): index 2",
    );
  });
});
