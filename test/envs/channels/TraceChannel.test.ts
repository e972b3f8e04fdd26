// Record a channel, save the trace as JSON, replay it: same deliveries; bad traces explained.
import { describe, expect, it } from 'vitest';
import type { ChannelTrace } from '../../../src/envs/channels/ChannelTrace.js';
import { createChannel } from '../../../src/envs/channels/createChannel.js';
import { RecordingChannel } from '../../../src/envs/channels/RecordingChannel.js';
import { TraceChannel } from '../../../src/envs/channels/TraceChannel.js';
import { Rng } from '../../../src/core/random.js';

describe('TraceChannel and RecordingChannel', () => {
  it('replays a recorded delay + erasure realisation exactly after a JSON round trip (seed 12)', () => {
    const recorder = new RecordingChannel({
      inner: createChannel({ type: 'delay', eps: 0.4, delay: { type: 'geometric', p: 0.5 }, reorder: true }, new Rng(12).stream('channel/0')),
    });
    const original: number[] = [];
    for (let t = 0; t < 2000; t++) original.push(recorder.send(t));
    const saved: ChannelTrace = JSON.parse(JSON.stringify(recorder.trace()));
    expect(saved).toEqual({ version: 1, start: 0, delivered: original });
    const replay = createChannel({ type: 'trace', trace: saved }, new Rng('unused'));
    const again: number[] = [];
    for (let t = 0; t < 2000; t++) again.push(replay.send(t));
    expect(again).toEqual(original);
  });

  it('refuses rounds outside the trace and gaps while recording', () => {
    const replay = new TraceChannel({ trace: { version: 1, start: 10, delivered: [10, -1, 13] } });
    expect(replay.send(11)).toBe(-1);
    expect(() => replay.send(13)).toThrow('TraceChannel: round 13 is outside the recorded rounds 10..12');
    const recorder = new RecordingChannel({ inner: replay });
    recorder.send(10);
    expect(() => recorder.send(12)).toThrow('RecordingChannel: a trace needs consecutive rounds; expected round 11, found 12');
  });

  it('explains a malformed trace', () => {
    const bad = (trace: unknown) => () => new TraceChannel({ trace: trace as ChannelTrace });
    expect(bad({ version: 2, start: 0, delivered: [] })).toThrow(/unsupported version 2; expected 1/);
    expect(bad({ version: 1, start: 0, delivered: [0, 0] })).toThrow(/'delivered\[1\]' must be -1 \(erased\) or an integer >= its send round 1, found 0/);
    expect(bad({ version: 1, start: -1, delivered: [] })).toThrow(/'start' must be an integer >= 0/);
  });
});
