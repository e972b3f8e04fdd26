// Whole runs: robots move only along edges (any planner, lost commands, travel times), regret per step >= 0, exact reproducibility.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAdjacent } from '../../../src/core/graph/Graph.js';
import { weightAt } from '../../../src/core/graph/WeightTable.js';
import { Rng } from '../../../src/core/random.js';
import { CoverageSimulation, simulateCoverage } from '../../../src/experiments/coverage/CoverageSimulation.js';
import { coverageWorld } from '../../../src/experiments/coverage/CoverageWorld.js';
import { createCoveragePlanner } from '../../../src/experiments/coverage/createCoveragePlanner.js';
import { connectedGraph } from '../../core/graph/graphArbitraries.js';
import { loadCoverageText } from './loadCoverage.js';

const SEED = 2_718_281;
const ALGORITHMS = ['multi-g-ucb', 'multi-g-ucb-median', 'multi-g-ucb-max', 'indv-g-ucb'] as const;

describe(`CoverageSimulation (fast-check seed ${SEED})`, () => {
  it('moves every robot only along edges during a whole run', () => {
    const instance = connectedGraph(9, 2).chain(({ graph }) =>
      fc.record({
        graph: fc.constant(graph),
        positions: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { minLength: graph.size, maxLength: graph.size }),
        robots: fc.integer({ min: 1, max: 5 }),
        algorithm: fc.constantFrom(...ALGORITHMS),
        travel: fc.boolean(),
        erasure: fc.constantFrom(0, 0.2, 0.6),
        seed: fc.nat(1000),
      }),
    );
    fc.assert(
      fc.property(instance, ({ graph, positions, robots, algorithm, travel, erasure, seed }) => {
        const sites = positions.map(([x, y], k) => `{ id: s${k}, position: [${x}, ${y} , 10] }`).join(', ');
        const edges: string[] = [];
        for (let u = 0; u < graph.size; u++) {
          for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) if (graph.neighbors[e] > u) edges.push(`[s${u}, s${graph.neighbors[e]}, ${1 + ((u * 7 + e) % 23)}]`);
        }
        const scenario = loadCoverageText(`
name: prop
family: coverage
seed: ${seed}
horizon: 300
graph: { type: inline, sites: [${sites}], edges: [${edges.join(', ')}] }
robots: { count: ${robots}, speed: 2 }
sites: { means: { type: uniform, lo: 0.25, hi: 0.75 }, noise: { type: bernoulli } }
motion: ${travel ? '{ model: travel-time, stepDuration: 2 }' : '{ model: graph-step }'}
links: { waypointErasure: ${erasure} }
algorithms: [{ name: ${algorithm} }]
`);
        const world = coverageWorld(scenario);
        const refusals: string[] = [];
        const sim = new CoverageSimulation(world, createCoveragePlanner(world, scenario.algorithms[0]), new Rng(seed).stream('run/0'), {
          onRefusal: (m) => refusals.push(m),
        });
        const m = sim.motion;
        const before = new Int32Array(robots);
        while (sim.t < scenario.horizon) {
          before.set(m.site);
          const wasMoving = Uint8Array.from(m.inTransit);
          const instant = sim.step();
          expect(instant).toBeGreaterThanOrEqual(-1e-12);
          for (let i = 0; i < robots; i++) {
            expect(isAdjacent(world.graph, before[i], m.site[i]), `step ${sim.t}: robot ${i} ${before[i]} -> ${m.site[i]}`).toBe(true);
            if (wasMoving[i]) expect(m.site[i]).toBe(before[i]);
          }
        }
        expect(refusals).toEqual([]);
        expect(m.refusals).toBe(0);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  const quick = `
name: det
family: coverage
seed: 3
horizon: 2000
graph: { type: erdos-renyi, sites: 20, p: 0.25 }
robots: { count: 4 }
sites: { means: { type: uniform, lo: 0.25, hi: 0.75 } }
links: { waypointErasure: 0.1 }
algorithms: [{ name: multi-g-ucb }, { name: indv-g-ucb }]
`;

  it('gives the same curve bit for bit for the same seed, and another for another run', () => {
    const grid = Int32Array.from({ length: 20 }, (_, i) => (i + 1) * 100);
    const curve = (run: number, a: number) => {
      const s = loadCoverageText(quick); // a fresh scenario object: nothing cached
      const world = coverageWorld(s);
      return simulateCoverage(new CoverageSimulation(world, createCoveragePlanner(world, s.algorithms[a]), new Rng(3).stream(`run/${run}`)), s.horizon, grid);
    };
    for (const a of [0, 1]) {
      const x = curve(0, a);
      const y = curve(0, a);
      expect(Buffer.from(x.buffer).equals(Buffer.from(y.buffer))).toBe(true);
      expect([...curve(1, a)]).not.toEqual([...x]);
    }
  });

  it('charges OPT minus the expected reward of the occupancy, every step', () => {
    const s = loadCoverageText(quick);
    const world = coverageWorld(s);
    const sim = new CoverageSimulation(world, createCoveragePlanner(world, s.algorithms[0]), new Rng(3).stream('run/0'));
    let total = 0;
    for (let t = 0; t < 50; t++) {
      const positions = Int32Array.from(sim.motion.site);
      const instant = sim.step();
      const count = new Map<number, number>();
      for (const k of positions) count.set(k, (count.get(k) ?? 0) + 1);
      let expected = 0;
      for (const [k, c] of count) expected += weightAt(world.weights, k, c) * world.means[k];
      expect(instant).toBeCloseTo(world.opt - expected, 12);
      total += instant;
    }
    expect(sim.regret).toBeCloseTo(total, 10);
  });
});
