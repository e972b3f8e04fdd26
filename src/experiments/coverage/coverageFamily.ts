/** The coverage family's entry for the registry (`families.ts`): schema, experiment, file resolution and warnings. */
import type { Graph } from '../../core/graph/Graph.js';
import type { FamilyDefinition } from '../Family.js';
import { ScenarioError } from '../scenario/ScenarioError.js';
import { coverageExperiment } from './coverageExperiment.js';
import { buildCoverageWorld, cachedCoverageWorld, graphIssues, rememberCoverageWorld } from './CoverageWorld.js';
import { inlineGraph, resolveCoverageGraph } from './resolveCoverageGraph.js';
import { coverageScenarioSchema, type CoverageScenario } from './schema.js';

/**
 * Reads a `type: file` graph relative to `baseDir` and inlines it, so the scenario is
 * self-contained for worker threads; then builds the world once so that every problem (graph
 * not connected, unknown start ids, bad weight tables, too many sites) is reported at load time
 * with its field path rather than inside a worker.
 */
export function prepareCoverageScenario(scenario: CoverageScenario, baseDir = '.', file = scenario.name): CoverageScenario {
  // The same content was checked and built already (a run's nodes load the CLI's file again).
  if (scenario.graph.type !== 'file' && cachedCoverageWorld(scenario) !== undefined) return scenario;
  let graph: Graph;
  try {
    graph = resolveCoverageGraph(scenario, baseDir);
  } catch (err) {
    throw new ScenarioError(file, graphIssues(err));
  }
  const prepared: CoverageScenario = scenario.graph.type === 'file' ? { ...scenario, graph: inlineGraph(graph, scenario.graph.path) } : scenario;
  rememberCoverageWorld(prepared, buildCoverageWorld(prepared, graph, file));
  return prepared;
}

/** Legal but suspicious settings. */
export function coverageWarnings(scenario: CoverageScenario): string[] {
  const out: string[] = [];
  if (scenario.motion.model === 'graph-step' && scenario.robots.speed !== undefined) {
    out.push('robots.speed is ignored with motion.model graph-step (every move takes one step)');
  }
  if (scenario.links.waypointErasure >= 0.5) {
    out.push(`links.waypointErasure = ${scenario.links.waypointErasure}: half or more of the waypoint commands are lost`);
  }
  return out;
}

/** `N = 6 robots, K = 33 sites`. */
export function coverageSetting(s: CoverageScenario): string {
  const g = s.graph;
  if (g.type === 'file') return `N = ${s.robots.count} robots, graph ${g.path}`;
  const sites = g.type === 'grid' ? g.rows * g.cols : g.type === 'inline' ? g.sites.length : g.sites;
  return `N = ${s.robots.count} robots, K = ${sites} sites`;
}

export const coverageFamily: FamilyDefinition<CoverageScenario> = {
  schema: coverageScenarioSchema,
  experiment: coverageExperiment,
  warnings: coverageWarnings,
  prepare: prepareCoverageScenario,
  setting: coverageSetting,
};
