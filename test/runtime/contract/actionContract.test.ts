// One action behaviour suite for every transport (embedded, rclnodejs over the fake API, real ROS 2
// when sourced): goals, feedback, results, rejection, cancellation, waiting for a server.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionServerCallbacks, NodeHandle, ServerGoalHandle } from '../../../src/runtime/NodeHandle.js';
import { RosUnavailableError } from '../../../src/runtime/ros/RclnodejsTransport.js';
import { backends, type Harness } from './backends.js';

const FIBONACCI = 'example_interfaces/action/Fibonacci';
interface Goal {
  order: number;
}
interface Sequence {
  sequence: number[];
}

/** Advances node time until `promise` settles (or `maxSeconds` pass); returns its value. */
async function settle<T>(h: Harness, promise: Promise<T>, maxSeconds = 5): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  tracked.catch(() => {});
  for (let t = 0; t < maxSeconds && !done; t += 0.01) await h.advance(0.01);
  if (!done) throw new Error(`promise did not settle within ${maxSeconds} s of node time`);
  return tracked;
}

/**
 * A Fibonacci server that adds one term per tick of its node's timer, publishing the sequence so
 * far as feedback; it finishes canceled when a cancel was accepted.
 */
function fibonacciServer(node: NodeHandle, options: Partial<ActionServerCallbacks<Goal, Sequence, Sequence>> = {}, name = 'fibonacci') {
  const running: { goal: ServerGoalHandle<Goal, Sequence>; seq: number[]; done: (r: Sequence) => void }[] = [];
  node.createTimer(0.05, () => {
    for (const r of [...running]) {
      if (r.goal.isCancelRequested) {
        r.goal.canceled();
      } else if (r.seq.length <= r.goal.request.order) {
        r.seq.push(r.seq.length < 2 ? r.seq.length : r.seq[r.seq.length - 1] + r.seq[r.seq.length - 2]);
        r.goal.publishFeedback({ sequence: [...r.seq] });
        continue;
      } else {
        r.goal.succeed();
      }
      running.splice(running.indexOf(r), 1);
      r.done({ sequence: [...r.seq] });
    }
  });
  return node.createActionServer<Goal, Sequence, Sequence>(FIBONACCI, name, {
    execute: (goal) => new Promise<Sequence>((done) => running.push({ goal, seq: [], done })),
    ...options,
  });
}

