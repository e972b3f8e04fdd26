/**
 * Everything a coverage scenario fixes once for all runs: graph, travel times, site means,
 * weights f_k and the optimal value OPT. Built from the scenario seed's streams 'graph' and
 * 'means' (as in the paper, the graph and means are the same in every run).
 */
import type { Graph } from '../../core/graph/Graph.js';
import { graphDiameter } from '../../core/graph/graphDiameter.js';
import { GraphValidationError } from '../../core/graph/GraphValidationError.js';
import { greedyAllocation } from '../../core/graph/greedyAllocation.js';
import { travelSteps, travelTimeDiameter } from '../../core/graph/travelSteps.js';
import { logWeightTable, weightTableFromLists, type WeightTable } from '../../core/graph/WeightTable.js';
import { Rng } from '../../core/random.js';
import { drawSiteMeans } from '../../envs/sites/drawSiteMeans.js';
import type { SiteNoise } from '../../envs/sites/SiteSampler.js';
import { ScenarioError, type ScenarioIssue } from '../scenario/ScenarioError.js';
import { resolveCoverageGraph } from './resolveCoverageGraph.js';
import type { CoverageScenario } from './schema.js';

export interface CoverageWorld {
  readonly graph: Graph;
  /** N. */
  readonly robots: number;
  /** Steps per CSR edge with `motion.model: travel-time`; null when every move takes one step. */
  readonly travel: Int32Array | null;
  /** Hop diameter D, or the time diameter in steps with travel times: the default path limit. */
  readonly diameter: number;
  /** True means mu_k (the planners never see them). */
  readonly means: Float64Array;
  readonly noise: SiteNoise;
  readonly weights: WeightTable;
  /** OPT = max over allocations of sum_k f_k(c_k) mu_k. */
  readonly opt: number;
  readonly optimalAllocation: Int32Array;
  /** Start site per robot, or null for uniform random starts per run (stream 'starts'). */
  readonly starts: Int32Array | null;
  /** Waypoint erasure probability per robot and step. */
  readonly erasure: number;
  /** Flight altitude (map z) per site from the scenario's `field`, or null: the graph's z. */
  readonly altitudes: Float64Array | null;
}

/**
 * Validates the scenario against its graph (sizes, ids, tables, path limits) and builds the
 * world. Every problem is reported at once as a `ScenarioError` with the field path; `file`
 * labels it.
 */
