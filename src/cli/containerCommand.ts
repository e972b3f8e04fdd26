/**
 * `fleet-bandits container SCENARIO`: runs every node of the scenario's plan in one process on
 * ROS 2 through rclnodejs (the multi-node container), until the last round, Ctrl-C or SIGTERM.
 */
import { Command } from 'commander';
import { UserInputError } from '../experiments/UserInputError.js';
import { parseLogLevel } from '../runtime/Logger.js';
import { intOption, numberOption } from './options.js';
import { adapterOption } from './planCommand.js';
import type { AdapterName } from '../nodes/graph/adapters/RobotAdapter.js';

interface ContainerCliOptions {
  algorithm?: string;
  seed?: number;
  run?: number;
  horizon?: number;
  roundPeriod?: number;
  startDelay: number;
  startTime?: number;
  namespace?: string;
  useSimTime?: boolean;
  logLevel: string;
  adapter?: AdapterName;
  simulateRobots: boolean;
}

export function containerCommand(): Command {
  return new Command('container')
    .description('run every node of a scenario in one process on ROS 2 (rclnodejs; needs ROS 2 sourced and rclnodejs installed)')
    .argument('<scenario>', 'scenario YAML file (see sim/scenarios/)')
    .option('-a, --algorithm <name>', 'algorithm name or label from the scenario (default: the first)')
    .option('-s, --seed <n>', "root seed (default: the scenario's)", intOption('--seed', 0))
    .option('--run <n>', 'run index (selects the run stream)', intOption('--run', 0))
    .option('-T, --horizon <rounds>', "rounds or steps (default: the scenario's)", intOption('--horizon', 1, 100_000_000))
    .option('--round-period <seconds>', 'seconds of ROS time per round or step (default 0.1)', numberOption('--round-period', 1e-6, 3600))
    .option('--start-delay <seconds>', 'seconds of ROS time from start-up to round 0', numberOption('--start-delay', 0), 3)
    .option('--start-time <seconds>', 'ROS time (seconds) of round 0, to share the round clock with nodes in other processes', numberOption('--start-time', 0))
    .option('--namespace <ns>', 'namespace for every node (e.g. fleet1)')
    .option('--use-sim-time', 'take node time from /clock (Gazebo) on every node')
    .option('--log-level <level>', 'node log level: debug, info, warn, error, fatal', 'info')
    .addOption(adapterOption())
    .option('--no-simulate-robots', 'with pose_goal or nav2: leave out the kinematic robot simulators (Gazebo or hardware provides odom and goals)')
    .action(async (file: string, o: ContainerCliOptions) => {
      const level = userInput(() => parseLogLevel(o.logLevel));
      // Loaded here, not at the top: every command's module is imported for `--help`.
      const { loadScenario } = await import('../experiments/scenario/loadScenario.js');
      const { RosUnavailableError } = await import('../runtime/ros/RclnodejsTransport.js');
      const { startContainer } = await import('../ros/runContainer.js');
      const loaded = loadScenario(file);
      for (const w of loaded.warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
      let run;
      try {
        run = await startContainer(loaded.scenario, file, {
          algorithm: o.algorithm,
          seed: o.seed,
          run: o.run,
          horizon: o.horizon,
          roundPeriod: o.roundPeriod,
          startDelay: o.startDelay,
          startTime: o.startTime,
          namespace: o.namespace,
          useSimTime: o.useSimTime,
          adapter: o.adapter,
          simulateRobots: o.simulateRobots,
          logLevel: level,
          handleSignals: true,
        });
      } catch (err) {
        // Missing ROS 2 is a set-up problem of the user's machine: a clear message, not a stack.
        if (err instanceof RosUnavailableError || (err as Error).cause instanceof RosUnavailableError) throw new UserInputError((err as Error).message);
        throw err;
      }
      const r = await run.done;
      const why = { horizon: 'reached the horizon', signal: 'stopped by signal', failure: 'a node failed', stop: 'stopped' }[r.stoppedBy];
      process.stdout.write(`${run.plan.scenario} / ${run.plan.algorithm}, seed ${run.plan.seed}: ${r.roundsCompleted} rounds, ${run.plan.nodes.length} nodes on ROS 2, ${why}; cumulative regret ${r.cumulativeRegret.toFixed(3)}\n`);
      if (r.error) throw r.error;
    });
}

function userInput<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw new UserInputError((err as Error).message);
  }
}
