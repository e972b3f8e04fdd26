// Delivery delays: means of each law, FIFO without reordering, overtaking with it, and the
// erasure pattern unchanged by adding a delay.
import { describe, expect, it } from 'vitest';
import { createChannel } from '../../../src/envs/channels/createChannel.js';
import { DelayChannel, delaySpecProblem, meanDelay, type DelaySpec } from '../../../src/envs/channels/DelayChannel.js';
import { ErasureChannel } from '../../../src/envs/channels/ErasureChannel.js';
import { Rng } from '../../../src/core/random.js';

function delays(spec: DelaySpec, reorder: boolean, n = 100_000, seed = 1): { mean: number; arrivals: number[] } {
  const rng = new Rng(seed);
  const ch = new DelayChannel({ inner: new ErasureChannel({ eps: 0, rng }), delay: spec, reorder, rng: rng.stream('delay') });
  const arrivals: number[] = [];
  let total = 0;
  for (let t = 0; t < n; t++) {
    const d = ch.send(t);
    arrivals.push(d);
    total += d - t;
  }
  return { mean: total / n, arrivals };
}

describe('DelayChannel', () => {
  it('delays by exactly the fixed number of rounds', () => {
    const { arrivals } = delays({ type: 'fixed', rounds: 3 }, false, 100);
    arrivals.forEach((d, t) => expect(d).toBe(t + 3));
  });

  it.each<[DelaySpec]>([[{ type: 'geometric', p: 0.25 }], [{ type: 'discrete', probs: [0.5, 0.2, 0, 0.3] }]])('has the law mean with reordering on: %j', (spec) => {
    const { mean } = delays(spec, true);
    expect(mean).toBeCloseTo(meanDelay(spec), 1);
    expect(meanDelay({ type: 'geometric', p: 0.25 })).toBe(3);
    expect(meanDelay({ type: 'discrete', probs: [0.5, 0.2, 0, 0.3] })).toBeCloseTo(1.1, 12);
  });

  it('keeps order without reordering (a later command never overtakes), and not with it', () => {
    const spec: DelaySpec = { type: 'geometric', p: 0.3 };
    const fifo = delays(spec, false, 20_000).arrivals;
    for (let t = 1; t < fifo.length; t++) expect(fifo[t]).toBeGreaterThanOrEqual(fifo[t - 1]);
    const free = delays(spec, true, 20_000).arrivals;
    let overtakes = 0;
    for (let t = 1; t < free.length; t++) if (free[t] < free[t - 1]) overtakes++;
    expect(overtakes).toBeGreaterThan(100);
    // FIFO can only make commands later.
    fifo.forEach((d, t) => expect(d).toBeGreaterThanOrEqual(free[t]));
  });

  it('erases exactly the commands the same erasure link would erase', () => {
    const plain = createChannel({ type: 'erasure', eps: 0.6 }, new Rng(7).stream('channel/0'));
    const delayed = createChannel({ type: 'delay', eps: 0.6, delay: { type: 'geometric', p: 0.5 } }, new Rng(7).stream('channel/0'));
    for (let t = 0; t < 5000; t++) expect(delayed.send(t) < 0).toBe(plain.send(t) < 0);
  });

  it('explains a bad delay law', () => {
    expect(delaySpecProblem({ type: 'fixed', rounds: -1 })).toMatch(/'rounds' must be an integer >= 0, found -1/);
    expect(delaySpecProblem({ type: 'geometric', p: 0 })).toMatch(/'p' must be in \(0, 1\], found 0/);
    expect(delaySpecProblem({ type: 'discrete', probs: [0.5, 0.4] })).toMatch(/must sum to 1, found 0.9/);
    expect(delaySpecProblem({ type: 'discrete', probs: [1.5, -0.5] })).toMatch(/'probs\[0\]' must be a probability/);
    expect(() => new DelayChannel({ inner: new ErasureChannel({ eps: 0, rng: new Rng(1) }), delay: { type: 'geometric', p: 2 }, rng: new Rng(1) })).toThrow(
      /the 'delay' option of a DelayChannel is invalid: geometric delay 'p' must be in \(0, 1\], found 2/,
    );
  });
});
