/** Node plan of a coverage mission: planner, environment (simulated sensors), N robots, monitor. */
import type { CoverageScenario } from '../../experiments/coverage/schema.js';
import type { ScenarioBase } from '../../experiments/Family.js';
import type { ParameterValue } from '../../runtime/Parameters.js';
import type { NodeSpec } from '../plan.js';
import { robotNamespace } from './topics.js';

export function planCoverage(scenario: ScenarioBase, common: Record<string, ParameterValue>): NodeSpec[] {
  const s = scenario as CoverageScenario;
  const nodes: NodeSpec[] = [
    { executable: 'planner', name: 'planner', namespace: '/', parameters: { ...common }, remappings: {} },
    { executable: 'environment', name: 'environment', namespace: '/', parameters: { ...common }, remappings: {} },
  ];
  for (let i = 0; i < s.robots.count; i++) {
    nodes.push({ executable: 'robot', name: 'robot', namespace: `/${robotNamespace(i)}`, parameters: { ...common, robot_id: i }, remappings: {} });
  }
  nodes.push({ executable: 'monitor', name: 'monitor', namespace: '/', parameters: { ...common }, remappings: {} });
  return nodes;
}
