/**
 * The coverage world of a node's run: graph, means, weights and OPT, built exactly as the fast
 * simulator builds them, plus the robots' start sites drawn from the run's 'starts' stream.
 */
import type { Rng } from '../../core/random.js';
import { coverageWorld, type CoverageWorld } from '../../experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../experiments/coverage/schema.js';
import type { ScenarioBase } from '../../experiments/Family.js';

export function coverageWorldOf(s: ScenarioBase, nodeName: string): CoverageWorld {
  if (s.family !== 'coverage') throw new Error(`scenario family '${s.family}' is not 'coverage' [node=${nodeName}]`);
  return coverageWorld(s as CoverageScenario);
}

/** Start site of every robot: the scenario's, or `int(K)` per robot from stream 'starts' (as the simulator). */
export function startSites(world: CoverageWorld, runRng: Rng): Int32Array {
  if (world.starts !== null) return world.starts;
  const rng = runRng.stream('starts');
  const out = new Int32Array(world.robots);
  for (let i = 0; i < world.robots; i++) out[i] = rng.int(world.graph.size);
  return out;
}

/**
 * Display positions [x, y, z] per site: the graph's own, or for abstract graphs (Erdos-Renyi)
 * a deterministic force-directed layout (Fruchterman-Reingold from a circle), spread over a
 * square of side ~ 10 sqrt(K) metres so the viewer has something sensible to draw.
 */
export function sitePositions(world: CoverageWorld): Float64Array {
  const g = world.graph;
  if (g.positions !== null) return g.positions;
  const K = g.size;
  const side = 10 * Math.sqrt(K);
  const x = new Float64Array(K);
  const y = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    x[k] = (side / 2) * Math.cos((2 * Math.PI * k) / K);
    y[k] = (side / 2) * Math.sin((2 * Math.PI * k) / K);
  }
  const ideal = side / Math.sqrt(K);
  const dx = new Float64Array(K);
  const dy = new Float64Array(K);
  let temperature = side / 10;
  for (let iter = 0; iter < 120; iter++) {
    dx.fill(0);
    dy.fill(0);
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) {
        const ux = x[a] - x[b];
        const uy = y[a] - y[b];
        const d2 = Math.max(ux * ux + uy * uy, 1e-6);
        const f = (ideal * ideal) / d2;
        dx[a] += ux * f;
        dy[a] += uy * f;
        dx[b] -= ux * f;
        dy[b] -= uy * f;
      }
    }
    for (let a = 0; a < K; a++) {
      for (let e = g.offsets[a]; e < g.offsets[a + 1]; e++) {
        const b = g.neighbors[e];
        if (b <= a) continue;
        const ux = x[a] - x[b];
        const uy = y[a] - y[b];
        const d = Math.sqrt(ux * ux + uy * uy) + 1e-9;
        const f = d / ideal;
        dx[a] -= ux * f;
        dy[a] -= uy * f;
        dx[b] += ux * f;
        dy[b] += uy * f;
      }
    }
    for (let a = 0; a < K; a++) {
      const len = Math.sqrt(dx[a] * dx[a] + dy[a] * dy[a]) + 1e-9;
      const step = Math.min(len, temperature);
      x[a] += (dx[a] / len) * step;
      y[a] += (dy[a] / len) * step;
    }
    temperature *= 0.96;
  }
  const out = new Float64Array(3 * K);
  for (let k = 0; k < K; k++) {
    out[3 * k] = Math.round(x[k] * 100) / 100;
    out[3 * k + 1] = Math.round(y[k] * 100) / 100;
  }
  return out;
}
