/**
 * The fake rclnodejs' actions: `ActionClient`, `ActionServer`, their goal handles and the
 * `GoalResponse` / `CancelResponse` enums, written from rclnodejs 2.2.0 (types/action_client.d.ts,
 * action_server.d.ts and, where they differ, lib/action/*.js). What a caller could tell apart:
 * - every exchange (goal request and response, status, feedback, cancel, result) is a message
 *   that arrives `latencyNs` later, and only at a spinning node; a goal sent while no server
 *   exists is lost (its promise never settles), as over DDS;
 * - the server accepts goals unless its goal callback returns something other than
 *   `GoalResponse.ACCEPT`; the default cancel callback REJECTS; the cancel callback gets the goal
 *   handle; a rejected cancel still answers `return_code` 0 with no `goals_canceling`, a cancel of a
 *   finished goal answers 3 (ERROR_GOAL_TERMINATED);
 * - the execute callback runs after the default handle-accepted callback moved the goal to
 *   EXECUTING; what it throws is logged ("Error raised in execute callback"), a goal it leaves
 *   active is aborted ("Goal state not set, assuming aborted");
 * - goal states follow rcl_action's state machine: an invalid event throws;
 * - `ServerGoalHandle.status` is a number; `request` is a message object with `toPlainObject`;
 * - `getResult()` resolves with the result message alone and sets the handle's status; statuses
 *   only move forward on the client; numeric arrays arrive as TypedArrays unless
 *   `enableTypedArray: false` (Float64Array: the fake knows no action field types).
 * Deliberate difference: `waitForServer` polls on the fake's clock, not on wall-clock time.
 */
import type { RclActionOptions, RclActionServer, RclCancelResponse, RclClientGoalHandle, RclNode, RclServerGoalHandle, RclUuid } from '../../src/runtime/ros/RclnodejsApi.js';

export const GoalResponse = { REJECT: 1, ACCEPT: 2 } as const;
export const CancelResponse = { REJECT: 1, ACCEPT: 2 } as const;

/** action_msgs/msg/GoalStatus. */
export const GoalStatus = { UNKNOWN: 0, ACCEPTED: 1, EXECUTING: 2, CANCELING: 3, SUCCEEDED: 4, CANCELED: 5, ABORTED: 6 } as const;

const EVENTS = { EXECUTE: 'execute', CANCEL_GOAL: 'cancel_goal', SUCCEED: 'succeed', ABORT: 'abort', CANCELED: 'canceled' } as const;
type GoalEvent = (typeof EVENTS)[keyof typeof EVENTS];

/** rcl_action goal_state_machine.c: allowed (state, event) -> next state. */
function nextState(state: number, event: GoalEvent): number | null {
  const S = GoalStatus;
  switch (event) {
    case 'execute': return state === S.ACCEPTED ? S.EXECUTING : null;
    case 'cancel_goal': return state === S.ACCEPTED || state === S.EXECUTING ? S.CANCELING : null;
    case 'succeed': return state === S.EXECUTING || state === S.CANCELING ? S.SUCCEEDED : null;
    case 'abort': return state === S.EXECUTING || state === S.CANCELING ? S.ABORTED : null;
    case 'canceled': return state === S.CANCELING ? S.CANCELED : null;
  }
}

const isTerminal = (s: number) => s === GoalStatus.SUCCEEDED || s === GoalStatus.CANCELED || s === GoalStatus.ABORTED;

/** What the actions need of the fake and its nodes. */
export interface FakeActionHost {
  readonly nowNs: bigint;
  readonly latencyNs: bigint;
  schedule(at: bigint, run: () => void): void;
  invoke(fn: () => void): void;
  record(fn: string, node: string, args: unknown[]): void;
  /** Throws like a missing interface package for an action type that is not installed. */
  checkActionType(type: string): void;
}

export interface FakeActionNode extends RclNode {
  readonly spinning: boolean;
  resolveTopicName(name: string): string;
}

/** A message object as rclnodejs' generated classes give it: fields plus `toPlainObject`. */
class FakeMessageObject {
  constructor(fields: Record<string, unknown>) {
    Object.assign(this, structuredClone(fields));
  }
  toPlainObject(enableTypedArray = true): Record<string, unknown> {
    return outgoing({ ...this }, enableTypedArray) as Record<string, unknown>;
  }
}

/** A copy as a subscriber gets it: numeric arrays as Float64Array when typed arrays are on. */
function outgoing(value: unknown, typed: boolean): unknown {
  const copy = structuredClone(value);
  if (!typed) return copy;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length > 0 && v.every((x) => typeof x === 'number') ? Float64Array.from(v as number[]) : v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(copy);
}

