// Random small connected graphs for property tests: a random spanning tree plus random extra edges.
import fc from 'fast-check';
import { buildGraph, type Graph } from '../../../src/core/graph/Graph.js';

export interface GraphCase {
  graph: Graph;
  /** Flat edge pairs as given to buildGraph (tree first, extras after). */
  edges: number[];
}

/** Connected graphs with 1..maxSites sites; shrinks towards fewer sites and edges. */
export function connectedGraph(maxSites: number, minSites = 1): fc.Arbitrary<GraphCase> {
  return fc
    .integer({ min: minSites, max: maxSites })
    .chain((K) =>
      fc.record({
        K: fc.constant(K),
        parents: fc.array(fc.nat(), { minLength: K - 1, maxLength: K - 1 }),
        extra: fc.array(fc.tuple(fc.nat(K - 1), fc.nat(K - 1)), { maxLength: 2 * K }),
      }),
    )
    .map(({ K, parents, extra }) => {
      const edges: number[] = [];
      // Site i + 1 hangs off an earlier site: a spanning tree, so the graph is connected.
      parents.forEach((p, i) => edges.push(p % (i + 1), i + 1));
      for (const [u, v] of extra) edges.push(u, v);
      return { graph: buildGraph({ size: K, edges }), edges };
    });
}

/** Travel steps per CSR edge (symmetric), each in 1..maxSteps, self-loops 1. */
export function travelFor(graph: Graph, steps: readonly number[], maxSteps: number): Int32Array {
  const travel = new Int32Array(graph.neighbors.length);
  for (let u = 0; u < graph.size; u++) {
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const v = graph.neighbors[e];
      if (v === u) {
        travel[e] = 1;
        continue;
      }
      const a = Math.min(u, v);
      const b = Math.max(u, v);
      travel[e] = 1 + ((steps[(a * 31 + b) % steps.length] ?? 0) % maxSteps);
    }
  }
  return travel;
}

/**
 * Least cost to every site over simple paths of total time <= limit. Enough because costs are
 * >= 0: cutting a cycle out of a walk never adds time or cost, so some simple path is optimal.
 */
export function bruteForce(g: Graph, source: number, cost: number[], transit: number, limit: number, travel: Int32Array | null): number[] {
  const best = new Array<number>(g.size).fill(Infinity);
  const onPath = new Uint8Array(g.size);
  const walk = (u: number, time: number, acc: number) => {
    best[u] = Math.min(best[u], acc);
    onPath[u] = 1;
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const v = g.neighbors[e];
      if (onPath[v]) continue;
      const tau = travel === null ? 1 : travel[e];
      if (time + tau <= limit) walk(v, time + tau, acc + cost[v] + (tau - 1) * transit);
    }
    onPath[u] = 0;
  };
  walk(source, 0, 0);
  return best;
}
