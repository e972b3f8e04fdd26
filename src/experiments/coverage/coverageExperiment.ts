/**
 * One seeded run of the multi-robot graph-bandit coverage family (Multi-G-UCB and baselines):
 * cumulative pseudo-regret against the best allocation under the true means, every step
 * counted, initialisation included.
 */
import { RobotFaults } from '../../envs/faults/RobotFaults.js';
import type { FamilyExperiment } from '../Family.js';
import { CoverageSimulation, simulateCoverage } from './CoverageSimulation.js';
import { coverageWorld } from './CoverageWorld.js';
import { createRestartingPlanner } from './restartingPlanner.js';
import { coverageScenarioSchema, type CoverageScenario } from './schema.js';

/** Refusals logged per run before going quiet; all of them are counted by the robot model. */
const REFUSALS_LOGGED = 5;

export const coverageExperiment: FamilyExperiment<CoverageScenario> = {
  family: 'coverage',
  algorithms: coverageScenarioSchema.shape.algorithms.element.options.map((o) => o.shape.name.value),
  runOne(scenario, algorithmIndex, rng, grid, metrics) {
    const world = coverageWorld(scenario);
    const entry = scenario.algorithms[algorithmIndex];
    const planner = createRestartingPlanner(scenario, world, entry);
    let logged = 0;
    // A refusal means a planner asked for a jump: a bug worth seeing, not worth a crash.
    const onRefusal = (message: string) => {
      if (logged++ < REFUSALS_LOGGED) console.warn(`${message} [scenario=${scenario.name} algorithm=${entry.label ?? entry.name} rng=${rng.key}]`);
    };
    const faults = scenario.faults ? new RobotFaults(scenario.faults, world.robots) : undefined;
    const sim = new CoverageSimulation(world, planner, rng, { onRefusal, faults });
    const out = simulateCoverage(sim, scenario.horizon, grid);
    if (metrics && faults) Object.assign(metrics, { stepsDown: sim.stepsDown, stepsStuck: sim.stepsStuck, lostToDown: sim.lostToDown });
    return out;
  },
};
