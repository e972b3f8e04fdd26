// Hop and travel-time diameters against Floyd-Warshall on random small graphs (seed in the title).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph } from '../../../src/core/graph/Graph.js';
import { graphDiameter, hopDistances } from '../../../src/core/graph/graphDiameter.js';
import { erdosRenyiGraph } from '../../../src/core/graph/erdosRenyiGraph.js';
import { geometricGraph } from '../../../src/core/graph/geometricGraph.js';
import { gridGraph } from '../../../src/core/graph/gridGraph.js';
import { Rng } from '../../../src/core/random.js';
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

describe('graphDiameter on larger graphs (bounded searches against one search per site)', () => {
  const naive = (g: Graph) => {
    let d = 0;
    const hops = new Int32Array(g.size);
    for (let s = 0; s < g.size; s++) for (const h of hopDistances(g, s, hops)) d = Math.max(d, h);
    return d;
  };
  it('is exact on random geometric, Erdos-Renyi, grid and lollipop graphs', () => {
    const rng = new Rng(9);
    const cases: Graph[] = [gridGraph(17, 23), erdosRenyiGraph(300, 0.02, rng.stream('er')), geometricGraph(400, 9, rng.stream('geo'))];
    // A path of 30 sites into a corner of a 5 x 5 grid: the far end of the path to the far corner.
    const edges: number[] = [];
    for (let k = 0; k < 30; k++) edges.push(k, k + 1);
    for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) {
      const k = 30 + r * 5 + c;
      if (c < 4) edges.push(k, k + 1);
      if (r < 4) edges.push(k, k + 5);
    }
    cases.push(buildGraph({ size: 55, edges }));
    for (const g of cases) expect(graphDiameter(g)).toBe(naive(g));
    expect(graphDiameter(cases[3])).toBe(38);
  });
});
