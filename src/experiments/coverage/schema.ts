/** Scenario schema of the multi-robot graph-bandit coverage family (`family: coverage`, Multi-G-UCB and baselines). */
import { z } from 'zod';
import { waypointGraphSchema } from '../../core/graph/waypointGraphSchema.js';
import { algorithmEntry, commonFields, MAX_METRES, probability, rewardNumber } from '../scenario/common.js';
import { checkFaults, faultsField } from '../scenario/faults.js';

const count = z.number().int().min(1);
const metres = z.number().positive().max(MAX_METRES);
const coordinate = z.number().min(-MAX_METRES).max(MAX_METRES);
const graphSeed = z.number().int().min(0).optional();

/**
 * Where the sites come from. Random graphs are drawn once per scenario from
 * `Rng(seed ?? scenario.seed).stream('graph')`, never per run.
 */
export const coverageGraphSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('erdos-renyi'),
      /** K. */
      sites: count.max(100_000),
      /** Edge probability; redrawn until connected. */
      p: probability,
      /** Root seed of the graph stream; default the scenario seed. */
      seed: graphSeed,
    })
    .strict(),
  z
    .object({
      type: z.literal('grid'),
      rows: count.max(1000),
      cols: count.max(1000),
      /** Metres between neighbouring sites. */
      spacing: metres.default(10),
      /** Metres above the ground (z) of every site. */
      altitude: coordinate.default(0),
    })
    .strict(),
  z
    .object({
      type: z.literal('geometric'),
      sites: count.max(100_000),
      /** Sites at most this many metres apart are linked; redrawn until connected. */
      radius: metres,
      width: metres.default(100),
      height: metres.default(100),
      altitude: coordinate.default(0),
      seed: graphSeed,
    })
    .strict(),
  z
    .object({
      type: z.literal('file'),
      /** Waypoint graph file, relative to the scenario file: `.yaml`/`.yml` or `.geojson`/`.json`. */
      path: z.string().min(1),
      /** Default: from the file extension. */
      format: z.enum(['yaml', 'geojson']).optional(),
      /** GeoJSON only: `lonlat` (default, projected to metres) or `metres`. */
      coordinates: z.enum(['lonlat', 'metres']).optional(),
      /** GeoJSON only: [longitude, latitude] of the map origin; default the first site. */
      origin: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('inline'),
      /** Where an inlined file came from (set by the loader), for messages. */
      source: z.string().optional(),
      ...waypointGraphSchema.shape,
    })
    .strict(),
]);

/** Far above any real diameter; the planner's memory (limit x sites) is checked against the graph later. */
export const MAX_PATH_LIMIT = 1_000_000;

const pathLimitParams = z
  .object({
    /** Most hops (steps on weighted graphs) per transition path; default and minimum: the (time) diameter. */
    pathLimit: z.number().int().min(1).max(MAX_PATH_LIMIT).optional(),
  })
  .strict()
  .default({});

export const coverageAlgorithmSchema = z.discriminatedUnion('name', [
  algorithmEntry('multi-g-ucb', pathLimitParams),
  algorithmEntry('multi-g-ucb-median', pathLimitParams),
  algorithmEntry('multi-g-ucb-max', pathLimitParams),
  algorithmEntry('indv-g-ucb', pathLimitParams),
]);

const mean = z.number().min(0).max(1);
const finite = z.number().refine(Number.isFinite, 'expected a finite number');

/** Robot adapters (nodes/graph/adapters/RobotAdapter.ts ADAPTER_NAMES; a test keeps them equal). */
export const FIELD_ADAPTERS = ['graph_step', 'pose_goal', 'nav2', 'px4', 'crazyflie'] as const;

/**
 * A mission's real-world settings in one place (`field:`), the defaults of `run`/`plan` and the
 * launch files (their options win). Site coordinates come from the graph (`graph.type: file`:
 * GeoJSON lon/lat with an `origin`, or map metres); `altitude` / `altitudes` set the flight
 * altitude (map z, metres) of every site / of sites by id.
 */
