/**
 * `bridge`: the viewer bridge as a standalone node (`ros2 run fleet_bandits bridge`): subscribes
 * to the run's topics (see `subscribeBridge`) and serves the three.js viewer and its WebSocket on
 * `http://<host>:<port>/`. `fleet-bandits run --view` and `fleet-bandits view` attach the same
 * subscription code to their own server instead (with play/pause or replay controls).
 */
import type { NodeProgram } from '../NodeProgram.js';
import { declareBridgeParameters, subscribeBridge } from './subscribeBridge.js';
import { builtViewerRoot } from './viewerRoot.js';
import { ViewerServer } from './ViewerServer.js';

export const bridgeNode: NodeProgram = (node) => {
  const params = declareBridgeParameters(node);
  const port = node.declareParameter({ name: 'port', type: 'integer', default: 8080, description: 'TCP port of the viewer (0 = any free port)', range: { min: 0, max: 65535 }, readOnly: true }) as number;
  const host = node.declareParameter({ name: 'host', type: 'string', default: '127.0.0.1', description: "interface to serve on ('127.0.0.1' = this machine only, '0.0.0.0' = every interface)", readOnly: true }) as string;
  const rate = node.declareParameter({ name: 'rate', type: 'double', default: 20, description: 'state frames sent to browsers per second of wall-clock time', range: { min: 0.1, max: 240 }, readOnly: true }) as number;
  const staticDir = node.declareParameter({ name: 'static_dir', type: 'string', default: '', description: "folder of the built viewer ('' = the package's dist/viewer/web)", readOnly: true }) as string;

  const state = subscribeBridge(node, params);
  const root = staticDir !== '' ? staticDir : builtViewerRoot();
  if (root === null) node.logger.warn('the viewer is not built (no dist/viewer/web/index.html): run `npm run build`; serving the WebSocket only');
  let server: ViewerServer | undefined;
  let stopped = false;
  ViewerServer.start({ root, host, port, rateHz: rate, source: state, mode: 'ros', log: (line) => node.logger.debug(line) }).then(
    (s) => {
      server = s;
      if (stopped) void s.close();
      else node.logger.info(`viewer at ${s.url}`);
    },
    (err: Error) => node.logger.fatal(`cannot serve the viewer on ${host}:${port}: ${err.message}`),
  );
  return {
    shutdown() {
      stopped = true;
      void server?.close();
    },
  };
};
