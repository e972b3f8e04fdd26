// DFS initialisation: robots move only along edges and every site gets visited, with shared or private marks, even with lost commands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, isAdjacent } from '../../../src/core/graph/Graph.js';
import { DfsExplorer } from '../../../src/core/graph/DfsExplorer.js';
import { Rng } from '../../../src/core/random.js';
import { connectedGraph } from './graphArbitraries.js';

const SEED = 55_001;

describe(`DfsExplorer (fast-check seed ${SEED})`, () => {
  it('covers the graph along edges, shared or private, with or without lost commands', () => {
    fc.assert(
      fc.property(
        connectedGraph(12),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.constantFrom(0, 0.3),
        fc.nat(1000),
        ({ graph }, N, shared, loss, seed) => {
          const K = graph.size;
          const rng = new Rng(seed);
          const dfs = new DfsExplorer(graph, N, shared);
          const pos = Array.from({ length: N }, () => rng.int(K));
          const seen = Array.from({ length: shared ? 1 : N }, () => new Set<number>());
          pos.forEach((p, i) => {
            dfs.root(i, p);
            seen[shared ? 0 : i].add(p);
          });
          const done = () => seen.every((s) => s.size === K);
          let steps = 0;
          // Without losses a DFS walk takes at most 2(K - 1) moves.
          const limit = loss === 0 ? 2 * K : 200 * K;
          while (!done() && steps < limit) {
            steps++;
            for (let i = 0; i < N; i++) {
              const w = dfs.next(i, pos[i]);
              expect(isAdjacent(graph, pos[i], w), `robot ${i} told ${pos[i]} -> ${w}`).toBe(true);
              if (!rng.bernoulli(loss)) pos[i] = w;
              seen[shared ? 0 : i].add(pos[i]);
            }
          }
          expect(done()).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('restarts a robot found away from its walk', () => {
    const path = buildGraph({ size: 4, edges: [0, 1, 1, 2, 2, 3] });
    const dfs = new DfsExplorer(path, 1, false);
    dfs.root(0, 0);
    expect(dfs.next(0, 0)).toBe(1);
    expect(dfs.next(0, 3)).toBe(2); // displaced to 3: new root, first unvisited neighbour 2
    expect(dfs.isVisited(0, 3)).toBe(true);
    expect(dfs.finished(0)).toBe(false);
  });
});
