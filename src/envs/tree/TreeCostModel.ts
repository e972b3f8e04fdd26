/**
 * The costs of one run of a multi-stage problem (Hou, MobiHoc 2024, Sec. 7): link delays drawn as
 * a job crosses each link, and the leaf's cost from its model. Every link draws from
 * 'link/<node>' and every leaf from 'leaf/<node>' below the run's Rng, one draw per visit, so the
 * fast path and the node path (stage and leaf nodes, each with its own stream) see the same
 * numbers whatever the interleaving.
 *
 * Regret uses expected costs: `expectedCost(leaf, t)` is exact (Bernoulli means; deadline misses
 * from the hypoexponential tail of the path's link delays). A miss probability costs a
 * uniformization (~100 steps), and the benchmark and regret ask for every leaf in every round, so
 * each is computed once per process and kept (`missTable`): runs and algorithms of one scenario
 * share the tables, and the numbers are the same as computing them afresh.
 */
import type { JobTree } from '../../core/multistage/JobTree.js';
import type { Rng } from '../../core/random.js';
import { missTable } from './missTable.js';
import { sumOfExponentialsSurvival } from './sumOfExponentialsSurvival.js';
import type { LeafCostSpec, LinkSpec, TreeProblem } from './TreeProblem.js';

/** A problem whose leaves or links do not fit its tree, with every problem listed at once. */
export class TreeModelError extends Error {
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(`invalid tree cost model:\n${issues.map((i) => `  ✖ ${i}`).join('\n')}`);
    this.name = 'TreeModelError';
    this.issues = issues;
  }
}

interface Link {
  from: number;
  to: number;
}

export class TreeCostModel {
  readonly tree: JobTree;
  readonly horizon: number;
  readonly deadline: number;
  /** Per node: link into it, or null. */
  readonly #links: (Link | null)[];
  readonly #leaves: (LeafCostSpec | null)[];
  readonly #lastHop: (Link | null)[];
  readonly #linkRng: (Rng | null)[];
  readonly #leafRng: (Rng | null)[];
  /** Per leaf: the link means on its path are all constant and the leaf never changes. */
  readonly #stationary: boolean[];
  readonly #means: Float64Array;
  /** Per deadline leaf: its miss probability by round (index t - 1; one entry when stationary), NaN until computed. */
  readonly #miss: (Float64Array | null)[];

