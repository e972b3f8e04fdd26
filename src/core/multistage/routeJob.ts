/**
 * One job through a tree of stage learners: from the root, each internal node on the path picks a
 * child, and the arrival probability is multiplied by the forwarding probability at each hop.
 * The fast path and the stage nodes make exactly these calls in this order per node.
 */
import type { JobTree } from './JobTree.js';
import { emptyPick, type StageLearner, type StagePick } from './StageLearner.js';

export class JobRoute {
  /** Nodes on the path, root first; `length` of them are valid. */
  readonly nodes: Int32Array;
  /** picks[h] is the decision of nodes[h] (h < length - 1). */
  readonly picks: StagePick[];
  length = 0;

  constructor(tree: JobTree) {
    this.nodes = new Int32Array(tree.height + 1);
    this.picks = Array.from({ length: tree.height + 1 }, emptyPick);
  }

  get leaf(): number {
    return this.nodes[this.length - 1];
  }
}

/**
 * Route the job of round t. `stages[n]` is node n's learner (null for leaves). `onHop(child)` is
 * called for every node entered after the root (the cost model draws link delays there).
 */
export function routeJob(tree: JobTree, stages: readonly (StageLearner | null)[], t: number, route: JobRoute, onHop?: (node: number) => void): number {
  let n = 0;
  let arrival = 1;
  let h = 0;
  route.nodes[0] = 0;
  while (!tree.isLeaf(n)) {
    const pick = stages[n]!.pick(t, arrival, route.picks[h]);
    // Clamped: rounding must not carry a probability above 1 onto the wire.
    arrival = Math.min(1, arrival * pick.prob);
    n = tree.child(n, pick.child);
    route.nodes[++h] = n;
    onHop?.(n);
  }
  route.length = h + 1;
  return n;
}

/** Every node on the route learns the job's end-to-end cost. */
export function learnRoute(stages: readonly (StageLearner | null)[], route: JobRoute, cost: number): void {
  for (let h = 0; h < route.length - 1; h++) stages[route.nodes[h]]!.learn(route.picks[h], cost);
}
