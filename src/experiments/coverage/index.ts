/** Public surface of the coverage experiment family. */
export { coverageScenarioSchema, coverageGraphSchema, coverageAlgorithmSchema } from './schema.js';
export type { CoverageAlgorithm, CoverageGraphSpec, CoverageScenario } from './schema.js';
export { coverageExperiment } from './coverageExperiment.js';
export { coverageFamily, coverageWarnings, prepareCoverageScenario } from './coverageFamily.js';
export { buildCoverageWorld, coverageWorld, graphIssues } from './CoverageWorld.js';
export type { CoverageWorld } from './CoverageWorld.js';
export { graphRng, inlineGraph, readWaypointGraphFile, resolveCoverageGraph } from './resolveCoverageGraph.js';
export { createCoveragePlanner } from './createCoveragePlanner.js';
export { CoverageSimulation, simulateCoverage } from './CoverageSimulation.js';
export type { CoverageSimulationOptions } from './CoverageSimulation.js';
