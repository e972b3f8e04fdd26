/**
 * The viewer of an embedded run (`fleet-bandits run SCENARIO --view`): starts the server before
 * the run, then attaches a bridge node to the run's transport and paces the run from the
 * browser's play, pause and speed controls. After the run the page keeps showing the final state
 * until Ctrl-C.
 *
 * Usage (what runCommand does):
 *   const viewer = await startLiveViewer({ port: 8080, speed: 1, bridge: bridgeParametersOf(plan, scenario) });
 *   const run = startEmbedded(plan, scenario, { attach: viewer.attach });
 *   await run.done;
 *   await viewer.serveUntilSignal();
 */
import type { ScenarioBase } from '../../experiments/Family.js';
import { BridgeState } from '../../nodes/bridge/BridgeState.js';
import type { RunInfoView } from '../../nodes/bridge/protocol.js';
import { declareBridgeParameters, subscribeBridge, type BridgeParameters } from '../../nodes/bridge/subscribeBridge.js';
import { builtViewerRoot } from '../../nodes/bridge/viewerRoot.js';
import { ViewerServer } from '../../nodes/bridge/ViewerServer.js';
import type { NodePlan } from '../../nodes/plan.js';
import type { MemoryTransport, RunOptions } from '../../runtime/memory/MemoryTransport.js';
import { EmbeddedPacer } from './EmbeddedPacer.js';
import { waitForSignal } from './waitForSignal.js';

export interface LiveViewerOptions {
  /** TCP port; 0 = any free port. Default 8080. */
  port?: number;
  /** Interface; default 127.0.0.1 (this machine only). */
  host?: string;
  /** Initial pace (multiple of wall-clock time); null = as fast as possible. Default 1. */
  speed?: number | null;
  /** Start paused. Default false. */
  paused?: boolean;
  /**
   * Hold the run at node time 0 until the first browser connects, so its first frame is round 0
   * (`run --view` without `--no-wait`). Default false.
   */
  waitForClient?: boolean;
  /** Horizon and ground truth of the run, shown beside the topics (see `runInfoOf`). */
  run?: RunInfoView;
  /** Which robot and agent topics the bridge subscribes to. */
  bridge: BridgeParameters;
  /** Namespace of the run's nodes. Default '/'. */
  namespace?: string;
  /** Built viewer folder; default: the package's dist/viewer/web. */
  root?: string | null;
  /** Notable server events (client connected, rejected message). Default: silent. */
  log?: (line: string) => void;
}

export interface LiveViewer {
  readonly url: string;
  /** Whether the run is still held for the first browser (see `waitForClient`). */
  readonly waiting: boolean;
  readonly server: ViewerServer;
  readonly pacer: EmbeddedPacer;
  readonly state: BridgeState;
  /** Pass as `EmbeddedRunOptions.attach`: adds the bridge node. */
  attach(transport: MemoryTransport): void;
  /** Pass as `EmbeddedRunOptions.drive`: runs the transport at the page's play/pause and speed. */
  drive(transport: MemoryTransport, options: RunOptions): Promise<void>;
  /** Marks the run finished, then resolves on SIGINT or SIGTERM after closing the server. */
  serveUntilSignal(): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveViewer(options: LiveViewerOptions): Promise<LiveViewer> {
  const { port = 8080, host = '127.0.0.1', speed = 1, paused = false, waitForClient = false, bridge, namespace = '/', log } = options;
  const root = options.root === undefined ? builtViewerRoot() : options.root;
  const state = new BridgeState();
  if (options.run) state.setRun(options.run);
  const pacer = new EmbeddedPacer({ speed, paused: paused || waitForClient });
  let waiting = waitForClient;
  // The first browser releases a run held for it (unless it was also asked to start paused).
  const onClient = () => {
    if (!waiting) return;
    waiting = false;
    if (!paused) pacer.play();
  };
  let server: ViewerServer;
  try {
    server = await ViewerServer.start({ root, host, port, source: state, control: pacer, mode: 'live', log, onClient });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`cannot serve the viewer: port ${port} on ${host} is in use; pick another with --port (0 = any free port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`cannot serve the viewer: '${host}' is not an address of this machine (--host)`);
    throw err;
  }
  return {
    url: server.url,
    get waiting() {
      return waiting;
    },
    server,
    pacer,
    state,
    attach(transport: MemoryTransport) {
      const node = transport.createNode('viewer_bridge', { namespace, parameterOverrides: { num_agents: bridge.numAgents, num_robots: bridge.numRobots } });
      subscribeBridge(node, declareBridgeParameters(node), state);
    },
    /** The run's `drive` option: play, pause and speed from the page. */
    drive: (transport: MemoryTransport, runOptions: RunOptions) => pacer.drive(transport, runOptions),
    async serveUntilSignal() {
      pacer.markFinished();
      server.flush();
      await waitForSignal();
      await server.close();
    },
    close: () => server.close(),
  };
}

/**
 * Robot and agent counts for the bridge: from the plan's `agent_<j>` / `robot_<i>` namespaces,
 * else from the scenario's `robots.count` and `agents` fields.
 */
export function bridgeParametersOf(plan: NodePlan, scenario: ScenarioBase): BridgeParameters {
  let numAgents = 0;
  let numRobots = 0;
  for (const n of plan.nodes) {
    const a = /^\/agent_(\d+)$/.exec(n.namespace);
    if (a) numAgents = Math.max(numAgents, Number(a[1]) + 1);
    const r = /^\/robot_(\d+)$/.exec(n.namespace);
    if (r) numRobots = Math.max(numRobots, Number(r[1]) + 1);
  }
  const s = scenario as ScenarioBase & { robots?: { count?: unknown }; agents?: unknown };
  if (numRobots === 0 && typeof s.robots?.count === 'number') numRobots = s.robots.count;
  if (numAgents === 0 && typeof s.agents === 'number') numAgents = s.agents;
  return { numAgents, numRobots };
}
