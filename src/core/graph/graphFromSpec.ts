/** Builds a graph from sites and edges named by id (waypoint files, inline scenario graphs). */
import { buildGraph, type Graph } from './Graph.js';
import { GraphValidationError } from './GraphValidationError.js';

export interface WaypointSite {
  /** Unique name; numbers are turned into their decimal string. */
  id: string | number;
  /** [x, y] or [x, y, z] in metres in the map frame (z defaults to 0). */
  position?: readonly number[];
}

export interface WaypointEdge {
  from: string | number;
  to: string | number;
  /** Metres; when absent, the distance between the two site positions. */
  length?: number;
}

/** A waypoint graph as written by people: the plain-data twin of `Graph`. */
export interface WaypointGraphSpec {
  sites: readonly WaypointSite[];
  edges: readonly WaypointEdge[];
}

/**
 * Resolves ids to indices (site order = index order) and validates: unknown or duplicate ids,
 * positions on some sites only, then everything `buildGraph` checks. All issues are reported
 * together in one `GraphValidationError`.
 */
export function graphFromSpec(spec: WaypointGraphSpec, source = 'graph'): Graph {
  const issues: string[] = [];
  const ids = spec.sites.map((s) => String(s.id));
  if (ids.length === 0) throw new GraphValidationError(source, ['the graph has no sites']);
  const index = new Map<string, number>();
  ids.forEach((id, k) => {
    const prev = index.get(id);
    if (prev !== undefined) issues.push(`sites[${k}]: duplicate site id '${id}' (already sites[${prev}])`);
    else index.set(id, k);
  });

  const withPosition = spec.sites.filter((s) => s.position !== undefined).length;
  let positions: Float64Array | null = null;
  if (withPosition > 0) {
    if (withPosition < spec.sites.length) {
      const missing = spec.sites.flatMap((s, k) => (s.position === undefined ? [`'${ids[k]}'`] : []));
      issues.push(`some sites have positions and others not; give every site a position or none (missing: ${missing.slice(0, 12).join(', ')})`);
    } else {
      positions = new Float64Array(3 * ids.length);
      spec.sites.forEach((s, k) => {
        const p = s.position!;
        if (p.length !== 2 && p.length !== 3) issues.push(`sites[${k}] ('${ids[k]}'): position must be [x, y] or [x, y, z] in metres, found ${p.length} numbers`);
        positions![3 * k] = p[0];
        positions![3 * k + 1] = p[1];
        positions![3 * k + 2] = p.length === 3 ? p[2] : 0;
      });
    }
  }

  const known = () => {
    const shown = ids.slice(0, 20).join(', ');
    return ids.length > 20 ? `${shown}, ...` : shown;
  };
  const pairs = new Int32Array(2 * spec.edges.length);
  const lengths = new Float64Array(spec.edges.length);
  spec.edges.forEach((edge, e) => {
    for (const [end, slot] of [['from', 0], ['to', 1]] as const) {
      const k = index.get(String(edge[end]));
      if (k === undefined) issues.push(`edges[${e}].${end}: unknown site id '${String(edge[end])}'; known ids: ${known()}`);
      pairs[2 * e + slot] = k ?? 0;
    }
    lengths[e] = edge.length ?? NaN;
  });
  if (issues.length > 0) throw new GraphValidationError(source, issues);
  return buildGraph({ size: ids.length, ids, edges: pairs, lengths, positions, source });
}
