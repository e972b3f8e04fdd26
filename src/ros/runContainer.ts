/**
 * Every node of a scenario's plan in ONE process over ROS 2 (rclnodejs): many agents without a
 * process each, still visible to `ros2 node list`, `ros2 topic echo` and other machines. Round 0
 * starts `startDelay` seconds of ROS time after start-up; the container stops when the monitor
 * reports the last round, on SIGINT/SIGTERM, or when a callback fails.
 */
import type { ScenarioBase } from '../experiments/Family.js';
import type { RegretReport } from '../msg/definitions.generated.js';
import { planNodes, type NodePlan, type PlanOptions } from '../nodes/plan.js';
import { REGRET_REPORT, regretTopic } from '../nodes/rounds/topics.js';
import { TELEMETRY_QOS } from '../runtime/Qos.js';
import type { RclnodejsApi } from '../runtime/ros/RclnodejsApi.js';
import { createRclnodejsTransport, type RclnodejsTransport, type StopReason } from '../runtime/ros/RclnodejsTransport.js';
import { launchNodes, pushNamespace, stopNodes } from './launchNodes.js';

export interface ContainerOptions extends Omit<PlanOptions, 'startTime'> {
  /** Seconds of ROS time between start-up and round 0 (ignored if startTime is given). Default 3. */
  startDelay?: number;
  /** ROS time (seconds) of round 0, to share a clock with nodes in other processes. */
  startTime?: number;
  /** Group namespace for every node (like PushRosNamespace in the launch files). */
  namespace?: string;
  /** Sets `use_sim_time` on every node (take time from /clock, e.g. Gazebo). */
  useSimTime?: boolean;
  /** rcl log level (`--ros-args --log-level`). */
  logLevel?: string;
  rclnodejs?: RclnodejsApi;
  handleSignals?: boolean;
  onRegret?: (report: RegretReport) => void;
}

export interface ContainerResult {
  stoppedBy: 'horizon' | 'signal' | 'failure' | 'stop';
  roundsCompleted: number;
  /** Cumulative regret of the last report (0 before any). */
  cumulativeRegret: number;
  error?: Error;
}

export interface ContainerRun {
  transport: RclnodejsTransport;
  plan: NodePlan;
  done: Promise<ContainerResult>;
  /** Ends the run (like Ctrl-C). */
  stop(): void;
}

export async function startContainer(scenario: ScenarioBase, file: string, options: ContainerOptions = {}): Promise<ContainerRun> {
  const argv = ['fleet-bandits-container', ...(options.logLevel ? ['--ros-args', '--log-level', options.logLevel] : [])];
  const transport = await createRclnodejsTransport({ argv, rclnodejs: options.rclnodejs, handleSignals: options.handleSignals });
  try {
    const supervisor = transport.createNode('container_supervisor', { namespace: pushNamespace(options.namespace, '/'), parameterOverrides: options.useSimTime ? { use_sim_time: true } : {} });
    const startTime = options.startTime ?? supervisor.now() / 1e9 + (options.startDelay ?? 3);
    const plan = planNodes(scenario, file, { ...options, startTime });
    const launched = await launchNodes(transport, plan.nodes, { namespace: options.namespace, parameters: options.useSimTime ? { use_sim_time: true } : undefined });
    let rounds = 0;
    let cumulative = 0;
    supervisor.createSubscription<RegretReport>(REGRET_REPORT, regretTopic, (r) => {
      rounds = Math.max(rounds, r.round + 1);
      cumulative = r.cumulative_regret;
      options.onRegret?.(r);
      if (rounds >= plan.horizon) transport.stop();
    }, TELEMETRY_QOS);
    supervisor.logger.info(`${plan.nodes.length} nodes of '${plan.scenario}' (${plan.algorithm}, seed ${plan.seed}); round 0 at ROS time ${plan.startTime.toFixed(3)} s`);
    const done = transport.stopped.then(async (reason: StopReason): Promise<ContainerResult> => {
      try {
        await stopNodes(launched);
      } finally {
        await transport.shutdown();
      }
      const stoppedBy = rounds >= plan.horizon ? 'horizon' : reason.by === 'request' ? 'stop' : reason.by;
      return { stoppedBy, roundsCompleted: rounds, cumulativeRegret: cumulative, error: reason.by === 'failure' ? reason.error : undefined };
    });
    return { transport, plan, done, stop: () => transport.stop() };
  } catch (err) {
    await transport.shutdown();
    throw err;
  }
}
