/**
 * Display positions for abstract site graphs (no coordinates, e.g. Erdos-Renyi), so the viewer,
 * Gazebo worlds and kinematic robots have somewhere to put the sites. Deterministic: the same
 * graph always gets the same layout. Spread over a square of side ~ 10 sqrt(K) metres centred on
 * the origin, z = 0, rounded to centimetres.
 */
import { hopDistances } from './graphDiameter.js';
import type { Graph } from './Graph.js';

/** Up to this many sites the force-directed layout (O(K^2) per iteration) is used; above, pivot MDS. */
export const FORCE_LAYOUT_MAX_SITES = 500;

/** [x, y, z] per site: force-directed for small graphs, pivot MDS (near-linear) for large ones. */
export function graphLayout(graph: Graph): Float64Array {
  return graph.size <= FORCE_LAYOUT_MAX_SITES ? forceDirectedLayout(graph) : pivotMdsLayout(graph);
}

/** Fruchterman-Reingold from a circle, 120 iterations: O(120 K^2). Pleasant for a few hundred sites. */
export function forceDirectedLayout(g: Graph): Float64Array {
  const K = g.size;
  const side = 10 * Math.sqrt(K);
  const x = new Float64Array(K);
  const y = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    x[k] = (side / 2) * Math.cos((2 * Math.PI * k) / K);
    y[k] = (side / 2) * Math.sin((2 * Math.PI * k) / K);
  }
  const ideal = side / Math.sqrt(K);
  const dx = new Float64Array(K);
  const dy = new Float64Array(K);
  let temperature = side / 10;
  for (let iter = 0; iter < 120; iter++) {
    dx.fill(0);
    dy.fill(0);
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) {
        const ux = x[a] - x[b];
        const uy = y[a] - y[b];
        const d2 = Math.max(ux * ux + uy * uy, 1e-6);
        const f = (ideal * ideal) / d2;
        dx[a] += ux * f;
        dy[a] += uy * f;
        dx[b] -= ux * f;
        dy[b] -= uy * f;
      }
    }
    for (let a = 0; a < K; a++) {
      for (let e = g.offsets[a]; e < g.offsets[a + 1]; e++) {
        const b = g.neighbors[e];
        if (b <= a) continue;
        const ux = x[a] - x[b];
        const uy = y[a] - y[b];
        const d = Math.sqrt(ux * ux + uy * uy) + 1e-9;
        const f = d / ideal;
        dx[a] -= ux * f;
        dy[a] -= uy * f;
        dx[b] += ux * f;
        dy[b] += uy * f;
      }
    }
    for (let a = 0; a < K; a++) {
      const len = Math.sqrt(dx[a] * dx[a] + dy[a] * dy[a]) + 1e-9;
      const step = Math.min(len, temperature);
      x[a] += (dx[a] / len) * step;
      y[a] += (dy[a] / len) * step;
    }
    temperature *= 0.96;
  }
  return toPositions(x, y);
}

/**
 * Pivot MDS (Brandes and Pich, "Eigensolver methods for progressive multidimensional scaling of
 * large data", 2006): hop distances from `pivots` sites chosen far apart (one BFS each), classical
 * MDS on that K x pivots matrix (the two leading eigenvectors of a pivots x pivots matrix, by
 * power iteration). O(pivots (K + E)) time, O(pivots K) memory: seconds at 100,000 sites. Sites
 * with the same distances to every pivot would coincide, so each is nudged by a fixed offset
 * (golden-angle spiral, under a quarter of the site spacing).
 */
