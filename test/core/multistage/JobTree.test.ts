import { describe, expect, it } from 'vitest';
import { completeTreeSpec, JobTree, TreeValidationError } from '../../../src/core/multistage/JobTree.js';

function issuesOf(spec: Parameters<typeof JobTree.fromSpec>[0]): string[] {
  try {
    JobTree.fromSpec(spec);
  } catch (err) {
    if (err instanceof TreeValidationError) return [...err.issues];
    throw err;
  }
  return [];
}

describe('JobTree', () => {
  it('numbers nodes breadth-first and knows depth, leaves, height and K', () => {
    const tree = JobTree.fromSpec({ root: 'r', children: { r: ['a', 'x'], a: ['b', 'c', 'd'] } });
    expect(tree.names).toEqual(['r', 'a', 'x', 'b', 'c', 'd']);
    expect(Array.from(tree.parent)).toEqual([-1, 0, 0, 1, 1, 1]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 1, 2, 2, 2]);
    expect(Array.from(tree.leaves)).toEqual([2, 3, 4, 5]);
    expect(Array.from(tree.internal)).toEqual([0, 1]);
    expect(tree.height).toBe(2);
    expect(tree.maxChildren).toBe(3);
    expect(tree.hasInternalChild(0)).toBe(true);
    expect(tree.hasInternalChild(1)).toBe(false);
    expect(tree.pathTo(4)).toEqual([0, 1, 4]);
    expect(JobTree.fromSpec(tree.toSpec()).names).toEqual(tree.names);
  });

  it('rejects a cycle, a node without children, two parents, a detached part', () => {
    expect(issuesOf({ root: 'r', children: { r: ['a'], a: ['r'] } }).join()).toMatch(/root 'r' appears as a child of 'a' \(a cycle\)/);
    expect(issuesOf({ root: 'r', children: { r: ['a'], b: ['c'], c: ['b'] } }).join()).toMatch(/'b', 'c' are not reachable/);
    expect(issuesOf({ root: 'r', children: { r: ['a', 'b'], a: [] } }).join()).toMatch(/node 'a' is listed with no children/);
    expect(issuesOf({ root: 'r', children: { r: ['a', 'b'], a: ['c'], b: ['c'] } }).join()).toMatch(/'c' has two parents/);
    expect(issuesOf({ root: 'r', children: { r: ['a', 'a'] } }).join()).toMatch(/lists child 'a' twice/);
    expect(issuesOf({ root: 'q', children: { r: ['a'] } }).join()).toMatch(/root 'q' has no children/);
  });

  it('builds complete trees with ROS-safe names', () => {
    const tree = JobTree.fromSpec(completeTreeSpec(3, 3));
    expect(tree.size).toBe(1 + 3 + 9 + 27);
    expect(tree.leaves.length).toBe(27);
    expect(tree.height).toBe(3);
    for (const n of tree.names) expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });
});
