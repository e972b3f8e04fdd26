/**
 * Starts node specs (from a node plan) on any transport: creates each node with its namespace,
 * parameters and remappings and runs its program; and stops them again, shutdown hooks first.
 * The ROS 2 container and the transport contract tests use it; `fleet-bandits run` has its own
 * loop in nodes/EmbeddedLaunch.ts because it also drives the virtual clock.
 */
import { loadPrograms } from '../nodes/executables.js';
import type { NodeInstance } from '../nodes/NodeProgram.js';
import type { NodeSpec } from '../nodes/plan.js';
import type { NodeHandle } from '../runtime/NodeHandle.js';
import type { ParameterValue } from '../runtime/Parameters.js';
import type { Transport } from '../runtime/Transport.js';

export interface LaunchedNode {
  spec: NodeSpec;
  node: NodeHandle;
  instance: NodeInstance | void;
}

export interface LaunchOptions {
  /** Prefix for every node's namespace (`fleet1` puts `/agent_0` under `/fleet1/agent_0`). */
  namespace?: string;
  /** Parameters added to every node (e.g. `use_sim_time`), overriding the plan's. */
  parameters?: Record<string, ParameterValue>;
}

/** Joins a group namespace and a node namespace: ('fleet1', '/agent_0') -> '/fleet1/agent_0'. */
export function pushNamespace(group: string | undefined, ns: string): string {
  const parts = [...(group ?? '').split('/'), ...ns.split('/')].filter((p) => p !== '');
  return `/${parts.join('/')}`;
}

/**
 * Creates and starts every node of `specs`. If a program fails while starting, the nodes started
 * so far are stopped and the error names the executable and node.
 */
export async function launchNodes(transport: Transport, specs: readonly NodeSpec[], options: LaunchOptions = {}): Promise<LaunchedNode[]> {
  const programs = await loadPrograms(specs.map((spec) => spec.executable));
  const launched: LaunchedNode[] = [];
  for (const spec of specs) {
    const program = programs(spec.executable);
    const namespace = pushNamespace(options.namespace, spec.namespace);
    let node: NodeHandle | undefined;
    try {
      node = transport.createNode(spec.name, { namespace, parameterOverrides: { ...spec.parameters, ...options.parameters }, remappings: spec.remappings });
      launched.push({ spec, node, instance: program(node) });
    } catch (err) {
      node?.destroy();
      // Nodes started so far stop synchronously here; an asynchronous hook finishes on its own.
      void stopNodes(launched);
      const message = err instanceof Error ? err.message : String(err);
      // Node programs already name the node in their errors; add only what is missing.
      const where = message.includes('[node=') ? '' : ` node=${namespace === '/' ? '' : namespace}/${spec.name}`;
      // The context goes on the first line: later lines may be advice (what to install).
      const [first, ...more] = message.split('\n');
      throw new Error([`${first} [executable=${spec.executable}${where}]`, ...more].join('\n'), { cause: err });
    }
  }
  return launched;
}

/**
 * Runs every shutdown hook in launch order, awaiting those that finish asynchronously (the
 * recorder closes its bag), then destroys the nodes. A failing hook is logged, not fatal.
 */
export async function stopNodes(launched: readonly LaunchedNode[]): Promise<void> {
  for (const { node, instance } of launched) {
    try {
      await (instance?.shutdown?.() as unknown);
    } catch (err) {
      node.logger.error(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const { node } of launched) node.destroy();
}
