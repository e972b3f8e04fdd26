// Hop-limited regret shortest paths: shortest among all paths of at most L hops (or L steps of travel), by enumeration.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph, edgeIndex } from '../../../src/core/graph/Graph.js';
import { graphDiameter } from '../../../src/core/graph/graphDiameter.js';
import { HopLimitedPaths } from '../../../src/core/graph/HopLimitedPaths.js';
import { travelTimeDiameter } from '../../../src/core/graph/travelSteps.js';
import { bruteForce, connectedGraph, travelFor } from './graphArbitraries.js';

const SEED = 1_337;

const instance = (maxSites: number, maxSteps: number) =>
  connectedGraph(maxSites).chain(({ graph }) =>
    fc.record({
      graph: fc.constant(graph),
      source: fc.nat(graph.size - 1),
      cost: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: graph.size, maxLength: graph.size }),
      transit: fc.double({ min: 0, max: 1, noNaN: true }),
      steps: fc.array(fc.nat(), { maxLength: 30 }),
      extraLimit: fc.integer({ min: -2, max: 2 }),
      weighted: maxSteps > 1 ? fc.boolean() : fc.constant(false),
    }).map((x) => ({ ...x, maxSteps })),
  );

describe(`HopLimitedPaths (fast-check seed ${SEED})`, () => {
  it('gives the least cost within the limit and a path that realises it', () => {
    fc.assert(
      fc.property(instance(7, 3), ({ graph, source, cost, transit, steps, extraLimit, weighted, maxSteps }) => {
        const travel = weighted ? travelFor(graph, steps, maxSteps) : null;
        const diameter = travel === null ? graphDiameter(graph) : travelTimeDiameter(graph, travel);
        const limit = Math.max(0, diameter + extraLimit);
        const paths = new HopLimitedPaths(graph, limit, travel);
        paths.run(source, cost, transit);
        const expected = bruteForce(graph, source, cost, transit, limit, travel);
        const out = new Int32Array(paths.maxWaypoints);
        for (let v = 0; v < graph.size; v++) {
          if (expected[v] === Infinity) {
            expect(paths.distance(v)).toBe(Infinity);
            expect(paths.writePath(v, out)).toBe(0);
            continue;
          }
          expect(paths.distance(v)).toBeCloseTo(expected[v], 9);
          const n = paths.writePath(v, out);
          expect(out[0]).toBe(source);
          expect(out[n - 1]).toBe(v);
          let time = 0;
          let acc = 0;
          for (let i = 1; i < n; i++) {
            const e = edgeIndex(graph, out[i - 1], out[i]);
            expect(e, `waypoints ${out[i - 1]} -> ${out[i]} are not adjacent`).toBeGreaterThanOrEqual(0);
            const tau = travel === null ? 1 : travel[e];
            time += tau;
            acc += cost[out[i]] + (tau - 1) * transit;
          }
          expect(time).toBeLessThanOrEqual(limit);
          expect(acc).toBeCloseTo(paths.distance(v), 9);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('prefers fewer hops on ties, so a zero-cost detour is not taken', () => {
    // 0 - 1 - 2 and 0 - 2: with every cost 0 both reach 2 at cost 0; the direct edge wins.
    const graph = buildGraph({ size: 3, edges: [0, 1, 1, 2, 0, 2] });
    const paths = new HopLimitedPaths(graph, 3);
    paths.run(0, [0, 0, 0]);
    const out = new Int32Array(4);
    expect([...out.subarray(0, paths.writePath(2, out))]).toEqual([0, 2]);
    expect([...out.subarray(0, paths.writePath(0, out))]).toEqual([0]);
  });
});

describe(`HopLimitedPaths with targets set (fast-check seed ${SEED})`, () => {
  it('gives the targets exactly the distances and paths of a full run, and refuses other sites', () => {
    const targeted = connectedGraph(12).chain(({ graph }) =>
      fc.record({
        graph: fc.constant(graph),
        source: fc.nat(graph.size - 1),
        // Ties (many zero or equal costs) exercise the tie-breaking the pruned run must keep.
        cost: fc.array(fc.oneof(fc.constant(0), fc.constant(0.5), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: graph.size, maxLength: graph.size }),
        targets: fc.array(fc.nat(graph.size - 1), { minLength: 1, maxLength: 4 }),
        extraLimit: fc.integer({ min: 0, max: 2 }),
      }),
    );
    fc.assert(
      fc.property(targeted, ({ graph, source, cost, targets, extraLimit }) => {
        const limit = graphDiameter(graph) + extraLimit;
        const full = new HopLimitedPaths(graph, limit);
        const pruned = new HopLimitedPaths(graph, limit);
        full.run(source, cost);
        // A first run from elsewhere leaves stale entries a pruned run must not read.
        pruned.setTargets(null);
        pruned.run((source + 1) % graph.size, cost.map((c) => c / 3));
        pruned.setTargets(targets);
        pruned.run(source, cost);
        const a = new Int32Array(limit + 1);
        const b = new Int32Array(limit + 1);
        for (const t of targets) {
          expect(Object.is(pruned.distance(t), full.distance(t))).toBe(true);
          const n = full.writePath(t, a);
          expect(pruned.writePath(t, b)).toBe(n);
          expect([...b.subarray(0, n)]).toEqual([...a.subarray(0, n)]);
        }
        for (let v = 0; v < graph.size; v++) if (!targets.includes(v)) expect(() => pruned.distance(v)).toThrow(/not one of the targets/);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('answers every site again once the targets are lifted', () => {
    const graph = buildGraph({ size: 4, edges: [0, 1, 1, 2, 2, 3] });
    const paths = new HopLimitedPaths(graph, 3);
    paths.setTargets([3]);
    paths.run(0, [1, 1, 1, 1]);
    expect(paths.distance(3)).toBe(3);
    expect(() => paths.distance(2)).toThrow(/not one of the targets/);
    paths.setTargets(null);
    paths.run(0, [1, 1, 1, 1]);
    expect(paths.distance(2)).toBe(2);
    expect(() => paths.setTargets([4])).toThrow(/target 4 is not a site/);
  });
});
