/**
 * The coverage world of a node's run: graph, means, weights and OPT, built exactly as the fast
 * simulator builds them, plus the robots' start sites drawn from the run's 'starts' stream.
 */
import type { Graph } from '../../core/graph/Graph.js';
import { graphLayout } from '../../core/graph/graphLayout.js';
import type { Rng } from '../../core/random.js';
import { RobotFaults } from '../../envs/faults/RobotFaults.js';
import { coverageWorld, type CoverageWorld } from '../../experiments/coverage/CoverageWorld.js';
import type { CoverageScenario } from '../../experiments/coverage/schema.js';
import type { ScenarioBase } from '../../experiments/Family.js';

export function coverageWorldOf(s: ScenarioBase, nodeName: string): CoverageWorld {
  if (s.family !== 'coverage') throw new Error(`scenario family '${s.family}' is not 'coverage' [node=${nodeName}]`);
  return coverageWorld(s as CoverageScenario);
}

const robotFaults = new WeakMap<ScenarioBase, RobotFaults>();

/** The scenario's crashed and stuck robots (faults), one object per scenario. */
export function robotFaultsOf(s: ScenarioBase, world: CoverageWorld): RobotFaults {
  let f = robotFaults.get(s);
  if (!f) {
    f = new RobotFaults((s as CoverageScenario).faults, world.robots);
    robotFaults.set(s, f);
  }
  return f;
}

/** Start site of every robot: the scenario's, or `int(K)` per robot from stream 'starts' (as the simulator). */
export function startSites(world: CoverageWorld, runRng: Rng): Int32Array {
  if (world.starts !== null) return world.starts;
  const rng = runRng.stream('starts');
  const out = new Int32Array(world.robots);
  for (let i = 0; i < world.robots; i++) out[i] = rng.int(world.graph.size);
  return out;
}

const layouts = new WeakMap<Graph, Float64Array>();

/**
 * Display positions [x, y, z] per site: the graph's own, or for abstract graphs (Erdos-Renyi)
 * a deterministic layout (`graphLayout`), with z from the scenario's `field` altitudes when it
 * sets them. Computed once per world and shared by every node of the process.
 */
export function sitePositions(world: CoverageWorld): Float64Array {
  let xyz = cachedPositions.get(world);
  if (xyz === undefined) {
    xyz = layoutPositions(world);
    if (world.altitudes !== null) {
      xyz = xyz.slice();
      for (let k = 0; k < world.graph.size; k++) xyz[3 * k + 2] = world.altitudes[k];
    }
    cachedPositions.set(world, xyz);
  }
  return xyz;
}

const cachedPositions = new WeakMap<CoverageWorld, Float64Array>();

function layoutPositions(world: CoverageWorld): Float64Array {
  const g = world.graph;
  if (g.positions !== null) return g.positions;
  let xyz = layouts.get(g);
  if (xyz === undefined) {
    xyz = graphLayout(g);
    layouts.set(g, xyz);
  }
  return xyz;
}
