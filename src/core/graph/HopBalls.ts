/**
 * Hop balls around sites, for pruning hop-limited path searches: for site k, the hop count of
 * every site from k and the sites in BFS order, so "all sites within h hops of k" is a prefix.
 */
import type { Graph } from './Graph.js';

/**
 * Rows are filled by one BFS the first time a site is asked for (`ensure`), so memory is
 * K^2 bytes of hops plus 2 K^2 bytes of orders at most; callers keep K small (a few thousand).
 * Hops are exact up to `maxHops`; farther sites read `maxHops + 1` and are left out of the order.
 *
 * ```ts
 * const balls = new HopBalls(graph, 4);
 * balls.ensure(k);
 * const n = balls.ends[k * (4 + 1) + 2]; // sites within 2 hops of k:
 * for (let i = 0; i < n; i++) balls.order[k * graph.size + i];
 * ```
 */
export class HopBalls {
  readonly maxHops: number;
  /** hops[k * K + v]: hops from k to v, capped at maxHops + 1. */
  readonly hops: Uint8Array;
  /** order[k * K + i]: the sites within maxHops of k, nearest first (ties by BFS order). */
  readonly order: Uint16Array;
  /** ends[k * (maxHops + 1) + h]: how many sites lie within h hops of k. */
  readonly ends: Uint16Array;
  readonly #graph: Graph;
  readonly #ready: Uint8Array;

  constructor(graph: Graph, maxHops: number) {
    const K = graph.size;
    if (K > 65536) throw new Error(`HopBalls: at most 65536 sites, found ${K}`);
    if (!Number.isInteger(maxHops) || maxHops < 0 || maxHops > 254) throw new Error(`HopBalls: maxHops must be an integer in 0..254, found ${maxHops}`);
    this.maxHops = maxHops;
    this.#graph = graph;
    this.hops = new Uint8Array(K * K);
    this.order = new Uint16Array(K * K);
    this.ends = new Uint16Array(K * (maxHops + 1));
    this.#ready = new Uint8Array(K);
  }

  /** Fills site k's row (once). */
  ensure(k: number): void {
    if (this.#ready[k] !== 0) return;
    this.#ready[k] = 1;
    const { size: K, offsets, neighbors } = this.#graph;
    const far = this.maxHops + 1;
    const hops = this.hops;
    const order = this.order;
    const base = k * K;
    hops.fill(far, base, base + K);
    hops[base + k] = 0;
    order[base] = k;
    // The row's order doubles as the BFS queue.
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = order[base + head++];
      const h = hops[base + u] + 1;
      if (h === far) break;
      const end = offsets[u + 1];
      for (let e = offsets[u]; e < end; e++) {
        const w = neighbors[e];
        if (hops[base + w] === far) {
          hops[base + w] = h;
          order[base + tail++] = w;
        }
      }
    }
    const ends = this.ends;
    const eb = k * far;
    let i = 0;
    for (let h = 0; h < far; h++) {
      while (i < tail && hops[base + order[base + i]] <= h) i++;
      ends[eb + h] = i;
    }
  }
}