function checkGoalObject(goal: unknown, what: string): Record<string, unknown> {
  if (typeof goal !== 'object' || goal === null || Array.isArray(goal)) throw new TypeError(`${what} must be an object (a goal message), found ${Array.isArray(goal) ? 'an array' : typeof goal}`);
  return goal as Record<string, unknown>;
}

interface ServerGoal {
  uuid: string;
  goalId: RclUuid;
  handle: FakeServerGoalHandle;
  /** Set when the execute callback has finished: the GetResult response. */
  response: { status: number; result: unknown } | null;
  /** GetResult requests waiting for `response`. */
  waiting: ((r: { status: number; result: unknown }) => void)[];
}

interface PendingClientGoal {
  handle: FakeClientGoalHandle | null;
  feedback?: (f: unknown) => void;
}

/** The action graph of one fake rclnodejs. */
export class FakeActionGraph {
  readonly host: FakeActionHost;
  readonly servers: FakeActionServer[] = [];
  readonly clients: FakeActionClient[] = [];
  #uuidSeq = 0;

  constructor(host: FakeActionHost) {
    this.host = host;
  }

  /** A UUID from a counter (rclnodejs draws random ones; a counter keeps the fake reproducible). */
  newUuid(): RclUuid {
    const n = ++this.#uuidSeq;
    const uuid = new Uint8Array(16);
    for (let i = 0; i < 6; i++) uuid[15 - i] = Math.floor(n / 256 ** i) % 256;
    return { uuid: Array.from(uuid) };
  }

  serverFor(name: string, type: string): FakeActionServer | null {
    return this.servers.find((s) => s.active && s.name === name && s.type === type) ?? null;
  }

  clientsFor(name: string, type: string): FakeActionClient[] {
    return this.clients.filter((c) => c.active && c.name === name && c.type === type);
  }

  /** The node is destroyed: so are its action entities. */
  forget(node: RclNode): void {
    for (const e of [...this.servers, ...this.clients]) if (e.node === node) e.destroyEntity();
  }

  /** Delivers `run` to `node` after the latency, once it spins (messages wait in the reader). */
  deliver(node: FakeActionNode, isActive: () => boolean, run: () => void): void {
    const h = this.host;
    const attempt = () => {
      if (!isActive()) return;
      if (!node.spinning) return h.schedule(h.nowNs + h.latencyNs, attempt);
      h.invoke(run);
    };
    h.schedule(h.nowNs + h.latencyNs, attempt);
  }
}

const uuidKey = (id: RclUuid) => Array.from(id.uuid).join(',');

export class FakeClientGoalHandle implements RclClientGoalHandle {
  readonly #client: FakeActionClient;
  readonly #goalId: RclUuid;
  readonly #response: { accepted: boolean; stamp: { sec: number; nanosec: number } };
  #status: number;

  constructor(client: FakeActionClient, goalId: RclUuid, response: { accepted: boolean; stamp: { sec: number; nanosec: number } }) {
    this.#client = client;
    this.#goalId = goalId;
    this.#response = response;
    this.#status = response.accepted ? GoalStatus.ACCEPTED : GoalStatus.UNKNOWN;
  }

  get goalId(): RclUuid {
    return this.#goalId;
  }

  get stamp() {
    return this.#response.stamp;
  }

  /** @deprecated in rclnodejs: use isAccepted(). */
  get accepted(): boolean {
    return this.isAccepted();
  }

  isAccepted(): boolean {
    return this.#response.accepted;
  }

  isExecuting(): boolean {
    return this.#status === GoalStatus.EXECUTING;
  }

  isSucceeded(): boolean {
    return this.#status === GoalStatus.SUCCEEDED;
  }

  isCanceled(): boolean {
    return this.#status === GoalStatus.CANCELED;
  }

  isAborted(): boolean {
    return this.#status === GoalStatus.ABORTED;
  }

  get status(): number {
    return this.#status;
  }

  /** As in rclnodejs: a status only moves forward, and not past a terminal one. */
  set status(next: number) {
    if (this.#status < GoalStatus.SUCCEEDED && next > this.#status) this.#status = next;
  }

  cancelGoal(): Promise<RclCancelResponse> {
    return this.#client.cancelGoalOf(this);
  }

  getResult(): Promise<unknown> {
    return this.#client.resultOf(this);
  }
}

export class FakeActionClient {
  readonly node: FakeActionNode;
  readonly type: string;
  readonly name: string;
  readonly options: RclActionOptions;
  readonly #graph: FakeActionGraph;
  /** Goals by UUID: the handle once the response came, and the feedback callback. */
  readonly goals = new Map<string, PendingClientGoal>();
  active = true;

