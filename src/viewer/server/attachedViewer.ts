/**
 * The viewer attached to a running graph it does not own (`fleet-bandits view` on ROS 2): a
 * bridge node on the given transport and a server without run controls. Transport-agnostic, so
 * tests attach it to the embedded transport.
 */
import { declareBridgeParameters, subscribeBridge, type BridgeParameters } from '../../nodes/bridge/subscribeBridge.js';
import { builtViewerRoot } from '../../nodes/bridge/viewerRoot.js';
import { ViewerServer } from '../../nodes/bridge/ViewerServer.js';
import type { NodeHandle } from '../../runtime/NodeHandle.js';
import type { Transport } from '../../runtime/Transport.js';

export interface AttachedViewerOptions {
  bridge: BridgeParameters;
  /** Namespace of the run's topics. Default '/'. */
  namespace?: string;
  /** Node name of the bridge. Default 'viewer_bridge'. */
  nodeName?: string;
  port?: number;
  host?: string;
  root?: string | null;
  log?: (line: string) => void;
}

export interface AttachedViewer {
  readonly server: ViewerServer;
  readonly node: NodeHandle;
  close(): Promise<void>;
}

export async function attachViewer(transport: Transport, options: AttachedViewerOptions): Promise<AttachedViewer> {
  const { bridge, namespace = '/', nodeName = 'viewer_bridge', port = 8080, host = '127.0.0.1', log } = options;
  const node = transport.createNode(nodeName, { namespace, parameterOverrides: { num_agents: bridge.numAgents, num_robots: bridge.numRobots } });
  const state = subscribeBridge(node, declareBridgeParameters(node));
  const root = options.root === undefined ? builtViewerRoot() : options.root;
  try {
    const server = await ViewerServer.start({ root, host, port, source: state, control: null, mode: 'ros', log });
    return {
      server,
      node,
      async close() {
        await server.close();
        node.destroy();
      },
    };
  } catch (err) {
    node.destroy();
    throw err;
  }
}