export function buildCoverageWorld(scenario: CoverageScenario, graph: Graph, file = scenario.name): CoverageWorld {
  const issues: ScenarioIssue[] = [];
  const K = graph.size;
  const N = scenario.robots.count;
  if (K > scenario.limits.maxSites) issues.push({ path: ['graph'], message: `the graph has ${K} sites, more than limits.maxSites = ${scenario.limits.maxSites}` });

  const meansSpec = scenario.sites.means;
  let means: Float64Array;
  if (meansSpec.type === 'list') {
    if (meansSpec.values.length !== K) {
      issues.push({ path: ['sites', 'means', 'values'], message: `${meansSpec.values.length} means listed for a graph of ${K} sites; list one per site, in site order` });
    }
    means = Float64Array.from(meansSpec.values);
  } else {
    means = drawSiteMeans(K, meansSpec.lo, meansSpec.hi, new Rng(scenario.seed).stream('means'));
  }

  // A weight table holds N + 1 numbers per distinct function (sites sharing one share a row):
  // ten for the log family, one per listed table otherwise. Check before allocating.
  const w = scenario.weights;
  const functions = w.type === 'log' ? Math.min(K, 10) : Object.keys(w.sites ?? {}).length + (w.default === undefined ? 0 : 1);
  if (functions * (N + 1) > MAX_TABLE_ENTRIES) {
    issues.push({ path: ['robots', 'count'], message: `${N} robots with ${functions} weight functions need a weight table of ${functions * (N + 1)} entries, more than ${MAX_TABLE_ENTRIES}; use fewer robots or weight tables` });
    throw new ScenarioError(file, issues);
  }
  let weights: WeightTable | null = null;
  if (w.type === 'log') {
    weights = logWeightTable(K, N, w.alpha);
  } else {
    const lists: number[][] = [];
    const index = new Map(graph.ids.map((id, k) => [id, k]));
    for (const id of Object.keys(w.sites ?? {})) {
      if (!index.has(id)) issues.push({ path: ['weights', 'sites', id], message: `unknown site id '${id}'; known ids: ${graph.ids.slice(0, 20).join(', ')}${K > 20 ? ', ...' : ''}` });
    }
    for (let k = 0; k < K; k++) {
      const table = w.sites?.[graph.ids[k]] ?? w.default;
      if (table === undefined) {
        issues.push({ path: ['weights'], message: `site '${graph.ids[k]}' has no table; give 'default' or a table under weights.sites` });
      }
      lists.push(table ?? []);
    }
    if (!issues.some((i) => i.path[0] === 'weights')) {
      try {
        weights = weightTableFromLists(lists, N, graph.ids, 'weights');
      } catch (err) {
        if (!(err instanceof GraphValidationError)) throw err;
        for (const m of err.issues) issues.push({ path: ['weights'], message: m });
      }
    }
  }

  let starts: Int32Array | null = null;
  if (Array.isArray(scenario.robots.starts)) {
    starts = new Int32Array(N);
    scenario.robots.starts.forEach((id, i) => {
      const k = graph.ids.indexOf(String(id));
      if (k < 0) issues.push({ path: ['robots', 'starts', i], message: `unknown site id '${id}'; known ids: ${graph.ids.slice(0, 20).join(', ')}${K > 20 ? ', ...' : ''}` });
      if (i < N) starts![i] = Math.max(k, 0);
    });
  }

  let travel: Int32Array | null = null;
  if (scenario.motion.model === 'travel-time') {
    try {
      travel = travelSteps(graph, scenario.robots.speed ?? NaN, scenario.motion.stepDuration);
    } catch (err) {
      issues.push({ path: ['motion'], message: (err as Error).message.replace(/^travelSteps: /, '') });
    }
  }
  let altitudes: Float64Array | null = null;
  const field = scenario.field;
  if (field?.altitude !== undefined || field?.altitudes !== undefined) {
    altitudes = new Float64Array(K);
    for (let k = 0; k < K; k++) altitudes[k] = field.altitude ?? graph.positions?.[3 * k + 2] ?? 0;
    const index = new Map(graph.ids.map((id, k) => [id, k]));
    for (const [id, z] of Object.entries(field.altitudes ?? {})) {
      const k = index.get(id);
      if (k === undefined) issues.push({ path: ['field', 'altitudes', id], message: `unknown site id '${id}'; known ids: ${graph.ids.slice(0, 20).join(', ')}${K > 20 ? ', ...' : ''}` });
      else altitudes[k] = z;
    }
  }
  if (issues.length > 0) throw new ScenarioError(file, issues);

  const diameter = travel === null ? graphDiameter(graph) : travelTimeDiameter(graph, travel);
  scenario.algorithms.forEach((a, i) => {
    const limit = a.params.pathLimit;
    if (limit !== undefined && limit < diameter) {
      issues.push({
        path: ['algorithms', i, 'params', 'pathLimit'],
        message: `${limit} is below the graph's ${travel === null ? 'diameter' : 'time diameter (steps)'} ${diameter}; some destinations would be unreachable`,
      });
    }
  });
  scenario.algorithms.forEach((a, i) => {
    const limit = pathLimitOf(a.params.pathLimit, diameter);
    const bytes = plannerBytes(K, N, limit, a.name === 'indv-g-ucb');
    if (bytes > MAX_PLANNER_BYTES) {
      issues.push({
        path: a.params.pathLimit !== undefined ? ['algorithms', i, 'params', 'pathLimit'] : ['graph'],
        message: `the planner would need about ${Math.ceil(bytes / 2 ** 20)} MiB (path limit ${limit}, ${K} sites, ${N} robots), more than ${MAX_PLANNER_BYTES / 2 ** 20} MiB; use a smaller graph, fewer robots or a lower pathLimit`,
      });
    }
  });
  if (issues.length > 0) throw new ScenarioError(file, issues);

  const optimalAllocation = new Int32Array(K);
  const opt = greedyAllocation(means, weights!, N, optimalAllocation);
  const noise: SiteNoise = scenario.sites.noise.type === 'gaussian' ? { type: 'gaussian', sd: scenario.sites.noise.sd } : { type: 'bernoulli' };
  return { graph, robots: N, travel, diameter, means, noise, weights: weights!, opt, optimalAllocation, starts, erasure: scenario.links.waypointErasure, altitudes };
}

