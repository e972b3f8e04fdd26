import { describe, expect, it } from 'vitest';
import { Dag, DagValidationError, validateDag } from '../../../src/core/dag/Dag.js';

const seven = [[], [0], [1], [2], [0], [0], [4, 5]].map((parents) => ({ actions: 2, parents }));

describe('Dag', () => {
  it('orders players so that every parent moves before its children', () => {
    const dag = new Dag([{ actions: 2, parents: [2] }, { actions: 3, parents: [] }, { actions: 2, parents: [1] }, { actions: 2, parents: [0, 1] }]);
    expect(dag.order).toEqual([1, 2, 0, 3]);
    const pos = new Map(dag.order.map((p, k) => [p, k]));
    dag.parents.forEach((ps, i) => ps.forEach((k) => expect(pos.get(k)!).toBeLessThan(pos.get(i)!)));
    expect(dag.children[1]).toEqual([2, 3]);
  });

  it('encodes parent contexts mixed-radix, first parent fastest, and joint actions player 0 fastest', () => {
    const dag = new Dag([{ actions: 2, parents: [] }, { actions: 3, parents: [] }, { actions: 2, parents: [0, 1] }]);
    expect(dag.contextCounts).toEqual([1, 1, 6]);
    expect(dag.jointActions).toBe(12);
    expect(dag.context(2, [1, 2, 0])).toBe(1 + 2 * 2);
    expect(dag.contextActions(2, 5)).toEqual([1, 2]);
    const out = new Int32Array(3);
    for (let idx = 0; idx < 12; idx++) {
      dag.decodeJoint(idx, out);
      expect(dag.jointIndex(out)).toBe(idx);
      expect(out[0]).toBeLessThan(2);
      expect(out[1]).toBeLessThan(3);
    }
    for (let c = 0; c < 6; c++) {
      const [a0, a1] = dag.contextActions(2, c);
      expect(dag.context(2, [a0, a1, 0])).toBe(c);
    }
  });

  it("the spec's seven-player graph: player 7 has 4 contexts, the others 1 or 2", () => {
    const dag = new Dag(seven);
    expect(dag.contextCounts).toEqual([1, 2, 2, 2, 2, 2, 4]);
    expect(dag.order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('rejects a cycle, naming the players on it', () => {
    const players = [{ actions: 2, parents: [2] }, { actions: 2, parents: [0] }, { actions: 2, parents: [1] }, { actions: 2, parents: [] }];
    expect(() => new Dag(players)).toThrow(DagValidationError);
    const issues = validateDag(players);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/cycle: (0 -> 1 -> 2 -> 0|1 -> 2 -> 0 -> 1|2 -> 0 -> 1 -> 2)/);
  });

  it('rejects unknown parents, self-observation, duplicates and bad action counts, all at once', () => {
    const issues = validateDag([
      { actions: 0, parents: [] },
      { actions: 2, parents: [1] },
      { actions: 2, parents: [0, 0] },
      { actions: 2.5, parents: [7] },
    ]);
    expect(issues.map((i) => i.path)).toEqual([[0, 'actions'], [1, 'parents', 0], [2, 'parents', 1], [3, 'actions'], [3, 'parents', 0]]);
    expect(issues[4].message).toContain('player 7 does not exist');
    expect(validateDag([])[0].message).toContain('at least one player');
  });

  it('rejects games too large to enumerate', () => {
    const players = Array.from({ length: 23 }, () => ({ actions: 2, parents: [] as number[] }));
    expect(validateDag(players)[0].message).toMatch(/joint actions; at most/);
  });
});
