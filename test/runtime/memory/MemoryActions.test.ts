// Embedded actions: exchanges are events on the virtual clock, code after `await` runs at the
// virtual time of the event that settled the promise, goal states follow rcl_action, and misuse
// gets a clear error.
import { describe, expect, it } from 'vitest';
import { copyMessage, goalTransition } from '../../../src/runtime/memory/MemoryActions.js';
import { MemoryTransport } from '../../../src/runtime/memory/MemoryTransport.js';
import type { ServerGoalHandle } from '../../../src/runtime/NodeHandle.js';

const FIB = 'example_interfaces/action/Fibonacci';
type Goal = { order: number };
type Result = { sequence: number[] };

describe('MemoryTransport actions', () => {
  it('runs the code after `await` at the virtual time of the event that settled the promise', async () => {
    const bus = new MemoryTransport({ logSink: () => {} });
    const server = bus.createNode('server');
    const client = bus.createNode('client');
    server.createActionServer<Goal, Result, never>(FIB, 'fib', {
      // Finishes 0.5 s after it starts, from the server node's own timer.
      execute: (g) =>
        new Promise((done) => {
          const t = server.createTimer(0.5, () => {
            t.cancel();
            g.succeed();
            done({ sequence: [g.request.order] });
          });
        }),
    });
    const ac = client.createActionClient<Goal, Result, never>(FIB, 'fib');
    const seen: [string, number][] = [];
    client.createTimer(1, () => {
      if (seen.length > 0) return;
      void (async () => {
        seen.push(['send', client.now()]);
        const h = await ac.sendGoal({ order: 7 });
        seen.push(['accepted', client.now()]);
        const r = await h.result();
        seen.push([`${r.status} ${r.result.sequence}`, client.now()]);
      })();
    });
    await bus.run({ untilNs: 3e9 });
    expect(seen).toEqual([
      ['send', 1e9],
      ['accepted', 1e9],
      ['succeeded 7', 1.5e9],
    ]);
  });

  it('keeps one server per action name and one type per name; a goal without a server is refused clearly', async () => {
    const bus = new MemoryTransport({ logSink: () => {} });
    const n = bus.createNode('n', { namespace: '/robot_0' });
    n.createActionServer<Goal, Result, never>(FIB, 'fib', { execute: (g) => (g.succeed(), { sequence: [] }) });
    expect(() => bus.createNode('m', { namespace: '/robot_0' }).createActionServer(FIB, 'fib', { execute: () => ({}) })).toThrow("action '/robot_0/fib' already has a server (node /robot_0/n); one server per action name");
    expect(() => n.createActionClient('nav2_msgs/action/NavigateToPose', 'fib')).toThrow("action '/robot_0/fib' has type 'example_interfaces/action/Fibonacci'; cannot use it with type 'nav2_msgs/action/NavigateToPose'");
    const lonely = n.createActionClient<Goal, Result, never>(FIB, '/nowhere');
    const refused = expect(lonely.sendGoal({ order: 1 })).rejects.toThrow("no action server for '/nowhere' (example_interfaces/action/Fibonacci); call waitForServer() before sendGoal()");
    await bus.run({ untilNs: 1e6 });
    await refused;
    expect(bus.actions.list().map((a) => a.name).sort()).toEqual(['/nowhere', '/robot_0/fib']);
  });

  it('aborts the goals of a destroyed server (no client waits for ever) and copies messages at each hop', async () => {
    const bus = new MemoryTransport({ logSink: () => {} });
    const srvNode = bus.createNode('server');
    let held: ServerGoalHandle<Goal, never> | undefined;
    srvNode.createActionServer<Goal, Result, never>(FIB, 'fib', { execute: (g) => ((held = g), new Promise(() => {})) });
    const ac = bus.createNode('client').createActionClient<Goal, Result, never>(FIB, 'fib');
    const goal = { order: 3 };
    const sending = ac.sendGoal(goal);
    goal.order = 99; // the request was copied when sent
    await bus.run({ untilNs: 1e6 });
    const h = await sending;
    expect(held!.request).toEqual({ order: 3 });
    const result = h.result();
    srvNode.destroy();
    await bus.run({ untilNs: 2e6 });
    expect((await result).status).toBe('aborted');
    expect(ac.isServerAvailable()).toBe(false);
  });

  it('follows rcl_action\'s goal state machine', () => {
    expect(goalTransition('accepted', 'execute')).toBe('executing');
    expect(goalTransition('executing', 'cancel_goal')).toBe('canceling');
    expect(goalTransition('canceling', 'canceled')).toBe('canceled');
    expect(goalTransition('canceling', 'succeed')).toBe('succeeded');
    expect(() => goalTransition('executing', 'canceled')).toThrow("goal event 'canceled' is invalid in state 'executing'");
    expect(() => goalTransition('succeeded', 'abort')).toThrow(/invalid in state 'succeeded'/);
    const m = { a: [1, { b: 2 }], t: Float64Array.from([1, 2]) };
    const c = copyMessage(m);
    expect(c).toEqual(m);
    expect(c.a).not.toBe(m.a);
    expect(c.t).not.toBe(m.t);
  });
});