describe.each(backends)('action contract: $name', (backend) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  /** Opens the backend; on real ROS 2 without example_interfaces the test is skipped. */
  async function open(skip: () => void): Promise<{ server: NodeHandle; client: NodeHandle } | null> {
    h = await backend.open();
    const server = h.transport.createNode('fib_server', { namespace: h.ns });
    const client = h.transport.createNode('fib_client', { namespace: h.ns });
    try {
      client.createActionClient(FIBONACCI, 'probe').destroy();
    } catch (err) {
      if (err instanceof RosUnavailableError && h.realtime) {
        skip();
        return null;
      }
      throw err;
    }
    return { server, client };
  }

  describe.skipIf(backend.skip)('actions', () => {
    it('runs a goal: accepted, feedback in order as plain arrays, result with status succeeded', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      const base = h.ns === '/' ? '' : h.ns;
      const server = fibonacciServer(nodes.server);
      expect(server.name).toBe(`${base}/fibonacci`);
      const client = nodes.client.createActionClient<Goal, Sequence, Sequence>(FIBONACCI, 'fibonacci');
      expect(client.name).toBe(`${base}/fibonacci`);
      expect(client.type).toBe(FIBONACCI);
      expect(await settle(h, client.waitForServer(5))).toBe(true);
      expect(client.isServerAvailable()).toBe(true);
      const feedback: number[][] = [];
      const handle = await settle(h, client.sendGoal({ order: 5 }, (f) => feedback.push(f.sequence)));
      expect(handle.accepted).toBe(true);
      expect(handle.goalId).toMatch(/^[0-9a-f]{32}$/);
      const outcome = await settle(h, handle.result());
      expect(outcome).toEqual({ status: 'succeeded', result: { sequence: [0, 1, 1, 2, 3, 5] } });
      expect(handle.status).toBe('succeeded');
      expect(feedback.at(-1)).toEqual([0, 1, 1, 2, 3, 5]);
      expect(feedback.map((f) => f.length)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const f of feedback) expect(Array.isArray(f)).toBe(true);
    });

    it('rejects goals the server refuses; a rejected goal has no result', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      fibonacciServer(nodes.server, { onGoal: (g) => g.order <= 10 });
      const client = nodes.client.createActionClient<Goal, Sequence, Sequence>(FIBONACCI, 'fibonacci');
      await settle(h, client.waitForServer(5));
      const handle = await settle(h, client.sendGoal({ order: 50 }));
      expect(handle.accepted).toBe(false);
      await expect(handle.result()).rejects.toThrow(/rejected/);
    });

    it('cancels a running goal only when the server agrees (servers reject cancels by default)', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      fibonacciServer(nodes.server);
      const client = nodes.client.createActionClient<Goal, Sequence, Sequence>(FIBONACCI, 'fibonacci');
      await settle(h, client.waitForServer(5));
      const stubborn = await settle(h, client.sendGoal({ order: 40 }));
      expect(await settle(h, stubborn.cancel())).toBe(false);
      const outcome = await settle(h, stubborn.result(), 10);
      expect(outcome.status).toBe('succeeded');
      expect(outcome.result.sequence).toHaveLength(41);
      // Once finished, a cancel is refused too.
      expect(await settle(h, stubborn.cancel())).toBe(false);

      // The same server program under a second name, agreeing to cancels.
      fibonacciServer(h.transport.createNode('fib_server2', { namespace: h.ns }), { onCancel: () => true }, 'fibonacci_cancelable');
      const agreeable = nodes.client.createActionClient<Goal, Sequence, Sequence>(FIBONACCI, 'fibonacci_cancelable');
      await settle(h, agreeable.waitForServer(5));
      const goal = await settle(h, agreeable.sendGoal({ order: 30 }));
      expect(goal.accepted).toBe(true);
      expect(await settle(h, goal.cancel())).toBe(true);
      const canceled = await settle(h, goal.result());
      expect(canceled.status).toBe('canceled');
      expect(canceled.result.sequence.length).toBeLessThan(10);
    });

    it('waitForServer answers false after its timeout when no server exists, true once one appears', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      const client = nodes.client.createActionClient<Goal, Sequence, Sequence>(FIBONACCI, 'nobody');
      expect(client.isServerAvailable()).toBe(false);
      expect(await settle(h, client.waitForServer(0.3), 3)).toBe(false);
      const waiting = client.waitForServer(5);
      await h.advance(0.1);
      nodes.server.createActionServer<Goal, Sequence, Sequence>(FIBONACCI, 'nobody', { execute: (g) => (g.succeed(), { sequence: [] }) });
      expect(await settle(h, waiting)).toBe(true);
    });

    it('aborts a goal whose execute callback leaves it active or throws', async (ctx) => {
      const nodes = await open(() => ctx.skip());
      if (!nodes) return;
      nodes.server.createActionServer<Goal, Sequence, Sequence>(FIBONACCI, 'careless', {
        execute: (g) => {
          if (g.request.order === 1) throw new Error('no can do');
          return { sequence: [7] };
        },
      });
      const client = nodes.client.createActionClient<Goal, Sequence, Sequence>(FIBONACCI, 'careless');
      await settle(h, client.waitForServer(5));
      const left = await settle(h, client.sendGoal({ order: 2 }));
      expect((await settle(h, left.result())).status).toBe('aborted');
      const threw = await settle(h, client.sendGoal({ order: 1 }));
      expect((await settle(h, threw.result())).status).toBe('aborted');
    });
  });
});
