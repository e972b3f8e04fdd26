/**
 * The coverage planner of a scenario with `learner-restart` faults: at each restart step r it
 * loses everything (sample counts, means, episode) and starts from scratch, seeing steps from 1
 * again (it is deterministic: no stream needed). The fast simulator and the planner node both
 * build it here. Without restarts it is the plain planner.
 */
import type { GraphPlanner } from '../../core/graph/GraphPlanner.js';
import { restartRounds } from '../../envs/faults/FaultSpec.js';
import type { CoverageWorld } from './CoverageWorld.js';
import { createCoveragePlanner } from './createCoveragePlanner.js';
import type { CoverageAlgorithm, CoverageScenario } from './schema.js';

export function createRestartingPlanner(scenario: CoverageScenario, world: CoverageWorld, entry: CoverageAlgorithm): GraphPlanner {
  const restarts = restartRounds(scenario.faults);
  const first = createCoveragePlanner(world, entry);
  if (restarts.length === 0) return first;
  let current = first;
  let offset = 0;
  let k = 0;
  // Steps t are 1-based (t = step index + 1); restart r takes effect from step index r.
  const restartIfDue = (t: number) => {
    while (k < restarts.length && restarts[k] <= t - 1) {
      offset = restarts[k++];
      current = createCoveragePlanner(world, entry);
    }
  };
  return {
    algorithm: first.algorithm,
    robots: first.robots,
    observe(t, robotSites, samples) {
      restartIfDue(t);
      current.observe(t - offset, robotSites, samples);
    },
    nextWaypoints(t, positions, inTransit, out) {
      restartIfDue(t);
      return current.nextWaypoints(t - offset, positions, inTransit, out);
    },
    summary: () => current.summary(),
  };
}
