/**
 * `fleet-bandits run SCENARIO`: starts the scenario's node plan on the embedded transport (one
 * process, virtual clock) for one algorithm and seed, and prints a summary; with `--json`, in the
 * format of `fleet-bandits sim --json` for that one run.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import type { AdapterName } from '../nodes/graph/adapters/RobotAdapter.js';
import { adapterOption, sensorPlanOptions, withSensorOptions, type SensorCliOptions } from './planCommand.js';
import { parseLogLevel, stderrSink, type LogLevel } from '../runtime/Logger.js';
import { intOption, numberOption } from './options.js';
import { UserInputError } from '../experiments/UserInputError.js';
import type { ScenarioBase } from '../experiments/Family.js';
import type { NodePlan } from '../nodes/plan.js';
import { InputFileError } from '../io/InputFileError.js';

/** Re-throws a validation error of user input as a usage error (exit code 2). */
function userInput<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new UserInputError((err as Error).message);
  }
}

interface RunOptions extends SensorCliOptions {
  algorithm?: string;
  seed?: number;
  horizon?: number;
  duration?: number;
  realtime?: number | true;
  roundPeriod?: number;
  strict?: boolean;
  json?: boolean;
  quiet?: boolean;
  logLevel: string;
  record?: string;
  view?: boolean;
  /** false with --no-wait: a --view run starts at once instead of waiting for the first browser. */
  wait: boolean;
  port: number;
  host: string;
  adapter?: AdapterName;
  checkpoint?: string;
  checkpointEvery?: number;
  resume?: string;
}

/** Node programs that can checkpoint their learned state (the families with a central learner or planner). */
const CHECKPOINTED = ['learner', 'planner'];

