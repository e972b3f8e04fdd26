// Travel steps per edge: ceil(length / (speed * step duration)), at least 1, with clear errors.
import { describe, expect, it } from 'vitest';
import { buildGraph, edgeIndex } from '../../../src/core/graph/Graph.js';
import { travelSteps, travelTimeDiameter } from '../../../src/core/graph/travelSteps.js';

describe('travelSteps', () => {
  it('rounds up, keeps exact multiples, and gives self-loops one step', () => {
    const g = buildGraph({ size: 4, edges: [0, 1, 1, 2, 2, 3], lengths: [10, 10.5, 0.2] });
    const t = travelSteps(g, 2, 2.5); // 5 m per step
    expect(t[edgeIndex(g, 0, 1)]).toBe(2);
    expect(t[edgeIndex(g, 1, 0)]).toBe(2);
    expect(t[edgeIndex(g, 1, 2)]).toBe(3);
    expect(t[edgeIndex(g, 2, 3)]).toBe(1);
    expect(t[edgeIndex(g, 2, 2)]).toBe(1);
    expect(travelTimeDiameter(g, t)).toBe(6);
  });

  it('explains what is missing', () => {
    expect(() => travelSteps(buildGraph({ size: 2, edges: [0, 1] }), 1, 1)).toThrow(/no edge lengths and no site positions/);
    expect(() => travelSteps(buildGraph({ size: 3, edges: [0, 1, 1, 2], lengths: [3, NaN] }), 1, 1)).toThrow(/1 edges have no length .*'1'-'2'/);
    expect(() => travelSteps(buildGraph({ size: 2, edges: [0, 1], lengths: [3] }), 0, 1)).toThrow(/speed must be a positive number of m\/s, found 0/);
  });
});