/** Entries of a weight table (K x (N + 1)) a scenario may ask for: 512 MiB of doubles. */
export const MAX_TABLE_ENTRIES = 64 * 2 ** 20;
/** Memory the planner of one run may take (path tables, candidate paths, per-robot statistics). */
export const MAX_PLANNER_BYTES = 2 ** 30;

/** The path limit a planner uses: the given one, else the (time) diameter, at least 1 (a one-site graph has diameter 0). */
export function pathLimitOf(given: number | undefined, diameter: number): number {
  return given ?? Math.max(1, diameter);
}

/** Estimated bytes of a planner's arrays: layered path tables, N x N candidate paths, per-robot statistics for Indv-G-UCB. */
export function plannerBytes(sites: number, robots: number, limit: number, perRobotStats: boolean): number {
  const layers = (limit + 1) * sites * 12;
  const candidates = robots * robots * (limit + 1) * 4 + robots * robots * 16;
  return layers + candidates + (perRobotStats ? robots * sites * 12 : 0);
}

/** Graph errors and file errors as scenario issues under `graph`. */
export function graphIssues(err: unknown): ScenarioIssue[] {
  if (err instanceof GraphValidationError) return err.issues.map((message) => ({ path: ['graph'], message: `${err.source}: ${message}` }));
  if (err instanceof Error) return [{ path: ['graph'], message: err.message }];
  throw err;
}

const cache = new WeakMap<CoverageScenario, CoverageWorld>();
/** The last few worlds by content: loading a file again, or overriding seed-free fields, makes a new scenario object with the same world. */
const recent = new Map<string, CoverageWorld>();
const RECENT_WORLDS = 4;

/** What the world depends on: everything but horizon, runs, the curve grid and the texts (name only labels errors). */
function contentKey(scenario: CoverageScenario, baseDir: string): string {
  const { horizon: _horizon, runs: _runs, grid: _grid, description: _description, name: _name, ...rest } = scenario;
  return JSON.stringify([baseDir, rest]);
}

/** Keeps a world built for `scenario` (by `prepareCoverageScenario`) for `coverageWorld`. */
export function rememberCoverageWorld(scenario: CoverageScenario, world: CoverageWorld, baseDir = '.'): void {
  cache.set(scenario, world);
  const key = contentKey(scenario, baseDir);
  recent.delete(key);
  recent.set(key, world);
  if (recent.size > RECENT_WORLDS) recent.delete(recent.keys().next().value!);
}

/**
 * The world of a scenario, built on first use and cached per scenario object (a worker thread
 * receives the scenario once and runs many tasks on it) and, for the last few, by content (a
 * run loads its file in the CLI and again in the nodes: one graph, one diameter, one OPT).
 * `baseDir` resolves a graph file that `prepare` has not inlined.
 */
export function coverageWorld(scenario: CoverageScenario, baseDir = '.'): CoverageWorld {
  let world = cachedCoverageWorld(scenario, baseDir);
  if (world === undefined) {
    let graph: Graph;
    try {
      graph = resolveCoverageGraph(scenario, baseDir);
    } catch (err) {
      throw new ScenarioError(scenario.name, graphIssues(err));
    }
    world = buildCoverageWorld(scenario, graph);
  }
  rememberCoverageWorld(scenario, world, baseDir);
  return world;
}

/** The world already built for this scenario object or content, if any. */
export function cachedCoverageWorld(scenario: CoverageScenario, baseDir = '.'): CoverageWorld | undefined {
  return cache.get(scenario) ?? recent.get(contentKey(scenario, baseDir));
}
