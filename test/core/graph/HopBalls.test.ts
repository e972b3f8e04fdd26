// Hop balls: per-site BFS rows (hops, nearest-first order, prefix ends) against a plain BFS.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../src/core/graph/Graph.js';
import { HopBalls } from '../../../src/core/graph/HopBalls.js';
import { connectedGraph } from './graphArbitraries.js';

const SEED = 4_242;

function bfs(graph: Graph, from: number): number[] {
  const hops = new Array<number>(graph.size).fill(Infinity);
  hops[from] = 0;
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i];
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const w = graph.neighbors[e];
      if (hops[w] === Infinity) {
        hops[w] = hops[u] + 1;
        queue.push(w);
      }
    }
  }
  return hops;
}

describe(`HopBalls (fast-check seed ${SEED})`, () => {
  it('lists the sites within h hops of a site as a prefix of its order, with exact hop counts', () => {
    fc.assert(
      fc.property(connectedGraph(12), fc.nat(3), ({ graph }, maxHops) => {
        const balls = new HopBalls(graph, maxHops);
        const K = graph.size;
        for (let k = K - 1; k >= 0; k--) {
          balls.ensure(k);
          const expected = bfs(graph, k);
          for (let v = 0; v < K; v++) expect(balls.hops[k * K + v]).toBe(Math.min(expected[v], maxHops + 1));
          for (let h = 0; h <= maxHops; h++) {
            const n = balls.ends[k * (maxHops + 1) + h];
            const within = [...balls.order.subarray(k * K, k * K + n)].sort((x, y) => x - y);
            expect(within).toEqual(expected.flatMap((d, v) => (d <= h ? [v] : [])));
          }
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rejects hop limits it cannot store', () => {
    const graph = fc.sample(connectedGraph(3), { seed: SEED, numRuns: 1 })[0].graph;
    expect(() => new HopBalls(graph, 255)).toThrow(/maxHops must be an integer in 0..254/);
  });
});
