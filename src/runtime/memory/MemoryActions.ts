/**
 * ROS 2 actions on the embedded transport: one server per action name, any number of clients,
 * every exchange (goal request and response, feedback, status, cancel, result) delivered as a
 * separate event on the virtual clock, so nothing happens inside the call that caused it, just as
 * over DDS. Goal states follow rcl_action's state machine, callbacks rclnodejs' rules (goals
 * accepted and cancels rejected by default; an execute callback that leaves its goal active or
 * throws aborts it).
 *
 * Goals, feedback and results are plain objects, copied (copyMessage) at each hop and
 * never CDR-encoded, even in strict mode: the action types node programs use (nav2_msgs
 * NavigateToPose) have no .msg in our message layer, and an action's wire format is rcl's
 * business on ROS 2 (rclnodejs serializes the generated classes itself).
 *
 * The promises of this API (sendGoal, result, cancel, waitForServer) settle inside an event, and
 * a server's execute promise settles in the event that ends its goal. Every such event, and every
 * event in which a node called the action API, marks the transport `touch()`ed: it then lets
 * microtasks run before the next event, so what a node does after `await` happens at that event's
 * virtual time, deterministically, and events that never touch an action cost nothing extra.
 */
import type { Logger } from '../Logger.js';
import type {
  ActionClient,
  ActionOutcome,
  ActionServer,
  ActionServerCallbacks,
  ClientGoalHandle,
  GoalStatus,
  ServerGoalHandle,
} from '../NodeHandle.js';

/** What the actions need of the transport. */
export interface ActionHost {
  readonly nowNs: number;
  schedule(timeNs: number, run: () => void): void;
  /** Runs a node callback; an exception fails the run with the node named. */
  invoke(node: ActionNode, what: string, fn: () => void): void;
  /** Promise continuations may be pending: the run loop lets microtasks run after this event. */
  touch(): void;
}

export interface ActionNode {
  readonly fullyQualifiedName: string;
  readonly logger: Logger;
}

type GoalEvent = 'execute' | 'cancel_goal' | 'succeed' | 'abort' | 'canceled';

/** rcl_action's goal state machine: the states each event may leave, and where it leads. */
const TRANSITIONS: Record<GoalEvent, Partial<Record<GoalStatus, GoalStatus>>> = {
  execute: { accepted: 'executing' },
  cancel_goal: { accepted: 'canceling', executing: 'canceling' },
  succeed: { executing: 'succeeded', canceling: 'succeeded' },
  abort: { executing: 'aborted', canceling: 'aborted' },
  canceled: { canceling: 'canceled' },
};

/** action_msgs/msg/GoalStatus values: a client's status only moves forward, as in rclnodejs. */
const RANK: Record<GoalStatus, number> = { unknown: 0, accepted: 1, executing: 2, canceling: 3, succeeded: 4, canceled: 5, aborted: 6 };

export function isTerminal(status: GoalStatus): boolean {
  return status === 'succeeded' || status === 'canceled' || status === 'aborted';
}

/** The state after `event`, or an error naming the invalid transition (rcl refuses it too). */
export function goalTransition(status: GoalStatus, event: GoalEvent): GoalStatus {
  const next = TRANSITIONS[event][status];
  if (next === undefined) throw new Error(`goal event '${event}' is invalid in state '${status}'`);
  return next;
}

/**
 * A deep copy of a plain message (objects, arrays, typed arrays, primitives): what crossing the
 * middleware does to it. Much cheaper than structuredClone, which matters for feedback at
 * hundreds of hertz; anything else (a function, a class instance's prototype) is not a message.
 */
export function copyMessage<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyMessage) as T;
  if (ArrayBuffer.isView(value)) return (value as unknown as { slice(): unknown }).slice() as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyMessage((value as Record<string, unknown>)[k]);
  return out as T;
}

interface ActionEntry {
  type: string;
  server: MemoryActionServer | null;
  /** Live clients (the entry, and so its type, lives while any endpoint does). */
  clients: number;
  /** waitForServer calls still waiting. */
  waiters: Set<(available: boolean) => void>;
}

/** One goal, shared by its client handle and its server handle. */
interface GoalRecord {
  id: string;
  request: unknown;
  /** The server's truth. */
  status: GoalStatus;
  /** What the client has heard (status messages arrive as events). */
  clientStatus: GoalStatus;
  outcome: ActionOutcome<unknown> | null;
  /** Set once the client has been told the outcome. */
  outcomeDelivered: boolean;
  resultWaiters: ((o: ActionOutcome<unknown>) => void)[];
  client: MemoryActionClient;
  server: MemoryActionServer;
  onFeedback: ((f: unknown) => void) | undefined;
}

