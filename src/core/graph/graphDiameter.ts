/** Hop distances and the diameter D of a site graph (breadth-first search), used as the path limit of SPMatching. */
import type { Graph } from './Graph.js';

/**
 * Hop distance from `source` to every site, written into `out` (length size); unreachable sites
 * get -1. `queue` is scratch of length size, passed in so repeated calls allocate nothing.
 */
export function hopDistances(graph: Graph, source: number, out: Int32Array, queue = new Int32Array(graph.size)): Int32Array {
  const { offsets, neighbors } = graph;
  out.fill(-1);
  out[source] = 0;
  let head = 0;
  let tail = 0;
  queue[tail++] = source;
  while (head < tail) {
    const u = queue[head++];
    const du = out[u] + 1;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = neighbors[e];
      if (out[v] < 0) {
        out[v] = du;
        queue[tail++] = v;
      }
    }
  }
  return out;
}

/** Writes the distance from `source` to every site into `out` (Infinity = unreachable). */
export type DistancesFrom = (source: number, out: Float64Array) => void;

/**
 * The diameter D: the largest hop distance between two sites (within a component, if the graph
 * has several). Exact; see `boundedDiameter` for why it needs only a few BFS on site graphs.
 */
export function graphDiameter(graph: Graph): number {
  const hops = new Int32Array(graph.size);
  const queue = new Int32Array(graph.size);
  return boundedDiameter(graph, (source, out) => {
    hopDistances(graph, source, hops, queue);
    for (let k = 0; k < graph.size; k++) out[k] = hops[k] < 0 ? Infinity : hops[k];
  });
}

/**
 * The exact diameter (largest finite distance) of an undirected graph whose distances
 * `distancesFrom` computes; they must be symmetric (d(u, v) = d(v, u)).
 *
 * Instead of one search per site (O(K E): minutes at 100,000 sites), it bounds every site's
 * eccentricity e(w) from the searches done so far (Takes and Kosters, "Determining the diameter
 * of small world networks", 2011): after a search from v, max(e(v) - d(v,w), d(v,w)) <= e(w) <=
 * e(v) + d(v,w). A site whose upper bound cannot exceed the best lower bound of the diameter
 * is settled; the next search starts alternately from the site with the largest upper bound and
 * the one with the smallest lower bound. Grids, geometric and random graphs settle after a
 * handful of searches; the worst case stays one search per site. Deterministic.
 */
export function boundedDiameter(graph: Graph, distancesFrom: DistancesFrom): number {
  const K = graph.size;
  const { offsets } = graph;
  const component = connectedComponents(graph);
  const dist = new Float64Array(K);
  const lower = new Float64Array(K);
  const upper = new Float64Array(K).fill(Infinity);
  let diameter = 0;
  for (const sites of component) {
    if (sites.length <= 1) continue;
    let candidates = sites;
    let best = 0;
    let fromHigh = true;
    // The first search starts at the best-connected site (a central one, typically).
    let v = sites[0];
    for (const w of sites) if (offsets[w + 1] - offsets[w] > offsets[v + 1] - offsets[v]) v = w;
    while (candidates.length > 0) {
      distancesFrom(v, dist);
      let ecc = 0;
      for (const w of sites) if (dist[w] > ecc && dist[w] !== Infinity) ecc = dist[w];
      best = Math.max(best, ecc);
      for (const w of candidates) {
        const d = dist[w];
        lower[w] = Math.max(lower[w], ecc - d, d);
        upper[w] = Math.min(upper[w], ecc + d);
        if (lower[w] > best) best = lower[w];
      }
      const next: number[] = [];
      for (const w of candidates) if (upper[w] > best) next.push(w);
      candidates = next;
      if (candidates.length === 0) break;
      v = candidates[0];
      for (const w of candidates) if (fromHigh ? upper[w] > upper[v] : lower[w] < lower[v]) v = w;
      fromHigh = !fromHigh;
    }
    diameter = Math.max(diameter, best);
  }
  return diameter;
}

/** Sites of every connected component, each in increasing order. O(K + E). */
function connectedComponents(graph: Graph): number[][] {
  const { size: K, offsets, neighbors } = graph;
  const label = new Int32Array(K).fill(-1);
  const queue = new Int32Array(K);
  const components: number[][] = [];
  for (let s = 0; s < K; s++) {
    if (label[s] >= 0) continue;
    const c = components.length;
    label[s] = c;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++];
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        if (label[neighbors[e]] < 0) {
          label[neighbors[e]] = c;
          queue[tail++] = neighbors[e];
        }
      }
    }
    components.push(Array.from(queue.subarray(0, tail)).sort((a, b) => a - b));
  }
  return components;
}
