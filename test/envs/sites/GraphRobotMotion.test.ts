// Robot motion: one step per edge or the edge's travel time, nothing sampled in transit, non-adjacent waypoints refused and logged.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/core/graph/Graph.js';
import { travelSteps } from '../../../src/core/graph/travelSteps.js';
import { GraphRobotMotion } from '../../../src/envs/sites/GraphRobotMotion.js';

const path = buildGraph({ size: 4, edges: [0, 1, 1, 2, 2, 3], ids: ['a', 'b', 'c', 'd'], lengths: [10, 25, 5] });

describe('GraphRobotMotion', () => {
  it('moves one edge per step and stays on a self-loop', () => {
    const m = new GraphRobotMotion(path, [0, 3]);
    expect(m.receive(0, 1)).toBe(true);
    expect(m.receive(1, 3)).toBe(true);
    m.advance();
    expect([...m.site]).toEqual([1, 3]);
    m.advance(); // no new waypoint: keep the last target, which is reached
    expect([...m.site]).toEqual([1, 3]);
    expect([...m.writeRobotSites(new Int32Array(2))]).toEqual([1, 3]);
  });

  it('refuses, counts and logs a waypoint that is not adjacent', () => {
    const log: string[] = [];
    const m = new GraphRobotMotion(path, [0], { onRefusal: (msg) => log.push(msg) });
    expect(m.receive(0, 2)).toBe(false);
    expect(m.receive(0, 99)).toBe(false);
    m.advance();
    expect(m.site[0]).toBe(0);
    expect(m.refusals).toBe(2);
    expect(log).toEqual([
      "robot 0 refused waypoint 'c' (index 2): not adjacent to its site 'a'; allowed: 'a', 'b'",
      "robot 0 refused waypoint index 99: not adjacent to its site 'a'; allowed: 'a', 'b'",
    ]);
    expect(m.lastRefusal).toBe(log[1]);
  });

  it('takes ceil(length / (speed * dt)) steps per edge and samples nothing in transit', () => {
    const travel = travelSteps(path, 5, 1); // a-b 2 steps, b-c 5 steps, c-d 1 step
    const m = new GraphRobotMotion(path, [0], { travel });
    const sites = new Int32Array(1);
    const trace: number[] = [];
    m.receive(0, 1);
    for (let t = 0; t < 4; t++) {
      m.advance();
      trace.push(m.writeRobotSites(sites)[0]);
    }
    expect(trace).toEqual([-1, 1, 1, 1]);
    m.receive(0, 2);
    m.advance();
    expect(m.inTransit[0]).toBe(1);
    expect([m.from[0], m.site[0], m.remaining[0], m.duration[0]]).toEqual([1, 2, 4, 5]);
    // In transit to c: a waypoint next to c is accepted for later, one next to b only is refused.
    expect(m.receive(0, 3)).toBe(true);
    expect(m.receive(0, 0)).toBe(false);
    expect(m.lastRefusal).toContain("not adjacent to its site 'c' (where it is heading)");
    for (let t = 0; t < 4; t++) m.advance();
    expect([m.site[0], m.inTransit[0], m.from[0]]).toEqual([2, 0, 2]);
    m.advance();
    expect(m.site[0]).toBe(3);
  });

  it('rejects start sites outside the graph', () => {
    expect(() => new GraphRobotMotion(path, [0, 4])).toThrow('GraphRobotMotion: robot 1 starts at site index 4, outside [0, 4)');
  });
});
