/**
 * Process entry of one ROS 2 node: `node dist/ros/runNode.js <executable> [--ros-args ...]`, which
 * the wrappers in ros/bin/ run for `ros2 run fleet_bandits <executable>` and `ros2 launch`.
 * The node is created with the executable's name in the root namespace; rcl applies what ros2
 * launch passes (`-r __node:=`, `-r __ns:=`, `-r from:=to`, `-p`, `--params-file`, `--log-level`).
 * Runs until SIGINT/SIGTERM or the program has finished (the monitor at the horizon; exit 0), or a
 * failing callback (exit 1); bad usage exits 2. Further signals during shutdown are ignored, so the
 * shutdown hook (the recorder's bag finalization) always completes.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXECUTABLES, loadProgram } from '../nodes/executables.js';
import type { NodeInstance } from '../nodes/NodeProgram.js';
import type { NodeHandle } from '../runtime/NodeHandle.js';
import type { RclnodejsApi } from '../runtime/ros/RclnodejsApi.js';
import { createRclnodejsTransport, type RclnodejsTransport } from '../runtime/ros/RclnodejsTransport.js';

export interface RunNodeOptions {
  /** rclnodejs to use (tests pass a fake). Default: the installed one. */
  rclnodejs?: RclnodejsApi;
  /** Install SIGINT/SIGTERM handlers (the real process does; tests do not). */
  handleSignals?: boolean;
  /** Called once the node runs (tests use it to drive and stop the transport). */
  onStarted?: (transport: RclnodejsTransport, node: NodeHandle) => void;
  /** Where usage and errors go. Default: stderr. */
  write?: (text: string) => void;
}

const usage = () =>
  'usage: runNode.js <executable> [--ros-args -r __node:=NAME -r __ns:=/NS -p name:=value --params-file FILE ...]\n' +
  `executables: ${EXECUTABLES.join(', ')}\n`;

/** Runs one node program on ROS 2; resolves with the process exit code. */
export async function runNode(argv: readonly string[], options: RunNodeOptions = {}): Promise<number> {
  const write = options.write ?? ((t: string) => void process.stderr.write(t));
  const [executable, ...rest] = argv;
  if (executable === undefined || executable === '--help' || executable === '-h' || executable.startsWith('-')) {
    write(usage());
    return executable === '--help' || executable === '-h' ? 0 : 2;
  }
  if (!EXECUTABLES.includes(executable)) {
    write(`fleet_bandits: executable '${executable}' is unknown; known: ${EXECUTABLES.join(', ')}\n`);
    return 2;
  }
  // Only this executable's program and what it imports are loaded (start-up time of a launch).
  let program;
  try {
    program = await loadProgram(executable);
  } catch (err) {
    write(`fleet_bandits ${executable}: cannot load the node program: ${(err as Error).message}\n`);
    return 1;
  }
  let transport: RclnodejsTransport;
  try {
    // rcl reads --ros-args from this argv; argv[0] only names the process in rcl's messages.
    transport = await createRclnodejsTransport({ argv: [`fleet_bandits/${executable}`, ...rest], rclnodejs: options.rclnodejs, handleSignals: options.handleSignals });
  } catch (err) {
    write(`fleet_bandits ${executable}: ${(err as Error).message}\n`);
    return 1;
  }
  let node: NodeHandle | undefined;
  let instance: NodeInstance | void;
  try {
    node = transport.createNode(executable);
    instance = program(node);
  } catch (err) {
    const message = (err as Error).message;
    node?.logger.fatal(message);
    write(`fleet_bandits ${executable}: ${message}\n`);
    await transport.shutdown();
    return 1;
  }
  node.logger.info(`${executable} running as ${node.fullyQualifiedName}`);
  options.onStarted?.(transport, node);
  // The node may finish its work (the monitor at the horizon): then it ends like on a signal.
  void instance?.finished?.then((why) => {
    if (transport.stopReason) return;
    node!.logger.info(`finished: ${why}`);
    transport.stop({ by: 'request' });
  });
  const reason = await transport.stopped;
  try {
    // Await: a hook may finish asynchronously (the recorder closes its bag).
    await (instance?.shutdown?.() as unknown);
  } catch (err) {
    node.logger.error(`shutdown failed: ${(err as Error).message}`);
  } finally {
    await transport.shutdown();
  }
  if (reason.by === 'failure') {
    write(`fleet_bandits ${executable}: ${reason.error.message}\n`);
    return 1;
  }
  return 0;
}

/** True when this module is the process's main script (also through colcon's symlinks). */
function isMain(): boolean {
  if (process.argv[1] === undefined) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await runNode(process.argv.slice(2), { handleSignals: true });
  // Exit explicitly: a half-shut-down middleware must not keep a launched process alive.
  process.exit(code);
}
