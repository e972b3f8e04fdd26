// SPMatching: every robot gets one destination copy along a valid path, and the total is the minimum over all assignments.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, edgeIndex } from '../../../src/core/graph/Graph.js';
import { graphDiameter } from '../../../src/core/graph/graphDiameter.js';
import { SpMatching } from '../../../src/core/graph/SpMatching.js';
import { travelTimeDiameter } from '../../../src/core/graph/travelSteps.js';
import { bruteForce, connectedGraph, travelFor } from './graphArbitraries.js';

const SEED = 99_2024;

function* permutations(n: number): Generator<number[]> {
  if (n === 0) {
    yield [];
    return;
  }
  for (const p of permutations(n - 1)) for (let i = 0; i <= p.length; i++) yield [...p.slice(0, i), n - 1, ...p.slice(i)];
}

describe(`SpMatching (fast-check seed ${SEED})`, () => {
  it('assigns the destination multiset at minimum total path cost', () => {
    const instance = connectedGraph(7).chain(({ graph }) =>
      fc.integer({ min: 1, max: 5 }).chain((N) =>
        fc.record({
          graph: fc.constant(graph),
          positions: fc.array(fc.nat(graph.size - 1), { minLength: N, maxLength: N }),
          destinations: fc.array(fc.nat(graph.size - 1), { minLength: N, maxLength: N }).map((d) => d.sort((a, b) => a - b)),
          cost: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: graph.size, maxLength: graph.size }),
          steps: fc.array(fc.nat(), { maxLength: 30 }),
          weighted: fc.boolean(),
        }),
      ),
    );
    fc.assert(
      fc.property(instance, ({ graph, positions, destinations, cost, steps, weighted }) => {
        const N = positions.length;
        const travel = weighted ? travelFor(graph, steps, 3) : null;
        const limit = travel === null ? graphDiameter(graph) : travelTimeDiameter(graph, travel);
        const matching = new SpMatching(graph, N, limit, travel);
        const plan = matching.plan(Int32Array.from(positions), Int32Array.from(destinations), cost, 0.5);

        const dist = positions.map((p) => bruteForce(graph, p, cost, 0.5, limit, travel));
        let best = Infinity;
        for (const perm of permutations(N)) best = Math.min(best, perm.reduce((s, j, i) => s + dist[i][destinations[j]], 0));

        let total = 0;
        for (let i = 0; i < N; i++) {
          const n = plan.waypointCount[i];
          const w = plan.waypoints.subarray(i * plan.stride, i * plan.stride + n);
          expect(w[0]).toBe(positions[i]);
          expect(w[n - 1]).toBe(plan.destination[i]);
          let acc = 0;
          for (let s = 1; s < n; s++) {
            const e = edgeIndex(graph, w[s - 1], w[s]);
            expect(e).toBeGreaterThanOrEqual(0);
            const tau = travel === null ? 1 : travel[e];
            acc += cost[w[s]] + (tau - 1) * 0.5;
          }
          expect(acc).toBeCloseTo(dist[i][plan.destination[i]], 9);
          total += acc;
        }
        expect([...plan.destination].sort((a, b) => a - b)).toEqual(destinations);
        expect(total).toBeCloseTo(best, 9);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('reports a limit below the diameter instead of planning nonsense', () => {
    const path = buildGraph({ size: 4, edges: [0, 1, 1, 2, 2, 3] });
    const matching = new SpMatching(path, 1, 2);
    expect(() => matching.plan(Int32Array.of(0), Int32Array.of(3), new Float64Array(4), 0)).toThrow(
      "SpMatching: site 3 cannot be reached from site 0 within 2 hops; the limit must be at least the graph's (time) diameter",
    );
  });
});
