/**
 * Every node program by executable name: the embedded launcher and the ROS 2 wrappers use it.
 * Programs are loaded on first use, so a ROS 2 process (`ros2 run fleet_bandits robot`) imports
 * only its own program and what that needs, not the viewer server or the MCAP writer.
 */
import type { NodeProgram } from './NodeProgram.js';

const loaders = {
  learner: async () => (await import('./rounds/learnerNode.js')).learnerNode,
  link: async () => (await import('./rounds/linkNode.js')).linkNode,
  agent: async () => (await import('./rounds/agentNode.js')).agentNode,
  monitor: async () => (await import('./rounds/monitorNode.js')).monitorNode,
  planner: async () => (await import('./graph/plannerNode.js')).plannerNode,
  robot: async () => (await import('./graph/robotNode.js')).robotNode,
  environment: async () => (await import('./graph/environmentNode.js')).environmentNode,
  site_sensor: async () => (await import('./graph/siteSensorNode.js')).siteSensorNode,
  markers: async () => (await import('./graph/markersNode.js')).markersNode,
  kinematic_robot: async () => (await import('./kinematic/kinematicRobotNode.js')).kinematicRobotNode,
  bridge: async () => (await import('./bridge/bridgeNode.js')).bridgeNode,
  // The recorder builds the run's other nodes on a scratch transport to find their topics.
  recorder: async () => (await import('./record/recorderNode.js')).recorderProgram(await loadPrograms(DISCOVERABLE_EXECUTABLES)),
  source: async () => (await import('./jobs/sourceNode.js')).sourceNode,
  stage: async () => (await import('./jobs/stageNode.js')).stageNode,
  leaf: async () => (await import('./jobs/leafNode.js')).leafNode,
  player: async () => (await import('./dag/playerNode.js')).playerNode,
} satisfies Record<string, () => Promise<NodeProgram>>;

/** Names of every executable, in registration order (the ros/bin wrappers are generated from it). */
export const EXECUTABLES: readonly string[] = Object.keys(loaders);

/**
 * Executables never built to discover a plan's topics: they open files or serve sockets when
 * constructed, and only subscribe to topics other nodes publish.
 */
export const DISCOVERY_SKIPPED_EXECUTABLES: readonly string[] = ['recorder', 'bridge'];

const DISCOVERABLE_EXECUTABLES = EXECUTABLES.filter((e) => !DISCOVERY_SKIPPED_EXECUTABLES.includes(e));

/** A synchronous lookup of loaded programs; throws for a name that is unknown or was not loaded. */
export type ProgramTable = (executable: string) => NodeProgram;

function unknown(executable: string): Error {
  return new Error(`executable '${executable}' is unknown; known: ${EXECUTABLES.join(', ')}`);
}

/** Loads one node program. Rejects for an unknown executable (the message lists the known ones). */
export async function loadProgram(executable: string): Promise<NodeProgram> {
  if (!Object.hasOwn(loaders, executable)) throw unknown(executable);
  return loaders[executable as keyof typeof loaders]();
}

/**
 * Loads the programs of `executables` (unknown names are skipped here and fail in the lookup, so a
 * caller can report them per node).
 */
export async function loadPrograms(executables: Iterable<string>): Promise<ProgramTable> {
  const names = [...new Set(executables)].filter((e) => Object.hasOwn(loaders, e));
  const programs = new Map(await Promise.all(names.map(async (e) => [e, await loadProgram(e)] as const)));
  return (executable) => {
    const program = programs.get(executable);
    if (!program) throw Object.hasOwn(loaders, executable) ? new Error(`executable '${executable}' was not loaded`) : unknown(executable);
    return program;
  };
}
