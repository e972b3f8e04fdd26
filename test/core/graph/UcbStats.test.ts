// UCB statistics: counts and means of raw samples, bound mean + sqrt(2 ln t / n), infinite when unsampled.
import { describe, expect, it } from 'vitest';
import { UcbStats } from '../../../src/core/graph/UcbStats.js';

describe('UcbStats', () => {
  it('keeps counts and means and writes the UCB at a given t', () => {
    const s = new UcbStats(3);
    s.add(0, 0.5);
    s.add(0, 0.7);
    s.add(2, 0.1);
    expect([...s.counts]).toEqual([2, 0, 1]);
    expect(s.mean(0)).toBeCloseTo(0.6, 15);
    const ucb = s.writeUcb(100, new Float64Array(3));
    expect(ucb[0]).toBeCloseTo(0.6 + Math.sqrt((2 * Math.log(100)) / 2), 14);
    expect(ucb[1]).toBe(Infinity);
    expect(ucb[2]).toBeCloseTo(0.1 + Math.sqrt(2 * Math.log(100)), 14);
    expect([...s.writeMeans(new Float64Array(3))].map((x) => +x.toFixed(12))).toEqual([0.6, 0, 0.1]);
    s.reset();
    expect([...s.counts]).toEqual([0, 0, 0]);
  });
});
