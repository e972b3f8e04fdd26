/** Builds the planner of one algorithm entry of a coverage scenario. */
import type { GraphPlanner } from '../../core/graph/GraphPlanner.js';
import { IndvGUcb } from '../../core/graph/IndvGUcb.js';
import { MultiGUcb } from '../../core/graph/MultiGUcb.js';
import { pathLimitOf, type CoverageWorld } from './CoverageWorld.js';
import type { CoverageAlgorithm } from './schema.js';

/** The planners are deterministic (ties go to lower indices), so no algorithm stream is needed. */
export function createCoveragePlanner(world: CoverageWorld, entry: CoverageAlgorithm): GraphPlanner {
  const common = {
    graph: world.graph,
    robots: world.robots,
    travel: world.travel,
    pathLimit: pathLimitOf(entry.params.pathLimit, world.diameter),
  };
  switch (entry.name) {
    case 'multi-g-ucb':
      return new MultiGUcb({ ...common, weights: world.weights, reference: 'min' });
    case 'multi-g-ucb-median':
      return new MultiGUcb({ ...common, weights: world.weights, reference: 'median' });
    case 'multi-g-ucb-max':
      return new MultiGUcb({ ...common, weights: world.weights, reference: 'max' });
    case 'indv-g-ucb':
      return new IndvGUcb(common);
  }
}