/** The action graph of one embedded transport. */
export class MemoryActions {
  readonly #host: ActionHost;
  readonly #entries = new Map<string, ActionEntry>();
  #goalSeq = 0;

  readonly host: ActionHost;

  constructor(host: ActionHost) {
    this.#host = host;
    // Every action event may settle a promise: the run loop drains microtasks after it.
    this.host = {
      get nowNs() {
        return host.nowNs;
      },
      schedule: (t, run) =>
        host.schedule(t, () => {
          host.touch();
          run();
        }),
      invoke: (node, what, fn) => host.invoke(node, what, fn),
      touch: () => host.touch(),
    };
  }

  /** Action names with their type and whether a server exists (`ros2 action list -t`). */
  list(): { name: string; type: string; server: boolean }[] {
    return [...this.#entries].map(([name, e]) => ({ name, type: e.type, server: e.server !== null }));
  }

  entry(name: string, type: string): ActionEntry {
    let e = this.#entries.get(name);
    if (!e) {
      e = { type, server: null, clients: 0, waiters: new Set() };
      this.#entries.set(name, e);
    } else if (e.type !== type) {
      throw new Error(`action '${name}' has type '${e.type}'; cannot use it with type '${type}'`);
    }
    return e;
  }

  createClient<G, R, F>(node: ActionNode, type: string, name: string): ActionClient<G, R, F> {
    this.entry(name, type).clients++;
    return new MemoryActionClient(this, node, type, name) as unknown as ActionClient<G, R, F>;
  }

  createServer<G, R, F>(node: ActionNode, type: string, name: string, callbacks: ActionServerCallbacks<G, R, F>): ActionServer {
    if (typeof callbacks?.execute !== 'function') throw new TypeError(`action server '${name}': callbacks.execute must be a function`);
    const e = this.entry(name, type);
    if (e.server !== null) throw new Error(`action '${name}' already has a server (node ${e.server.node.fullyQualifiedName}); one server per action name`);
    const server = new MemoryActionServer(this, node, type, name, callbacks as unknown as ActionServerCallbacks<unknown, unknown, unknown>);
    e.server = server;
    const waiters = [...e.waiters];
    e.waiters.clear();
    if (waiters.length > 0) this.host.touch();
    for (const w of waiters) w(true);
    return server;
  }

  /** Schedules an event that settles no promise (feedback: a plain callback), so no drain after it. */
  scheduleQuiet(timeNs: number, run: () => void): void {
    this.#host.schedule(timeNs, run);
  }

  serverOf(name: string): MemoryActionServer | null {
    return this.#entries.get(name)?.server ?? null;
  }

  removeServer(server: MemoryActionServer): void {
    const e = this.#entries.get(server.name);
    if (e?.server === server) e.server = null;
    this.#forget(server.name);
  }

  removeClient(name: string): void {
    const e = this.#entries.get(name);
    if (e) e.clients--;
    this.#forget(name);
  }

  #forget(name: string): void {
    const e = this.#entries.get(name);
    if (e && e.server === null && e.clients <= 0 && e.waiters.size === 0) this.#entries.delete(name);
  }

  newGoalId(): string {
    return (++this.#goalSeq).toString(16).padStart(32, '0');
  }

  /** Tells the client a new status, one event later. */
  notifyStatus(goal: GoalRecord): void {
    const status = goal.status;
    this.scheduleQuiet(this.#host.nowNs, () => {
      if (RANK[goal.clientStatus] < RANK.succeeded && RANK[status] > RANK[goal.clientStatus]) goal.clientStatus = status;
    });
  }

  /** The goal reached a terminal state with `result`: the client hears it one event later. */
  deliverOutcome(goal: GoalRecord, result: unknown): void {
    if (goal.outcome !== null) return;
    goal.outcome = { status: goal.status, result: copyMessage(result ?? {}) };
    this.host.schedule(this.#host.nowNs, () => {
      if (RANK[goal.clientStatus] < RANK.succeeded) goal.clientStatus = goal.status;
      goal.outcomeDelivered = true;
      const waiters = goal.resultWaiters;
      goal.resultWaiters = [];
      for (const w of waiters) w(copyMessage(goal.outcome!));
    });
  }
}

class MemoryActionClient implements ActionClient<unknown, unknown, unknown> {
  readonly name: string;
  readonly type: string;
  readonly node: ActionNode;
  readonly #actions: MemoryActions;
  #destroyed = false;

