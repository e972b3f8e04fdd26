// Random geometric generator: connected, edges exactly the pairs within the radius.
import { describe, expect, it } from 'vitest';
import { isAdjacent } from '../../../src/core/graph/Graph.js';
import { geometricGraph } from '../../../src/core/graph/geometricGraph.js';
import { Rng } from '../../../src/core/random.js';

describe('geometricGraph', () => {
  it('links exactly the sites within the radius, inside the field', () => {
    const g = geometricGraph(40, 30, new Rng(11).stream('graph'), { width: 120, height: 80, altitude: 15 });
    const p = g.positions!;
    for (let u = 0; u < g.size; u++) {
      expect(p[3 * u]).toBeGreaterThanOrEqual(0);
      expect(p[3 * u]).toBeLessThan(120);
      expect(p[3 * u + 1]).toBeLessThan(80);
      expect(p[3 * u + 2]).toBe(15);
      for (let v = 0; v < g.size; v++) {
        const d = Math.hypot(p[3 * u] - p[3 * v], p[3 * u + 1] - p[3 * v + 1]);
        expect(isAdjacent(g, u, v)).toBe(u === v || d <= 30);
      }
    }
  });

  it('says to raise the radius when no connected draw comes', () => {
    expect(() => geometricGraph(30, 1, new Rng(1), { maxAttempts: 5 })).toThrow(/raise the radius/);
  });
});
