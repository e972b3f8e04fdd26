// Graph construction and validation: CSR layout, self-loops, lengths, and errors that name the culprit.
import { describe, expect, it } from 'vitest';
import { buildGraph, edgeIndex, isAdjacent } from '../../../src/core/graph/Graph.js';
import { graphFromSpec } from '../../../src/core/graph/graphFromSpec.js';
import { GraphValidationError } from '../../../src/core/graph/GraphValidationError.js';

function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GraphValidationError);
    return (err as GraphValidationError).issues;
  }
  throw new Error('expected a GraphValidationError');
}

describe('buildGraph', () => {
  it('builds sorted CSR lists with a self-loop on every site and drops duplicate edges', () => {
    const g = buildGraph({ size: 4, edges: [0, 2, 2, 1, 1, 2, 3, 2, 2, 2] });
    expect(g.edgeCount).toBe(3);
    const lists = [0, 1, 2, 3].map((u) => [...g.neighbors.subarray(g.offsets[u], g.offsets[u + 1])]);
    expect(lists).toEqual([[0, 2], [1, 2], [0, 1, 2, 3], [2, 3]]);
    expect(g.ids).toEqual(['0', '1', '2', '3']);
    expect(g.edgeLengths).toBeNull();
    expect(isAdjacent(g, 0, 2)).toBe(true);
    expect(isAdjacent(g, 0, 0)).toBe(true);
    expect(isAdjacent(g, 0, 1)).toBe(false);
    expect(g.neighbors[edgeIndex(g, 2, 3)]).toBe(3);
    expect(edgeIndex(g, 3, 0)).toBe(-1);
  });

  it('names every unreachable site of a disconnected graph', () => {
    const issues = issuesOf(() => buildGraph({ size: 5, edges: [0, 1, 3, 4], ids: ['a', 'b', 'c', 'd', 'e'] }));
    expect(issues).toEqual(["the graph is not connected: 3 of 5 sites cannot be reached from site 'a': 'c', 'd', 'e'"]);
  });

  it('reports bad indices, duplicate ids and bad lengths together', () => {
    const issues = issuesOf(() => buildGraph({ size: 3, ids: ['x', 'y', 'x'], edges: [0, 1, 1, 7], lengths: [-2, 1] }));
    expect(issues).toEqual([
      "duplicate site id 'x' (sites 0 and 2)",
      "edge 'x'-'y': length must be a positive number of metres, found -2",
      'edge 1 (1-7): site index 7 is out of range [0, 3)',
    ]);
  });

  it('derives edge lengths from positions and keeps given ones', () => {
    const g = buildGraph({ size: 3, edges: [0, 1, 1, 2], lengths: [NaN, 7], positions: [0, 0, 0, 3, 4, 0, 3, 4, 12] });
    expect(g.edgeLengths![edgeIndex(g, 0, 1)]).toBe(5);
    expect(g.edgeLengths![edgeIndex(g, 1, 0)]).toBe(5);
    expect(g.edgeLengths![edgeIndex(g, 2, 1)]).toBe(7);
    expect(g.edgeLengths![edgeIndex(g, 1, 1)]).toBe(0);
  });

  it('marks edges without a length as NaN when nothing else gives one', () => {
    const g = buildGraph({ size: 3, edges: [0, 1, 1, 2], lengths: [4, NaN] });
    expect(g.edgeLengths![edgeIndex(g, 0, 1)]).toBe(4);
    expect(g.edgeLengths![edgeIndex(g, 2, 1)]).toBeNaN();
  });

  it('rejects one edge given twice with different lengths', () => {
    expect(issuesOf(() => buildGraph({ size: 2, edges: [0, 1, 1, 0], lengths: [3, 4] }))).toEqual([
      "edge '1'-'0' is given twice with different lengths (3 and 4 m)",
    ]);
  });
});

describe('graphFromSpec', () => {
  it('maps ids to indices in site order', () => {
    const g = graphFromSpec({ sites: [{ id: 'b' }, { id: 'a' }, { id: 3 }], edges: [{ from: 'a', to: 'b' }, { from: 3, to: 'a', length: 2 }] }, 'test');
    expect(g.ids).toEqual(['b', 'a', '3']);
    expect(isAdjacent(g, 0, 1)).toBe(true);
    expect(isAdjacent(g, 1, 2)).toBe(true);
    expect(isAdjacent(g, 0, 2)).toBe(false);
  });

  it('names unknown ids, duplicate ids and partial positions', () => {
    const issues = issuesOf(() =>
      graphFromSpec({
        sites: [{ id: 'a', position: [0, 0] }, { id: 'b' }, { id: 'a', position: [1, 1, 1] }],
        edges: [{ from: 'a', to: 'zz' }],
      }),
    );
    expect(issues).toEqual([
      "sites[2]: duplicate site id 'a' (already sites[0])",
      "some sites have positions and others not; give every site a position or none (missing: 'b')",
      "edges[0].to: unknown site id 'zz'; known ids: a, b, a",
    ]);
  });

  it('puts the source name in the message', () => {
    expect(() => graphFromSpec({ sites: [{ id: 'a' }, { id: 'b' }], edges: [] }, 'field.yaml')).toThrow(
      /invalid field\.yaml:\n {2}✖ the graph is not connected: 1 of 2 sites cannot be reached from site 'a': 'b'/,
    );
  });
});
