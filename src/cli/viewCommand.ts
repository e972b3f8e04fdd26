/**
 * `fleet-bandits view`: serves the three.js viewer for a mission this process does not run:
 * attached to a running ROS 2 graph (through the rclnodejs transport), or replaying an MCAP
 * recording on a timeline (`--replay FILE.mcap`). Serves until Ctrl-C.
 */
import { Command, Option } from 'commander';
import { UserInputError } from '../experiments/UserInputError.js';
import { MAX_SPEED, MIN_SPEED } from '../nodes/bridge/protocol.js';
import type { BridgeParameters } from '../nodes/bridge/subscribeBridge.js';
import type { Transport } from '../runtime/Transport.js';
import { intOption, numberOption } from './options.js';

interface ViewOptions {
  replay?: string;
  port: number;
  host: string;
  agents?: number;
  robots?: number;
  scenario?: string;
  namespace: string;
  rate: number;
  speed?: number;
  /** Start playing at once (a replay opens paused otherwise). */
  play?: boolean;
}

type CreateTransport = (options?: { argv?: string[] }) => Promise<Transport>;

/** The ROS 2 transport, loaded only when needed (rclnodejs is optional and needs a sourced ROS 2). */
async function loadRosTransport(): Promise<CreateTransport> {
  // A variable specifier keeps this optional module out of static resolution.
  const specifier = '../runtime/ros/RclnodejsTransport.js';
  let mod: { createRclnodejsTransport?: CreateTransport };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (err) {
    throw new UserInputError(`fleet-bandits view cannot attach to ROS 2: the ROS 2 transport is unavailable (${(err as Error).message}). Use --replay FILE.mcap to replay a recording, or \`fleet-bandits run SCENARIO --view\` for an embedded run.`);
  }
  if (typeof mod.createRclnodejsTransport !== 'function') {
    throw new UserInputError('fleet-bandits view cannot attach to ROS 2: runtime/ros/RclnodejsTransport does not export createRclnodejsTransport');
  }
  return mod.createRclnodejsTransport;
}

function serverError(err: unknown, o: ViewOptions): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UserInputError(`port ${o.port} on ${o.host} is in use; pick another with --port (0 = any free port)`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UserInputError(`--host '${o.host}' is not an address of this machine`);
  return err as Error;
}

async function bridgeParameters(o: ViewOptions): Promise<BridgeParameters> {
  let p: BridgeParameters = { numAgents: 0, numRobots: 0 };
  if (o.scenario) {
    const { loadScenario } = await import('../experiments/scenario/loadScenario.js');
    const { planNodes } = await import('../nodes/plan.js');
    const { bridgeParametersOf } = await import('../viewer/server/liveViewer.js');
    const { scenario } = loadScenario(o.scenario);
    p = bridgeParametersOf(planNodes(scenario, o.scenario), scenario);
  }
  return { numAgents: o.agents ?? p.numAgents, numRobots: o.robots ?? p.numRobots };
}

async function replay(file: string, o: ViewOptions): Promise<void> {
  // Loaded here, not at the top: every command's module is imported for `--help`.
  const { readRecording } = await import('../viewer/server/readRecording.js');
  const { ReplayPlayer } = await import('../viewer/server/ReplayPlayer.js');
  const { ViewerServer } = await import('../nodes/bridge/ViewerServer.js');
  const { builtViewerRoot } = await import('../nodes/bridge/viewerRoot.js');
  const { waitForSignal } = await import('../viewer/server/waitForSignal.js');
  const recording = await readRecording(file).catch((err: Error) => {
    throw new UserInputError(err.message);
  });
  if (recording.skipped) process.stderr.write(`warning: ${file}: ${recording.skipped}\n`);
  for (const r of recording.rejected) process.stderr.write(`warning: ${file}: ${r.count} messages on '${r.topic}' could not be decoded (first: ${r.error})\n`);
  if (recording.messages.length === 0) {
    throw new UserInputError(`${file}: no messages the viewer can show (it reads GraphTopology, RobotState, Allocation, RegretReport, AgentTelemetry, LinkStats, LearnerState, Job, JobCost, DagTopology, PlayerAction and JointReward in CDR)`);
  }
  const player = new ReplayPlayer(recording, { speed: o.speed ?? o.rate, paused: !o.play });
  const server = await ViewerServer.start({ root: builtViewerRoot(), host: o.host, port: o.port, source: player, control: player, mode: 'replay' }).catch((err) => {
    throw serverError(err, o);
  });
  player.start();
  const seconds = ((recording.endNs - recording.startNs) / 1e9).toFixed(1);
  process.stderr.write(`replaying ${file}: ${recording.messages.length} messages on ${recording.topics.length} topics, ${seconds} s${recording.indexed ? '' : ' (unindexed: read front to back)'}\n`);
  process.stderr.write(`viewer at ${server.url} (Ctrl-C to stop)${o.play ? '' : '; the replay opens paused at its first frame: press play in the page (--play starts at once)'}\n`);
  if (!server.hasBundle) process.stderr.write('warning: the viewer is not built (no dist/viewer/web); run `npm run build`\n');
  await waitForSignal();
  player.stop();
  await server.close();
}

