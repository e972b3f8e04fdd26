/**
 * The node plan: which nodes exist for a scenario, with executable, name, namespace, parameters
 * and remappings. This is the one place that decides it; `fleet-bandits run` starts the plan on
 * the embedded transport, and the ROS 2 launch files read it from `fleet-bandits plan`.
 */
import type { ScenarioBase } from '../experiments/Family.js';
import { withOverrides } from '../experiments/runExperiment.js';
import { UserInputError } from '../experiments/UserInputError.js';
import type { ParameterValue } from '../runtime/Parameters.js';
import { ADAPTER_NAMES, isAdapterName, type AdapterName } from './graph/adapters/RobotAdapter.js';
import { planCoverage } from './graph/planCoverage.js';
import { planRoundFamily } from './rounds/planRounds.js';
import { isRoundFamily } from './rounds/roundFamilies.js';

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
  /** How graph robots move (coverage only): `graph_step` (default), `pose_goal` or `nav2`. */
  adapter?: AdapterName;
  /**
   * With `pose_goal` or `nav2`: add one `kinematic_robot` per robot to stand in for the real one
   * (default true). False when Gazebo or hardware provides `goal_pose`/`odom` or `navigate_to_pose`.
   */
  simulateRobots?: boolean;
  /** Overrides of the kinematic robots' parameters (defaults: see planCoverage). */
  kinematic?: KinematicOptions;
}

export interface KinematicOptions {
  /** m/s of node time. */
  maxSpeed?: number;
  /** 1/s. */
  gain?: number;
  /** Hz. */
  rate?: number;
}

/** Parameters shared by every node of the run (what `declareRunContext` reads). */
export function runParameters(file: string, plan: Omit<NodePlan, 'nodes' | 'scenario' | 'family'>): Record<string, ParameterValue> {
  return {
    scenario: file,
    algorithm: plan.algorithm,
    seed: plan.seed,
    run: plan.run,
    horizon: plan.horizon,
    round_period: plan.roundPeriod,
    start_time: plan.startTime,
  };
}

type FamilyPlanner = (s: ScenarioBase, common: Record<string, ParameterValue>, options: PlanOptions & { roundPeriod: number }) => NodeSpec[];
const planners = new Map<string, FamilyPlanner>([['coverage', planCoverage]]);

/** Families with nodes that do not run in rounds register their planner here. */
export function registerPlanner(family: string, planner: FamilyPlanner): void {
  planners.set(family, planner);
}

export function planNodes(scenario: ScenarioBase, file: string, options: PlanOptions = {}): NodePlan {
  const s = withOverrides(scenario, { seed: options.seed, horizon: options.horizon, algorithms: options.algorithm ? [options.algorithm] : undefined });
  if (options.adapter !== undefined && !isAdapterName(options.adapter)) throw new UserInputError(`adapter '${options.adapter}' is unknown; known: ${ADAPTER_NAMES.join(', ')}`);
  if (options.adapter !== undefined && options.adapter !== 'graph_step' && s.family !== 'coverage') {
    throw new UserInputError(`adapter '${options.adapter}' moves graph robots: it applies to coverage scenarios, not to family '${s.family}'`);
  }
  const alg = s.algorithms[0];
  const roundPeriod = options.roundPeriod ?? 0.1;
  const head = {
    algorithm: alg.label ?? alg.name,
    seed: s.seed,
    run: options.run ?? 0,
    horizon: s.horizon,
    roundPeriod,
    startTime: options.startTime ?? roundPeriod,
  };
  const common = runParameters(file, head);
  let nodes: NodeSpec[];
  if (isRoundFamily(s.family)) nodes = planRoundFamily(s, common);
  else {
    const planner = planners.get(s.family);
    if (!planner) throw new Error(`scenario family '${s.family}' has no node plan yet`);
    nodes = planner(s, common, { ...options, roundPeriod });
  }
  return { scenario: file, family: s.family, ...head, nodes };
}
