// Grid generator: 4-neighbour edges, ids r<r>c<c>, positions and lengths in metres.
import { describe, expect, it } from 'vitest';
import { edgeIndex, isAdjacent } from '../../../src/core/graph/Graph.js';
import { gridGraph } from '../../../src/core/graph/gridGraph.js';

describe('gridGraph', () => {
  it('links 4-neighbours only, with positions and lengths', () => {
    const g = gridGraph(2, 3, { spacing: 10, altitude: 5 });
    expect(g.ids).toEqual(['r0c0', 'r0c1', 'r0c2', 'r1c0', 'r1c1', 'r1c2']);
    expect(g.edgeCount).toBe(7);
    expect(isAdjacent(g, 0, 1)).toBe(true);
    expect(isAdjacent(g, 0, 3)).toBe(true);
    expect(isAdjacent(g, 0, 4)).toBe(false);
    expect([...g.positions!.subarray(3 * 5, 3 * 6)]).toEqual([20, 10, 5]);
    expect(g.edgeLengths![edgeIndex(g, 4, 5)]).toBe(10);
  });

  it('rejects empty grids', () => {
    expect(() => gridGraph(0, 3)).toThrow(/rows and cols must be positive integers, found 0 x 3/);
  });
});
