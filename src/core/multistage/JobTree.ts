/**
 * The validated tree a job travels through (Hou, MobiHoc 2024, Sec. 3): the root receives every
 * job, every internal node forwards it to one child, the leaf reached produces the cost.
 *
 * Nodes are numbered breadth-first from the root (0), so a parent always has a smaller index
 * than its children; children of a node keep the order of the spec.
 */

/** A tree as written in a scenario: the root's name and each internal node's children by name. */
export interface TreeSpec {
  root: string;
  /** Internal node -> children, in order. Names that appear only as children are leaves. */
  children: Readonly<Record<string, readonly string[]>>;
}

/** A tree spec that failed validation, with every problem listed at once. */
export class TreeValidationError extends Error {
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(`invalid tree:\n${issues.map((i) => `  ✖ ${i}`).join('\n')}`);
    this.name = 'TreeValidationError';
    this.issues = issues;
  }
}

export class JobTree {
  readonly size: number;
  readonly names: readonly string[];
  /** Parent index (-1 for the root). */
  readonly parent: Int32Array;
  /** Hops from the root. */
  readonly depth: Int32Array;
  /** Children of node n are childList[childStart[n] .. childStart[n + 1]). */
  readonly childStart: Int32Array;
  readonly childList: Int32Array;
  /** Leaf node indices in breadth-first order. */
  readonly leaves: Int32Array;
  /** Internal node indices in breadth-first order (the root first). */
  readonly internal: Int32Array;
  /** L: the largest leaf depth. */
  readonly height: number;
  /** K: the largest number of children of any node. */
  readonly maxChildren: number;
  readonly #index: Map<string, number>;

  private constructor(names: string[], parent: number[], kids: number[][]) {
    this.size = names.length;
    this.names = names;
    this.#index = new Map(names.map((n, i) => [n, i]));
    this.parent = Int32Array.from(parent);
    this.depth = new Int32Array(this.size);
    for (let n = 1; n < this.size; n++) this.depth[n] = this.depth[parent[n]] + 1;
    this.childStart = new Int32Array(this.size + 1);
    for (let n = 0; n < this.size; n++) this.childStart[n + 1] = this.childStart[n] + kids[n].length;
    this.childList = Int32Array.from(kids.flat());
    const leaves: number[] = [];
    const internal: number[] = [];
    for (let n = 0; n < this.size; n++) (kids[n].length === 0 ? leaves : internal).push(n);
    this.leaves = Int32Array.from(leaves);
    this.internal = Int32Array.from(internal);
    this.height = Math.max(...leaves.map((l) => this.depth[l]));
    this.maxChildren = Math.max(...kids.map((k) => k.length));
  }

  /** Validate a spec: one root, no cycles, every node reached once, every internal node has a child. */
  static fromSpec(spec: TreeSpec): JobTree {
    const issues: string[] = [];
    const children = spec.children;
    if (!(spec.root in children)) {
      throw new TreeValidationError([`the root '${spec.root}' has no children (a tree needs at least one internal node)`]);
    }
    for (const [name, list] of Object.entries(children)) {
      if (list.length === 0) issues.push(`node '${name}' is listed with no children (leaves are the names that appear only as children)`);
      const seen = new Set<string>();
      for (const c of list) {
        if (seen.has(c)) issues.push(`node '${name}' lists child '${c}' twice`);
        seen.add(c);
      }
    }
    const parentOf = new Map<string, string>();
    for (const [name, list] of Object.entries(children)) {
      for (const c of list) {
        if (c === spec.root) issues.push(`the root '${spec.root}' appears as a child of '${name}' (a cycle)`);
        else if (parentOf.has(c) && parentOf.get(c) !== name) issues.push(`node '${c}' has two parents: '${parentOf.get(c)}' and '${name}'`);
        else parentOf.set(c, name);
      }
    }
    if (issues.length > 0) throw new TreeValidationError(issues);
    // Breadth-first from the root; with one parent per node, anything not reached lies on a cycle
    // or hangs below one.
    const names = [spec.root];
    const parent = [-1];
    const kids: number[][] = [];
    const index = new Map([[spec.root, 0]]);
    for (let n = 0; n < names.length; n++) {
      const list = children[names[n]] ?? [];
      kids.push([]);
      for (const c of list) {
        index.set(c, names.length);
        kids[n].push(names.length);
        names.push(c);
        parent.push(n);
      }
    }
    const unreached = Object.keys(children).filter((n) => !index.has(n));
    if (unreached.length > 0) {
      throw new TreeValidationError([`node(s) ${unreached.map((n) => `'${n}'`).join(', ')} are not reachable from the root '${spec.root}' (a cycle or a detached part)`]);
    }
    return new JobTree(names, parent, kids);
  }

  /** Index of the node called `name`, or -1. */
  indexOf(name: string): number {
    return this.#index.get(name) ?? -1;
  }

  childCount(n: number): number {
    return this.childStart[n + 1] - this.childStart[n];
  }

  /** The `i`-th child of node n. */
  child(n: number, i: number): number {
    return this.childList[this.childStart[n] + i];
  }

  isLeaf(n: number): boolean {
    return this.childStart[n + 1] === this.childStart[n];
  }

  /** True when n is internal and at least one child is internal: epsilon-EXP3 educates here. */
  hasInternalChild(n: number): boolean {
    for (let i = this.childStart[n]; i < this.childStart[n + 1]; i++) if (!this.isLeaf(this.childList[i])) return true;
    return false;
  }

  /** Node indices from the root to n, inclusive. */
  pathTo(n: number): number[] {
    const path: number[] = [];
    for (let m = n; m >= 0; m = this.parent[m]) path.push(m);
    return path.reverse();
  }

  /** The spec this tree was built from (names and order preserved). */
  toSpec(): TreeSpec {
    const children: Record<string, string[]> = {};
    for (const n of this.internal) {
      children[this.names[n]] = Array.from(this.childList.subarray(this.childStart[n], this.childStart[n + 1]), (c) => this.names[c]);
    }
    return { root: this.names[0], children };
  }
}

/** A complete tree of the given depth and arity; nodes named by their child indices ('r', 'r_0', 'r_0_1'). */
export function completeTreeSpec(depth: number, arity: number, root = 'r'): TreeSpec {
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`completeTreeSpec: depth must be an integer >= 1, found ${depth}`);
  if (!Number.isInteger(arity) || arity < 1) throw new Error(`completeTreeSpec: arity must be an integer >= 1, found ${arity}`);
  const children: Record<string, string[]> = {};
  let level = [root];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const n of level) {
      children[n] = Array.from({ length: arity }, (_, i) => `${n}_${i}`);
      next.push(...children[n]);
    }
    level = next;
  }
  return { root, children };
}
