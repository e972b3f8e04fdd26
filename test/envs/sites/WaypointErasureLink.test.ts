// Waypoint erasure links: loss rate p, one uniform per call from the robot's own stream link/<i>.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { WaypointErasureLink } from '../../../src/envs/sites/WaypointErasureLink.js';

describe('WaypointErasureLink', () => {
  it('loses about p of the commands and counts them', () => {
    const link = new WaypointErasureLink(2, 0.2, new Rng(5));
    let delivered = 0;
    for (let t = 0; t < 10_000; t++) if (link.delivered(0)) delivered++;
    expect(delivered / 10_000).toBeCloseTo(0.8, 1);
    expect(link.lost).toBe(10_000 - delivered);
  });

  it("robot i's losses depend only on stream link/<i>", () => {
    const a = new WaypointErasureLink(3, 0.5, new Rng(5));
    const b = new WaypointErasureLink(3, 0.5, new Rng(5));
    const seqA: boolean[] = [];
    const seqB: boolean[] = [];
    for (let t = 0; t < 50; t++) {
      a.delivered(0);
      seqA.push(a.delivered(2));
      seqB.push(b.delivered(2));
    }
    expect(seqA).toEqual(seqB);
    const own = new Rng(5).stream('link/2');
    expect(seqB.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => !own.bernoulli(0.5)));
    expect(() => new WaypointErasureLink(1, 1.5, new Rng(1))).toThrow(/probability in \[0, 1\], found 1.5/);
  });
});
