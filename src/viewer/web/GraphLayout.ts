// Where each site sits in the scene: the graph's own positions (ROS map frame, z up, scaled to fit) or, for graphs without positions, a force-directed layout.
import { Vector3 } from 'three';
import type { GraphView } from '../../nodes/bridge/protocol.js';

/** Scene radius the graph is scaled to (scene units). */
const TARGET_RADIUS = 50;

/**
 * Scene coordinates are three.js's (y up): ROS (x, y, z) -> scene (x, z, -y), centred on the
 * graph's footprint and scaled by one factor in every direction (altitudes keep their proportion).
 */
export class GraphLayout {
  /** Scene positions, 3 per site. */
  readonly positions: Float32Array;
  /** Whether the graph gave real positions (false: laid out here; robot poses are ignored). */
  readonly hasPositions: boolean;
  /** Whether sites differ in altitude (drones): the graph layer draws stalks to the ground. */
  readonly hasAltitude: boolean;
  /** Scene units per metre. */
  readonly scale: number;
  /** Typical distance between neighbouring sites (scene units): sizes spheres and robots. */
  readonly spacing: number;
  /** Scene radius of the footprint. */
  readonly radius: number;
  /** Lower quartile of the sites' nearest-neighbour distances (scene units; 0 for one site). */
  readonly nearest: number;
  readonly #cx: number;
  readonly #cy: number;

  constructor(graph: GraphView) {
    const n = graph.nodeIds.length;
    const p = graph.positions;
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity, minZ = Infinity, maxZ = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, p[3 * i]); maxX = Math.max(maxX, p[3 * i]);
      minY = Math.min(minY, p[3 * i + 1]); maxY = Math.max(maxY, p[3 * i + 1]);
      minZ = Math.min(minZ, p[3 * i + 2]); maxZ = Math.max(maxZ, p[3 * i + 2]);
    }
    const extent = Math.max(maxX - minX, maxY - minY);
    this.hasPositions = n > 1 && extent > 1e-9;
    const source = this.hasPositions ? p : forceLayout(n, graph.edges);
    if (!this.hasPositions) {
      minX = minY = -1; maxX = maxY = 1; minZ = maxZ = 0;
    }
    this.#cx = (minX + maxX) / 2;
    this.#cy = (minY + maxY) / 2;
    const half = Math.max((maxX - minX) / 2, (maxY - minY) / 2, 1e-9);
    this.scale = n > 1 ? TARGET_RADIUS / half : 1;
    this.hasAltitude = this.hasPositions && maxZ - minZ > 1e-6 * extent;
    this.positions = new Float32Array(3 * n);
    const v = new Vector3();
    for (let i = 0; i < n; i++) {
      this.toScene(source[3 * i], source[3 * i + 1], this.hasPositions ? source[3 * i + 2] : 0, v);
      this.positions[3 * i] = v.x;
      this.positions[3 * i + 1] = v.y;
      this.positions[3 * i + 2] = v.z;
    }
    this.radius = n > 1 ? TARGET_RADIUS : 1;
    this.spacing = typicalSpacing(this.positions, graph.edges, this.radius, n);
    this.nearest = nearestNeighbourQuantile(this.positions, n, 0.25);
  }

  /** Scene position of a map-frame point (metres). */
  toScene(x: number, y: number, z: number, out: Vector3): Vector3 {
    return out.set((x - this.#cx) * this.scale, z * this.scale, -(y - this.#cy) * this.scale);
  }

  /** Scene position of site i. */
  site(i: number, out: Vector3): Vector3 {
    return out.set(this.positions[3 * i], this.positions[3 * i + 1], this.positions[3 * i + 2]);
  }
}

/**
 * The q-quantile of the distance from each site to its nearest other site. O(n^2) up to 3000
 * sites (about 5 ms at 500); beyond that on an evenly spaced sample of 3000 sites.
 */
export function nearestNeighbourQuantile(pos: ArrayLike<number>, n: number, q: number): number {
  if (n < 2) return 0;
  const sample = Math.min(n, 3000);
  const d = new Float64Array(sample);
  for (let s = 0; s < sample; s++) {
    const i = Math.floor((s * n) / sample);
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = pos[3 * i] - pos[3 * j], dy = pos[3 * i + 1] - pos[3 * j + 1], dz = pos[3 * i + 2] - pos[3 * j + 2];
      const dd = dx * dx + dy * dy + dz * dz;
      if (dd < best) best = dd;
    }
    d[s] = Math.sqrt(best);
  }
  d.sort();
  return d[Math.min(sample - 1, Math.floor(q * sample))];
}

