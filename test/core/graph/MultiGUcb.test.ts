// Multi-G-UCB planner: initialisation, episode bookkeeping (allocation, reference, UCB at t_m), transitions within D steps, edges only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphDiameter } from '../../../src/core/graph/graphDiameter.js';
import { greedyAllocation } from '../../../src/core/graph/greedyAllocation.js';
import { gridGraph } from '../../../src/core/graph/gridGraph.js';
import { MultiGUcb, type DoublingReference } from '../../../src/core/graph/MultiGUcb.js';
import { logWeightTable } from '../../../src/core/graph/WeightTable.js';
import { driveFleet } from './driveFleet.js';
import { connectedGraph } from './graphArbitraries.js';

const SEED = 31_415;

describe(`MultiGUcb (fast-check seed ${SEED})`, () => {
  it('keeps its episode invariants on random graphs, for every doubling reference', () => {
    const instance = connectedGraph(10, 2).chain(({ graph }) =>
      fc.record({
        graph: fc.constant(graph),
        N: fc.integer({ min: 1, max: 4 }),
        reference: fc.constantFrom<DoublingReference>('min', 'median', 'max'),
        means: fc.array(fc.double({ min: 0.25, max: 0.75, noNaN: true }), { minLength: graph.size, maxLength: graph.size }),
        starts: fc.array(fc.nat(graph.size - 1), { minLength: 4, maxLength: 4 }),
        seed: fc.nat(10_000),
      }),
    );
    fc.assert(
      fc.property(instance, ({ graph, N, reference, means, starts, seed }) => {
        const K = graph.size;
        const D = graphDiameter(graph);
        const weights = logWeightTable(K, N);
        const planner = new MultiGUcb({ graph, robots: N, weights, reference });
        expect(planner.algorithm).toBe(reference === 'min' ? 'multi-g-ucb' : `multi-g-ucb-${reference}`);
        let episode = 0;
        let transitionSteps = 0;
        const alloc = new Int32Array(K);
        driveFleet(graph, planner, means, starts.slice(0, N), 400, seed, ({ t, waypoints }) => {
          const s = planner.summary();
          const allSampled = s.counts.every((n) => n > 0);
          if (s.phase === 'initialisation') {
            expect(allSampled).toBe(false);
            expect(s.episode).toBe(0);
            return;
          }
          if (s.episode !== episode) {
            // A new episode began at this step: check its bookkeeping against the counts it saw.
            expect(s.episode).toBe(episode + 1);
            episode = s.episode;
            transitionSteps = 0;
            expect(s.episodeStart).toBe(t + 1);
            for (let k = 0; k < K; k++) {
              const n = s.counts[k];
              expect(s.ucb[k]).toBeCloseTo(s.means[k] + Math.sqrt((2 * Math.log(t + 1)) / n), 12);
            }
            greedyAllocation(s.ucb, weights, N, alloc);
            expect([...s.targetCounts]).toEqual([...alloc]);
            const S: number[] = [];
            alloc.forEach((c, k) => {
              for (let j = 0; j < c; j++) S.push(k);
            });
            expect([...s.destination].sort((a, b) => a - b)).toEqual(S);
            const bySamples = [...S].sort((a, b) => s.counts[a] - s.counts[b] || a - b);
            const expectedRef = reference === 'min' ? bySamples[0] : reference === 'median' ? bySamples[Math.floor(N / 2)] : bySamples[N - 1];
            expect(s.referenceSite).toBe(expectedRef);
            expect(s.referenceCount).toBe(s.counts[expectedRef]);
          }
          if (s.phase === 'transition') {
            transitionSteps++;
            expect(transitionSteps).toBeLessThanOrEqual(D);
          } else {
            // Exploitation: everyone stays, on the allocation.
            const occupancy = new Int32Array(K);
            for (const w of waypoints) occupancy[w]++;
            expect([...occupancy]).toEqual([...s.targetCounts]);
          }
        });
        expect(episode).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('settles on the optimal allocation when the best sites stand out', () => {
    // 3 x 3 grid, sites 2 and 6 (opposite corners) pay 0.9, the rest 0.3: two robots belong on 2 and 6.
    const graph = gridGraph(3, 3);
    const means = [0.3, 0.3, 0.9, 0.3, 0.3, 0.3, 0.9, 0.3, 0.3];
    const planner = new MultiGUcb({ graph, robots: 2, weights: logWeightTable(9, 2) });
    let onOptimum = 0;
    const last = driveFleet(graph, planner, means, [0, 0], 20_000, 5, ({ t, waypoints }) => {
      if (t > 18_000 && [...waypoints].sort().join() === '2,6') onOptimum++;
    });
    expect([...last].sort()).toEqual([2, 6]);
    expect(onOptimum).toBeGreaterThan(1900);
  });
});
