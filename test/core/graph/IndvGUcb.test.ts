// Indv-G-UCB baseline: each robot explores the whole graph itself, then heads for its own best UCB; edges only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphDiameter } from '../../../src/core/graph/graphDiameter.js';
import { gridGraph } from '../../../src/core/graph/gridGraph.js';
import { IndvGUcb } from '../../../src/core/graph/IndvGUcb.js';
import { driveFleet } from './driveFleet.js';
import { connectedGraph } from './graphArbitraries.js';

const SEED = 8_086;

describe(`IndvGUcb (fast-check seed ${SEED})`, () => {
  it('ends initialisation only when every robot has sampled every site itself', () => {
    const instance = connectedGraph(9, 2).chain(({ graph }) =>
      fc.record({
        graph: fc.constant(graph),
        N: fc.integer({ min: 1, max: 4 }),
        means: fc.array(fc.double({ min: 0.25, max: 0.75, noNaN: true }), { minLength: graph.size, maxLength: graph.size }),
        starts: fc.array(fc.nat(graph.size - 1), { minLength: 4, maxLength: 4 }),
        seed: fc.nat(10_000),
      }),
    );
    fc.assert(
      fc.property(instance, ({ graph, N, means, starts, seed }) => {
        const planner = new IndvGUcb({ graph, robots: N });
        const seen = Array.from({ length: N }, () => new Set<number>());
        const D = graphDiameter(graph);
        let episode = 0;
        let transitionSteps = 0;
        driveFleet(graph, planner, means, starts.slice(0, N), 300, seed, ({ before }) => {
          before.forEach((k, i) => seen[i].add(k));
          const s = planner.summary();
          const allSeen = seen.every((x) => x.size === graph.size);
          expect(s.phase === 'initialisation').toBe(!allSeen);
          if (s.episode !== episode) {
            episode = s.episode;
            transitionSteps = 0;
            expect(s.targetCounts.reduce((a, b) => a + b, 0)).toBe(N);
            for (let i = 0; i < N; i++) expect(s.targetCounts[s.destination[i]]).toBeGreaterThan(0);
          }
          if (s.phase === 'transition') expect(++transitionSteps).toBeLessThanOrEqual(D);
        });
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('piles every robot onto the best site: what cooperation avoids', () => {
    const graph = gridGraph(3, 3);
    const means = [0.3, 0.3, 0.9, 0.3, 0.3, 0.3, 0.6, 0.3, 0.3];
    const last = driveFleet(graph, new IndvGUcb({ graph, robots: 2 }), means, [0, 8], 20_000, 9);
    expect([...last]).toEqual([2, 2]);
  });
});