async function attach(o: ViewOptions, rosArgs: string[]): Promise<void> {
  const bridge = await bridgeParameters(o);
  const { attachViewer } = await import('../viewer/server/attachedViewer.js');
  const { waitForSignal } = await import('../viewer/server/waitForSignal.js');
  const create = await loadRosTransport();
  let transport: Transport;
  try {
    transport = await create({ argv: rosArgs });
  } catch (err) {
    const e = err as Error;
    // The transport's own error already lists the setup steps; others get the usual hint.
    const hint = e.name === 'RosUnavailableError' ? '' : '\nIs ROS 2 sourced (source /opt/ros/<distro>/setup.bash) and fleet_bandits built with colcon?';
    throw new UserInputError(`fleet-bandits view cannot attach to ROS 2: ${e.message}${hint}\n(to replay a recording instead: fleet-bandits view --replay FILE.mcap)`);
  }
  try {
    const viewer = await attachViewer(transport, { bridge, namespace: o.namespace, port: o.port, host: o.host }).catch((err) => {
      throw serverError(err, o);
    });
    process.stderr.write(`viewer attached to ROS 2 (namespace ${o.namespace}, ${bridge.numRobots} robots, ${bridge.numAgents} agents)\n`);
    process.stderr.write(`viewer at ${viewer.server.url} (Ctrl-C to stop)\n`);
    if (bridge.numRobots === 0 && bridge.numAgents === 0) process.stderr.write('note: no robot or agent topics subscribed; give --robots N, --agents M or --scenario FILE (DAG players need none: they are read from dag_topology)\n');
    await waitForSignal();
    await viewer.close();
  } finally {
    await transport.shutdown();
  }
}

export function viewCommand(): Command {
  return new Command('view')
    .description('serve the three.js viewer for a running ROS 2 graph, or replay an MCAP recording with --replay')
    .option('--replay <file>', 'replay an MCAP recording (made with `fleet-bandits run --record`, or ros2 bag record -s mcap) on a timeline')
    .option('-p, --port <n>', 'TCP port of the viewer (0 = any free port)', intOption('--port', 0, 65535), 8080)
    .option('--host <address>', 'interface to serve on: 127.0.0.1 = this machine only, 0.0.0.0 = every interface (anyone on the network can watch and control)', '127.0.0.1')
    .option('--robots <N>', 'robots whose robot_<i>/state to show (ROS 2)', intOption('--robots', 0, 10_000))
    .option('--agents <M>', 'agents whose agent_<j>/telemetry to show (ROS 2)', intOption('--agents', 0, 10_000))
    .option('--scenario <file>', 'take the robot and agent counts from this scenario (ROS 2)')
    .option('--namespace <ns>', "namespace of the run's topics (ROS 2)", '/')
    .option('-r, --rate <factor>', `replay pace, multiple of recorded time (${MIN_SPEED}..${MAX_SPEED}), as in \`replay --rate\``, numberOption('--rate', MIN_SPEED, MAX_SPEED), 1)
    .addOption(new Option('--speed <factor>', 'same as --rate').argParser(numberOption('--speed', MIN_SPEED, MAX_SPEED)).hideHelp())
    .option('--play', 'start playing at once (default: the replay opens paused at its first frame)')
    // Paused is the default now; the old flag stays accepted so scripts keep working.
    .addOption(new Option('--paused', 'open the replay paused (the default)').hideHelp())
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async function (this: Command, o: ViewOptions) {
      if (o.replay) return replay(o.replay, o);
      return attach(o, this.args);
    });
}
