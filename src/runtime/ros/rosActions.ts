/**
 * Runtime actions as rclnodejs actions: `createActionClient` -> `new rclnodejs.ActionClient(node,
 * type, name, {enableTypedArray: false})`, `createActionServer` -> `new rclnodejs.ActionServer(node,
 * type, name, execute, goalCallback, undefined, cancelCallback, {enableTypedArray: false})`.
 * Goals go to rclnodejs as plain objects (its generated classes take them field by field); what
 * comes back is converted to the plain objects node programs see embedded (numbers for 64-bit
 * integers, arrays). Status numbers are action_msgs/msg/GoalStatus values, named here.
 */
import type {
  ActionClient,
  ActionOutcome,
  ActionServer,
  ActionServerCallbacks,
  ClientGoalHandle,
  GoalStatus,
  ServerGoalHandle,
} from '../NodeHandle.js';
import type { RclActionServer, RclClientGoalHandle, RclnodejsApi, RclNode, RclServerGoalHandle, RclUuid } from './RclnodejsApi.js';
import { fromRclMessage } from './rosMessages.js';

/** action_msgs/msg/GoalStatus: STATUS_UNKNOWN = 0 ... STATUS_ABORTED = 6. */
const STATUS_NAMES: readonly GoalStatus[] = ['unknown', 'accepted', 'executing', 'canceling', 'succeeded', 'canceled', 'aborted'];

export function goalStatusName(status: number): GoalStatus {
  return STATUS_NAMES[status] ?? 'unknown';
}

/** 32 hex digits of a unique_identifier_msgs/UUID. */
export function uuidHex(id: RclUuid | undefined): string {
  const bytes = id?.uuid ?? [];
  return Array.from(bytes as ArrayLike<number>, (b) => Number(b).toString(16).padStart(2, '0')).join('');
}

/** A generated message object (its `toPlainObject`) or a plain object, as node programs see it. */
function plainOf(value: unknown): unknown {
  const v = value as { toPlainObject?: (typedArray?: boolean) => unknown } | null;
  const plain = v !== null && typeof v === 'object' && typeof v.toPlainObject === 'function' ? v.toPlainObject(false) : value;
  // An action type is no topic type of ours: fromRclMessage converts field by field.
  return fromRclMessage('', plain);
}

/** What the mapping needs of the node: rclnodejs, its node, and the callback guard. */
export interface RosActionContext {
  api: RclnodejsApi;
  node: RclNode;
  /** Wraps a callback so an exception is logged and stops the transport (never thrown into rclnodejs). */
  guard<A extends unknown[]>(what: string, fn: (...args: A) => void): (...args: A) => void;
  /** The node's resolution of `name` (namespace applied), for `name` on the handle. */
  resolve(name: string): string;
  logError(message: string): void;
}

export function createRosActionClient<G, R, F>(ctx: RosActionContext, type: string, name: string): ActionClient<G, R, F> {
  const client = new ctx.api.ActionClient(ctx.node, type, name, { enableTypedArray: false });
  const wrap = (gh: RclClientGoalHandle): ClientGoalHandle<R> => ({
    goalId: uuidHex(gh.goalId),
    accepted: gh.isAccepted(),
    get status() {
      return goalStatusName(gh.status);
    },
    async result(): Promise<ActionOutcome<R>> {
      if (!gh.isAccepted()) throw new Error(`goal ${uuidHex(gh.goalId)} was rejected by the server; it has no result`);
      const result = await gh.getResult();
      // rclnodejs sets the handle's status from the result response before resolving.
      return { status: goalStatusName(gh.status), result: plainOf(result) as R };
    },
    async cancel(): Promise<boolean> {
      const response = await gh.cancelGoal();
      return response.return_code === 0 && Array.from(response.goals_canceling ?? []).length > 0;
    },
  });
  return {
    name: ctx.resolve(name),
    type,
    isServerAvailable: () => client.isActionServerAvailable(),
    waitForServer: (timeoutSeconds?: number) => client.waitForServer(timeoutSeconds === undefined ? undefined : Math.round(timeoutSeconds * 1000)),
    async sendGoal(goal: G, onFeedback?: (feedback: F) => void): Promise<ClientGoalHandle<R>> {
      const feedback = onFeedback ? ctx.guard(`feedback callback of action '${name}'`, (f: unknown) => onFeedback(plainOf(f) as F)) : undefined;
      return wrap(await client.sendGoal(goal, feedback));
    },
    destroy: () => client.destroy(),
  };
}

export function createRosActionServer<G, R, F>(ctx: RosActionContext, type: string, name: string, callbacks: ActionServerCallbacks<G, R, F>): ActionServer {
  if (typeof callbacks?.execute !== 'function') throw new TypeError(`action server '${name}': callbacks.execute must be a function`);
  const { api } = ctx;
  // One wrapper per rclnodejs handle: execute and onCancel see the same object for one goal.
  const handles = new WeakMap<RclServerGoalHandle, ServerGoalHandle<G, F>>();
  const wrap = (gh: RclServerGoalHandle): ServerGoalHandle<G, F> => {
    let h = handles.get(gh);
    if (!h) {
      const request = plainOf(gh.request) as G;
      h = {
        goalId: uuidHex(gh.goalId),
        request,
        get status() {
          return goalStatusName(gh.status);
        },
        get isActive() {
          return gh.isActive;
        },
        get isCancelRequested() {
          return gh.isCancelRequested;
        },
        publishFeedback: (f: F) => gh.publishFeedback(f),
        succeed: () => gh.succeed(),
        abort: () => gh.abort(),
        canceled: () => gh.canceled(),
      };
      handles.set(gh, h);
    }
    return h;
  };
  // rclnodejs catches what execute throws, logs it and aborts the goal: the same as embedded.
  const execute = (gh: RclServerGoalHandle) => callbacks.execute(wrap(gh));
  const decide = (what: string, fn: () => boolean): boolean => {
    let yes = false;
    ctx.guard(what, () => {
      yes = fn() === true;
    })();
    return yes;
  };
  const onGoal = callbacks.onGoal;
  const goalCallback = onGoal
    ? (goal: unknown) => (decide(`goal callback of action '${name}'`, () => onGoal.call(callbacks, plainOf(goal) as G)) ? api.GoalResponse.ACCEPT : api.GoalResponse.REJECT)
    : undefined;
  const onCancel = callbacks.onCancel;
  const cancelCallback = onCancel
    ? (gh: RclServerGoalHandle) => (decide(`cancel callback of action '${name}'`, () => onCancel.call(callbacks, wrap(gh))) ? api.CancelResponse.ACCEPT : api.CancelResponse.REJECT)
    : undefined;
  const server: RclActionServer = new api.ActionServer(ctx.node, type, name, execute, goalCallback, undefined, cancelCallback, { enableTypedArray: false });
  return { name: ctx.resolve(name), type, destroy: () => server.destroy() };
}