  constructor(graph: FakeActionGraph, node: RclNode, typeClass: string, actionName: string, options: RclActionOptions = {}) {
    const n = node as FakeActionNode;
    if (typeof n?.resolveTopicName !== 'function') throw new TypeError('Invalid argument: node must be a Node');
    graph.host.record('ActionClient.new', n.getFullyQualifiedName(), [typeClass, actionName, options]);
    graph.host.checkActionType(typeClass);
    this.#graph = graph;
    this.node = n;
    this.type = typeClass;
    this.name = n.resolveTopicName(actionName);
    this.options = options;
    graph.clients.push(this);
  }

  get typedArrayEnabled(): boolean {
    return this.options.enableTypedArray !== false;
  }

  #alive(): void {
    if (!this.active) throw new Error('fake rclnodejs: the action client is destroyed');
  }

  sendGoal(goal: unknown, feedbackCallback?: (feedback: unknown) => void, goalUuid?: RclUuid): Promise<FakeClientGoalHandle> {
    this.#graph.host.record('ActionClient.sendGoal', this.node.getFullyQualifiedName(), [this.name, goal, feedbackCallback, goalUuid]);
    this.#alive();
    const request = structuredClone(checkGoalObject(goal, 'goal'));
    const goalId = goalUuid ?? this.#graph.newUuid();
    const key = uuidKey(goalId);
    this.goals.set(key, { handle: null, feedback: feedbackCallback });
    return new Promise((resolve) => {
      const h = this.#graph.host;
      // The request reaches whichever server exists when it arrives; with none it is lost.
      h.schedule(h.nowNs + h.latencyNs, () => {
        const server = this.#graph.serverFor(this.name, this.type);
        if (server === null || !server.node.spinning) return;
        server.processGoalRequest(goalId, request, (response) => {
          this.#graph.deliver(this.node, () => this.active, () => {
            const handle = new FakeClientGoalHandle(this, goalId, response);
            const entry = this.goals.get(key);
            if (entry) entry.handle = handle;
            if (!response.accepted) this.goals.delete(key);
            resolve(handle);
          });
        });
      });
    });
  }

  isActionServerAvailable(): boolean {
    this.#alive();
    return this.#graph.serverFor(this.name, this.type) !== null;
  }

  /** Polls like rclnodejs (5 ms doubling to 1 s), on the fake's clock; `timeout` in ms. */
  waitForServer(timeout?: number): Promise<boolean> {
    this.#graph.host.record('ActionClient.waitForServer', this.node.getFullyQualifiedName(), [timeout]);
    const h = this.#graph.host;
    const deadline = timeout !== undefined && timeout >= 0 ? h.nowNs + BigInt(Math.round(timeout * 1e6)) : null;
    return new Promise((resolve) => {
      let waitMs = 5;
      const poll = () => {
        if (this.isActionServerAvailable()) return resolve(true);
        if (deadline !== null && h.nowNs >= deadline) return resolve(false);
        waitMs = Math.min(waitMs * 2, 1000);
        let next = h.nowNs + BigInt(waitMs * 1e6);
        if (deadline !== null && next > deadline) next = deadline;
        h.schedule(next, poll);
      };
      poll();
    });
  }

  processStatus(goalId: RclUuid, status: number): void {
    const handle = this.goals.get(uuidKey(goalId))?.handle;
    if (handle) handle.status = status;
    if (isTerminal(status)) this.goals.delete(uuidKey(goalId));
  }

  processFeedback(goalId: RclUuid, feedback: unknown): void {
    const cb = this.goals.get(uuidKey(goalId))?.feedback;
    if (cb) cb(outgoing(feedback, this.typedArrayEnabled));
  }

  cancelGoalOf(handle: FakeClientGoalHandle): Promise<RclCancelResponse> {
    this.#graph.host.record('ClientGoalHandle.cancelGoal', this.node.getFullyQualifiedName(), [this.name, handle.goalId]);
    const h = this.#graph.host;
    return new Promise((resolve) => {
      h.schedule(h.nowNs + h.latencyNs, () => {
        const server = this.#graph.serverFor(this.name, this.type);
        if (server === null) return;
        void server.processCancelRequest(handle.goalId).then((response) => {
          this.#graph.deliver(this.node, () => this.active, () => resolve(response));
        });
      });
    });
  }

  resultOf(handle: FakeClientGoalHandle): Promise<unknown> {
    this.#graph.host.record('ClientGoalHandle.getResult', this.node.getFullyQualifiedName(), [this.name, handle.goalId]);
    const h = this.#graph.host;
    return new Promise((resolve) => {
      h.schedule(h.nowNs + h.latencyNs, () => {
        const server = this.#graph.serverFor(this.name, this.type);
        if (server === null) return;
        server.processResultRequest(handle.goalId, (response) => {
          this.#graph.deliver(this.node, () => this.active, () => {
            handle.status = response.status;
            resolve(outgoing(response.result, this.typedArrayEnabled));
          });
        });
      });
    });
  }

  destroy(): void {
    this.#graph.host.record('ActionClient.destroy', this.node.getFullyQualifiedName(), [this.name]);
    this.destroyEntity();
  }

  destroyEntity(): void {
    this.active = false;
    this.goals.clear();
  }
}

