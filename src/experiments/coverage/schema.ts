/** Scenario schema of the multi-robot graph-bandit coverage family (`family: coverage`, Multi-G-UCB and baselines). */
import { z } from 'zod';
import { waypointGraphSchema } from '../../core/graph/waypointGraphSchema.js';
import { algorithmEntry, commonFields, probability } from '../scenario/common.js';

const count = z.number().int().min(1);
const metres = z.number().positive();
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
      altitude: z.number().default(0),
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
      altitude: z.number().default(0),
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
      origin: z.tuple([z.number(), z.number()]).optional(),
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

const pathLimitParams = z
  .object({
    /** Most hops (steps on weighted graphs) per transition path; default and minimum: the (time) diameter. */
    pathLimit: z.number().int().min(1).optional(),
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

export const coverageScenarioSchema = z
  .object({
    ...commonFields,
    family: z.literal('coverage'),
    graph: coverageGraphSchema,
    robots: z
      .object({
        /** N. */
        count,
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
        maxRobots: count.default(1000),
        /** Largest graph this scenario may build or load. */
        maxSites: count.default(100_000),
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
            z.object({ type: z.literal('gaussian'), sd: z.number().min(0) }).strict(),
            z.object({ type: z.literal('bernoulli') }).strict(),
          ])
          .default({ type: 'gaussian', sd: 0.06 }),
      })
      .strict(),
    /** f_k: the paper's log family, or tables f_k(0), f_k(1), ... (default for all, per site id). */
    weights: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('log'), alpha: z.number().positive().default(0.05) }).strict(),
        z
          .object({
            type: z.literal('table'),
            default: z.array(z.number()).min(2).optional(),
            sites: z.record(z.string(), z.array(z.number()).min(2)).optional(),
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
            stepDuration: z.number().positive(),
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
  })
  .strict()
  .superRefine((s, ctx) => {
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
export type CoverageGraphSpec = z.infer<typeof coverageGraphSchema>;
export type CoverageAlgorithm = z.infer<typeof coverageAlgorithmSchema>;
