// In-flight commands: released by arrival round then sent round, growth past the capacity.
import { describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../../src/envs/channels/DeliveryQueue.js';
import { Rng } from '../../../src/core/random.js';

describe('DeliveryQueue', () => {
  it('releases exactly the due entries, earliest arrival (then earliest sent) first (seed 6)', () => {
    const rng = new Rng(6);
    const q = new DeliveryQueue(2);
    const entries: { arrival: number; sent: number; arm: number }[] = [];
    for (let sent = 0; sent < 300; sent++) {
      const e = { arrival: sent + rng.int(20), sent, arm: rng.int(10) };
      entries.push(e);
      q.push(e.arrival, e.sent, e.arm);
    }
    expect(q.size).toBe(300);
    const out: { arrival: number; sent: number; arm: number }[] = [];
    for (let round = 0; round < 400; round++) {
      while (q.popDue(round)) {
        expect(entries[q.sent].arrival).toBeLessThanOrEqual(round);
        out.push({ arrival: entries[q.sent].arrival, sent: q.sent, arm: q.arm });
      }
    }
    const expected = [...entries].sort((a, b) => a.arrival - b.arrival || a.sent - b.sent);
    expect(out).toEqual(expected);
    expect(q.size).toBe(0);
    expect(q.popDue(1e9)).toBe(false);
  });
});