export function pivotMdsLayout(g: Graph, pivots = 32): Float64Array {
  const K = g.size;
  const m = Math.min(pivots, K);
  const hops = new Int32Array(K);
  const queue = new Int32Array(K);
  const nearest = new Float64Array(K).fill(Infinity);
  const sq = new Float64Array(K * m); // squared hop distance of site k to pivot j at k * m + j
  let pivot = 0;
  for (let j = 0; j < m; j++) {
    hopDistances(g, pivot, hops, queue);
    let far = 0;
    for (let k = 0; k < K; k++) if (hops[k] > far) far = hops[k];
    for (let k = 0; k < K; k++) {
      const h = hops[k] < 0 ? far + 1 : hops[k]; // another component: just beyond the farthest
      sq[k * m + j] = h * h;
      if (h < nearest[k]) nearest[k] = h;
    }
    for (let k = 0; k < K; k++) if (nearest[k] > nearest[pivot]) pivot = k;
  }
  // Double centering: c_kj = -(d2_kj - row_k - col_j + all) / 2.
  const row = new Float64Array(K);
  const col = new Float64Array(m);
  let all = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < m; j++) {
      row[k] += sq[k * m + j] / m;
      col[j] += sq[k * m + j] / K;
    }
    all += row[k] / K;
  }
  for (let k = 0; k < K; k++) for (let j = 0; j < m; j++) sq[k * m + j] = -(sq[k * m + j] - row[k] - col[j] + all) / 2;
  // B = C^T C (m x m), then its two leading eigenvectors.
  const B = new Float64Array(m * m);
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < m; a++) {
      const ca = sq[k * m + a];
      if (ca === 0) continue;
      for (let b = 0; b < m; b++) B[a * m + b] += ca * sq[k * m + b];
    }
  }
  const v1 = leadingEigenvector(B, m, null);
  const v2 = leadingEigenvector(B, m, v1);
  const x = new Float64Array(K);
  const y = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < m; j++) {
      x[k] += sq[k * m + j] * v1[j];
      y[k] += sq[k * m + j] * v2[j];
    }
  }
  // Scale to the square, then nudge coinciding sites apart.
  const side = 10 * Math.sqrt(K);
  const [x0, x1] = bounds(x);
  const [y0, y1] = bounds(y);
  const extent = Math.max(x1 - x0, y1 - y0);
  const scale = extent > 0 ? side / extent : 0;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const nudge = 2.5; // metres; the site spacing is ~ 10 m
  for (let k = 0; k < K; k++) {
    const r = nudge * Math.sqrt((k % 97) / 97);
    const angle = k * 2.399963229728653; // golden angle
    x[k] = (x[k] - cx) * scale + r * Math.cos(angle);
    y[k] = (y[k] - cy) * scale + r * Math.sin(angle);
  }
  return toPositions(x, y);
}

/** [min, max] of a non-empty array (a loop: spreading 100,000 arguments can overflow the stack). */
function bounds(a: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Power iteration on the symmetric m x m matrix B, orthogonal to `not` if given; unit length. */
function leadingEigenvector(B: Float64Array, m: number, not: Float64Array | null): Float64Array {
  let v = new Float64Array(m);
  for (let j = 0; j < m; j++) v[j] = 1 + (j % 7) / 7 + j / m; // fixed start, not orthogonal to much
  const project = (u: Float64Array) => {
    if (not === null) return;
    let dot = 0;
    for (let j = 0; j < m; j++) dot += u[j] * not[j];
    for (let j = 0; j < m; j++) u[j] -= dot * not[j];
  };
  const normalize = (u: Float64Array) => {
    let n = 0;
    for (const c of u) n += c * c;
    n = Math.sqrt(n);
    if (n > 0) for (let j = 0; j < m; j++) u[j] /= n;
  };
  project(v);
  normalize(v);
  for (let iter = 0; iter < 300; iter++) {
    const w = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += B[a * m + b] * v[b];
      w[a] = s;
    }
    project(w);
    normalize(w);
    let change = 0;
    for (let j = 0; j < m; j++) change = Math.max(change, Math.abs(w[j] - v[j]));
    v = w;
    if (change < 1e-12) break;
  }
  return v;
}

function toPositions(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(3 * x.length);
  for (let k = 0; k < x.length; k++) {
    out[3 * k] = Math.round(x[k] * 100) / 100;
    out[3 * k + 1] = Math.round(y[k] * 100) / 100;
  }
  return out;
}
