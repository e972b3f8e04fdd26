// Gilbert-Elliott burst loss: stationary loss rate, burst lengths, initial state, validation.
import { describe, expect, it } from 'vitest';
import { GilbertElliottChannel, gilbertElliottLossRate } from '../../../src/envs/channels/GilbertElliottChannel.js';
import { Rng } from '../../../src/core/random.js';

describe('GilbertElliottChannel', () => {
  it('loses the stationary fraction of commands (seed 2)', () => {
    const p = { pGoodToBad: 0.05, pBadToGood: 0.2, lossGood: 0.1, lossBad: 0.9 };
    const ch = new GilbertElliottChannel({ ...p, rng: new Rng(2) });
    const n = 400_000;
    let lost = 0;
    for (let t = 0; t < n; t++) if (ch.send(t) < 0) lost++;
    const rate = gilbertElliottLossRate(p);
    expect(rate).toBeCloseTo(0.8 * 0.1 + 0.2 * 0.9, 12);
    expect(lost / n).toBeCloseTo(rate, 2);
  });

  it('makes bursts of mean length 1 / pBadToGood when only the bad state loses (seed 3)', () => {
    const ch = new GilbertElliottChannel({ pGoodToBad: 0.02, pBadToGood: 0.1, lossGood: 0, lossBad: 1, rng: new Rng(3) });
    const runs: number[] = [];
    let run = 0;
    for (let t = 0; t < 500_000; t++) {
      if (ch.send(t) < 0) run++;
      else if (run > 0) {
        runs.push(run);
        run = 0;
      }
    }
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    expect(runs.length).toBeGreaterThan(1000);
    expect(mean).toBeGreaterThan(9.3);
    expect(mean).toBeLessThan(10.7);
  });

  it('starts in the requested state', () => {
    const bad = new GilbertElliottChannel({ pGoodToBad: 0.1, pBadToGood: 0.1, initial: 'bad', rng: new Rng(1) });
    expect(bad.bad).toBe(true);
    expect(bad.send(0)).toBe(-1);
    const good = new GilbertElliottChannel({ pGoodToBad: 0.1, pBadToGood: 0.1, initial: 'good', rng: new Rng(1) });
    expect(good.send(0)).toBe(0);
  });

  it('rejects parameters that make no sense', () => {
    const rng = new Rng(1);
    expect(() => new GilbertElliottChannel({ pGoodToBad: 0.1, pBadToGood: 0, rng })).toThrow(/'pBadToGood' option .* must be > 0/);
    expect(() => new GilbertElliottChannel({ pGoodToBad: 1.5, pBadToGood: 0.5, rng })).toThrow("the 'pGoodToBad' option of a GilbertElliottChannel must be a probability in [0, 1], found 1.5");
    expect(() => new GilbertElliottChannel({ pGoodToBad: 0.1, pBadToGood: 0.5, lossGood: 1, lossBad: 1, rng })).toThrow(/would erase every command/);
  });
});
