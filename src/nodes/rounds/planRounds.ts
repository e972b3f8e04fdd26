/**
 * Node plan of a round-based family: one learner, one link node serving every lossy link (if the
 * family has links), one agent per namespace `agent_<j>`, one monitor.
 */
import type { ScenarioBase } from '../../experiments/Family.js';
import type { ParameterValue } from '../../runtime/Parameters.js';
import type { NodeSpec } from '../NodePlan.js';
import { roundFamilyOf } from './roundFamilies.js';
import { agentNamespace } from './topics.js';

export function planRoundFamily(s: ScenarioBase, common: Record<string, ParameterValue>): NodeSpec[] {
  const family = roundFamilyOf(s);
  const M = family.agents(s);
  const lossy = family.createLink !== undefined;
  const nodes: NodeSpec[] = [{ executable: 'learner', name: 'learner', namespace: '/', parameters: { ...common }, remappings: {} }];
  if (lossy) nodes.push({ executable: 'link', name: 'link', namespace: '/', parameters: { ...common }, remappings: {} });
  for (let j = 0; j < M; j++) {
    nodes.push({
      executable: 'agent',
      name: 'agent',
      namespace: `/${agentNamespace(j)}`,
      parameters: { ...common, agent_id: j },
      // Without a link node the agent listens to the learner directly.
      remappings: lossy ? {} : { cmd: 'cmd_raw' },
    });
  }
  nodes.push({ executable: 'monitor', name: 'monitor', namespace: '/', parameters: { ...common }, remappings: {} });
  return nodes;
}