  constructor(actions: MemoryActions, node: ActionNode, type: string, name: string) {
    this.#actions = actions;
    this.node = node;
    this.type = type;
    this.name = name;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  isServerAvailable(): boolean {
    return this.#actions.serverOf(this.name) !== null;
  }

  waitForServer(timeoutSeconds?: number): Promise<boolean> {
    if (this.#destroyed) return Promise.reject(new Error(`action client '${this.name}' is destroyed`));
    this.#actions.host.touch();
    if (this.isServerAvailable()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const host = this.#actions.host;
      const e = this.#actions.entry(this.name, this.type);
      let done = false;
      const finish = (available: boolean) => {
        if (done) return;
        done = true;
        e.waiters.delete(finish);
        resolve(available);
      };
      e.waiters.add(finish);
      if (timeoutSeconds !== undefined && timeoutSeconds >= 0) host.schedule(host.nowNs + Math.round(timeoutSeconds * 1e9), () => finish(false));
    });
  }

  sendGoal(goal: unknown, onFeedback?: (feedback: unknown) => void): Promise<ClientGoalHandle<unknown>> {
    if (this.#destroyed) throw new Error(`action client '${this.name}' is destroyed; cannot send a goal`);
    const request = copyMessage(goal);
    const host = this.#actions.host;
    return new Promise((resolve, reject) => {
      // The request travels as an event: the server never runs inside sendGoal.
      host.schedule(host.nowNs, () => {
        if (this.#destroyed) return; // a destroyed client's requests go nowhere, as in rclnodejs
        const server = this.#actions.serverOf(this.name);
        if (server === null) {
          reject(new Error(`no action server for '${this.name}' (${this.type}); call waitForServer() before sendGoal()`));
          return;
        }
        server.receiveGoal(this, request, onFeedback, (handle) => host.schedule(host.nowNs, () => resolve(handle)));
      });
    });
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#actions.removeClient(this.name);
  }
}

/** The client's handle on one goal. */
class MemoryClientGoalHandle implements ClientGoalHandle<unknown> {
  readonly goalId: string;
  readonly accepted: boolean;
  readonly #goal: GoalRecord | null;
  readonly #actions: MemoryActions;

  constructor(actions: MemoryActions, goalId: string, goal: GoalRecord | null) {
    this.#actions = actions;
    this.goalId = goalId;
    this.accepted = goal !== null;
    this.#goal = goal;
  }

  get status(): GoalStatus {
    return this.#goal?.clientStatus ?? 'unknown';
  }

  result(): Promise<ActionOutcome<unknown>> {
    const goal = this.#goal;
    this.#actions.host.touch();
    if (goal === null) return Promise.reject(new Error(`goal ${this.goalId} was rejected by the server; it has no result`));
    if (goal.outcomeDelivered) return Promise.resolve(copyMessage(goal.outcome!));
    return new Promise((resolve) => goal.resultWaiters.push(resolve));
  }

  cancel(): Promise<boolean> {
    const goal = this.#goal;
    this.#actions.host.touch();
    if (goal === null) return Promise.resolve(false);
    const host = this.#actions.host;
    return new Promise((resolve) => {
      host.schedule(host.nowNs, () => {
        const agreed = goal.server.receiveCancel(goal);
        host.schedule(host.nowNs, () => resolve(agreed));
      });
    });
  }
}

class MemoryServerGoalHandle implements ServerGoalHandle<unknown, unknown> {
  readonly #goal: GoalRecord;
  readonly #actions: MemoryActions;

  constructor(actions: MemoryActions, goal: GoalRecord) {
    this.#actions = actions;
    this.#goal = goal;
  }

  get goalId(): string {
    return this.#goal.id;
  }

  get request(): unknown {
    return this.#goal.request;
  }

  get status(): GoalStatus {
    return this.#goal.status;
  }

  get isActive(): boolean {
    return !isTerminal(this.#goal.status);
  }

  get isCancelRequested(): boolean {
    return this.#goal.status === 'canceling';
  }

  publishFeedback(feedback: unknown): void {
    const goal = this.#goal;
    if (goal.server.destroyed) return;
    const copy = copyMessage(feedback);
    const host = this.#actions.host;
    this.#actions.scheduleQuiet(host.nowNs, () => {
      const cb = goal.onFeedback;
      if (cb === undefined || goal.client.destroyed) return;
      host.invoke(goal.client.node, `feedback callback of action '${goal.client.name}'`, () => cb(copy));
    });
  }

  succeed(): void {
    this.update('succeed');
  }

  abort(): void {
    this.update('abort');
  }

  canceled(): void {
    this.update('canceled');
  }

  update(event: GoalEvent): void {
    const goal = this.#goal;
    goal.status = goalTransition(goal.status, event);
    // The node that ended the goal is about to settle its execute promise: drain after this event.
    this.#actions.host.touch();
    this.#actions.notifyStatus(goal);
  }
}

class MemoryActionServer implements ActionServer {
  readonly name: string;
  readonly type: string;
  readonly node: ActionNode;
  readonly #actions: MemoryActions;
  readonly #callbacks: ActionServerCallbacks<unknown, unknown, unknown>;
  readonly #goals = new Map<string, { record: GoalRecord; handle: MemoryServerGoalHandle }>();
  #destroyed = false;

  constructor(actions: MemoryActions, node: ActionNode, type: string, name: string, callbacks: ActionServerCallbacks<unknown, unknown, unknown>) {
    this.#actions = actions;
    this.node = node;
    this.type = type;
    this.name = name;
    this.#callbacks = callbacks;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** A goal request arrived: accept or reject it, answer, then execute an accepted goal. */
  receiveGoal(client: MemoryActionClient, request: unknown, onFeedback: ((f: unknown) => void) | undefined, respond: (h: ClientGoalHandle<unknown>) => void): void {
    const actions = this.#actions;
    const id = actions.newGoalId();
    let accepted = true;
    const onGoal = this.#callbacks.onGoal;
    if (onGoal) {
      accepted = false;
      actions.host.invoke(this.node, `goal callback of action '${this.name}'`, () => {
        accepted = onGoal.call(this.#callbacks, copyMessage(request)) === true;
      });
    }
    if (!accepted) {
      this.node.logger.debug(`goal ${id} on '${this.name}' rejected`);
      respond(new MemoryClientGoalHandle(actions, id, null));
      return;
    }
    const record: GoalRecord = { id, request, status: 'accepted', clientStatus: 'accepted', outcome: null, outcomeDelivered: false, resultWaiters: [], client, server: this, onFeedback };
    const handle = new MemoryServerGoalHandle(actions, record);
    this.#goals.set(id, { record, handle });
    respond(new MemoryClientGoalHandle(actions, id, record));
    handle.update('execute');
    this.#execute(record, handle);
  }

  #execute(record: GoalRecord, handle: MemoryServerGoalHandle): void {
    let returned: unknown;
    try {
      returned = this.#callbacks.execute(handle);
    } catch (err) {
      this.node.logger.error(`Error raised in execute callback of '${this.name}': ${(err as Error).message}`);
      this.#finish(record, handle, {});
      return;
    }
    if (returned !== null && typeof (returned as PromiseLike<unknown>)?.then === 'function') {
      (returned as PromiseLike<unknown>).then(
        (result) => this.#finish(record, handle, result),
        (err: unknown) => {
          this.node.logger.error(`Error raised in execute callback of '${this.name}': ${err instanceof Error ? err.message : String(err)}`);
          this.#finish(record, handle, {});
        },
      );
    } else {
      this.#finish(record, handle, returned);
    }
  }

  #finish(record: GoalRecord, handle: MemoryServerGoalHandle, result: unknown): void {
    if (record.outcome !== null) return; // already ended (server destroyed)
    if (handle.isActive) {
      this.node.logger.warn(`Goal state not set, assuming aborted. Goal ID: ${record.id}`);
      handle.update('abort');
    }
    this.#goals.delete(record.id);
    this.#actions.deliverOutcome(record, result);
  }

  /** A cancel request: agreed if the goal is active and the server's onCancel accepts it. */
  receiveCancel(record: GoalRecord): boolean {
    const entry = this.#goals.get(record.id);
    if (this.#destroyed || entry === undefined || isTerminal(record.status) || record.status === 'canceling') return false;
    const onCancel = this.#callbacks.onCancel;
    if (!onCancel) return false;
    let agreed = false;
    this.#actions.host.invoke(this.node, `cancel callback of action '${this.name}'`, () => {
      agreed = onCancel.call(this.#callbacks, entry.handle) === true;
    });
    if (!agreed) return false;
    entry.handle.update('cancel_goal');
    return true;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    // Goals still running end as aborted, so no client waits for ever on a server that is gone.
    for (const { record, handle } of [...this.#goals.values()]) {
      if (handle.isActive) handle.update('abort');
      this.#actions.deliverOutcome(record, {});
    }
    this.#goals.clear();
    this.#actions.removeServer(this);
  }
}
