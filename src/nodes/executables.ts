/** Every node program by executable name: the embedded launcher and the ROS 2 wrappers use it. */
import type { NodeProgram } from './NodeProgram.js';
import { agentNode } from './rounds/agentNode.js';
import { learnerNode } from './rounds/learnerNode.js';
import { monitorNode } from './rounds/monitorNode.js';

export const executables: Record<string, NodeProgram> = {
  learner: learnerNode,
  agent: agentNode,
  monitor: monitorNode,
};

export function programOf(executable: string): NodeProgram {
  const p = executables[executable];
  if (!p) throw new Error(`executable '${executable}' is unknown; known: ${Object.keys(executables).join(', ')}`);
  return p;
}
