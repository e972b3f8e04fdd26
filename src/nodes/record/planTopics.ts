/**
 * The topics of a node plan, found the way `ros2 topic list` would on the running graph: the
 * plan's nodes are built on a scratch embedded transport (no event runs, nothing is published
 * on any real graph), the transport is introspected, and everything is torn down.
 * On ROS 2 a node program cannot introspect the graph, so the recorder node uses this to turn a
 * run's parameters into topic names, types and offered QoS; launch files can use
 * `recorderNodeSpec` to add a recorder to a plan.
 *
 * Node programs that touch the world outside their NodeHandle while being constructed (servers,
 * files, hardware) must be skipped: DISCOVERY_SKIPPED_EXECUTABLES, plus `skip`. The programs come
 * from the caller (loaded with `loadPrograms`), so this module does not import the registry's
 * programs, one of which (the recorder) imports this module.
 */
import { MemoryTransport } from '../../runtime/memory/MemoryTransport.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import { DISCOVERY_SKIPPED_EXECUTABLES, type ProgramTable } from '../executables.js';
import type { NodeInstance } from '../NodeProgram.js';
import { runParameters, type NodePlan, type NodeSpec } from '../plan.js';
import { graphTopics } from './graphTopics.js';
import type { RecorderTopic } from './Recorder.js';

/** Executable name of the recorder node program. */
export const RECORDER_EXECUTABLE = 'recorder';

export interface PlanTopicsResult {
  /** Every topic the plan's nodes publish or subscribe to, fully qualified, sorted by name. */
  topics: RecorderTopic[];
  /** Nodes that could not be built on the scratch transport, with why (their topics are missing). */
  skipped: { node: string; reason: string }[];
}

export function planTopics(plan: NodePlan, programs: ProgramTable, { skip = [] }: { skip?: readonly string[] } = {}): PlanTopicsResult {
  const scratch = new MemoryTransport({ logSink: () => {} });
  const built: { node: NodeHandle; instance: NodeInstance | void }[] = [];
  const skipped: PlanTopicsResult['skipped'] = [];
  for (const spec of plan.nodes) {
    const fqn = `${spec.namespace === '/' ? '' : spec.namespace}/${spec.name}`;
    if (DISCOVERY_SKIPPED_EXECUTABLES.includes(spec.executable) || skip.includes(spec.executable)) continue;
    try {
      const node = scratch.createNode(spec.name, { namespace: spec.namespace, parameterOverrides: spec.parameters, remappings: spec.remappings });
      built.push({ node, instance: programs(spec.executable)(node) });
    } catch (error) {
      skipped.push({ node: fqn, reason: (error as Error).message });
    }
  }
  const topics = graphTopics(scratch).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { instance } of built) {
    try {
      instance?.shutdown?.();
    } catch {
      // A scratch node failing to shut down changes nothing about the topics found.
    }
  }
  void scratch.shutdown();
  return { topics, skipped };
}

/**
 * A recorder node for `plan`: it gets the run's parameters (so it can find the topics itself),
 * the output path, and optionally the topics to keep (names as in `planTopics`; empty = all).
 */
export function recorderNodeSpec(plan: NodePlan, output: string, topics: readonly string[] = []): NodeSpec {
  return {
    executable: RECORDER_EXECUTABLE,
    name: 'recorder',
    namespace: '/',
    parameters: { ...runParameters(plan.scenario, plan), output, topics: [...topics] },
    remappings: {},
  };
}
