/**
 * The node plan: which nodes exist for a scenario, with executable, name, namespace, parameters
 * and remappings. This is the one place that decides it; `fleet-bandits run` starts the plan on
 * the embedded transport, and the ROS 2 launch files read it from `fleet-bandits plan`.
 */
import type { ScenarioBase } from '../experiments/Family.js';
import { withOverrides } from '../experiments/runExperiment.js';
import type { ParameterValue } from '../runtime/Parameters.js';
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

type FamilyPlanner = (s: ScenarioBase, common: Record<string, ParameterValue>) => NodeSpec[];
const planners = new Map<string, FamilyPlanner>([['coverage', planCoverage]]);

/** Families with nodes that do not run in rounds register their planner here. */
export function registerPlanner(family: string, planner: FamilyPlanner): void {
  planners.set(family, planner);
}

export function planNodes(scenario: ScenarioBase, file: string, options: PlanOptions = {}): NodePlan {
  const s = withOverrides(scenario, { seed: options.seed, horizon: options.horizon, algorithms: options.algorithm ? [options.algorithm] : undefined });
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
    nodes = planner(s, common);
  }
  return { scenario: file, family: s.family, ...head, nodes };
}
