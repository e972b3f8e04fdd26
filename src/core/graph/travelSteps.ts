/**
 * Travel times on weighted site graphs (an extension of Paschalidis, Zhang, Li 2024, where every
 * move takes one step): steps per edge and the time diameter that replaces the hop limit D.
 */
import { siteLabel, type Graph } from './Graph.js';
import { boundedDiameter, type DistancesFrom } from './graphDiameter.js';

/**
 * Steps to cross each CSR edge: `max(1, ceil(length / (speed * stepDuration)))`; self-loops take
 * one step (staying). `speed` in m/s, `stepDuration` in seconds. Throws if the graph has no
 * edge lengths (neither given nor derivable from positions).
 */
export function travelSteps(graph: Graph, speed: number, stepDuration: number): Int32Array {
  if (!(speed > 0 && Number.isFinite(speed))) throw new Error(`travelSteps: robot speed must be a positive number of m/s, found ${speed}`);
  if (!(stepDuration > 0 && Number.isFinite(stepDuration))) {
    throw new Error(`travelSteps: step duration must be a positive number of seconds, found ${stepDuration}`);
  }
  const lengths = graph.edgeLengths;
  if (lengths === null) {
    throw new Error('travelSteps: the graph has no edge lengths and no site positions, so travel times cannot be computed; give edges a length or sites a position, or use one-step motion');
  }
  const missing: string[] = [];
  for (let u = 0; u < graph.size; u++) {
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      if (u < graph.neighbors[e] && Number.isNaN(lengths[e])) missing.push(`${siteLabel(graph.ids, u)}-${siteLabel(graph.ids, graph.neighbors[e])}`);
    }
  }
  if (missing.length > 0) {
    const shown = missing.length > 12 ? `${missing.slice(0, 12).join(', ')} and ${missing.length - 12} more` : missing.join(', ');
    throw new Error(`travelSteps: ${missing.length} edges have no length and the sites have no positions (${shown}); give every edge a length or every site a position`);
  }
  const metresPerStep = speed * stepDuration;
  const out = new Int32Array(graph.neighbors.length);
  for (let u = 0; u < graph.size; u++) {
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      if (graph.neighbors[e] === u) {
        out[e] = 1;
        continue;
      }
      // The tolerance keeps an edge of exactly n step-lengths at n steps despite rounding.
      const steps = Math.ceil(lengths[e] / metresPerStep - 1e-9);
      if (steps > 1_000_000) {
        throw new Error(`travelSteps: edge ${siteLabel(graph.ids, u)}-${siteLabel(graph.ids, graph.neighbors[e])} takes ${steps} steps; check the units (metres, m/s, seconds)`);
      }
      out[e] = Math.max(1, steps);
    }
  }
  return out;
}

/**
 * The time diameter: the largest, over pairs of sites, of the fewest steps needed to go from
 * one to the other. Equals the hop diameter when every edge takes one step. Dijkstra searches
 * (binary heap), bounded as in `boundedDiameter` when travel times are the same both ways (as
 * `travelSteps` makes them), else one from every site: O(K E log K).
 */
export function travelTimeDiameter(graph: Graph, travel: Int32Array): number {
  const K = graph.size;
  // Lazy-deletion heap of (time, site); at most one entry per relaxation.
  const heapKey = new Float64Array(graph.neighbors.length + 1);
  const heapSite = new Int32Array(graph.neighbors.length + 1);
  const search: DistancesFrom = (s, dist) => {
    dist.fill(Infinity);
    dist[s] = 0;
    let n = 0;
    const push = (key: number, site: number) => {
      let i = n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heapKey[p] <= key) break;
        heapKey[i] = heapKey[p];
        heapSite[i] = heapSite[p];
        i = p;
      }
      heapKey[i] = key;
      heapSite[i] = site;
    };
    push(0, s);
    while (n > 0) {
      const key = heapKey[0];
      const u = heapSite[0];
      const lastKey = heapKey[--n];
      const lastSite = heapSite[n];
      let i = 0;
      while (true) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && heapKey[c + 1] < heapKey[c]) c++;
        if (heapKey[c] >= lastKey) break;
        heapKey[i] = heapKey[c];
        heapSite[i] = heapSite[c];
        i = c;
      }
      heapKey[i] = lastKey;
      heapSite[i] = lastSite;
      if (key > dist[u]) continue;
      for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
        const v = graph.neighbors[e];
        const d = key + travel[e];
        if (d < dist[v]) {
          dist[v] = d;
          push(d, v);
        }
      }
    }
  };
  if (symmetricTravel(graph, travel)) return boundedDiameter(graph, search);
  const dist = new Float64Array(K);
  let diameter = 0;
  for (let s = 0; s < K; s++) {
    search(s, dist);
    for (let k = 0; k < K; k++) if (dist[k] > diameter && dist[k] !== Infinity) diameter = dist[k];
  }
  return diameter;
}

/** True when every edge u -> v takes as long as the fastest v -> u (then distances are symmetric). */
function symmetricTravel(graph: Graph, travel: Int32Array): boolean {
  const { offsets, neighbors } = graph;
  const fastest = (u: number, v: number) => {
    let best = Infinity;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) if (neighbors[e] === v && travel[e] < best) best = travel[e];
    return best;
  };
  for (let u = 0; u < graph.size; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = neighbors[e];
      if (v > u && fastest(u, v) !== fastest(v, u)) return false;
    }
  }
  return true;
}
