// The pacer behind the viewer's play, pause and speed: it slices an embedded run by wall-clock time, stops on request even while paused, and keeps the run's error.
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/runtime/memory/MemoryTransport.js';
import { EmbeddedPacer } from '../../src/viewer/server/EmbeddedPacer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A transport with one node ticking every 0.1 s of node time, `ticks` times. */
function ticking(ticks: number) {
  const bus = new MemoryTransport({ logSink: () => {} });
  const node = bus.createNode('ticker');
  let count = 0;
  const timer = node.createTimer(0.1, () => {
    if (++count >= ticks) timer.cancel();
  });
  return { bus, count: () => count };
}

describe('EmbeddedPacer', () => {
  it('runs unpaced to the end at speed null, like an unpaced run', async () => {
    const { bus, count } = ticking(5000);
    const pacer = new EmbeddedPacer({ speed: null });
    await pacer.drive(bus);
    expect(count()).toBe(5000);
    expect(bus.nowNs).toBe(500e9);
  });

  it('paces node time by wall-clock time times the speed', async () => {
    const slow = ticking(1e6);
    const fast = ticking(1e6);
    const a = new EmbeddedPacer({ speed: 1 });
    const b = new EmbeddedPacer({ speed: 1000 });
    let stop = false;
    const runs = [a.drive(slow.bus, { shouldStop: () => stop }), b.drive(fast.bus, { shouldStop: () => stop })];
    await sleep(300);
    stop = true;
    await Promise.all(runs);
    // Generous bounds (this is behaviour, not a benchmark): ~0.3 s vs ~300 s of node time.
    expect(slow.bus.nowNs).toBeLessThan(2e9);
    expect(fast.bus.nowNs).toBeGreaterThan(20e9);
  });

  it('holds node time while paused, resumes on play, and stops while paused', async () => {
    const { bus } = ticking(1e6);
    const pacer = new EmbeddedPacer({ speed: 100 });
    let stop = false;
    const done = pacer.drive(bus, { shouldStop: () => stop });
    await sleep(100);
    pacer.pause();
    await sleep(50);
    const held = bus.nowNs;
    expect(held).toBeGreaterThan(0);
    await sleep(150);
    expect(bus.nowNs).toBe(held);
    expect(pacer.status()).toEqual({ paused: true, speed: 100, finished: false });
    pacer.play();
    await sleep(100);
    expect(bus.nowNs).toBeGreaterThan(held);
    pacer.pause();
    await sleep(30);
    stop = true;
    await done; // returns although paused
    pacer.setSpeed(null);
    pacer.markFinished();
    expect(pacer.status()).toEqual({ paused: true, speed: null, finished: true });
  });

  it('stops at untilNs and rejects with a callback\'s error', async () => {
    const { bus } = ticking(1e6);
    await new EmbeddedPacer({ speed: null }).drive(bus, { untilNs: 2e9 });
    expect(bus.nowNs).toBe(2e9);

    const failing = new MemoryTransport({ logSink: () => {} });
    failing.createNode('bad').createTimer(0.1, () => {
      throw new Error('boom');
    });
    await expect(new EmbeddedPacer({ speed: 50 }).drive(failing)).rejects.toThrow('boom');
  });

  it('finishes the current instant when asked to run until now (what a recorder does at the end)', async () => {
    const bus = new MemoryTransport({ logSink: () => {} });
    const node = bus.createNode('n');
    let heard = 0;
    const pub = node.createPublisher<{ data: number }>('std_msgs/msg/Float64', 'x');
    node.createSubscription('std_msgs/msg/Float64', 'x', () => heard++);
    pub.publish({ data: 1 }); // delivery queued at time 0
    await new EmbeddedPacer({ speed: 1 }).drive(bus, { untilNs: bus.nowNs });
    expect(heard).toBe(1);
  });

  it('rejects a bad initial speed', () => {
    expect(() => new EmbeddedPacer({ speed: 0 })).toThrow('speed must be a positive number or null, found 0');
  });
});