/** Median edge length, or an estimate from the area per site when there are no edges. */
function typicalSpacing(pos: Float32Array, edges: number[], radius: number, n: number): number {
  const lengths: number[] = [];
  for (let e = 0; e + 1 < edges.length; e += 2) {
    const a = edges[e], b = edges[e + 1];
    if (a === b) continue;
    const dx = pos[3 * a] - pos[3 * b], dy = pos[3 * a + 1] - pos[3 * b + 1], dz = pos[3 * a + 2] - pos[3 * b + 2];
    lengths.push(Math.hypot(dx, dy, dz));
  }
  const area = (2 * radius) ** 2 / Math.max(n, 1);
  const fromArea = Math.sqrt(area);
  if (lengths.length === 0) return fromArea;
  lengths.sort((x, y) => x - y);
  // Long-range edges of random graphs say little about crowding: take the smaller of the two.
  return Math.min(lengths[lengths.length >> 1], fromArea * 1.5);
}

/**
 * Fruchterman-Reingold layout in [-1, 1]^2 (x, y, 0 per site), deterministic: sites start on a
 * circle. O(n^2) per iteration with fewer iterations for big graphs (about 0.1 s at 500 sites).
 */
export function forceLayout(n: number, edges: number[]): Float64Array {
  const out = new Float64Array(3 * n);
  if (n === 0) return out;
  if (n === 1) return out;
  const x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    x[i] = Math.cos(a);
    y[i] = Math.sin(a);
  }
  const k = Math.sqrt(4 / n);
  const iterations = Math.max(30, Math.min(300, Math.floor(3e7 / (n * n))));
  let temperature = 0.2;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ddx = x[i] - x[j], ddy = y[i] - y[j];
        const d2 = Math.max(ddx * ddx + ddy * ddy, 1e-6);
        const f = (k * k) / d2; // repulsion k^2 / d, along the unit vector (divide by d again)
        dx[i] += ddx * f; dy[i] += ddy * f;
        dx[j] -= ddx * f; dy[j] -= ddy * f;
      }
    }
    for (let e = 0; e + 1 < edges.length; e += 2) {
      const a = edges[e], b = edges[e + 1];
      if (a === b) continue;
      const ddx = x[a] - x[b], ddy = y[a] - y[b];
      const d = Math.max(Math.hypot(ddx, ddy), 1e-6);
      const f = d / k; // attraction d^2 / k, along the unit vector
      dx[a] -= ddx * f; dy[a] -= ddy * f;
      dx[b] += ddx * f; dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      // Gentle pull to the centre keeps disconnected pieces on screen.
      dx[i] -= x[i] * 0.05;
      dy[i] -= y[i] * 0.05;
      const d = Math.hypot(dx[i], dy[i]);
      if (d > 0) {
        const step = Math.min(d, temperature);
        x[i] += (dx[i] / d) * step;
        y[i] += (dy[i] / d) * step;
      }
    }
    temperature *= 0.97;
  }
  let maxAbs = 1e-9;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i]), Math.abs(y[i]));
  for (let i = 0; i < n; i++) {
    out[3 * i] = x[i] / maxAbs;
    out[3 * i + 1] = y[i] / maxAbs;
  }
  return out;
}
