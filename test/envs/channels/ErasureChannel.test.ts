// I.i.d. erasure link: erasure rate, immediate delivery, stream use, validation.
import { describe, expect, it } from 'vitest';
import { ErasureChannel } from '../../../src/envs/channels/ErasureChannel.js';
import { Rng } from '../../../src/core/random.js';

describe('ErasureChannel', () => {
  it.each([0, 0.2, 0.9, 0.99])('erases a fraction eps = %f of 200000 commands (seed 1)', (eps) => {
    const ch = new ErasureChannel({ eps, rng: new Rng(1).stream('channel/0') });
    const n = 200_000;
    let erased = 0;
    let late = 0;
    for (let t = 0; t < n; t++) {
      const d = ch.send(t);
      if (d < 0) erased++;
      else if (d !== t) late++;
    }
    expect(late).toBe(0);
    const sd = Math.sqrt((eps * (1 - eps)) / n);
    expect(Math.abs(erased / n - eps)).toBeLessThanOrEqual(5 * sd + 1e-12);
  });

  it('draws one uniform per send: erased iff it is below eps', () => {
    const ch = new ErasureChannel({ eps: 0.5, rng: new Rng(3) });
    const twin = new Rng(3);
    for (let t = 0; t < 100; t++) expect(ch.send(t)).toBe(twin.uniform() < 0.5 ? -1 : t);
  });

  it('rejects eps outside [0, 1)', () => {
    expect(() => new ErasureChannel({ eps: 1, rng: new Rng(1) })).toThrow("the 'eps' option of an ErasureChannel must be a probability in [0, 1), found 1");
    expect(() => new ErasureChannel({ eps: -0.5, rng: new Rng(1) })).toThrow(/found -0.5/);
    expect(() => new ErasureChannel({ eps: NaN, rng: new Rng(1) })).toThrow(/found NaN/);
  });
});