  constructor(tree: JobTree, problem: TreeProblem, horizon: number, runRng: Rng) {
    const issues = validateProblem(tree, problem);
    if (issues.length > 0) throw new TreeModelError(issues);
    this.tree = tree;
    this.horizon = horizon;
    this.deadline = problem.deadline;
    const toLink = (s: LinkSpec): Link => (typeof s.mean === 'number' ? { from: s.mean, to: s.mean } : { from: s.mean.from, to: s.mean.to });
    this.#links = tree.names.map((name, n) => (n > 0 && problem.links[name] ? toLink(problem.links[name]) : null));
    this.#leaves = tree.names.map((name, n) => (tree.isLeaf(n) ? problem.leaves[name] : null));
    this.#lastHop = this.#leaves.map((l) => (l && l.type === 'deadline' && l.lastHop ? toLink(l.lastHop) : null));
    this.#linkRng = tree.names.map((name, n) => (this.#links[n] ? runRng.stream(`link/${name}`) : null));
    this.#leafRng = tree.names.map((name, n) => (tree.isLeaf(n) ? runRng.stream(`leaf/${name}`) : null));
    this.#stationary = tree.names.map((_, n) => {
      const leaf = this.#leaves[n];
      if (!leaf) return false;
      if (leaf.type === 'bernoulli') return !leaf.changes || leaf.changes.length === 0;
      const links = [...this.#pathLinks(n)];
      return links.every((l) => l.from === l.to);
    });
    this.#means = new Float64Array(tree.height + 2);
    this.#miss = tree.names.map((_, n) => {
      const leaf = this.#leaves[n];
      if (!leaf || leaf.type !== 'deadline') return null;
      // Everything the miss probability of round t depends on, in the order it is computed.
      const links = [...this.#pathLinks(n)].map((l) => [l.from, l.to]);
      const key = JSON.stringify([links, this.deadline - leaf.processingTime, horizon]);
      return missTable(key, this.#stationary[n] ? 1 : horizon);
    });
  }

  *#pathLinks(leaf: number): Iterable<Link> {
    for (let m = leaf; m > 0; m = this.tree.parent[m]) {
      const l = this.#links[m];
      if (l) yield l;
    }
    const last = this.#lastHop[leaf];
    if (last) yield last;
  }

  #mean(link: Link, t: number): number {
    if (link.from === link.to) return link.from;
    return link.from + ((link.to - link.from) * (t - 1)) / Math.max(1, this.horizon - 1);
  }

  /** The delay of the link into node n for a job of round t (0 when the link has no model). */
  linkDelay(n: number, t: number): number {
    const link = this.#links[n];
    if (!link) return 0;
    return this.#linkRng[n]!.exponential(1 / this.#mean(link, t));
  }

  /** The cost of the job of round t that reached `leaf` after `delay` on the links. */
  leafCost(leaf: number, t: number, delay: number): number {
    const spec = this.#leaves[leaf];
    if (!spec) throw new Error(`TreeCostModel.leafCost: node '${this.tree.names[leaf]}' is not a leaf`);
    const rng = this.#leafRng[leaf]!;
    if (spec.type === 'bernoulli') return rng.uniform() < bernoulliMean(spec, t, this.horizon) ? 1 : 0;
    const last = this.#lastHop[leaf];
    const total = delay + spec.processingTime + (last ? rng.exponential(1 / this.#mean(last, t)) : 0);
    return total > this.deadline ? 1 : spec.missRate;
  }

  /** E[cost] of sending the job of round t to `leaf`. */
  expectedCost(leaf: number, t: number): number {
    const spec = this.#leaves[leaf];
    if (!spec) throw new Error(`TreeCostModel.expectedCost: node '${this.tree.names[leaf]}' is not a leaf`);
    if (spec.type === 'bernoulli') return bernoulliMean(spec, t, this.horizon);
    const table = this.#miss[leaf];
    const i = this.#stationary[leaf] ? 0 : t - 1;
    let miss = table && i < table.length ? table[i] : NaN;
    if (Number.isNaN(miss)) {
      let n = 0;
      for (const link of this.#pathLinks(leaf)) this.#means[n++] = this.#mean(link, t);
      miss = sumOfExponentialsSurvival(this.#means.subarray(0, n), this.deadline - spec.processingTime);
      if (table && i >= 0 && i < table.length) table[i] = miss;
    }
    return miss + (1 - miss) * spec.missRate;
  }

  /** sum_{t=1..T} E[c_l(t)] for every leaf (by node index; NaN at internal nodes). */
  totalExpectedCosts(): Float64Array {
    const out = new Float64Array(this.tree.size).fill(NaN);
    for (const l of this.tree.leaves) {
      if (this.#stationary[l]) {
        out[l] = this.horizon * this.expectedCost(l, 1);
        continue;
      }
      let s = 0;
      for (let t = 1; t <= this.horizon; t++) s += this.expectedCost(l, t);
      out[l] = s;
    }
    return out;
  }

  /** The best fixed leaf over the horizon (the regret benchmark) and its total expected cost. */
  bestFixedLeaf(): { leaf: number; total: number } {
    const totals = this.totalExpectedCosts();
    let leaf = this.tree.leaves[0];
    for (const l of this.tree.leaves) if (totals[l] < totals[leaf]) leaf = l;
    return { leaf, total: totals[leaf] };
  }
}

/** The Bernoulli mean in round t: the last change with floor(at * T) < t, else the initial mean. */
export function bernoulliMean(spec: { mean: number; changes?: readonly { at: number; mean: number }[] }, t: number, horizon: number): number {
  let mean = spec.mean;
  if (spec.changes) for (const c of spec.changes) if (t > Math.floor(c.at * horizon)) mean = c.mean;
  return mean;
}

/** Every mismatch between the problem and its tree, and every value outside its range. */
export function validateProblem(tree: JobTree, problem: TreeProblem): string[] {
  const issues: string[] = [];
  const unit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  const positive = (v: number) => Number.isFinite(v) && v > 0;
  for (const l of tree.leaves) if (!problem.leaves[tree.names[l]]) issues.push(`leaf '${tree.names[l]}' has no cost model (leaves.${tree.names[l]})`);
  for (const [name, spec] of Object.entries(problem.leaves)) {
    const n = tree.indexOf(name);
    if (n < 0) issues.push(`leaves.${name}: no node '${name}' in the tree`);
    else if (!tree.isLeaf(n)) issues.push(`leaves.${name}: '${name}' is an internal node, not a leaf`);
    if (spec.type === 'bernoulli') {
      if (!unit(spec.mean)) issues.push(`leaves.${name}.mean: a cost probability must be in [0, 1], found ${spec.mean}`);
      let prev = 0;
      (spec.changes ?? []).forEach((c, i) => {
        if (!unit(c.mean)) issues.push(`leaves.${name}.changes.${i}.mean: a cost probability must be in [0, 1], found ${c.mean}`);
        if (!(c.at > prev && c.at < 1)) issues.push(`leaves.${name}.changes.${i}.at: expected a fraction of the horizon in (${prev}, 1), found ${c.at}`);
        prev = Math.max(prev, c.at);
      });
    } else {
      if (!unit(spec.missRate)) issues.push(`leaves.${name}.missRate: a cost must be in [0, 1], found ${spec.missRate}`);
      if (!(Number.isFinite(spec.processingTime) && spec.processingTime >= 0)) issues.push(`leaves.${name}.processingTime: expected a time >= 0, found ${spec.processingTime}`);
      if (spec.lastHop) issues.push(...linkIssues(`leaves.${name}.lastHop`, spec.lastHop));
    }
  }
  for (const [name, spec] of Object.entries(problem.links)) {
    const n = tree.indexOf(name);
    if (n < 0) issues.push(`links.${name}: no node '${name}' in the tree`);
    else if (n === 0) issues.push(`links.${name}: the root has no incoming link`);
    issues.push(...linkIssues(`links.${name}`, spec));
  }
  if (!positive(problem.deadline)) issues.push(`deadline: expected a time > 0, found ${problem.deadline}`);
  return issues;

  function linkIssues(path: string, spec: LinkSpec): string[] {
    const vals = typeof spec.mean === 'number' ? [spec.mean] : [spec.mean.from, spec.mean.to];
    return vals.every(positive) ? [] : [`${path}.mean: an exponential delay needs a mean > 0, found ${JSON.stringify(spec.mean)}`];
  }
}
