// loadRecording: per-topic time-indexed tracks and the scrubbing lookups.
import { describe, expect, it } from 'vitest';
import { defaultMessage, MsgType } from '../../src/msg/index.js';
import { indexAtOrBefore, loadRecordingBytes, messageAtOrBefore, messagesBetween } from '../../src/record/loadRecording.js';
import { bagBytes, type FixtureMessage } from './bagFixtures.js';

const reward = (round: number) => ({ ...defaultMessage(MsgType.JointReward), round });

function fixture(): FixtureMessage[] {
  // Recording starts at 1 s; /fast every 100 ms, /slow every 250 ms (two messages at the same time).
  const out: FixtureMessage[] = [];
  for (let i = 0; i < 10; i++) out.push({ topic: '/fast', type: MsgType.JointReward, message: reward(i), time: 1_000_000_000n + BigInt(i) * 100_000_000n });
  for (const [i, t] of [0, 250, 250, 750].entries()) out.push({ topic: '/slow', type: MsgType.JointReward, message: reward(100 + i), time: 1_000_000_000n + BigInt(t) * 1_000_000n });
  return out;
}

describe('loadRecording', () => {
  it('keeps every topic\'s messages in log-time order with times relative to the first message', async () => {
    const rec = await loadRecordingBytes((await bagBytes(fixture(), { metadata: { seed: '1' } })).bytes, { source: 'f.mcap' });
    expect(rec.source).toBe('f.mcap');
    expect(rec.startTimeNs).toBe(1_000_000_000n);
    expect(rec.durationNs).toBe(900_000_000);
    expect(rec.metadata.get('fleet_bandits_run')).toEqual({ seed: '1' });
    expect([...rec.topics.keys()]).toEqual(['/fast', '/slow']);
    const slow = rec.topics.get('/slow')!;
    expect([...slow.timesNs]).toEqual([0, 250e6, 250e6, 750e6]);
    expect(slow.messages.map((m) => (m as { round: number }).round)).toEqual([100, 101, 102, 103]);
    expect(slow.type).toBe(MsgType.JointReward);
  });

  it('loads only the selected topics', async () => {
    const rec = await loadRecordingBytes((await bagBytes(fixture())).bytes, { topics: ['/slow'] });
    expect([...rec.topics.keys()]).toEqual(['/slow']);
  });

  it('finds the last message at or before a time, and what arrived in between', async () => {
    const rec = await loadRecordingBytes((await bagBytes(fixture())).bytes);
    const slow = rec.topics.get('/slow')!;
    expect(indexAtOrBefore(slow, -1)).toBe(-1);
    expect(messageAtOrBefore(slow, -1)).toBeUndefined();
    expect(indexAtOrBefore(slow, 0)).toBe(0);
    expect(indexAtOrBefore(slow, 249e6)).toBe(0);
    expect(indexAtOrBefore(slow, 250e6)).toBe(2); // the later of two equal times
    expect(indexAtOrBefore(slow, 1e12)).toBe(3);
    expect(messageAtOrBefore(slow, 500e6)).toEqual(reward(102));
    expect(messagesBetween(slow, 0, 250e6)).toEqual([reward(101), reward(102)]);
    expect(messagesBetween(rec.topics.get('/fast')!, 250e6, 500e6).map((m) => (m as { round: number }).round)).toEqual([3, 4, 5]);
  });
});
