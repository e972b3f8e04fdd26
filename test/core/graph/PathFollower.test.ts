// Path following: advance on arrival, repeat a lost command, flag a robot off its path.
import { describe, expect, it } from 'vitest';
import { PathFollower } from '../../../src/core/graph/PathFollower.js';

describe('PathFollower', () => {
  it('walks the waypoints, repeating one whose command was lost', () => {
    const f = new PathFollower(1, 4);
    f.set(0, Int32Array.of(9, 5, 6, 7), 1, 3);
    expect(f.next(0, 5)).toBe(6);
    expect(f.next(0, 6)).toBe(7);
    expect(f.next(0, 6)).toBe(7); // still there: the command was lost
    expect(f.arrived(0, 6)).toBe(false);
    expect(f.next(0, 7)).toBe(7);
    expect(f.arrived(0, 7)).toBe(true);
    expect(f.destination(0)).toBe(7);
    expect(f.next(0, 2)).toBe(-1);
    f.stay(0, 3);
    expect(f.next(0, 3)).toBe(3);
    expect(f.arrived(0, 3)).toBe(true);
  });
});