export const fieldSchema = z
  .object({
    /** How the robots move. */
    adapter: z.enum(FIELD_ADAPTERS).optional(),
    /** false: Gazebo or hardware answers, no kinematic stand-ins (plan and launch only). */
    simulateRobots: z.boolean().optional(),
    /** false: real sensors (site_sensor per robot) and no ground truth. */
    simulateEnvironment: z.boolean().optional(),
    /** Seconds per step on ROS 2: long enough to fly an edge. */
    roundPeriod: z.number().positive().max(3600).optional(),
    sensor: z
      .object({
        topic: z.string().regex(/^[~/a-zA-Z][a-zA-Z0-9_/]*$/, 'expected a ROS topic name').optional(),
        type: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*\/msg\/[A-Z][A-Za-z0-9]*$/, 'expected package/msg/Type, e.g. sensor_msgs/msg/Range').optional(),
        field: z.string().regex(/^[a-z][a-z0-9_]*(\[\d+\])*(\.[a-z][a-z0-9_]*(\[\d+\])*)*$/, "expected a field path such as 'range' or 'pose.position.z'").optional(),
        reducer: z.enum(['mean', 'max', 'last']).optional(),
        /** Seconds of readings per sample (0: the whole window). */
        dwell: z.number().min(0).optional(),
      })
      .strict()
      .optional(),
    /** One entry per robot (robot_<i>, in order): PX4 or Crazyflie vehicle settings. */
    robots: z
      .array(
        z
          .object({
            /** [x, y, z] in map metres of the vehicle's local NED origin (px4). */
            origin: z.tuple([finite, finite, finite]).optional(),
            /** MAVLink system id (px4); default robot index + 1. */
            systemId: z.number().int().min(1).max(255).optional(),
            /** The Crazyflie's name in Crazyswarm2's crazyflies.yaml (crazyflie); default cf<robot index + 1>. */
            name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a Crazyflie name such as cf1 (a letter, then letters, digits or _)').optional(),
          })
          .strict(),
      )
      .optional(),
    /** Flight altitude (map z, m) of every site not in `altitudes`. */
    altitude: finite.optional(),
    /** Flight altitude by site id. */
    altitudes: z.record(z.string(), finite).optional(),
  })
  .strict();

/** Random graphs test every pair of sites per draw: this many pairs take about a second. */
export const MAX_PAIR_DRAWS = 50_000_000;
/** Edges a generated graph may have (each costs a few dozen bytes while building). */
export const MAX_GENERATED_EDGES = 10_000_000;

