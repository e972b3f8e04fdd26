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

/**
 * The diameter D: the largest hop distance between two sites. One BFS per site, so
 * O(K (K + E)); fine for the few thousand sites of a field, slow for a city.
 */
export function graphDiameter(graph: Graph): number {
  const dist = new Int32Array(graph.size);
  const queue = new Int32Array(graph.size);
  let diameter = 0;
  for (let s = 0; s < graph.size; s++) {
    hopDistances(graph, s, dist, queue);
    for (let k = 0; k < graph.size; k++) if (dist[k] > diameter) diameter = dist[k];
  }
  return diameter;
}
