// The event queue pops by (time, insertion order), whichever of its heap and same-time lane holds the event.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/runtime/memory/EventQueue.js';

const SEED = 7_070;

describe(`EventQueue (fast-check seed ${SEED})`, () => {
  it('pops what a stable sort by time would, with pushes at the current time, later times and earlier ones mixed in', () => {
    const op = fc.oneof(fc.record({ push: fc.constant(true), dt: fc.oneof(fc.constant(0), fc.constant(0), fc.nat(3)) }), fc.record({ push: fc.constant(false), dt: fc.constant(0) }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const queue = new EventQueue();
        const reference: { time: number; id: number }[] = [];
        const popped: number[] = [];
        const expected: number[] = [];
        let now = 0;
        let id = 0;
        for (const { push, dt } of ops) {
          if (push) {
            const time = now + dt;
            const mine = id++;
            queue.push(time, () => popped.push(mine));
            reference.push({ time, id: mine });
          } else {
            const ev = queue.pop();
            reference.sort((a, b) => a.time - b.time || a.id - b.id);
            const head = reference.shift();
            expect(ev === undefined).toBe(head === undefined);
            if (ev === undefined || head === undefined) continue;
            ev.run();
            expected.push(head.id);
            now = ev.timeNs;
            expect(ev.timeNs).toBe(head.time);
          }
          expect(queue.size).toBe(reference.length);
          reference.sort((a, b) => a.time - b.time || a.id - b.id);
          expect(queue.peekTime()).toBe(reference.length > 0 ? reference[0].time : Infinity);
        }
        expect(popped).toEqual(expected);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
