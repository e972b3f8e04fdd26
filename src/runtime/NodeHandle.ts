/**
 * What a node program sees of the middleware: publishers, subscriptions, timers, clock,
 * parameters, logging, services and actions. Shaped after rclnodejs so the ROS 2 adapter stays a thin
 * mapping; the embedded transport implements the same contract on a virtual clock.
 */
import type { Logger } from './Logger.js';
import type { ParameterDescriptor, ParameterValue, SetParameterResult } from './Parameters.js';
import type { QosProfile } from './Qos.js';

export interface Publisher<T> {
  /** Fully resolved topic name after namespaces and remapping. */
  readonly topic: string;
  readonly type: string;
  publish(msg: T): void;
}

export interface Subscription {
  readonly topic: string;
  readonly type: string;
  /** Messages dropped because the keep-last queue overflowed before delivery. */
  readonly dropped: number;
}

export interface Timer {
  /** Period in nanoseconds. */
  readonly periodNs: number;
  cancel(): void;
  readonly cancelled: boolean;
}

/**
 * Goal states of a ROS 2 action goal (action_msgs/msg/GoalStatus, by name). Transitions follow
 * rcl_action's state machine: accepted -> executing -> succeeded | aborted; accepted or executing
 * -> canceling (a cancel request the server accepted) -> canceled | succeeded | aborted.
 */
export type GoalStatus = 'unknown' | 'accepted' | 'executing' | 'canceling' | 'succeeded' | 'canceled' | 'aborted';

/** How a goal ended and the server's result message. */
export interface ActionOutcome<R> {
  status: GoalStatus;
  result: R;
}

/** The client's view of one goal (rclnodejs `ClientGoalHandle`). */
export interface ClientGoalHandle<R> {
  /** The goal's UUID as 32 hex digits. */
  readonly goalId: string;
  /** Whether the server accepted the goal (a rejected goal never runs). */
  readonly accepted: boolean;
  /** Latest status the client has heard of. */
  readonly status: GoalStatus;
  /** Resolves when the goal reaches a terminal state; rejects for a goal the server rejected. */
  result(): Promise<ActionOutcome<R>>;
  /** Asks the server to cancel; resolves with whether it agreed (servers reject by default). */
  cancel(): Promise<boolean>;
}

/** An action client (rclnodejs `ActionClient`). Goals, feedback and results are plain objects. */
export interface ActionClient<G, R, F> {
  /** Fully resolved action name (namespaces applied). */
  readonly name: string;
  readonly type: string;
  isServerAvailable(): boolean;
  /** Resolves true once a server is there, false after `timeoutSeconds` (default: wait forever). */
  waitForServer(timeoutSeconds?: number): Promise<boolean>;
  /** Sends a goal; resolves with its handle once the server accepted or rejected it. */
  sendGoal(goal: G, onFeedback?: (feedback: F) => void): Promise<ClientGoalHandle<R>>;
  destroy(): void;
}

/** The server's view of one goal (rclnodejs `ServerGoalHandle`). */
export interface ServerGoalHandle<G, F> {
  readonly goalId: string;
  readonly request: G;
  readonly status: GoalStatus;
  /** Not yet in a terminal state. */
  readonly isActive: boolean;
  /** A client asked to cancel and the server's `onCancel` agreed: finish with `canceled()`. */
  readonly isCancelRequested: boolean;
  publishFeedback(feedback: F): void;
  /** Terminal transitions; an invalid one (e.g. `canceled()` without a cancel request) throws. */
  succeed(): void;
  abort(): void;
  canceled(): void;
}

/** What an action server does with goals (rclnodejs ActionServer callbacks). */
export interface ActionServerCallbacks<G, R, F> {
  /**
   * Runs an accepted goal; returns (or resolves to) the result message. Call `succeed()`,
   * `abort()` or `canceled()` on the handle first: a goal left active is aborted, and an
   * exception aborts the goal with an empty result (logged), as rclnodejs does.
   */
  execute(goal: ServerGoalHandle<G, F>): R | Promise<R>;
  /** Accept (true) or reject a new goal. Default: accept every goal. */
  onGoal?(request: G): boolean;
  /** Accept (true) or reject a cancel request. Default: reject, as rclnodejs and rclpy do. */
  onCancel?(goal: ServerGoalHandle<G, F>): boolean;
}

