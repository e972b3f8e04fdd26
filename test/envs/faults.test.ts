import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';
import { createChannel } from '../../src/envs/channels/createChannel.js';
import { AgentDowntime } from '../../src/envs/faults/AgentDowntime.js';
import type { FaultSpec } from '../../src/envs/faults/FaultSpec.js';
import { FaultyChannel } from '../../src/envs/faults/FaultyChannel.js';

const run = new Rng(3).stream('run/0');

function outcomes(channel: { send(t: number): number }, T: number): number[] {
  return Array.from({ length: T }, (_, t) => channel.send(t));
}

describe('FaultyChannel', () => {
  const plain = () => createChannel({ type: 'delay', eps: 0.3, delay: { type: 'geometric', p: 0.5 } }, run.stream('channel/1'));

  it('a blackout erases its window only; the link draws as without it', () => {
    const faults: FaultSpec[] = [{ kind: 'link-blackout', links: [1], from: 10, to: 20 }];
    const faulty = new FaultyChannel(plain(), faults, 1, run);
    const want = outcomes(plain(), 40);
    const got: number[] = [];
    const why: (string | undefined)[] = [];
    for (let t = 0; t < 40; t++) {
      got.push(faulty.send(t));
      why.push(faulty.lastFault);
    }
    expect(got).toEqual(want.map((d, t) => (t >= 10 && t < 20 ? -1 : d)));
    expect(why.filter((w) => w === 'link-blackout')).toHaveLength(10);
    expect(new FaultyChannel(plain(), faults, 0, run).faulty).toBe(false);
  });

  it('a burst draws from its own stream: outside the window, and for other faults, nothing shifts', () => {
    const burst: FaultSpec = { kind: 'burst-loss', links: [1], from: 100, to: 600, pGoodToBad: 0.05, pBadToGood: 0.2 };
    const a = outcomes(new FaultyChannel(plain(), [burst], 1, run), 800);
    const b = outcomes(new FaultyChannel(plain(), [{ kind: 'learner-restart', round: 5 }, burst], 1, run), 800);
    const want = outcomes(plain(), 800);
    const lostByBurst = a.filter((d, t) => d < 0 && want[t] >= 0).length;
    // Bad 1/5 of the time (mean bad run 5 rounds): about 100 of 500 erased, 70 of them otherwise delivered.
    expect(lostByBurst).toBeGreaterThan(30);
    expect(lostByBurst).toBeLessThan(150);
    a.forEach((d, t) => {
      if (t < 100 || t >= 600) expect(d).toBe(want[t]);
      else if (d >= 0) expect(d).toBe(want[t]);
    });
    // Fault i draws from faults/<i>/...: the same burst at index 1 is a different realisation.
    expect(b).not.toEqual(a);
    expect(a[100]).toBe(-1); // lossBad 1 and the chain starts bad
  });
});

describe('AgentDowntime', () => {
  it('merges overlapping windows and answers per round', () => {
    const d = new AgentDowntime(
      [
        { kind: 'agent-crash', agents: [0, 2], from: 5, to: 10 },
        { kind: 'agent-crash', agents: [0], from: 8, to: 12 },
      ],
      3,
    );
    expect(d.total).toBe(7 + 5);
    expect([4, 5, 11, 12].map((t) => d.isDown(0, t))).toEqual([false, true, true, false]);
    expect(d.isDown(1, 6)).toBe(false);
    expect(d.upCount(9)).toBe(1);
    expect(new AgentDowntime(undefined, 3).total).toBe(0);
  });
});
