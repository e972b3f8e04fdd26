// Hop and travel-time diameters against Floyd-Warshall on random small graphs (seed in the title).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph } from '../../../src/core/graph/Graph.js';
import { graphDiameter, hopDistances } from '../../../src/core/graph/graphDiameter.js';
import { gridGraph } from '../../../src/core/graph/gridGraph.js';
import { travelTimeDiameter } from '../../../src/core/graph/travelSteps.js';
import { connectedGraph, travelFor } from './graphArbitraries.js';

const SEED = 20240517;

function floydDiameter(g: Graph, travel: Int32Array | null): number {
  const K = g.size;
  const d = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (_, j) => (i === j ? 0 : Infinity)));
  for (let u = 0; u < K; u++) {
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const v = g.neighbors[e];
      if (v !== u) d[u][v] = Math.min(d[u][v], travel === null ? 1 : travel[e]);
    }
  }
  for (let m = 0; m < K; m++) for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) d[i][j] = Math.min(d[i][j], d[i][m] + d[m][j]);
  return Math.max(...d.flat());
}

describe('graphDiameter', () => {
  it('knows paths, cycles, grids and a single site', () => {
    expect(graphDiameter(buildGraph({ size: 5, edges: [0, 1, 1, 2, 2, 3, 3, 4] }))).toBe(4);
    expect(graphDiameter(buildGraph({ size: 6, edges: [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0] }))).toBe(3);
    expect(graphDiameter(gridGraph(3, 5))).toBe(6);
    expect(graphDiameter(buildGraph({ size: 1, edges: [] }))).toBe(0);
    expect([...hopDistances(gridGraph(2, 2), 0, new Int32Array(4))]).toEqual([0, 1, 1, 2]);
  });

  it(`equals Floyd-Warshall, hops and travel steps (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(connectedGraph(9), fc.array(fc.nat(), { maxLength: 40 }), ({ graph }, steps) => {
        expect(graphDiameter(graph)).toBe(floydDiameter(graph, null));
        const travel = travelFor(graph, steps, 4);
        expect(travelTimeDiameter(graph, travel)).toBe(floydDiameter(graph, travel));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