export interface ActionServer {
  readonly name: string;
  readonly type: string;
  destroy(): void;
}

/** A service client (rclnodejs `Client`). Requests and responses are plain objects. */
export interface ServiceClient<Q, S> {
  /** Fully resolved service name (namespaces and remapping applied). */
  readonly name: string;
  /** e.g. `crazyflie_interfaces/srv/Takeoff`. */
  readonly type: string;
  isServiceAvailable(): boolean;
  /** Resolves true once a server is there, false after `timeoutSeconds` of node time (default: wait forever). */
  waitForService(timeoutSeconds?: number): Promise<boolean>;
  /**
   * Sends `request` and resolves with the response. Never hangs when given a timeout: rejects with
   * a ServiceCallError of kind 'unavailable' (no server when the request went out), 'timeout' (no
   * response within `timeoutSeconds` of node time; default: wait forever) or 'destroyed'.
   * A response arriving after the timeout is ignored.
   */
  call(request: Q, timeoutSeconds?: number): Promise<S>;
  destroy(): void;
}

/**
 * Answers one request: the response, or a promise of it. A promise that never settles leaves the
 * caller to its timeout (a server that does not answer); a rejected one is logged and not answered.
 */
export type ServiceHandler<Q, S> = (request: Q) => S | Promise<S>;

export interface ServiceServer {
  readonly name: string;
  readonly type: string;
  destroy(): void;
}

export interface NodeHandle {
  readonly name: string;
  readonly namespace: string;
  /** `/ns/name`. */
  readonly fullyQualifiedName: string;
  readonly logger: Logger;

  createPublisher<T>(type: string, topic: string, qos?: QosProfile): Publisher<T>;
  /** The callback is never called from inside `publish` (delivery is asynchronous). */
  createSubscription<T>(type: string, topic: string, callback: (msg: T) => void, qos?: QosProfile): Subscription;
  /** Calls `callback` every `periodSeconds` of node time (virtual time when embedded). */
  createTimer(periodSeconds: number, callback: () => void): Timer;
  /** Node time in nanoseconds (ROS time, or virtual time when embedded / use_sim_time). */
  now(): number;

  /** Declares a parameter; returns its value (override, else default). Throws on a bad override. */
  declareParameter(descriptor: ParameterDescriptor): ParameterValue;
  getParameter(name: string): ParameterValue;
  /** Validates against the descriptor and the node's own checks; never throws. */
  setParameter(name: string, value: ParameterValue): SetParameterResult;
  /** Registers an extra check run before any run-time change (return a reason to reject). */
  onParameterChange(check: (name: string, value: ParameterValue) => string | null): void;

  /**
   * An action client for `type` (e.g. `nav2_msgs/action/NavigateToPose`) on `name`, resolved
   * like a topic name (relative names live in the node's namespace).
   */
  createActionClient<G, R, F>(type: string, name: string): ActionClient<G, R, F>;
  /** An action server; at most one per resolved name. */
  createActionServer<G, R, F>(type: string, name: string, callbacks: ActionServerCallbacks<G, R, F>): ActionServer;

  /**
   * A client of service `type` (e.g. `crazyflie_interfaces/srv/Takeoff`) on `name`, resolved like a
   * topic name. Request and response travel as the message types `<type>_Request` and `_Response`.
   */
  createServiceClient<Q, S>(type: string, name: string): ServiceClient<Q, S>;
  /** A service server; at most one per resolved name. */
  createService<Q, S>(type: string, name: string, handler: ServiceHandler<Q, S>): ServiceServer;

  destroy(): void;
}

/** How a node is created: name, namespace and the command line's overrides. */
export interface NodeOptions {
  namespace?: string;
  /** `-p name:=value` overrides, applied at declaration. */
  parameterOverrides?: ReadonlyMap<string, ParameterValue> | Record<string, ParameterValue>;
  /** `-r from:=to` remapping rules (names resolved in the node's namespace). */
  remappings?: ReadonlyMap<string, string> | Record<string, string>;
}

export function toMap<V>(m: ReadonlyMap<string, V> | Record<string, V> | undefined): Map<string, V> {
  if (!m) return new Map();
  return m instanceof Map ? new Map(m) : new Map(Object.entries(m as Record<string, V>));
}
