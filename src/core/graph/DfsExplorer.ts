/**
 * Depth-first initialisation of Multi-G-UCB and Indv-G-UCB (Paschalidis, Zhang, Li 2024, §III-C):
 * each robot walks a DFS (forward to the first unvisited neighbour, else back to its DFS
 * parent) so every site gets sampled at least once.
 */
import { isAdjacent, type Graph } from './Graph.js';

/**
 * With `shared` visited marks (Multi-G-UCB, as in the authors' script) the robots split the
 * graph between them; with private marks (Indv-G-UCB) each robot covers the whole graph alone.
 * A site counts as visited when a robot claims it, so two robots do not race to one site.
 *
 * Decisions depend only on where each robot is, so a lost waypoint (the robot stayed) just
 * repeats the same command; a robot found off its walk restarts its DFS where it is.
 *
 * ```ts
 * const dfs = new DfsExplorer(graph, N, true);
 * for (let i = 0; i < N; i++) dfs.root(i, positions[i]);
 * out[i] = dfs.next(i, positions[i]); // every step, for robots not in transit
 * ```
 */
export class DfsExplorer {
  readonly #graph: Graph;
  readonly #shared: boolean;
  readonly #visited: Uint8Array;
  /** Robot i's DFS stack at i * K, top at depth[i] - 1. */
  readonly #stack: Int32Array;
  readonly #depth: Int32Array;

  constructor(graph: Graph, robots: number, shared: boolean) {
    this.#graph = graph;
    this.#shared = shared;
    this.#visited = new Uint8Array(shared ? graph.size : graph.size * robots);
    this.#stack = new Int32Array(graph.size * robots);
    this.#depth = new Int32Array(robots);
  }

  /** Forgets every robot's visited marks and stack. */
  clear(): void {
    this.#visited.fill(0);
    this.#depth.fill(0);
  }

  /** Forgets robot i's private marks (shared mode: only its stack). */
  clearRobot(robot: number): void {
    const K = this.#graph.size;
    if (!this.#shared) this.#visited.fill(0, robot * K, (robot + 1) * K);
    this.#depth[robot] = 0;
  }

  markVisited(robot: number, site: number): void {
    this.#visited[this.#shared ? site : robot * this.#graph.size + site] = 1;
  }

  isVisited(robot: number, site: number): boolean {
    return this.#visited[this.#shared ? site : robot * this.#graph.size + site] === 1;
  }

  /** Starts robot i's DFS at `site` (marked visited). */
  root(robot: number, site: number): void {
    this.#stack[robot * this.#graph.size] = site;
    this.#depth[robot] = 1;
    this.markVisited(robot, site);
  }

  /** True once robot i has walked back past its root: its DFS has nothing left to claim. */
  finished(robot: number): boolean {
    return this.#depth[robot] === 0;
  }

  /** The waypoint for robot i, now at `position` (not in transit): adjacent to it, or itself. */
  next(robot: number, position: number): number {
    const g = this.#graph;
    const K = g.size;
    const base = robot * K;
    if (this.#depth[robot] === 0) return position;
    let top = this.#stack[base + this.#depth[robot] - 1];
    if (position !== top) {
      // Not there yet (its last waypoint was lost): ask again.
      if (isAdjacent(g, position, top)) return top;
      // Displaced (moved by hand, refused a command): start over from here.
      this.root(robot, position);
      top = position;
    }
    const vbase = this.#shared ? 0 : base;
    for (let e = g.offsets[top]; e < g.offsets[top + 1]; e++) {
      const w = g.neighbors[e];
      if (this.#visited[vbase + w] === 0) {
        this.#visited[vbase + w] = 1;
        this.#stack[base + this.#depth[robot]++] = w;
        return w;
      }
    }
    this.#depth[robot]--;
    return this.#depth[robot] > 0 ? this.#stack[base + this.#depth[robot] - 1] : position;
  }
}