export function runCommand(): Command {
  const command = new Command('run')
    .description('run every node of a scenario in one process over the embedded transport (virtual clock) for one algorithm and seed')
    .argument('<scenario>', 'scenario YAML file (see sim/scenarios/)')
    .option('-a, --algorithm <name>', "algorithm name or label from the scenario (default: the first)")
    .option('-s, --seed <n>', "root seed (default: the scenario's)", intOption('--seed', 0))
    .option('-T, --horizon <rounds>', "rounds or steps (default: the scenario's)", intOption('--horizon', 1, 100_000_000))
    .option('-d, --duration <seconds>', 'stop after this many seconds of node time', numberOption('--duration', 0))
    .option('--realtime [factor]', 'pace node time at factor x wall-clock time (default factor 1)', numberOption('--realtime', 1e-6))
    .option('--round-period <seconds>', 'seconds of node time per round or step (default 0.1)', numberOption('--round-period', 1e-6, 3600))
    .option('--strict', 'serialize every message to CDR and back (proves the wire format; slower)')
    .option('--json', 'print the summary as JSON (the format of `sim --json`, one run)')
    .option('-q, --quiet', 'no progress bar and only warnings from nodes')
    .option('--log-level <level>', 'node log level: debug, info, warn, error, fatal', 'warn')
    .addOption(adapterOption())
    .option('--checkpoint <dir>', "write the learner's (planner's) learned state to DIR atomically every --checkpoint-every rounds (bandit, erasure, coverage)")
    .option('--checkpoint-every <rounds>', 'rounds (steps) between checkpoints (default 100)', intOption('--checkpoint-every', 1, 1_000_000_000))
    .option('--resume <dir>', 'continue a killed run from its checkpoint in DIR: the run is replayed to the checkpoint\'s round (same numbers, bit for bit), checked against it, and goes on; checkpoints continue in DIR')
    .option('--record <file.mcap>', 'record every topic to a ROS 2 bag: FILE.mcap, or a bag directory (with metadata.yaml)')
    .option('--view', 'serve the live three.js viewer (play, pause, speed); paces the run at --realtime 1 unless given, and waits for the first browser')
    .option('--no-wait', 'with --view: start the run at once instead of waiting for the first browser (headless runs, CI)')
    .option('--port <n>', 'TCP port of the viewer (0 = any free port)', intOption('--port', 0, 65535), 8080)
    .option('--host <address>', 'interface the viewer serves on: 127.0.0.1 = this machine only, 0.0.0.0 = every interface', '127.0.0.1');
  return withSensorOptions(command)
    .action(async (file: string, o: RunOptions) => {
      const level: LogLevel = userInput(() => parseLogLevel(o.logLevel));
      // Loaded here, not at the top: every command's module is imported for `--help`; the
      // recorder (MCAP), the viewer server and the CDR codec only when their option asks.
      const { loadScenario } = await import('../experiments/scenario/loadScenario.js');
      const { withOverrides } = await import('../experiments/runExperiment.js');
      const { planNodes } = await import('../nodes/plan.js');
      const { startEmbedded } = await import('../nodes/EmbeddedLaunch.js');
      const recorder = o.record === undefined ? undefined : await import('../nodes/record/attachRecorder.js');
      const bagFiles = o.record === undefined ? undefined : await import('../record/node/createBagFile.js');
      const live = o.view ? await import('../viewer/server/liveViewer.js') : undefined;
      const codec = o.strict ? (await import('../runtime/memory/cdrCodec.js')).cdrCodec : undefined;
      const loaded = loadScenario(file);
      for (const w of loaded.warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
      const scenario = withOverrides(loaded.scenario, { seed: o.seed, horizon: o.horizon, algorithms: o.algorithm ? [o.algorithm] : undefined });
      // pose_goal, nav2, px4 and crazyflie run embedded against kinematic robots (one per robot, in the plan), whatever the field says.
      const plan = planNodes(loaded.scenario, file, { algorithm: o.algorithm, seed: o.seed, horizon: o.horizon, roundPeriod: o.roundPeriod, adapter: o.adapter, ...sensorPlanOptions(o), simulateRobots: true });
      // A bad --record path is a usage error before anything starts; the file itself is created
      // (an existing one truncated) only once the viewer has its port, right before the run.
      if (bagFiles !== undefined) userInput(() => bagFiles.checkRecordingPath(o.record!));
      const resumed = await prepareCheckpoints(o, plan, loaded.scenario);
      const showBar = !o.quiet && !o.json && process.stderr.isTTY;
      const cliProgress = showBar ? (await import('cli-progress')).default : undefined;
      const bar = cliProgress ? new cliProgress.SingleBar({ format: `${scenario.name} / ${plan.algorithm} [{bar}] round {value}/{total} | regret {regret}`, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(plan.horizon, 0, { regret: '0' });
      const realtime = o.realtime === true ? 1 : (o.realtime ?? (o.view ? 1 : undefined));
      // Horizon and ground truth for the viewer, and stored in a recording for `view --replay`.
      const runInfoModule = live || recorder ? await import('../viewer/server/runInfo.js') : undefined;
      const runInfo = runInfoModule?.runInfoOf(plan, scenario);
      const viewer = live
        ? await live.startLiveViewer({ port: o.port, host: o.host, speed: realtime ?? null, waitForClient: o.wait, run: runInfo, bridge: live.bridgeParametersOf(plan, scenario) }).catch((err: Error) => {
            throw new UserInputError(err.message);
          })
        : undefined;
      if (viewer) process.stderr.write(`viewer at ${viewer.url} (Ctrl-C to stop)${o.wait ? '; open it in a browser: the run waits for the first one to connect (--no-wait starts at once)' : ''}\n`);
      let recordAttach: ReturnType<NonNullable<typeof recorder>['recordingAttach']> | undefined;
      try {
        recordAttach = recorder === undefined ? undefined : userInput(() => recorder.recordingAttach((t) => viewer?.attach(t), { output: o.record!, metadata: { ...recorder.runMetadata(plan), ...runInfoModule!.runInfoMetadata(runInfo!) } }, (s, path) => {
          if (!o.quiet) process.stderr.write(`recorded ${s.messageCount} messages on ${s.topics.length} topics to ${path}\n`);
        }));
      } catch (err) {
        bar?.stop();
        await viewer?.close();
        throw err;
      }
      const run = startEmbedded(plan, scenario, {
        codec,
        realtime,
        attach: recordAttach ?? viewer?.attach,
        drive: viewer?.drive,
        durationSeconds: o.duration,
        logSink: stderrSink(level),
        onRegret: bar ? (r) => { if (r.round % 100 === 0 || r.round + 1 === plan.horizon) bar.update(r.round + 1, { regret: r.cumulative_regret.toFixed(1) }); } : undefined,
      });
      const onSignal = () => run.stop();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const started = performance.now();
      const result = await run.done.catch((err: Error) => {
        // A checkpoint that cannot be written, or a replay that misses it, fails inside a node callback.
        throw err.cause instanceof InputFileError ? err.cause : err;
      }).finally(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        bar?.stop();
      });
      const keepViewing = async () => {
        if (viewer && result.stoppedBy !== 'stop') {
          process.stderr.write(`run finished; the viewer at ${viewer.url} shows it until Ctrl-C\n`);
          await viewer.serveUntilSignal();
        } else await viewer?.close();
      };
      // Reaching here means the replay met the checkpoint (a mismatch fails the run).
      if (resumed !== undefined && !o.quiet) process.stderr.write(`resumed from ${resumed.dir} at round ${resumed.round}: the ${resumed.node}'s learned state there equalled the checkpoint's\n`);
      if (o.json) {
        process.stdout.write(JSON.stringify(result.summary) + '\n');
        return keepViewing();
      }
      const final = result.summary.algorithms[0]?.finalRegret.mean ?? 0;
      const estimated = plan.nodes.some((n) => n.executable === 'monitor' && n.parameters.ground_truth === false) ? " (the planner's estimate: no ground truth)" : '';
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const why = result.stoppedBy === 'horizon' ? 'reached the horizon' : result.stoppedBy === 'stop' ? 'stopped by signal' : 'duration elapsed';
      process.stdout.write(
        `${scenario.name} / ${plan.algorithm}, seed ${plan.seed}: ${result.roundsCompleted} rounds, ${plan.nodes.length} nodes, ${why}\n` +
          `cumulative regret ${final.toFixed(3)}${estimated}; ${run.transport.stats.published} messages, ${run.transport.stats.dropped} dropped by QoS queues; ${seconds}s wall time\n`,
      );
      await keepViewing();
    });
}

/**
 * Checks --checkpoint / --resume before anything starts (a wrong or damaged checkpoint is a
 * one-line error, exit 2) and passes them to the node that learns; returns what is resumed.
 */
async function prepareCheckpoints(o: RunOptions, plan: NodePlan, base: ScenarioBase): Promise<{ dir: string; round: number; node: string } | undefined> {
  if (o.checkpoint === undefined && o.resume === undefined) {
    if (o.checkpointEvery !== undefined) throw new UserInputError('--checkpoint-every: needs --checkpoint DIR or --resume DIR');
    return undefined;
  }
  const flag = o.resume !== undefined ? '--resume' : '--checkpoint';
  if (o.resume !== undefined && o.checkpoint !== undefined && o.checkpoint !== o.resume) throw new UserInputError('--checkpoint: a resumed run goes on checkpointing into its --resume directory; give one of them');
  const learner = plan.nodes.find((n) => CHECKPOINTED.includes(n.executable));
  if (learner === undefined) throw new UserInputError(`${flag}: the ${plan.family} family has no checkpoint support (families that have: bandit, erasure, coverage)`);
  if (o.resume !== undefined && (o.view || o.realtime !== undefined)) throw new UserInputError('--resume: replays the run to its checkpoint as fast as it can; not with --view or --realtime');
  if (o.resume !== undefined && o.record !== undefined && existsSync(o.record)) throw new UserInputError(`--record: '${o.record}' exists; a resumed run never overwrites a recording (the killed run's may be that file): give a new file`);
  const { resolve } = await import('node:path');
  const { CheckpointStore } = await import('../io/checkpointStore.js');
  const { checkpointIdentity } = await import('../nodes/checkpointing.js');
  const { withOverrides } = await import('../experiments/runExperiment.js');
  const { prepareOutputDirectory } = await import('../io/outputPaths.js');
  const dir = resolve((o.resume ?? o.checkpoint)!);
  // The scenario exactly as the node sees it (runContext): seed and horizon applied, every algorithm.
  const scenario = withOverrides(base, { seed: plan.seed, horizon: plan.horizon });
  const algorithmIndex = base.algorithms.findIndex((a) => (a.label ?? a.name) === plan.algorithm || a.name === plan.algorithm);
  const store = new CheckpointStore(dir, checkpointIdentity(learner.name, { scenario, algorithmIndex: Math.max(0, algorithmIndex), run: plan.run }));
  let resumed: { dir: string; round: number; node: string } | undefined;
  if (o.resume !== undefined) {
    const cp = store.load();
    if (cp === undefined) throw new InputFileError(store.manifestPath, 'no checkpoint to resume from');
    resumed = { dir, round: cp.state.rounds, node: learner.name };
    if (!o.quiet) process.stderr.write(`resuming from ${store.manifestPath}: round ${cp.state.rounds} of ${plan.horizon}; the run is replayed to it (every node repeats its draws) and checked against it\n`);
  } else {
    if (store.exists()) throw new UserInputError(`--checkpoint: '${dir}' already holds a checkpoint of the ${learner.name}; continue that run with --resume ${o.checkpoint!}, or choose another directory`);
    prepareOutputDirectory(dir, '--checkpoint');
  }
  learner.parameters.checkpoint = dir;
  learner.parameters.checkpoint_mode = o.resume !== undefined ? 'replay' : 'fresh';
  if (o.checkpointEvery !== undefined) learner.parameters.checkpoint_every = o.checkpointEvery;
  return resumed;
}
