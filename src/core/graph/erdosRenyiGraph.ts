/** Erdos-Renyi site graphs G(K, p), redrawn until connected, as in the experiments of Paschalidis, Zhang, Li 2024 (§V). */
import type { Rng } from '../random.js';
import { buildGraph, type Graph } from './Graph.js';
import { isConnectedEdgeList } from './isConnectedEdgeList.js';

export interface ErdosRenyiOptions {
  /** Draws before giving up on a connected graph. Default 1000. */
  maxAttempts?: number;
}

/**
 * Each of the K(K-1)/2 pairs is an edge with probability p, one uniform per pair in the order
 * (0,1), (0,2), ..., (1,2), ...; a disconnected draw is discarded and the next one taken from
 * the same stream (the paper redraws with new networkx seeds; our graphs differ from theirs).
 */
export function erdosRenyiGraph(sites: number, p: number, rng: Rng, options: ErdosRenyiOptions = {}): Graph {
  const { maxAttempts = 1000 } = options;
  if (!Number.isInteger(sites) || sites < 1) throw new Error(`erdosRenyiGraph: sites must be a positive integer, found ${sites}`);
  if (!(p >= 0 && p <= 1)) throw new Error(`erdosRenyiGraph: p must be a probability in [0, 1], found ${p}`);
  const edges: number[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    edges.length = 0;
    for (let u = 0; u < sites; u++) {
      for (let v = u + 1; v < sites; v++) if (rng.uniform() < p) edges.push(u, v);
    }
    if (isConnectedEdgeList(sites, edges)) return buildGraph({ size: sites, edges, source: `erdos-renyi G(${sites}, ${p})` });
  }
  const threshold = sites > 1 ? Math.log(sites) / sites : 0;
  throw new Error(
    `erdosRenyiGraph: no connected G(${sites}, ${p}) in ${maxAttempts} draws; raise p (graphs connect reliably above ln(K)/K = ${threshold.toFixed(4)})`,
  );
}
