/** Random geometric site graphs: sites uniform in a rectangle, linked when within a radius; redrawn until connected. */
import type { Rng } from '../random.js';
import { buildGraph, type Graph } from './Graph.js';
import { isConnectedEdgeList } from './isConnectedEdgeList.js';

export interface GeometricOptions {
  /** Field size along x and y, metres. Default 100 x 100. */
  width?: number;
  height?: number;
  /** Height of every site (z), metres. Default 0. */
  altitude?: number;
  /** Draws before giving up on a connected graph. Default 1000. */
  maxAttempts?: number;
}

/**
 * Per attempt: 2 uniforms per site (x then y, site by site) from `rng`; edges join sites at
 * most `radius` metres apart and their length is that distance.
 */
export function geometricGraph(sites: number, radius: number, rng: Rng, options: GeometricOptions = {}): Graph {
  const { width = 100, height = 100, altitude = 0, maxAttempts = 1000 } = options;
  if (!Number.isInteger(sites) || sites < 1) throw new Error(`geometricGraph: sites must be a positive integer, found ${sites}`);
  if (!(radius > 0)) throw new Error(`geometricGraph: radius must be a positive number of metres, found ${radius}`);
  if (!(width > 0 && height > 0)) throw new Error(`geometricGraph: width and height must be positive metres, found ${width} x ${height}`);
  const positions = new Float64Array(3 * sites);
  const edges: number[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    for (let k = 0; k < sites; k++) {
      positions[3 * k] = rng.uniform() * width;
      positions[3 * k + 1] = rng.uniform() * height;
      positions[3 * k + 2] = altitude;
    }
    edges.length = 0;
    const r2 = radius * radius;
    for (let u = 0; u < sites; u++) {
      for (let v = u + 1; v < sites; v++) {
        const dx = positions[3 * u] - positions[3 * v];
        const dy = positions[3 * u + 1] - positions[3 * v + 1];
        if (dx * dx + dy * dy <= r2) edges.push(u, v);
      }
    }
    if (isConnectedEdgeList(sites, edges)) {
      return buildGraph({ size: sites, edges, positions, source: `geometric graph (${sites} sites, radius ${radius} m)` });
    }
  }
  throw new Error(`geometricGraph: no connected graph of ${sites} sites with radius ${radius} m in a ${width} x ${height} m field after ${maxAttempts} draws; raise the radius`);
}
