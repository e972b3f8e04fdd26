/** Every node program by executable name: the embedded launcher and the ROS 2 wrappers use it. */
import type { NodeProgram } from './NodeProgram.js';
import { environmentNode } from './graph/environmentNode.js';
import { plannerNode } from './graph/plannerNode.js';
import { robotNode } from './graph/robotNode.js';
import { kinematicRobotNode } from './kinematic/kinematicRobotNode.js';
import { bridgeNode } from './bridge/bridgeNode.js';
import { recorderNode } from './record/recorderNode.js';
import { leafNode } from './jobs/leafNode.js';
import { sourceNode } from './jobs/sourceNode.js';
import { stageNode } from './jobs/stageNode.js';
import { agentNode } from './rounds/agentNode.js';
import { learnerNode } from './rounds/learnerNode.js';
import { linkNode } from './rounds/linkNode.js';
import { playerNode } from './dag/playerNode.js';
import { monitorNode } from './rounds/monitorNode.js';

export const executables: Record<string, NodeProgram> = {
  learner: learnerNode,
  link: linkNode,
  agent: agentNode,
  monitor: monitorNode,
  planner: plannerNode,
  robot: robotNode,
  environment: environmentNode,
  kinematic_robot: kinematicRobotNode,
  bridge: bridgeNode,
  recorder: recorderNode,
  source: sourceNode,
  stage: stageNode,
  leaf: leafNode,
  player: playerNode,
};

export function programOf(executable: string): NodeProgram {
  const p = executables[executable];
  if (!p) throw new Error(`executable '${executable}' is unknown; known: ${Object.keys(executables).join(', ')}`);
  return p;
}
