// Runtime actions map to rclnodejs' ActionClient / ActionServer (checked on the fake API): the
// constructor calls and options, goals passed as plain objects, status numbers named, goal and
// cancel callbacks answering GoalResponse / CancelResponse, failures reported; and the fake's
// actions behave as rclnodejs 2.2.0's do where a caller could tell.
import { describe, expect, it } from 'vitest';
import type { ServerGoalHandle } from '../../../src/runtime/NodeHandle.js';
import { goalStatusName, uuidHex } from '../../../src/runtime/ros/rosActions.js';
import { createRclnodejsTransport, RosUnavailableError } from '../../../src/runtime/ros/RclnodejsTransport.js';
import type { RclClientGoalHandle, RclServerGoalHandle } from '../../../src/runtime/ros/RclnodejsApi.js';
import { createFakeRclnodejs, type FakeRclnodejs } from '../../fakes/fakeRclnodejs.js';
import { GoalStatus } from '../../fakes/fakeRclnodejsActions.js';

const NAV = 'nav2_msgs/action/NavigateToPose';
const FIB = 'example_interfaces/action/Fibonacci';

async function setup(fake: FakeRclnodejs = createFakeRclnodejs()) {
  const transport = await createRclnodejsTransport({ rclnodejs: fake, argv: ['test'] });
  return { fake, transport };
}

/** Lets fake time pass in small steps, running promise continuations in between. */
async function pass(fake: FakeRclnodejs, seconds: number) {
  for (let t = 0; t < seconds; t += 0.001) {
    fake.advance(1_000_000);
    await new Promise<void>((r) => setImmediate(r));
  }
}

const pose = { header: { stamp: { sec: 3, nanosec: 0 }, frame_id: 'map' }, pose: { position: { x: 1, y: 2, z: 0 }, orientation: { x: 0, y: 0, z: 0, w: 1 } } };

describe('RclnodejsTransport: actions', () => {
  it('creates `new rclnodejs.ActionClient(node, type, name, {enableTypedArray: false})`, names it in the namespace, waits in milliseconds', async () => {
    const { fake, transport } = await setup();
    const n = transport.createNode('robot', { namespace: '/robot_2' });
    const client = n.createActionClient(NAV, 'navigate_to_pose');
    expect([client.name, client.type]).toEqual(['/robot_2/navigate_to_pose', NAV]);
    expect(fake.callsOf('ActionClient.new', '/robot_2/robot').map((c) => c.args)).toEqual([[NAV, 'navigate_to_pose', { enableTypedArray: false }]]);
    expect(fake.actions.clients[0].name).toBe('/robot_2/navigate_to_pose');
    expect(client.isServerAvailable()).toBe(false);
    const waiting = client.waitForServer(0.25);
    expect(fake.callsOf('ActionClient.waitForServer')[0].args).toEqual([250]);
    await pass(fake, 0.3);
    expect(await waiting).toBe(false);
    client.destroy();
    expect(fake.callsOf('ActionClient.destroy')).toHaveLength(1);
  });

  it('passes goals to sendGoal as given, names statuses, and gets plain results and feedback', async () => {
    const { fake, transport } = await setup();
    const n = transport.createNode('robot', { namespace: '/robot_0' });
    const requests: unknown[] = [];
    let held: ServerGoalHandle<{ pose: typeof pose; behavior_tree: string }, unknown> | undefined;
    let release: (r: unknown) => void = () => {};
    transport.createNode('nav2', { namespace: '/robot_0' }).createActionServer<{ pose: typeof pose; behavior_tree: string }, unknown, { distance_remaining: number; poses: number[] }>(NAV, 'navigate_to_pose', {
      execute: (goal) => {
        requests.push(goal.request);
        held = goal;
        goal.publishFeedback({ distance_remaining: 2.5, poses: [1, 2, 3] });
        return new Promise((r) => (release = r));
      },
    });
    const client = n.createActionClient<{ pose: typeof pose; behavior_tree: string }, { error_code: number }, { distance_remaining: number; poses: number[] }>(NAV, 'navigate_to_pose');
    const feedback: { distance_remaining: number; poses: number[] }[] = [];
    const goal = { pose, behavior_tree: '' };
    const sending = client.sendGoal(goal, (f) => feedback.push(f));
    expect(fake.callsOf('ActionClient.sendGoal', '/robot_0/robot')[0].args[1]).toBe(goal);
    await pass(fake, 0.01);
    const handle = await sending;
    expect(handle.accepted).toBe(true);
    expect(handle.goalId).toMatch(/^[0-9a-f]{32}$/);
    // The server's execute callback saw a plain object (toPlainObject of the message), not the message class.
    expect(requests).toEqual([goal]);
    expect(typeof (requests[0] as { toPlainObject?: unknown }).toPlainObject).toBe('undefined');
    expect(feedback).toEqual([{ distance_remaining: 2.5, poses: [1, 2, 3] }]);
    expect(Array.isArray(feedback[0].poses)).toBe(true);
    expect(handle.status).toBe('executing');
    held!.succeed();
    release({ error_code: 0 });
    const outcome = handle.result();
    await pass(fake, 0.01);
    expect(await outcome).toEqual({ status: 'succeeded', result: { error_code: 0 } });
    expect(handle.status).toBe('succeeded');
  });

  it('answers rclnodejs with GoalResponse / CancelResponse numbers from onGoal / onCancel, and leaves rclnodejs\' defaults when not given', async () => {
    const { fake, transport } = await setup();
    const server = transport.createNode('srv');
    server.createActionServer<{ order: number }, unknown, unknown>(FIB, 'fib', { execute: () => ({}), onGoal: (g) => g.order < 10, onCancel: () => false });
    server.createActionServer(FIB, 'plain', { execute: () => ({}) });
    const [withCallbacks, plain] = fake.callsOf('ActionServer.new', '/srv').map((c) => c.args);
    const [type, name, execute, goalCb, accepted, cancelCb, options] = withCallbacks as [string, string, unknown, (g: unknown) => number, unknown, (h: unknown) => number, unknown];
    expect([type, name, typeof execute, accepted, options]).toEqual([FIB, 'fib', 'function', undefined, { enableTypedArray: false }]);
    expect(goalCb({ order: 3 })).toBe(fake.GoalResponse.ACCEPT);
    expect(goalCb({ order: 30 })).toBe(fake.GoalResponse.REJECT);
    expect(cancelCb({ request: { order: 1 }, goalId: { uuid: [] }, status: 2 })).toBe(fake.CancelResponse.REJECT);
    expect([plain[3], plain[5]]).toEqual([undefined, undefined]);
  });

  it('says which action type is missing and what to install, and a throwing feedback callback stops the transport', async () => {
    const { transport } = await setup(createFakeRclnodejs({ missingTypes: [NAV] }));
    const n = transport.createNode('robot', { namespace: '/robot_1' });
    const err = (() => {
      try {
        n.createActionClient(NAV, 'navigate_to_pose');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RosUnavailableError);
    expect((err as Error).message).toMatch(/^message type 'nav2_msgs\/action\/NavigateToPose' is not available to rclnodejs .*\[node=\/robot_1\/robot\]/);

    const { fake, transport: t2 } = await setup();
    t2.createNode('srv').createActionServer<{ order: number }, unknown, { n: number }>(FIB, 'fib', { execute: (g) => (g.publishFeedback({ n: 1 }), g.succeed(), {}) });
    const client = t2.createNode('cli').createActionClient<{ order: number }, unknown, { n: number }>(FIB, 'fib');
    void client.sendGoal({ order: 1 }, () => {
      throw new Error('feedback handler broke');
    });
    await pass(fake, 0.01);
    const why = await t2.stopped;
    expect(why.by).toBe('failure');
    expect((why as { error: Error }).error.message).toMatch(/feedback handler broke \[node=\/cli in feedback callback of action 'fib'\]/);
  });

  it('names action_msgs/GoalStatus values and prints UUIDs as hex', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9].map(goalStatusName)).toEqual(['unknown', 'accepted', 'executing', 'canceling', 'succeeded', 'canceled', 'aborted', 'unknown']);
    expect(uuidHex({ uuid: [0, 1, 255, 16] })).toBe('0001ff10');
  });
});

