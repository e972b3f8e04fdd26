/**
 * The site graph of cooperative graph bandits (Paschalidis, Zhang, Li 2024, §II-A): an undirected
 * connected graph of K sites in CSR form, every site carrying a self-loop so a robot may stay.
 */
import { GraphValidationError } from './GraphValidationError.js';

/**
 * An immutable site graph. Sites are indexed 0..size-1; `ids` names them for users and files.
 *
 * Adjacency is CSR: the neighbours of site `u` are `neighbors[offsets[u] .. offsets[u+1])`,
 * sorted ascending, and always include `u` itself (the self-loop). Entry `e` of `neighbors` is
 * also the index of the directed edge `u -> neighbors[e]` in per-edge arrays such as
 * `edgeLengths` and travel times.
 */
export interface Graph {
  /** Number of sites K. */
  readonly size: number;
  /** Site names, unique; generators use the decimal index. */
  readonly ids: readonly string[];
  /** CSR row starts, length size + 1. */
  readonly offsets: Int32Array;
  /** CSR neighbour lists, sorted ascending per site, self-loops included. */
  readonly neighbors: Int32Array;
  /** Undirected edges between distinct sites (self-loops not counted). */
  readonly edgeCount: number;
  /** Site positions [x, y, z] in metres in the map frame (3 * size values), if known. */
  readonly positions: Float64Array | null;
  /**
   * Length in metres of each CSR edge (self-loops 0), from the input or else from positions;
   * null if no edge has one, NaN for an edge without one (only travel times need lengths).
   */
  readonly edgeLengths: Float64Array | null;
}

export interface BuildGraphOptions {
  /** Number of sites K (>= 1). */
  size: number;
  /** Undirected edges as flat index pairs [u0, v0, u1, v1, ...]; duplicates and self-loops are ignored. */
  edges: ArrayLike<number>;
  /** Length in metres of each input edge; NaN means "derive it from the positions". */
  lengths?: ArrayLike<number> | null;
  /** Site names (default: the decimal index). */
  ids?: readonly string[];
  /** Positions [x, y, z] in metres, 3 * size values. */
  positions?: ArrayLike<number> | null;
  /** Names the input in error messages, e.g. a file name. Default `graph`. */
  source?: string;
}

/** Quotes a site for messages: `'A3'`. */
export function siteLabel(ids: readonly string[], k: number): string {
  return `'${ids[k] ?? String(k)}'`;
}

function listSites(ids: readonly string[], sites: readonly number[], max = 12): string {
  const shown = sites.slice(0, max).map((k) => siteLabel(ids, k));
  return sites.length > max ? `${shown.join(', ')} and ${sites.length - max} more` : shown.join(', ');
}

/**
 * Validates and builds a graph. Every problem (bad index, duplicate id, bad length or position,
 * unreachable sites) is collected and thrown at once as a `GraphValidationError`.
 */
