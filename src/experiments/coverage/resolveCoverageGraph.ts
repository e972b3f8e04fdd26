/**
 * Turns a coverage scenario's `graph` field into a Graph: draws random graphs from the scenario's
 * 'graph' stream, reads waypoint files relative to the scenario's directory (the file I/O of the
 * family lives here, core only parses text), or builds inline graphs.
 */
import { resolve } from 'node:path';
import type { Graph } from '../../core/graph/Graph.js';
import { InputFileError } from '../../io/InputFileError.js';
import { readTextBounded } from '../../io/readBounded.js';
import { erdosRenyiGraph } from '../../core/graph/erdosRenyiGraph.js';
import { geometricGraph } from '../../core/graph/geometricGraph.js';
import { graphFromSpec } from '../../core/graph/graphFromSpec.js';
import { gridGraph } from '../../core/graph/gridGraph.js';
import { parseWaypointGeoJson } from '../../core/graph/parseWaypointGeoJson.js';
import { parseWaypointYaml } from '../../core/graph/parseWaypointYaml.js';
import { normaliseEdge } from '../../core/graph/waypointGraphSchema.js';
import { Rng } from '../../core/random.js';
import { MAX_PAIR_DRAWS, type CoverageGraphSpec, type CoverageScenario } from './schema.js';

type FileGraph = Extract<CoverageGraphSpec, { type: 'file' }>;
type InlineGraph = Extract<CoverageGraphSpec, { type: 'inline' }>;

/** The stream random graphs are drawn from: `Rng(graph.seed ?? scenario.seed).stream('graph')`. */
export function graphRng(scenario: CoverageScenario): Rng {
  const seed = 'seed' in scenario.graph && scenario.graph.seed !== undefined ? scenario.graph.seed : scenario.seed;
  return new Rng(seed).stream('graph');
}

/** Redraws of a disconnected random graph, fewer for big graphs so that giving up takes seconds, not hours. */
function attemptsFor(sites: number): number {
  const pairs = Math.max(1, (sites * (sites - 1)) / 2);
  return Math.max(1, Math.min(1000, Math.floor(MAX_PAIR_DRAWS / pairs)));
}

/**
 * The scenario's graph. `baseDir` is the directory of the scenario file, against which a
 * `type: file` path is resolved. Throws `GraphValidationError` (bad graph) or `Error` (file).
 */
export function resolveCoverageGraph(scenario: CoverageScenario, baseDir = '.'): Graph {
  const spec = scenario.graph;
  switch (spec.type) {
    case 'erdos-renyi':
      return erdosRenyiGraph(spec.sites, spec.p, graphRng(scenario), { maxAttempts: attemptsFor(spec.sites) });
    case 'grid':
      return gridGraph(spec.rows, spec.cols, { spacing: spec.spacing, altitude: spec.altitude });
    case 'geometric':
      return geometricGraph(spec.sites, spec.radius, graphRng(scenario), {
        width: spec.width,
        height: spec.height,
        altitude: spec.altitude,
        maxAttempts: attemptsFor(spec.sites),
      });
    case 'file':
      return readWaypointGraphFile(spec, baseDir);
    case 'inline':
      return graphFromSpec({ sites: spec.sites, edges: spec.edges.map(normaliseEdge) }, spec.source ?? 'scenario graph');
  }
}

/** Reads and parses a waypoint graph file (YAML or GeoJSON, by `format` or extension). */
export function readWaypointGraphFile(spec: FileGraph, baseDir = '.'): Graph {
  const path = resolve(baseDir, spec.path);
  let text: string;
  try {
    text = readTextBounded(path, path);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    const reason = (err.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? 'no such file' : err.reason;
    throw new Error(`graph file '${spec.path}' (${path}): ${reason}`);
  }
  const format = spec.format ?? (/\.(geo)?json$/i.test(path) ? 'geojson' : 'yaml');
  if (format === 'geojson') {
    return parseWaypointGeoJson(text, { source: spec.path, coordinates: spec.coordinates, origin: spec.origin });
  }
  return parseWaypointYaml(text, spec.path);
}

/**
 * The graph as an inline scenario graph: ids, positions and every edge with its length, so a
 * scenario that named a file can travel to worker threads without it and rebuild the same graph.
 */
export function inlineGraph(graph: Graph, source?: string): InlineGraph {
  const sites = graph.ids.map((id, k) =>
    graph.positions === null ? { id } : { id, position: [graph.positions[3 * k], graph.positions[3 * k + 1], graph.positions[3 * k + 2]] },
  );
  const edges: InlineGraph['edges'] = [];
  for (let u = 0; u < graph.size; u++) {
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const v = graph.neighbors[e];
      if (v <= u) continue;
      const length = graph.edgeLengths?.[e];
      edges.push(length === undefined || Number.isNaN(length) ? { from: graph.ids[u], to: graph.ids[v] } : { from: graph.ids[u], to: graph.ids[v], length });
    }
  }
  return { type: 'inline', source, frame: 'map', sites, edges };
}