export class FakeServerGoalHandle implements RclServerGoalHandle {
  readonly #server: FakeActionServer;
  readonly #goalId: RclUuid;
  readonly #request: FakeMessageObject;
  #status: number = GoalStatus.ACCEPTED;
  destroyed = false;

  constructor(server: FakeActionServer, goalId: RclUuid, request: Record<string, unknown>) {
    this.#server = server;
    this.#goalId = goalId;
    this.#request = new FakeMessageObject(request);
  }

  get request(): FakeMessageObject {
    return this.#request;
  }

  get goalId(): RclUuid {
    return this.#goalId;
  }

  get isActive(): boolean {
    return !this.destroyed && !isTerminal(this.#status);
  }

  get isCancelRequested(): boolean {
    return this.status === GoalStatus.CANCELING;
  }

  get status(): number {
    return this.destroyed ? GoalStatus.UNKNOWN : this.#status;
  }

  execute(callback?: (goalHandle: FakeServerGoalHandle) => unknown): void {
    if (!this.isCancelRequested) this.updateState(EVENTS.EXECUTE);
    this.#server.executeGoal(callback, this);
  }

  publishFeedback(feedback: unknown): void {
    if (this.destroyed) return;
    this.#server.record('ServerGoalHandle.publishFeedback', [feedback]);
    this.#server.publishFeedback(this.#goalId, structuredClone(checkGoalObject(feedback, 'feedback')));
  }

  succeed(): void {
    this.#server.record('ServerGoalHandle.succeed', []);
    this.updateState(EVENTS.SUCCEED);
  }

  abort(): void {
    this.#server.record('ServerGoalHandle.abort', []);
    this.updateState(EVENTS.ABORT);
  }

  canceled(): void {
    this.#server.record('ServerGoalHandle.canceled', []);
    this.updateState(EVENTS.CANCELED);
  }

  /** rclnodejs: actionUpdateGoalState (throws on an invalid event), then publish the status. */
  updateState(event: GoalEvent): void {
    if (this.destroyed) return;
    const next = nextState(this.#status, event);
    if (next === null) throw new Error(`Failed to update goal state: goal event '${event}' is invalid in state ${this.#status}`);
    this.#status = next;
    this.#server.publishStatus(this.#goalId, next);
  }
}

export class FakeActionServer implements RclActionServer {
  readonly node: FakeActionNode;
  readonly type: string;
  readonly name: string;
  readonly options: RclActionOptions;
  readonly #graph: FakeActionGraph;
  readonly #goals = new Map<string, ServerGoal>();
  #execute: (goalHandle: FakeServerGoalHandle) => unknown;
  #goalCallback: (goal: unknown) => number;
  #handleAccepted: (goalHandle: FakeServerGoalHandle) => void;
  #cancelCallback: (goalHandle: FakeServerGoalHandle) => number | Promise<number>;
  active = true;

  constructor(
    graph: FakeActionGraph,
    node: RclNode,
    typeClass: string,
    actionName: string,
    executeCallback: (goalHandle: FakeServerGoalHandle) => unknown,
    goalCallback?: (goal: unknown) => number,
    handleAcceptedCallback?: (goalHandle: FakeServerGoalHandle) => void,
    cancelCallback?: (goalHandle: FakeServerGoalHandle) => number | Promise<number>,
    options: RclActionOptions = {},
  ) {
    const n = node as FakeActionNode;
    if (typeof n?.resolveTopicName !== 'function') throw new TypeError('Invalid argument: node must be a Node');
    graph.host.record('ActionServer.new', n.getFullyQualifiedName(), [typeClass, actionName, executeCallback, goalCallback, handleAcceptedCallback, cancelCallback, options]);
    if (typeof executeCallback !== 'function') throw new TypeError('Invalid argument');
    graph.host.checkActionType(typeClass);
    this.#graph = graph;
    this.node = n;
    this.type = typeClass;
    this.name = n.resolveTopicName(actionName);
    this.options = options;
    this.#execute = executeCallback;
    this.#goalCallback = goalCallback ?? (() => GoalResponse.ACCEPT);
    this.#handleAccepted = handleAcceptedCallback ?? ((gh) => gh.execute());
    this.#cancelCallback = cancelCallback ?? (() => CancelResponse.REJECT);
    graph.servers.push(this);
  }

  get typedArrayEnabled(): boolean {
    return this.options.enableTypedArray !== false;
  }

  record(fn: string, args: unknown[]): void {
    this.#graph.host.record(fn, this.node.getFullyQualifiedName(), [this.name, ...args]);
  }

  processGoalRequest(goalId: RclUuid, request: Record<string, unknown>, respond: (r: { accepted: boolean; stamp: { sec: number; nanosec: number } }) => void): void {
    const key = uuidKey(goalId);
    let accepted = false;
    if (!this.#goals.has(key)) accepted = this.#goalCallback(outgoing(request, this.typedArrayEnabled)) === GoalResponse.ACCEPT;
    const ns = this.#graph.host.nowNs;
    const stamp = accepted ? { sec: Number(ns / 1_000_000_000n), nanosec: Number(ns % 1_000_000_000n) } : { sec: 0, nanosec: 0 };
    let handle: FakeServerGoalHandle | undefined;
    if (accepted) {
      handle = new FakeServerGoalHandle(this, goalId, request);
      this.#goals.set(key, { uuid: key, goalId, handle, response: null, waiting: [] });
    }
    respond({ accepted, stamp });
    if (handle) this.#handleAccepted(handle);
  }

  /** rclnodejs `_executeGoal`: await the callback, log what it throws, abort a goal left active. */
  executeGoal(callback: ((goalHandle: FakeServerGoalHandle) => unknown) | undefined, handle: FakeServerGoalHandle): void {
    const fn = callback ?? this.#execute;
    const logger = this.node.getLogger();
    void (async () => {
      let result: unknown;
      try {
        result = await fn(handle);
      } catch (error) {
        result = {};
        logger.error(`Error raised in execute callback: ${String(error)}`);
      }
      if (handle.isActive) {
        logger.warn(`Goal state not set, assuming aborted. Goal ID: ${Array.from(handle.goalId.uuid).join(',')}`);
        handle.abort();
      }
      const goal = this.#goals.get(uuidKey(handle.goalId));
      if (!goal) return;
      goal.response = { status: handle.status, result: structuredClone(result ?? {}) };
      for (const w of goal.waiting.splice(0)) w(goal.response);
    })();
  }

  processResultRequest(goalId: RclUuid, respond: (r: { status: number; result: unknown }) => void): void {
    const goal = this.#goals.get(uuidKey(goalId));
    if (!goal) return respond({ status: GoalStatus.UNKNOWN, result: {} });
    if (goal.response) return respond(goal.response);
    goal.waiting.push(respond);
  }

  async processCancelRequest(goalId: RclUuid): Promise<RclCancelResponse> {
    const goal = this.#goals.get(uuidKey(goalId));
    // rcl: a goal that cannot take CANCEL_GOAL is not listed; the code says why.
    if (!goal) return { return_code: 2, goals_canceling: [] };
    if (isTerminal(goal.handle.status)) return { return_code: 3, goals_canceling: [] };
    if (goal.handle.status === GoalStatus.CANCELING) return { return_code: 0, goals_canceling: [] };
    const verdict = await this.#cancelCallback(goal.handle);
    if (verdict !== CancelResponse.ACCEPT) return { return_code: 0, goals_canceling: [] };
    goal.handle.updateState(EVENTS.CANCEL_GOAL);
    return { return_code: 0, goals_canceling: [{ goal_id: goalId, stamp: { sec: 0, nanosec: 0 } }] };
  }

  publishStatus(goalId: RclUuid, status: number): void {
    for (const c of this.#graph.clientsFor(this.name, this.type)) this.#graph.deliver(c.node, () => c.active, () => c.processStatus(goalId, status));
  }

  publishFeedback(goalId: RclUuid, feedback: unknown): void {
    for (const c of this.#graph.clientsFor(this.name, this.type)) this.#graph.deliver(c.node, () => c.active, () => c.processFeedback(goalId, feedback));
  }

  destroy(): void {
    this.#graph.host.record('ActionServer.destroy', this.node.getFullyQualifiedName(), [this.name]);
    this.destroyEntity();
  }

  destroyEntity(): void {
    this.active = false;
    for (const g of this.#goals.values()) g.handle.destroyed = true;
    this.#goals.clear();
  }
}