export const coverageScenarioSchema = z
  .object({
    ...commonFields,
    family: z.literal('coverage'),
    graph: coverageGraphSchema,
    robots: z
      .object({
        /** N. */
        count: count.max(100_000),
        /** `random`: uniform per robot per run (stream 'starts'); or one site id per robot. */
        starts: z
          .union([z.literal('random'), z.array(z.union([z.string().min(1), z.number().int()]))], {
            error: "expected 'random' or a list of site ids, one per robot",
          })
          .default('random'),
        /** Metres per second, for `motion.model: travel-time`. */
        speed: metres.optional(),
      })
      .strict(),
    limits: z
      .object({
        /** Largest fleet this scenario may ask for. */
        maxRobots: count.max(100_000).default(1000),
        /** Largest graph this scenario may build or load. */
        maxSites: count.max(1_000_000).default(100_000),
      })
      .strict()
      .default({ maxRobots: 1000, maxSites: 100_000 }),
    sites: z
      .object({
        /** mu_k in [0, 1]: drawn once per scenario from stream 'means', or listed in site order. */
        means: z.discriminatedUnion('type', [
          z.object({ type: z.literal('uniform'), lo: mean, hi: mean }).strict(),
          z.object({ type: z.literal('list'), values: z.array(mean).min(1) }).strict(),
        ]),
        /** Sample noise: Gaussian N(mu_k, sd^2) or Bernoulli(mu_k). */
        noise: z
          .discriminatedUnion('type', [
            // Means are in [0, 1]; noise far beyond that only hides them (and overflows UCB sums).
            z.object({ type: z.literal('gaussian'), sd: z.number().min(0).max(1e6) }).strict(),
            z.object({ type: z.literal('bernoulli') }).strict(),
          ])
          .default({ type: 'gaussian', sd: 0.06 }),
      })
      .strict(),
    /** f_k: the paper's log family, or tables f_k(0), f_k(1), ... (default for all, per site id). */
    weights: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('log'), alpha: z.number().positive().max(1e6).default(0.05) }).strict(),
        z
          .object({
            type: z.literal('table'),
            default: z.array(rewardNumber).min(2).max(100_001).optional(),
            sites: z.record(z.string(), z.array(rewardNumber).min(2).max(100_001)).optional(),
          })
          .strict(),
      ])
      .default({ type: 'log', alpha: 0.05 }),
    /** `graph-step`: every move takes one step (the paper). `travel-time`: ceil(length / (speed * stepDuration)) steps. */
    motion: z
      .discriminatedUnion('model', [
        z.object({ model: z.literal('graph-step') }).strict(),
        z
          .object({
            model: z.literal('travel-time'),
            /** Seconds per step. */
            stepDuration: z.number().positive().max(1e6),
          })
          .strict(),
      ])
      .default({ model: 'graph-step' }),
    links: z
      .object({
        /** Probability that a waypoint command to a robot is lost (i.i.d. per robot and step). */
        waypointErasure: probability.default(0),
      })
      .strict()
      .default({ waypointErasure: 0 }),
    algorithms: z.array(coverageAlgorithmSchema).min(1),
    field: fieldSchema.optional(),
    /** Faults injected on purpose (robot crashes, stuck robots, planner restarts); see the README, "Failure behaviour". */
    faults: faultsField(['robot-crash', 'robot-stuck', 'learner-restart']),
  })
  .strict()
  .superRefine((s, ctx) => {
    checkFaults(s.faults, { horizon: s.horizon, robots: s.robots.count }, ctx);
    // Sizes are checked here, before any graph is generated.
    const g = s.graph;
    const generated = g.type === 'grid' ? g.rows * g.cols : g.type === 'erdos-renyi' || g.type === 'geometric' ? g.sites : undefined;
    if (generated !== undefined && generated > s.limits.maxSites) {
      ctx.addIssue({ code: 'custom', path: ['graph'], message: `the graph has ${generated} sites, more than limits.maxSites = ${s.limits.maxSites}` });
    }
    if (g.type === 'erdos-renyi' || g.type === 'geometric') {
      const pairs = (g.sites * (g.sites - 1)) / 2;
      if (pairs > MAX_PAIR_DRAWS) {
        ctx.addIssue({ code: 'custom', path: ['graph', 'sites'], message: `${g.type} graphs test every pair of sites: ${g.sites} sites are ${pairs} pairs, more than ${MAX_PAIR_DRAWS} (about ${Math.floor(Math.sqrt(2 * MAX_PAIR_DRAWS))} sites); load a graph file instead` });
      } else if (g.type === 'erdos-renyi' && g.p * pairs > MAX_GENERATED_EDGES) {
        ctx.addIssue({ code: 'custom', path: ['graph', 'p'], message: `about ${Math.round(g.p * pairs)} edges expected, more than ${MAX_GENERATED_EDGES}; lower p` });
      }
    }
    if (s.field?.robots !== undefined && s.field.robots.length !== s.robots.count) {
      ctx.addIssue({ code: 'custom', path: ['field', 'robots'], message: `${s.field.robots.length} entries for ${s.robots.count} robots; list one per robot (robot_0, robot_1, ...)` });
    }
    // Two robots flying one Crazyflie would fight over it.
    const cfNames = (s.field?.robots ?? []).map((r, i) => r.name ?? `cf${i + 1}`);
    cfNames.forEach((name, i) => {
      if (cfNames.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['field', 'robots', i, 'name'], message: `Crazyflie '${name}' is already robot ${cfNames.indexOf(name)}'s; each robot needs its own` });
    });
    if (s.robots.count > s.limits.maxRobots) {
      ctx.addIssue({ code: 'custom', path: ['robots', 'count'], message: `${s.robots.count} robots exceed limits.maxRobots = ${s.limits.maxRobots}` });
    }
    if (Array.isArray(s.robots.starts) && s.robots.starts.length !== s.robots.count) {
      ctx.addIssue({
        code: 'custom',
        path: ['robots', 'starts'],
        message: `${s.robots.starts.length} start sites listed for ${s.robots.count} robots; list one per robot or use 'random'`,
      });
    }
    if (s.sites.means.type === 'uniform' && s.sites.means.lo > s.sites.means.hi) {
      ctx.addIssue({ code: 'custom', path: ['sites', 'means'], message: `lo = ${s.sites.means.lo} exceeds hi = ${s.sites.means.hi}` });
    }
    if (s.motion.model === 'travel-time' && s.robots.speed === undefined) {
      ctx.addIssue({ code: 'custom', path: ['robots', 'speed'], message: 'missing field (motion.model travel-time needs the robot speed in m/s)' });
    }
    if (s.weights.type === 'table' && s.weights.default === undefined && s.weights.sites === undefined) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: "a table needs 'default' (for every site) and/or 'sites' (per site id)" });
    }
    if (s.graph.type === 'file' && s.graph.format !== 'geojson' && !/\.(geo)?json$/i.test(s.graph.path)) {
      if (s.graph.coordinates !== undefined || s.graph.origin !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['graph'], message: "'coordinates' and 'origin' apply to GeoJSON files only" });
      }
    }
  });

export type CoverageScenario = z.infer<typeof coverageScenarioSchema>;
export type FieldSettings = z.infer<typeof fieldSchema>;
export type CoverageGraphSpec = z.infer<typeof coverageGraphSchema>;
export type CoverageAlgorithm = z.infer<typeof coverageAlgorithmSchema>;
