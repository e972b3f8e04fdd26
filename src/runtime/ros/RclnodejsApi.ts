/**
 * The part of the rclnodejs 2.2.0 API that the ROS 2 transport uses, written from its
 * declarations (types/index.d.ts, node.d.ts, qos.d.ts, parameter.d.ts, timer.d.ts, logging.d.ts,
 * time.d.ts, node_options.d.ts, action_client.d.ts, action_server.d.ts, client.d.ts, service.d.ts
 * (lib/client.js, lib/service.js for what the declarations leave open); where an action
 * declaration and lib/action/*.js disagree, the code wins, as noted). Our own interface rather than `import type ... from 'rclnodejs'`:
 * rclnodejs' typings reference `interfaces.d.ts`, which is generated at install time from the
 * sourced ROS 2 workspace, so type-only imports break on machines without ROS. Tests pass a fake
 * with this shape (test/fakes/fakeRclnodejs.ts).
 */

/** `rclnodejs.QoS` instance: policies are plain numeric properties. */
export interface RclQoS {
  history: number;
  depth: number;
  reliability: number;
  durability: number;
}

export interface RclQoSClass {
  new (history?: number, depth?: number, reliability?: number, durability?: number): RclQoS;
  readonly HistoryPolicy: {
    readonly RMW_QOS_POLICY_HISTORY_SYSTEM_DEFAULT: number;
    readonly RMW_QOS_POLICY_HISTORY_KEEP_LAST: number;
    readonly RMW_QOS_POLICY_HISTORY_KEEP_ALL: number;
  };
  readonly ReliabilityPolicy: {
    readonly RMW_QOS_POLICY_RELIABILITY_SYSTEM_DEFAULT: number;
    readonly RMW_QOS_POLICY_RELIABILITY_RELIABLE: number;
    readonly RMW_QOS_POLICY_RELIABILITY_BEST_EFFORT: number;
  };
  readonly DurabilityPolicy: {
    readonly RMW_QOS_POLICY_DURABILITY_SYSTEM_DEFAULT: number;
    readonly RMW_QOS_POLICY_DURABILITY_TRANSIENT_LOCAL: number;
    readonly RMW_QOS_POLICY_DURABILITY_VOLATILE: number;
  };
}

/** `rclnodejs.ParameterType` (a const enum in the typings, a plain object at run time). */
export interface RclParameterTypes {
  readonly PARAMETER_NOT_SET: number;
  readonly PARAMETER_BOOL: number;
  readonly PARAMETER_INTEGER: number;
  readonly PARAMETER_DOUBLE: number;
  readonly PARAMETER_STRING: number;
  readonly PARAMETER_BYTE_ARRAY: number;
  readonly PARAMETER_BOOL_ARRAY: number;
  readonly PARAMETER_INTEGER_ARRAY: number;
  readonly PARAMETER_DOUBLE_ARRAY: number;
  readonly PARAMETER_STRING_ARRAY: number;
}

/** `rclnodejs.Parameter`: INTEGER values are `bigint` (the constructor converts with BigInt). */
export interface RclParameter {
  readonly name: string;
  readonly type: number;
  readonly value: unknown;
}

export interface RclRange {
  readonly fromValue: number | bigint;
  readonly toValue: number | bigint;
  readonly step: number | bigint;
}

export interface RclParameterDescriptor {
  readonly name: string;
  readonly type: number;
  readonly description: string;
  readonly readOnly: boolean;
  additionalConstraints: string;
}

/** rcl_interfaces/msg/SetParameterResult as rclnodejs returns it (reason may be null). */
export interface RclSetParameterResult {
  successful: boolean;
  reason: string | null;
}

export interface RclNodeOptions {
  parameterOverrides: RclParameter[];
}

export interface RclPublisher {
  /** Fully resolved (expanded and remapped) topic name. */
  readonly topic: string;
  publish(message: unknown): void;
}

export interface RclSubscription {
  readonly topic: string;
}

export interface RclTimer {
  /** Nanoseconds. */
  readonly period: bigint;
  cancel(): void;
  isCanceled(): boolean;
}

export interface RclTime {
  readonly nanoseconds: bigint;
}

export interface RclLogger {
  debug(message: string): boolean;
  info(message: string): boolean;
  warn(message: string): boolean;
  error(message: string): boolean;
  fatal(message: string): boolean;
}

/** Options of createPublisher / createSubscription (node.d.ts `Options`). */
export interface RclEntityOptions {
  qos?: RclQoS | string;
  enableTypedArray?: boolean;
  /** 'plain' turns TypedArrays into arrays before the callback (bigint stays bigint). */
  serializationMode?: 'default' | 'plain' | 'json';
  isRaw?: boolean;
}

/** `Client` (lib/client.js): requests are plain objects (the generated Request class takes them). */
export interface RclClient {
  /** Sends the request now; `callback` gets the response (a plain object) when it arrives, if ever. */
  sendRequest(request: unknown, callback: (response: unknown) => void): void;
  isServiceServerAvailable(): boolean;
  /** `timeout` in milliseconds of wall-clock time (it polls); undefined waits for ever. */
  waitForService(timeout?: number): Promise<boolean>;
  readonly serviceName: string;
}

/** The second argument of a service callback (lib/service.js `Response`). */
export interface RclServiceResponse {
  /** An empty response object of the service's type. */
  readonly template: unknown;
  /** Sends the response (a plain object) to the caller. */
  send(response: unknown): void;
}

export interface RclService {
  readonly serviceName: string;
}

