/**
 * The DAG of consecutive play (Östman, Gattami, Gillblad 2023, §2): player i has `actions[i]`
 * actions and observes the actions of its parents before it moves; players move in a topological
 * order each round. A parent context is the parents' joint action, encoded mixed-radix in the
 * order the parents are listed (first parent least significant), so player i has
 * `contexts(i) = prod_k A_{parent k}` contexts (1 for a root).
 *
 * Joint actions of all players are encoded the same way (player 0 least significant).
 */

/** One problem of a DAG specification, with the field path at fault (e.g. [3, 'parents', 1]). */
export interface DagIssue {
  path: (string | number)[];
  message: string;
}

export class DagValidationError extends Error {
  readonly issues: readonly DagIssue[];

  constructor(issues: readonly DagIssue[]) {
    super(`invalid DAG: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    this.name = 'DagValidationError';
    this.issues = issues;
  }
}

export interface DagPlayerSpec {
  /** Number of actions, an integer >= 1. */
  actions: number;
  /** Indices of the players this one observes (no duplicates, not itself). */
  parents: readonly number[];
}

/** Largest number of joint actions (of all players, or of one player's parents) we enumerate. */
export const MAX_JOINT_ACTIONS = 1 << 22;

export class Dag {
  readonly size: number;
  readonly actions: readonly number[];
  readonly parents: readonly (readonly number[])[];
  readonly children: readonly (readonly number[])[];
  /** Players in the order they move: every player after all of its parents (ties: lower index first). */
  readonly order: readonly number[];
  /** |A_V| = prod_i A_i. */
  readonly jointActions: number;
  /** Number of parent contexts per player. */
  readonly contextCounts: readonly number[];
  readonly #strides: readonly (readonly number[])[];
  readonly #jointStrides: readonly number[];

  /** Throws `DagValidationError` listing every problem (bad counts, unknown parents, cycles). */
  constructor(players: readonly DagPlayerSpec[]) {
    const issues = validateDag(players);
    if (issues.length > 0) throw new DagValidationError(issues);
    const n = players.length;
    this.size = n;
    this.actions = players.map((p) => p.actions);
    this.parents = players.map((p) => [...p.parents]);
    const children: number[][] = players.map(() => []);
    players.forEach((p, i) => p.parents.forEach((k) => children[k].push(i)));
    this.children = children;
    this.order = topologicalOrder(players) as number[];
    this.#strides = this.parents.map((ps) => {
      let s = 1;
      return ps.map((k) => {
        const here = s;
        s *= this.actions[k];
        return here;
      });
    });
    this.contextCounts = this.parents.map((ps) => ps.reduce((c, k) => c * this.actions[k], 1));
    let s = 1;
    this.#jointStrides = this.actions.map((a) => {
      const here = s;
      s *= a;
      return here;
    });
    this.jointActions = s;
  }

  /** Player i's parent context given (at least) its parents' entries of `joint`. */
  context(i: number, joint: ArrayLike<number>): number {
    const ps = this.parents[i];
    const st = this.#strides[i];
    let c = 0;
    for (let k = 0; k < ps.length; k++) c += joint[ps[k]] * st[k];
    return c;
  }

  /** The parents' actions of context `c` of player i, in the parents' listed order. */
  contextActions(i: number, c: number): number[] {
    return this.parents[i].map((k) => {
      const a = c % this.actions[k];
      c = Math.floor(c / this.actions[k]);
      return a;
    });
  }

  /** Index of a joint action in [0, jointActions). */
  jointIndex(joint: ArrayLike<number>): number {
    let idx = 0;
    for (let i = 0; i < this.size; i++) idx += joint[i] * this.#jointStrides[i];
    return idx;
  }

  /** Writes the joint action of index `idx` into `out`. */
  decodeJoint(idx: number, out: Int32Array | number[]): void {
    for (let i = 0; i < this.size; i++) {
      out[i] = idx % this.actions[i];
      idx = Math.floor(idx / this.actions[i]);
    }
  }
}

/** Every problem of a DAG specification; empty when it is valid. */
export function validateDag(players: readonly DagPlayerSpec[]): DagIssue[] {
  const issues: DagIssue[] = [];
  const n = players.length;
  if (n === 0) return [{ path: [], message: 'a DAG needs at least one player' }];
  let joint = 1;
  players.forEach((p, i) => {
    if (!Number.isInteger(p.actions) || p.actions < 1) issues.push({ path: [i, 'actions'], message: `must be an integer >= 1, found ${p.actions}` });
    else joint *= p.actions;
    const seen = new Set<number>();
    p.parents.forEach((k, j) => {
      if (!Number.isInteger(k) || k < 0 || k >= n) issues.push({ path: [i, 'parents', j], message: `player ${k} does not exist (players 0..${n - 1})` });
      else if (k === i) issues.push({ path: [i, 'parents', j], message: `player ${i} cannot observe itself` });
      else if (seen.has(k)) issues.push({ path: [i, 'parents', j], message: `player ${k} is listed twice` });
      seen.add(k);
    });
  });
  if (issues.length > 0) return issues;
  players.forEach((p, i) => {
    const ctx = p.parents.reduce((c, k) => c * players[k].actions, 1);
    if (ctx > MAX_JOINT_ACTIONS) issues.push({ path: [i, 'parents'], message: `${ctx} parent contexts; at most ${MAX_JOINT_ACTIONS} are supported` });
  });
  if (joint > MAX_JOINT_ACTIONS) issues.push({ path: [], message: `${joint} joint actions; at most ${MAX_JOINT_ACTIONS} are supported` });
  const cycle = findCycle(players);
  if (cycle) issues.push({ path: [cycle[0], 'parents'], message: `the graph has a cycle: ${[...cycle, cycle[0]].join(' -> ')} (a -> b: b observes a)` });
  return issues;
}

/** Kahn's algorithm, lowest index first among ready players; undefined if there is a cycle. */
function topologicalOrder(players: readonly DagPlayerSpec[]): number[] | undefined {
  const n = players.length;
  const indeg = players.map((p) => p.parents.length);
  const children: number[][] = players.map(() => []);
  players.forEach((p, i) => p.parents.forEach((k) => children[k].push(i)));
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) ready.push(i);
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const i = ready.shift() as number;
    order.push(i);
    for (const c of children[i]) if (--indeg[c] === 0) ready.push(c);
  }
  return order.length === n ? order : undefined;
}

/** One directed cycle (parent before child), or undefined. */
function findCycle(players: readonly DagPlayerSpec[]): number[] | undefined {
  if (topologicalOrder(players)) return undefined;
  const n = players.length;
  const children: number[][] = players.map(() => []);
  players.forEach((p, i) => p.parents.forEach((k) => children[k].push(i)));
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const stack: number[] = [];
  const visit = (v: number): number[] | undefined => {
    state[v] = 1;
    stack.push(v);
    for (const c of children[v]) {
      if (state[c] === 1) return stack.slice(stack.indexOf(c));
      if (state[c] === 0) {
        const found = visit(c);
        if (found) return found;
      }
    }
    stack.pop();
    state[v] = 2;
    return undefined;
  };
  for (let v = 0; v < n; v++) {
    if (state[v] === 0) {
      const found = visit(v);
      if (found) return found;
    }
  }
  return undefined;
}
