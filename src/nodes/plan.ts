/**
 * The node plan: which nodes exist for a scenario, with executable, name, namespace, parameters
 * and remappings. This is the one place that decides it; `fleet-bandits run` starts the plan on
 * the embedded transport, and the ROS 2 launch files read it from `fleet-bandits plan`.
 */
import type { ScenarioBase } from '../experiments/Family.js';
import { withOverrides } from '../experiments/runExperiment.js';
import { UserInputError } from '../experiments/UserInputError.js';
import type { ParameterValue } from '../runtime/Parameters.js';
import type { FamilyPlanner, NodePlan, NodeSpec, PlanOptions } from './NodePlan.js';
import { ADAPTER_NAMES, isAdapterName } from './graph/adapters/RobotAdapter.js';
import { coverageFieldOptions, planCoverage } from './graph/planCoverage.js';
import { planJobs } from './jobs/planJobs.js';
import { planDag } from './dag/planDag.js';
import { planRoundFamily } from './rounds/planRounds.js';
import { isRoundFamily } from './rounds/roundFamilies.js';
import { SYNC_START } from './RunStart.js';

export type { FamilyPlanner, KinematicOptions, NodePlan, NodeSpec, PlanOptions } from './NodePlan.js';

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

/** Planners of the families whose nodes do not run in rounds: add a family's planner here. */
const planners = new Map<string, FamilyPlanner>([
  ['coverage', planCoverage],
  ['multistage', planJobs],
  ['dag', planDag],
]);

/** Families with nodes that do not run in rounds register their planner here. */
export function registerPlanner(family: string, planner: FamilyPlanner): void {
  planners.set(family, planner);
}

/** A node's name relative to the run's namespace: 'learner', 'agent_0/agent'. */
export function relativeName(spec: Pick<NodeSpec, 'name' | 'namespace'>): string {
  const ns = spec.namespace.replace(/^\/+|\/+$/g, '');
  return ns === '' ? spec.name : `${ns}/${spec.name}`;
}

/** Plan options a scenario sets itself (coverage: its `field:` section); the caller's win. */
const scenarioDefaults = new Map<string, (s: ScenarioBase) => PlanOptions>([['coverage', coverageFieldOptions]]);

/** `options` over `defaults`, field by field (undefined leaves the default). */
function withDefaults(defaults: PlanOptions, options: PlanOptions): PlanOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PlanOptions;
  const sensor = defaults.sensor || options.sensor ? { ...defaults.sensor, ...Object.fromEntries(Object.entries(options.sensor ?? {}).filter(([, v]) => v !== undefined)) } : undefined;
  return { ...defaults, ...given, ...(sensor ? { sensor } : {}) };
}

export function planNodes(scenario: ScenarioBase, file: string, callerOptions: PlanOptions = {}): NodePlan {
  const options = withDefaults(scenarioDefaults.get(scenario.family)?.(scenario) ?? {}, callerOptions);
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
  // A synchronized start: the first node (learner, planner) waits for the others.
  if (head.startTime === SYNC_START && nodes.length > 0) nodes[0].parameters.run_nodes = nodes.map(relativeName);
  return { scenario: file, family: s.family, ...head, nodes };
}