export interface RclNode {
  name(): string;
  namespace(): string;
  getFullyQualifiedName(): string;
  createPublisher(typeClass: string, topic: string, options?: RclEntityOptions): RclPublisher;
  createSubscription(typeClass: string, topic: string, options: RclEntityOptions, callback: (message: unknown) => void): RclSubscription;
  /** `period` in nanoseconds; the node's (ROS) clock, which follows /clock when use_sim_time is true. */
  createTimer(period: bigint, callback: () => void): RclTimer;
  destroyTimer(timer: RclTimer): void;
  now(): RclTime;
  getLogger(): RclLogger;
  createClient(typeClass: string, serviceName: string, options?: RclEntityOptions): RclClient;
  /** `callback(request, response)`: call `response.send(...)`, or return the response (a promise of it too). */
  createService(typeClass: string, serviceName: string, options: RclEntityOptions, callback: (request: unknown, response: RclServiceResponse) => unknown): RclService;
  destroyClient(client: RclClient): void;
  destroyService(service: RclService): void;
  declareParameter(parameter: RclParameter, descriptor?: RclParameterDescriptor, ignoreOverride?: boolean): RclParameter | null;
  hasParameter(name: string): boolean;
  getParameter(name: string): RclParameter;
  setParameter(parameter: RclParameter): RclSetParameterResult;
  /** Overrides from `--ros-args -p`, `--params-file` (the `/**` and this node's blocks) and NodeOptions. */
  getParameterOverrides(): RclParameter[];
  /** Runs on declaration and on every change; a result with `successful: false` vetoes it. */
  addOnSetParametersCallback(callback: (parameters: RclParameter[]) => RclSetParameterResult): void;
  spin(timeout?: number): void;
  destroy(): void;
}

/** unique_identifier_msgs/msg/UUID: 16 bytes. */
export interface RclUuid {
  uuid: ArrayLike<number>;
}

/** action_msgs/srv/CancelGoal response (return_code 0 = ERROR_NONE, 1 REJECTED, 2 UNKNOWN_GOAL_ID, 3 GOAL_TERMINATED). */
export interface RclCancelResponse {
  return_code: number;
  goals_canceling: unknown[];
}

/** `ClientGoalHandle` (lib/action/client_goal_handle.js). */
export interface RclClientGoalHandle {
  readonly goalId: RclUuid;
  isAccepted(): boolean;
  /** action_msgs/msg/GoalStatus value; updated by status messages and by getResult(). */
  readonly status: number;
  /** Resolves with the result message only; the goal's final status is then in `status`. */
  getResult(): Promise<unknown>;
  cancelGoal(): Promise<RclCancelResponse>;
}

export interface RclActionClient {
  sendGoal(goal: unknown, feedbackCallback?: (feedback: unknown) => void): Promise<RclClientGoalHandle>;
  isActionServerAvailable(): boolean;
  /** `timeout` in milliseconds of wall-clock time (it polls); undefined waits for ever. */
  waitForServer(timeout?: number): Promise<boolean>;
  destroy(): void;
}

/** `ServerGoalHandle` (lib/action/server_goal_handle.js): `status` is a number, not the string the .d.ts declares. */
export interface RclServerGoalHandle {
  /** The goal request as a generated message object (use its `toPlainObject`). */
  readonly request: unknown;
  readonly goalId: RclUuid;
  readonly isActive: boolean;
  readonly isCancelRequested: boolean;
  readonly status: number;
  publishFeedback(feedback: unknown): void;
  succeed(): void;
  abort(): void;
  canceled(): void;
}

export interface RclActionServer {
  destroy(): void;
}

/** Options of ActionClient / ActionServer (Options<ActionQoS>); QoS profiles keep their defaults. */
export interface RclActionOptions {
  enableTypedArray?: boolean;
}

export interface RclActionClientClass {
  new (node: RclNode, typeClass: string, actionName: string, options?: RclActionOptions): RclActionClient;
}

export interface RclActionServerClass {
  new (
    node: RclNode,
    typeClass: string,
    actionName: string,
    executeCallback: (goalHandle: RclServerGoalHandle) => unknown,
    goalCallback?: (goal: unknown) => number,
    handleAcceptedCallback?: (goalHandle: RclServerGoalHandle) => void,
    /** Called with the goal handle (lib/action/server.js), although the .d.ts declares no argument. */
    cancelCallback?: (goalHandle: RclServerGoalHandle) => number | Promise<number>,
    options?: RclActionOptions,
  ): RclActionServer;
}

/** The module object (`import rclnodejs from 'rclnodejs'`). */
export interface RclnodejsApi {
  /** Initialises the default context; rcl parses `--ros-args` in argv. Throws if already initialised. */
  init(context?: undefined, argv?: string[]): Promise<void>;
  createNode(name: string, namespace?: string, context?: undefined, options?: RclNodeOptions, args?: string[], useGlobalArguments?: boolean): RclNode;
  shutdown(context?: undefined): void;
  isShutdown(context?: undefined): boolean;
  /** Drops rclnodejs' own SIGINT handler (which would destroy nodes before our shutdown hooks run). */
  removeSignalHandlers(): void;
  QoS: RclQoSClass;
  ParameterType: RclParameterTypes;
  Parameter: new (name: string, type: number, value?: unknown) => RclParameter;
  ParameterDescriptor: new (name: string, type: number, description?: string, readOnly?: boolean, range?: RclRange) => RclParameterDescriptor;
  FloatingPointRange: new (from: number, to: number, step?: number, tolerance?: number) => RclRange;
  IntegerRange: new (from: bigint, to: bigint, step?: bigint) => RclRange;
  NodeOptions: new () => RclNodeOptions;
  ActionClient: RclActionClientClass;
  ActionServer: RclActionServerClass;
  GoalResponse: { readonly REJECT: number; readonly ACCEPT: number };
  CancelResponse: { readonly REJECT: number; readonly ACCEPT: number };
}
