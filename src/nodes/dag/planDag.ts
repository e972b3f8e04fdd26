/**
 * Node plan of a DAG scenario: one `player` per vertex (named `player_<i>`, so that its topics `player_<i>/...` sit beside its parents'), the
 * `environment` that draws the shared reward, and the `monitor`. The centralized comparison is
 * one bandit over joint actions, not players, so it has no node form.
 */
import type { DagScenario } from '../../experiments/dag/schema.js';
import { DAG_MODES } from '../../experiments/dag/dagExperiment.js';
import { UserInputError } from '../../experiments/UserInputError.js';
import type { FamilyPlanner, NodeSpec } from '../NodePlan.js';
import { playerNamespace } from './topics.js';

export const planDag: FamilyPlanner = (scenario, common) => {
  const s = scenario as DagScenario;
  const alg = s.algorithms[0];
  if (DAG_MODES[alg.name].mode === 'centralized') {
    throw new UserInputError(`algorithm '${alg.label ?? alg.name}' is one centralized bandit over joint actions, not players: it runs only in 'fleet-bandits sim'; choose a dag-* or indep-* algorithm`);
  }
  const nodes: NodeSpec[] = s.players.map((_, i) => ({ executable: 'player', name: playerNamespace(i), namespace: '/', parameters: { ...common, player_id: i }, remappings: {} }));
  nodes.push({ executable: 'environment', name: 'environment', namespace: '/', parameters: { ...common }, remappings: {} });
  nodes.push({ executable: 'monitor', name: 'monitor', namespace: '/', parameters: { ...common }, remappings: {} });
  return nodes;
};
