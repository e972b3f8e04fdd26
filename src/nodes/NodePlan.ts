/**
 * The shapes of a node plan (which nodes a run has, with executable, name, namespace, parameters
 * and remappings) and of a family's planner. Types only, in a module of their own, so that family
 * planners (graph/planCoverage.ts, rounds/planRounds.ts, ...) and plan.ts, which imports them,
 * form no import cycle.
 */
import type { ScenarioBase } from '../experiments/Family.js';
import type { ParameterValue } from '../runtime/Parameters.js';
import type { AdapterName } from './graph/adapters/RobotAdapter.js';

export interface NodeSpec {
  /** Node program, also the ROS 2 executable name (`ros2 run fleet_bandits <executable>`). */
  executable: string;
  name: string;
  namespace: string;
  parameters: Record<string, ParameterValue>;
  /** `from -> to` rules, names as the node writes them. */
  remappings: Record<string, string>;
}

export interface NodePlan {
  scenario: string;
  family: string;
  algorithm: string;
  seed: number;
  run: number;
  horizon: number;
  /** Seconds of node time per round or step. */
  roundPeriod: number;
  /** Node time (seconds) at which round 0 starts. */
  startTime: number;
  nodes: NodeSpec[];
}

export interface PlanOptions {
  algorithm?: string;
  seed?: number;
  run?: number;
  horizon?: number;
  roundPeriod?: number;
  startTime?: number;
  /** How graph robots move (coverage only): `graph_step` (default), `pose_goal`, `nav2` or `px4`. */
  adapter?: AdapterName;
  /**
   * With `pose_goal`, `nav2` or `px4`: add one `kinematic_robot` per robot to stand in for the real one
   * (default true). False when Gazebo or hardware provides `goal_pose`/`odom` or `navigate_to_pose`.
   */
  simulateRobots?: boolean;
  /** Overrides of the kinematic robots' parameters (defaults: see planCoverage). */
  kinematic?: KinematicOptions;
  /**
   * Coverage: run the `environment` node that draws site rewards from the scenario's means
   * (default true). False on real sensors: a `site_sensor` per robot turns `sensor` readings
   * into SiteSamples and the monitor, without ground truth, reports estimated regret.
   */
  simulateEnvironment?: boolean;
  /** The site_sensor nodes' parameters (defaults: see siteSensorNode). */
  sensor?: SensorOptions;
}

export interface SensorOptions {
  /** Topic of the readings; relative names resolve in each robot's namespace. */
  topic?: string;
  /** Message type, e.g. `sensor_msgs/msg/Range`. */
  type?: string;
  /** Numeric field path, e.g. `range`. */
  field?: string;
  reducer?: 'mean' | 'max' | 'last';
  /** Seconds of readings per dwell (0: the whole window). */
  dwell?: number;
}

export interface KinematicOptions {
  /** m/s of node time. */
  maxSpeed?: number;
  /** 1/s. */
  gain?: number;
  /** Hz. */
  rate?: number;
}

/**
 * The nodes of a family's run: `common` holds the run parameters every node gets (runParameters
 * in plan.ts). Register a new family's planner in plan.ts's `planners` map.
 */
export type FamilyPlanner = (s: ScenarioBase, common: Record<string, ParameterValue>, options: PlanOptions & { roundPeriod: number }) => NodeSpec[];