describe('fake rclnodejs actions', () => {
  async function graph() {
    const fake = createFakeRclnodejs();
    await fake.init(undefined, []);
    const srv = fake.createNode('srv');
    const cli = fake.createNode('cli');
    srv.spin();
    cli.spin();
    return { fake, srv, cli };
  }

  it('delivers feedback and results with TypedArrays unless enableTypedArray is false; getResult sets the status', async () => {
    const { fake, srv, cli } = await graph();
    new fake.ActionServer(srv, FIB, 'fib', (gh: RclServerGoalHandle) => {
      gh.publishFeedback({ sequence: [0, 1] });
      gh.succeed();
      return { sequence: [0, 1, 1] };
    });
    const client = new fake.ActionClient(cli, FIB, 'fib');
    const feedback: unknown[] = [];
    const sending = client.sendGoal({ order: 2 }, (f) => feedback.push(f));
    await pass(fake, 0.01);
    const gh = (await sending) as RclClientGoalHandle;
    expect(gh.isAccepted()).toBe(true);
    const result = gh.getResult();
    await pass(fake, 0.01);
    expect(await result).toEqual({ sequence: Float64Array.from([0, 1, 1]) });
    expect(gh.status).toBe(GoalStatus.SUCCEEDED);
    expect(feedback).toEqual([{ sequence: Float64Array.from([0, 1]) }]);
  });

  it('rejects cancels by default (return_code 0, nothing canceling), answers 3 for a finished goal, and refuses invalid goal events', async () => {
    const { fake, srv, cli } = await graph();
    let handle: RclServerGoalHandle | undefined;
    let invalid: unknown;
    let finish: (r: unknown) => void = () => {};
    new fake.ActionServer(srv, FIB, 'fib', (gh: RclServerGoalHandle) => {
      handle = gh;
      try {
        gh.canceled(); // no cancel was requested: rcl refuses the event
      } catch (err) {
        invalid = err;
      }
      return new Promise((r) => (finish = r));
    });
    const client = new fake.ActionClient(cli, FIB, 'fib', { enableTypedArray: false });
    const sending = client.sendGoal({ order: 1 });
    await pass(fake, 0.01);
    const gh = (await sending) as RclClientGoalHandle;
    expect((invalid as Error).message).toMatch(/goal event 'canceled' is invalid in state 2/);
    const refused = gh.cancelGoal();
    await pass(fake, 0.01);
    expect(await refused).toEqual({ return_code: 0, goals_canceling: [] });
    handle!.succeed();
    finish({});
    await pass(fake, 0.01);
    const late = gh.cancelGoal();
    await pass(fake, 0.01);
    expect((await late).return_code).toBe(3);
  });

  it('loses a goal sent while no server exists (its promise never settles), as over DDS', async () => {
    const { fake, cli } = await graph();
    const client = new fake.ActionClient(cli, FIB, 'nobody');
    let settled = false;
    void client.sendGoal({ order: 1 }).then(() => (settled = true));
    await pass(fake, 0.05);
    expect(settled).toBe(false);
    expect(client.isActionServerAvailable()).toBe(false);
  });
});
