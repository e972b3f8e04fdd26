/** `fleet-bandits plan SCENARIO`: prints the node plan as JSON (read by the ROS 2 launch files). */
import { Command, Option } from 'commander';
import { UserInputError } from '../experiments/UserInputError.js';
import { ADAPTER_NAMES, type AdapterName } from '../nodes/graph/adapters/RobotAdapter.js';
import type { SensorOptions } from '../nodes/NodePlan.js';
import type { PlanOptions } from '../nodes/plan.js';
import { SYNC_START } from '../nodes/RunStart.js';
import { intOption, numberOption } from './options.js';

/** `--adapter`, shared by `run` and `plan`. */
export function adapterOption(): Option {
  return new Option('--adapter <name>', 'how graph robots move (coverage): graph_step (default), pose_goal (PoseStamped goals, odometry), nav2 (NavigateToPose), px4 (PX4 offboard over uXRCE-DDS) or crazyflie (Crazyswarm2 take-off and go_to services)').choices(ADAPTER_NAMES);
}

/** Sensor options of `run` and `plan` (coverage without a simulated environment). */
export interface SensorCliOptions {
  /** true, false, or undefined: neither flag given (the scenario's field decides; default true). */
  simulateEnvironment?: boolean;
  sensorTopic?: string;
  sensorType?: string;
  sensorField?: string;
  sensorReducer?: SensorOptions['reducer'];
  dwell?: number;
}

/** Adds `--no-simulate-environment` and the site_sensor options to `command`. */
export function withSensorOptions(command: Command): Command {
  return command
    .option('--simulate-environment', "coverage: simulated site rewards even if the scenario's field says otherwise")
    .option('--no-simulate-environment', 'coverage: no environment node; a site_sensor per robot turns a real sensor into SiteSamples, and regret is the planner\'s estimate (no ground truth)')
    .option('--sensor-topic <topic>', "site_sensor: topic of the readings, relative to each robot's namespace (default 'sensor')")
    .option('--sensor-type <type>', 'site_sensor: message type of the readings (default std_msgs/msg/Float64)')
    .option('--sensor-field <path>', "site_sensor: numeric field read, e.g. 'data', 'range', 'pose.position.z' (default 'data')")
    .addOption(new Option('--sensor-reducer <name>', 'site_sensor: readings of a dwell to one sample (default mean)').choices(['mean', 'max', 'last']))
    .option('--dwell <seconds>', 'site_sensor: seconds of readings per sample before the planner decides (default 0: the whole window)', numberOption('--dwell', 0));
}

/** The plan options of the sensor flags. */
export function sensorPlanOptions(o: SensorCliOptions): Pick<PlanOptions, 'simulateEnvironment' | 'sensor'> {
  return { simulateEnvironment: o.simulateEnvironment, sensor: { topic: o.sensorTopic, type: o.sensorType, field: o.sensorField, reducer: o.sensorReducer, dwell: o.dwell } };
}

interface PlanCliOptions extends Omit<PlanOptions, 'adapter' | 'simulateEnvironment' | 'sensor'>, SensorCliOptions {
  adapter?: AdapterName;
  simulateRobots?: boolean;
  syncStart?: boolean;
}

export function planCommand(): Command {
  const command = new Command('plan')
    .description('print the node plan of a scenario as JSON: executable, name, namespace, parameters and remappings of every node')
    .argument('<scenario>', 'scenario YAML file')
    .option('-a, --algorithm <name>', "algorithm name or label from the scenario (default: the first)")
    .option('-s, --seed <n>', "root seed (default: the scenario's)", intOption('--seed', 0))
    .option('--run <n>', 'run index (selects the run stream)', intOption('--run', 0))
    .option('-T, --horizon <rounds>', "rounds (default: the scenario's)", intOption('--horizon', 1, 100_000_000))
    .option('--round-period <seconds>', 'seconds of node time per round (default 0.1)', numberOption('--round-period', 1e-6, 3600))
    .option('--start-time <seconds>', 'node time (seconds) at which round 0 starts (default: one round period)', numberOption('--start-time', 0))
    .option('--sync-start', 'round 0 once every node is up: the first node waits for the others and publishes it on run_start (what ros2 launch uses)')
    .addOption(adapterOption())
    .option('--simulate-robots', "with pose_goal, nav2, px4 or crazyflie: kinematic_robot nodes even if the scenario's field says otherwise")
    .option('--no-simulate-robots', 'with pose_goal, nav2, px4 or crazyflie: no kinematic_robot nodes (Gazebo or real robots answer instead)');
  return withSensorOptions(command).action(async (file: string, { syncStart, ...o }: PlanCliOptions) => {
    if (syncStart && o.startTime !== undefined) throw new UserInputError('--sync-start and --start-time exclude each other');
    // Loaded here, not at the top: every command's module is imported for `--help`.
    const { loadScenario } = await import('../experiments/scenario/loadScenario.js');
    const { planNodes } = await import('../nodes/plan.js');
    const { scenario } = loadScenario(file);
    // Neither flag: undefined, so the scenario's field (else simulated robots) decides.
    const options = { ...o, ...sensorPlanOptions(o) };
    process.stdout.write(JSON.stringify(planNodes(scenario, file, syncStart ? { ...options, startTime: SYNC_START } : options), null, 2) + '\n');
  });
}
