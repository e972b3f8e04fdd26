// Channel specs as data: each type builds its model on the channel stream; nominal loss rates.
import { describe, expect, it } from 'vitest';
import { nominalLossRate } from '../../../src/envs/channels/ChannelSpec.js';
import { createChannel } from '../../../src/envs/channels/createChannel.js';
import { DelayChannel } from '../../../src/envs/channels/DelayChannel.js';
import { ErasureChannel } from '../../../src/envs/channels/ErasureChannel.js';
import { GilbertElliottChannel } from '../../../src/envs/channels/GilbertElliottChannel.js';
import { ScheduledErasureChannel } from '../../../src/envs/channels/ScheduledErasureChannel.js';
import { TraceChannel } from '../../../src/envs/channels/TraceChannel.js';
import { Rng } from '../../../src/core/random.js';

describe('createChannel', () => {
  it('builds the model each type names', () => {
    const rng = new Rng(1);
    expect(createChannel({ type: 'erasure', eps: 0.3 }, rng)).toBeInstanceOf(ErasureChannel);
    expect(createChannel({ type: 'gilbert-elliott', pGoodToBad: 0.1, pBadToGood: 0.3 }, rng)).toBeInstanceOf(GilbertElliottChannel);
    expect(createChannel({ type: 'schedule', segments: [{ from: 0, eps: 0.2 }] }, rng)).toBeInstanceOf(ScheduledErasureChannel);
    expect(createChannel({ type: 'delay', eps: 0.2, delay: { type: 'fixed', rounds: 2 } }, rng)).toBeInstanceOf(DelayChannel);
    expect(createChannel({ type: 'trace', trace: { version: 1, start: 0, delivered: [0] } }, rng)).toBeInstanceOf(TraceChannel);
  });

  it('reports nominal loss rates', () => {
    expect(nominalLossRate({ type: 'erasure', eps: 0.3 })).toBe(0.3);
    expect(nominalLossRate({ type: 'delay', eps: 0.4, delay: { type: 'fixed', rounds: 1 } })).toBe(0.4);
    expect(nominalLossRate({ type: 'gilbert-elliott', pGoodToBad: 0.1, pBadToGood: 0.3 })).toBeCloseTo(0.25, 12);
    expect(
      nominalLossRate({
        type: 'schedule',
        segments: [
          { from: 0, eps: 0.2 },
          { from: 10, eps: 0.7 },
        ],
      }),
    ).toBe(0.7);
    expect(nominalLossRate({ type: 'trace', trace: { version: 1, start: 0, delivered: [0, -1, -1, 3] } })).toBe(0.5);
  });
});
