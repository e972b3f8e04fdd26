// Piecewise-constant erasure probability: rate per segment, lookup, validation.
import { describe, expect, it } from 'vitest';
import { ScheduledErasureChannel } from '../../../src/envs/channels/ScheduledErasureChannel.js';
import { Rng } from '../../../src/core/random.js';

describe('ScheduledErasureChannel', () => {
  it('switches its erasure rate at the given rounds (seed 4)', () => {
    const segments = [
      { from: 0, eps: 0.1 },
      { from: 50_000, eps: 0.9 },
      { from: 100_000, eps: 0.5 },
    ];
    const ch = new ScheduledErasureChannel({ segments, rng: new Rng(4) });
    const lost = [0, 0, 0];
    for (let t = 0; t < 150_000; t++) if (ch.send(t) < 0) lost[Math.floor(t / 50_000)]++;
    lost.forEach((n, k) => expect(n / 50_000).toBeCloseTo(segments[k].eps, 1));
    expect([0, 49_999, 50_000, 99_999, 100_000, 1e9].map((t) => ch.epsAt(t))).toEqual([0.1, 0.1, 0.9, 0.9, 0.5, 0.5]);
  });

  it('rejects segments that do not start at 0 or do not increase', () => {
    const rng = new Rng(1);
    expect(() => new ScheduledErasureChannel({ segments: [], rng })).toThrow(/at least one segment/);
    expect(() => new ScheduledErasureChannel({ segments: [{ from: 5, eps: 0.1 }], rng })).toThrow("the 'segments[0].from' option of a ScheduledErasureChannel must be round 0, found 5");
    expect(() =>
      new ScheduledErasureChannel({
        segments: [
          { from: 0, eps: 0.1 },
          { from: 0, eps: 0.2 },
        ],
        rng,
      }),
    ).toThrow(/'segments\[1\].from' option .* must be an integer > 0, found 0/);
    expect(() => new ScheduledErasureChannel({ segments: [{ from: 0, eps: 1 }], rng })).toThrow(/'segments\[0\].eps'/);
  });
});
