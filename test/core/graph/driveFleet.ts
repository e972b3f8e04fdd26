// A bare fleet loop for planner tests: one step per edge, no losses, Gaussian samples per site stream; asserts every move follows an edge.
import { expect } from 'vitest';
import { isAdjacent, type Graph } from '../../../src/core/graph/Graph.js';
import type { GraphPlanner } from '../../../src/core/graph/GraphPlanner.js';
import { Rng } from '../../../src/core/random.js';

export interface FleetStep {
  t: number;
  /** Positions at step t (sampled), before the move. */
  before: Int32Array;
  /** Waypoints the planner gave at the end of step t. */
  waypoints: Int32Array;
}

export function driveFleet(
  graph: Graph,
  planner: GraphPlanner,
  means: ArrayLike<number>,
  starts: ArrayLike<number>,
  steps: number,
  seed: number,
  onStep?: (s: FleetStep) => void,
  sd = 0.06,
): Int32Array {
  const N = starts.length;
  const rng = new Rng(seed);
  const streams = Array.from({ length: graph.size }, (_, k) => rng.stream(`site/${k}`));
  const pos = Int32Array.from(starts);
  const before = new Int32Array(N);
  const out = new Int32Array(N);
  const samples = new Float64Array(graph.size);
  for (let t = 1; t <= steps; t++) {
    for (const k of new Set(pos)) samples[k] = streams[k].normal(means[k], sd);
    planner.observe(t, pos, samples);
    before.set(pos);
    planner.nextWaypoints(t, pos, null, out);
    for (let i = 0; i < N; i++) {
      if (!isAdjacent(graph, pos[i], out[i])) expect.fail(`step ${t}: robot ${i} told to jump ${pos[i]} -> ${out[i]}`);
    }
    onStep?.({ t, before, waypoints: out });
    pos.set(out);
  }
  return pos;
}
