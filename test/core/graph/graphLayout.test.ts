// Layouts of abstract site graphs: deterministic, finite, spread over the square, and faithful
// enough that neighbouring sites sit closer than random pairs.
import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph } from '../../../src/core/graph/Graph.js';
import { erdosRenyiGraph } from '../../../src/core/graph/erdosRenyiGraph.js';
import { FORCE_LAYOUT_MAX_SITES, forceDirectedLayout, graphLayout, pivotMdsLayout } from '../../../src/core/graph/graphLayout.js';
import { gridGraph } from '../../../src/core/graph/gridGraph.js';
import { Rng } from '../../../src/core/random.js';

/** Mean edge length over mean distance of site pairs (0..1: small when neighbours sit together). */
function edgeToPairRatio(g: Graph, xyz: Float64Array): number {
  const d = (a: number, b: number) => Math.hypot(xyz[3 * a] - xyz[3 * b], xyz[3 * a + 1] - xyz[3 * b + 1]);
  let edges = 0;
  let edgeSum = 0;
  for (let u = 0; u < g.size; u++) {
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      if (g.neighbors[e] > u) {
        edges++;
        edgeSum += d(u, g.neighbors[e]);
      }
    }
  }
  const rng = new Rng(3);
  let pairSum = 0;
  for (let i = 0; i < 2000; i++) pairSum += d(rng.int(g.size), rng.int(g.size));
  return edgeSum / edges / (pairSum / 2000);
}

/** Grid graph without its coordinates: an abstract graph whose good layout is known. */
const abstractGrid = (rows: number, cols: number) => {
  const grid = gridGraph(rows, cols);
  const edges: number[] = [];
  for (let u = 0; u < grid.size; u++) for (let e = grid.offsets[u]; e < grid.offsets[u + 1]; e++) if (grid.neighbors[e] > u) edges.push(u, grid.neighbors[e]);
  return buildGraph({ size: grid.size, edges });
};

describe('graphLayout', () => {
  it('uses the force-directed layout up to FORCE_LAYOUT_MAX_SITES sites and pivot MDS above', () => {
    const small = erdosRenyiGraph(60, 0.1, new Rng(1));
    expect(graphLayout(small)).toEqual(forceDirectedLayout(small));
    const large = abstractGrid(30, FORCE_LAYOUT_MAX_SITES / 20);
    expect(graphLayout(large)).toEqual(pivotMdsLayout(large));
  });

  it('pivot MDS is deterministic, finite, about 10 sqrt(K) metres wide, and unfolds a grid', () => {
    const g = abstractGrid(40, 60);
    const a = pivotMdsLayout(g);
    expect(pivotMdsLayout(g)).toEqual(a);
    expect(a.every(Number.isFinite)).toBe(true);
    const xs = Array.from({ length: g.size }, (_, k) => a[3 * k]);
    const ys = Array.from({ length: g.size }, (_, k) => a[3 * k + 1]);
    const width = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    expect(width).toBeGreaterThan(0.9 * 10 * Math.sqrt(g.size));
    expect(width).toBeLessThan(1.1 * 10 * Math.sqrt(g.size) + 6);
    // Neighbours one hop apart on a 40 x 60 grid: about 1/40 of the mean pair distance.
    expect(edgeToPairRatio(g, a)).toBeLessThan(0.1);
    expect(new Set(xs.map((x, k) => `${x},${ys[k]}`)).size).toBe(g.size);
  });

  it('places neighbours of a random graph closer than random pairs, and handles tiny graphs', () => {
    const g = erdosRenyiGraph(800, 0.01, new Rng(5));
    expect(edgeToPairRatio(g, pivotMdsLayout(g))).toBeLessThan(0.8);
    expect(pivotMdsLayout(buildGraph({ size: 1, edges: [] }))).toEqual(new Float64Array(3));
    expect(pivotMdsLayout(buildGraph({ size: 2, edges: [0, 1] })).every(Number.isFinite)).toBe(true);
  });
});