export function buildGraph(options: BuildGraphOptions): Graph {
  const { size, edges, lengths = null, positions = null, source = 'graph' } = options;
  const issues: string[] = [];
  if (!Number.isInteger(size) || size < 1) throw new GraphValidationError(source, [`the number of sites must be a positive integer, found ${size}`]);

  const ids = options.ids ? [...options.ids] : Array.from({ length: size }, (_, k) => String(k));
  if (ids.length !== size) issues.push(`${ids.length} site ids given for ${size} sites`);
  const firstIndex = new Map<string, number>();
  ids.forEach((id, k) => {
    const prev = firstIndex.get(id);
    if (prev !== undefined) issues.push(`duplicate site id '${id}' (sites ${prev} and ${k})`);
    else firstIndex.set(id, k);
  });

  if (positions !== null) {
    if (positions.length !== 3 * size) issues.push(`positions must hold 3 numbers per site (${3 * size}), found ${positions.length}`);
    for (let i = 0; i < positions.length; i++) {
      if (!Number.isFinite(positions[i])) {
        issues.push(`site ${siteLabel(ids, Math.floor(i / 3))}: position[${i % 3}] must be a finite number, found ${positions[i]}`);
      }
    }
  }
  if (edges.length % 2 !== 0) issues.push(`edges must be index pairs, found an odd count ${edges.length}`);
  const edgeTotal = Math.floor(edges.length / 2);
  if (lengths !== null && lengths.length !== edgeTotal) issues.push(`${lengths.length} edge lengths given for ${edgeTotal} edges`);

  // key u * size + v (u < v) -> input length; Map keeps first-seen order, irrelevant after sorting.
  const seen = new Map<number, number>();
  for (let e = 0; e < edgeTotal; e++) {
    const u = edges[2 * e];
    const v = edges[2 * e + 1];
    const bad = [u, v].filter((x) => !Number.isInteger(x) || x < 0 || x >= size);
    if (bad.length > 0) {
      issues.push(`edge ${e} (${u}-${v}): site index ${bad[0]} is out of range [0, ${size})`);
      continue;
    }
    const len = lengths !== null && e < lengths.length ? lengths[e] : NaN;
    if (!Number.isNaN(len) && !(Number.isFinite(len) && len > 0)) {
      issues.push(`edge ${siteLabel(ids, u)}-${siteLabel(ids, v)}: length must be a positive number of metres, found ${len}`);
    }
    if (u === v) continue; // every site gets its self-loop anyway
    const key = Math.min(u, v) * size + Math.max(u, v);
    const prev = seen.get(key);
    if (prev === undefined) seen.set(key, len);
    else if (!Number.isNaN(len) && !Number.isNaN(prev) && prev !== len) {
      issues.push(`edge ${siteLabel(ids, u)}-${siteLabel(ids, v)} is given twice with different lengths (${prev} and ${len} m)`);
    } else if (Number.isNaN(prev)) seen.set(key, len);
  }
  if (issues.length > 0) throw new GraphValidationError(source, issues);

  const adj: number[][] = Array.from({ length: size }, (_, k) => [k]);
  const adjLen: Map<number, number>[] = Array.from({ length: size }, () => new Map());
  for (const [key, len] of seen) {
    const u = Math.floor(key / size);
    const v = key - u * size;
    adj[u].push(v);
    adj[v].push(u);
    adjLen[u].set(v, len);
    adjLen[v].set(u, len);
  }
  const offsets = new Int32Array(size + 1);
  for (let k = 0; k < size; k++) offsets[k + 1] = offsets[k] + adj[k].length;
  const neighbors = new Int32Array(offsets[size]);
  for (let k = 0; k < size; k++) {
    adj[k].sort((a, b) => a - b);
    neighbors.set(adj[k], offsets[k]);
  }

  const pos = positions === null ? null : Float64Array.from(positions);
  const anyLength = [...seen.values()].some((l) => !Number.isNaN(l));
  let edgeLengths: Float64Array | null = null;
  if (anyLength || pos !== null) {
    edgeLengths = new Float64Array(neighbors.length);
    for (let u = 0; u < size; u++) {
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const v = neighbors[e];
        if (v === u) continue;
        let len = adjLen[u].get(v)!;
        if (Number.isNaN(len) && pos !== null) {
          const dx = pos[3 * u] - pos[3 * v];
          const dy = pos[3 * u + 1] - pos[3 * v + 1];
          const dz = pos[3 * u + 2] - pos[3 * v + 2];
          len = Math.sqrt(dx * dx + dy * dy + dz * dz);
          // Two waypoints at the same spot would make a free edge; keep it strictly positive.
          if (len === 0) len = Number.MIN_VALUE;
        }
        edgeLengths[e] = len; // NaN when neither given nor derivable: only travel times need it
      }
    }
  }

  const unreachable = unreachableFrom(0, offsets, neighbors);
  if (unreachable.length > 0) {
    issues.push(
      `the graph is not connected: ${unreachable.length} of ${size} sites cannot be reached from site ${siteLabel(ids, 0)}: ${listSites(ids, unreachable)}`,
    );
  }
  if (issues.length > 0) throw new GraphValidationError(source, issues);

  return { size, ids, offsets, neighbors, edgeCount: seen.size, positions: pos, edgeLengths };
}

function unreachableFrom(start: number, offsets: Int32Array, neighbors: Int32Array): number[] {
  const size = offsets.length - 1;
  const seen = new Uint8Array(size);
  const queue = new Int32Array(size);
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  seen[start] = 1;
  while (head < tail) {
    const u = queue[head++];
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = neighbors[e];
      if (seen[v] === 0) {
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  const out: number[] = [];
  for (let k = 0; k < size; k++) if (seen[k] === 0) out.push(k);
  return out;
}

/** Index `e` of the CSR edge u -> v (binary search), or -1 if v is not a neighbour of u. */
export function edgeIndex(graph: Graph, u: number, v: number): number {
  const nb = graph.neighbors;
  let lo = graph.offsets[u];
  let hi = graph.offsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = nb[mid];
    if (w === v) return mid;
    if (w < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** True if a robot at u may be at v one move later (v adjacent to u, or v = u). */
export function isAdjacent(graph: Graph, u: number, v: number): boolean {
  return edgeIndex(graph, u, v) >= 0;
}

/** The site index of `id`, or -1. Linear scan: for input handling, not for hot loops. */
export function siteIndex(graph: Graph, id: string): number {
  return graph.ids.indexOf(id);
}
