/**
 * The ROS 2 transport: every runtime call maps to one rclnodejs call. The only module that loads
 * rclnodejs, lazily (`await import('rclnodejs')`), so the package builds, tests and runs embedded
 * without ROS 2; `createRclnodejsTransport` explains what to install when it is missing.
 *
 * Mapping (runtime -> rclnodejs 2.2.0):
 * - Transport.createNode(name, {namespace, parameterOverrides, remappings}) ->
 *   `createNode(name, namespace, ctx, NodeOptions{parameterOverrides}, ['--ros-args', '-r', from:=to ...])`
 *   then `node.spin()`. Name, namespace, `-p`, `--params-file` and remappings given to the process
 *   (`ros2 run`, `ros2 launch`) are applied by rcl itself.
 * - createPublisher / createSubscription(type, topic, qos) -> same, with `new QoS(KEEP_LAST, depth,
 *   reliability, durability)` and `serializationMode: 'plain'`; 64-bit integers convert between
 *   number (node programs) and bigint (rclnodejs).
 * - createTimer(seconds) -> `createTimer(BigInt(ns))` on the node's ROS clock; now() -> node clock
 *   in ns (rclnodejs declares `use_sim_time` on every node and follows /clock when it is true).
 * - declareParameter(descriptor) -> `declareParameter(Parameter, ParameterDescriptor(+range,
 *   readOnly), ignoreOverride=true)` after applying the override ourselves: `--params-file`
 *   blocks and `-p` rules matched to the node's full name as rclcpp matches them
 *   (rosParameterOverrides.ts; rclnodejs itself applies only `/**` and the bare node name), then
 *   NodeOptions overrides. An override is validated with the same rules and messages as on the
 *   embedded transport (and `3` is accepted for a double, as rclcpp does).
 * - setParameter -> `setParameter(Parameter)`; onParameterChange checks run in one
 *   `addOnSetParametersCallback`, so they also veto `ros2 param set`.
 * - createActionClient / createActionServer -> `new rclnodejs.ActionClient(node, type, name)` /
 *   `new rclnodejs.ActionServer(node, type, name, execute, goalCallback, undefined, cancelCallback)`
 *   (rosActions.ts); goals, feedback and results are plain objects.
 * - createServiceClient / createService -> `node.createClient(type, name)` / `node.createService(type,
 *   name, options, callback)` (rosServices.ts), with call timeouts on the node's clock.
 * - logger -> `node.getLogger()`; destroy -> `node.destroy()`; shutdown -> `rclnodejs.shutdown()`.
 *
 * Callbacks never throw into rclnodejs: an exception is logged (fatal) and ends the process the way
 * the embedded transport ends a run, through `stopped`.
 *
 * Usage:
 *   const ros = await createRclnodejsTransport({ handleSignals: true });
 *   const node = ros.createNode('learner');
 *   const why = await ros.stopped;        // SIGINT / SIGTERM / a failing callback / stop()
 *   await ros.shutdown();
 */
import { normalizeNamespace, resolveName, validateNodeName } from '../names.js';
import type { Logger } from '../Logger.js';
import type { ActionClient, ActionServer, ActionServerCallbacks, NodeHandle, NodeOptions, Publisher, ServiceClient, ServiceHandler, ServiceServer, Subscription, Timer } from '../NodeHandle.js';
import { toMap } from '../NodeHandle.js';
import { parameterChangeProblem, parameterProblem, type ParameterDescriptor, type ParameterValue, type SetParameterResult } from '../Parameters.js';
import { DEFAULT_QOS, type QosProfile } from '../Qos.js';
import type { Transport } from '../Transport.js';
import type { RclnodejsApi, RclNode, RclParameter, RclSetParameterResult } from './RclnodejsApi.js';
import { createRosActionClient, createRosActionServer, type RosActionContext } from './rosActions.js';
import { fromRclMessage, toRclMessage } from './rosMessages.js';
import { createRosService, createRosServiceClient } from './rosServices.js';
import { fromRclValue, rclDescriptor, rclParameterFromValue, rclParameterType, toRclValue } from './rosParameters.js';
import { toRclQos } from './rosQos.js';
import { overridesFor, overrideTable, RosArgumentsError, type OverrideTable } from './rosParameterOverrides.js';

/** What to do to get ROS 2 and rclnodejs; printed with every "not available" error. */
export const ROS_SETUP_STEPS = [
  'source /opt/ros/<distro>/setup.bash (Humble or Jazzy)',
  'npm install rclnodejs@2.2.0 (in this package, with ROS 2 sourced: it builds against it)',
  'colcon build --packages-up-to fleet_bandits (it builds fleet_bandits_msgs and generates its JavaScript for rclnodejs), then source install/setup.bash',
];

/** rclnodejs 2.2.0's `engines.node`. */
export const MIN_NODE_VERSION = '20.20.2';

/** Why this Node.js cannot run rclnodejs 2.2.0 (older than MIN_NODE_VERSION), or null. */
export function nodeVersionProblem(version: string = process.versions.node): string | null {
  const have = version.split('.').map(Number);
  const need = MIN_NODE_VERSION.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) > need[i]) return null;
    if ((have[i] ?? 0) < need[i]) {
      return `rclnodejs 2.2.0 needs Node.js >= ${MIN_NODE_VERSION}, but this is Node.js ${version} (${process.execPath}); install a newer Node.js or point FLEET_BANDITS_NODE at one`;
    }
  }
  return null;
}

/** ROS 2 or rclnodejs is not available; the message says which and what to do. */
export class RosUnavailableError extends Error {
  constructor(problem: string, options?: { cause?: unknown }) {
    super(`${problem}\nTo run nodes on ROS 2:\n${ROS_SETUP_STEPS.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`, options);
    this.name = 'RosUnavailableError';
  }
}

export type StopReason =
  | { by: 'signal'; signal: 'SIGINT' | 'SIGTERM' }
  | { by: 'failure'; error: Error }
  | { by: 'request' };

export interface RclnodejsTransportOptions {
  /** Arguments for rcl (`--ros-args ...` is parsed by rcl). Default: process.argv. */
  argv?: string[];
  /** The rclnodejs module to use (tests pass a fake). Default: `await import('rclnodejs')`. */
  rclnodejs?: RclnodejsApi;
  /**
   * Handle SIGINT and SIGTERM: resolve `stopped` instead of letting rclnodejs destroy every node
   * on SIGINT (and Node.js die on SIGTERM, which `ros2 launch` sends after SIGINT). Idempotent:
   * the first signal stops, later ones are ignored until `shutdown()`. Default false.
   */
  handleSignals?: boolean;
}

/**
 * Loads rclnodejs (unless one is given), initialises the default context with `argv` and returns
 * the transport. Rejects with a RosUnavailableError naming what to do when rclnodejs or ROS 2 is
 * missing.
 */
export async function createRclnodejsTransport(options: RclnodejsTransportOptions = {}): Promise<RclnodejsTransport> {
  if (!options.rclnodejs) {
    // Checked before loading: an old Node.js fails inside rclnodejs with an obscure error.
    const tooOld = nodeVersionProblem();
    if (tooOld) throw new RosUnavailableError(tooOld);
  }
  const api = options.rclnodejs ?? (await loadRclnodejs());
  const argv = options.argv ?? process.argv;
  let ownsContext = true;
  try {
    await api.init(undefined, argv);
  } catch (err) {
    // Another transport (or the application) already initialised the default context: share it.
    if (!/already (been )?initialized/i.test(errorMessage(err))) {
      throw new RosUnavailableError(`rclnodejs.init() failed: ${errorMessage(err)}`, { cause: err });
    }
    ownsContext = false;
  }
  let overrides: OverrideTable;
  try {
    overrides = overrideTable(argv);
  } catch (err) {
    if (ownsContext) api.shutdown();
    if (err instanceof RosArgumentsError) throw new Error(`fleet_bandits: ${err.message}`, { cause: err });
    throw err;
  }
  return new RclnodejsTransport(api, ownsContext, options.handleSignals === true, overrides);
}

async function loadRclnodejs(): Promise<RclnodejsApi> {
  // A variable specifier keeps TypeScript from resolving the optional dependency at build time.
  const specifier = 'rclnodejs';
  let mod: { default?: RclnodejsApi } & Partial<RclnodejsApi>;
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && errorMessage(err).includes("'rclnodejs'")) {
      throw new RosUnavailableError('rclnodejs is not installed (it is an optional dependency; ROS 2 must be sourced when it is installed).', { cause: err });
    }
    const sourced = process.env.ROS_DISTRO && process.env.AMENT_PREFIX_PATH;
    const problem = sourced
      ? `rclnodejs failed to load with ROS_DISTRO=${process.env.ROS_DISTRO}: ${errorMessage(err)}`
      : `rclnodejs failed to load because ROS 2 is not sourced (ROS_DISTRO and AMENT_PREFIX_PATH are unset): ${errorMessage(err)}`;
    throw new RosUnavailableError(problem, { cause: err });
  }
  return (mod.default ?? mod) as RclnodejsApi;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class RclnodejsTransport implements Transport {
  readonly kind = 'ros';
  readonly api: RclnodejsApi;
  /** Resolves once: a signal arrived, a callback threw, or `stop()` was called. */
  readonly stopped: Promise<StopReason>;
  readonly #nodes = new Set<RclnodejsNode>();
  readonly #ownsContext: boolean;
  /** `--params-file` and `-p` overrides of the process, by node key (matched per node). */
  readonly overrideTable: OverrideTable;
  readonly #signalHandlers: [NodeJS.Signals, () => void][] = [];
  #resolveStop!: (reason: StopReason) => void;
  #stopReason: StopReason | undefined;
  #shutDown = false;

  constructor(api: RclnodejsApi, ownsContext: boolean, handleSignals: boolean, overrides: OverrideTable = new Map()) {
    this.api = api;
    this.#ownsContext = ownsContext;
    this.overrideTable = overrides;
    this.stopped = new Promise((resolve) => {
      this.#resolveStop = resolve;
    });
    if (handleSignals) {
      api.removeSignalHandlers();
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        // `on`, not `once`: a second Ctrl-C (the terminal's, then the one ros2 launch forwards)
        // must not kill the process while shutdown hooks (a bag's finalization) still run.
        const handler = () => {
          if (this.#stopReason) process.stderr.write(`[fleet_bandits] ${signal} while shutting down: ignored until the shutdown hooks have finished\n`);
          this.stop({ by: 'signal', signal });
        };
        process.on(signal, handler);
        this.#signalHandlers.push([signal, handler]);
      }
    }
  }

  /** Why the transport stopped, once it has. */
  get stopReason(): StopReason | undefined {
    return this.#stopReason;
  }

  /** Resolves `stopped` (first reason wins); nodes keep running until `shutdown()`. */
  stop(reason: StopReason = { by: 'request' }): void {
    if (this.#stopReason) return;
    this.#stopReason = reason;
    this.#resolveStop(reason);
  }

  /** Records a callback failure; the first one stops the transport. */
  fail(error: Error): void {
    this.stop({ by: 'failure', error });
  }

  createNode(name: string, options: NodeOptions = {}): NodeHandle {
    if (this.#shutDown) throw new Error(`the ROS 2 transport is shut down; cannot create node '${name}'`);
    validateNodeName(name);
    const namespace = options.namespace === undefined ? '' : normalizeNamespace(options.namespace);
    const rclOptions = new this.api.NodeOptions();
    const given = toMap(options.parameterOverrides);
    rclOptions.parameterOverrides = [...given].map(([k, v]) => rclParameterFromValue(this.api, k, v));
    const remaps = [...toMap(options.remappings)];
    const args = remaps.length === 0 ? [] : ['--ros-args', ...remaps.flatMap(([from, to]) => ['-r', `${from}:=${to}`])];
    const rclNode = this.api.createNode(name, namespace, undefined, rclOptions, args);
    const fromArgs = overridesFor(this.overrideTable, rclNode.getFullyQualifiedName());
    const node = new RclnodejsNode(this, rclNode, new Map([...fromArgs, ...given]));
    if ([...this.#nodes].some((n) => n.fullyQualifiedName === node.fullyQualifiedName)) {
      rclNode.destroy();
      throw new Error(`a node named '${node.fullyQualifiedName}' already exists`);
    }
    this.#nodes.add(node);
    rclNode.spin();
    return node;
  }

  /** Node names currently alive, fully qualified. */
  nodeNames(): string[] {
    return [...this.#nodes].map((n) => n.fullyQualifiedName);
  }

  removeNode(node: RclnodejsNode): void {
    this.#nodes.delete(node);
  }

  /** Destroys every node, shuts rclnodejs down (if this transport initialised it) and drops signal handlers. */
  async shutdown(): Promise<void> {
    if (this.#shutDown) return;
    this.#shutDown = true;
    for (const n of [...this.#nodes]) n.destroy();
    for (const [signal, handler] of this.#signalHandlers) process.off(signal, handler);
    if (this.#ownsContext && !this.api.isShutdown()) this.api.shutdown();
    this.stop();
  }
}

type ParameterCheck = (name: string, value: ParameterValue) => string | null;

class RclnodejsNode implements NodeHandle {
  readonly name: string;
  readonly namespace: string;
  readonly fullyQualifiedName: string;
  readonly logger: Logger;
  readonly #transport: RclnodejsTransport;
  readonly #node: RclNode;
  readonly #api: RclnodejsApi;
  readonly #descriptors = new Map<string, ParameterDescriptor>();
  readonly #checks: ParameterCheck[] = [];
  /** What this node's parameters are overridden with (params files and -p by full name, then NodeOptions). */
  readonly #overrides: Map<string, unknown>;
  #declaring = false;
  #destroyed = false;

  constructor(transport: RclnodejsTransport, node: RclNode, overrides: Map<string, unknown>) {
    this.#transport = transport;
    this.#node = node;
    this.#api = transport.api;
    this.#overrides = overrides;
    // rcl may have renamed the node (`-r __node:=`, `-r __ns:=` from ros2 launch): ask it.
    this.name = node.name();
    this.namespace = node.namespace() === '' ? '/' : node.namespace();
    this.fullyQualifiedName = node.getFullyQualifiedName();
    const l = node.getLogger();
    this.logger = {
      debug: (m) => void l.debug(m),
      info: (m) => void l.info(m),
      warn: (m) => void l.warn(m),
      error: (m) => void l.error(m),
      fatal: (m) => void l.fatal(m),
    };
    node.addOnSetParametersCallback((params) => this.#vetRuntimeChange(params));
    // rclnodejs declared use_sim_time from the overrides it matches itself; a block it missed
    // (`/ns/name`, wildcards) must switch the clock too.
    const simTime = overrides.get('use_sim_time');
    if (typeof simTime === 'boolean' && node.hasParameter('use_sim_time') && node.getParameter('use_sim_time').value !== simTime) {
      node.setParameter(new this.#api.Parameter('use_sim_time', this.#api.ParameterType.PARAMETER_BOOL, simTime));
    }
  }

  /** Runs `fn` for rclnodejs; an exception becomes a logged, transport-stopping failure. */
  #guard<A extends unknown[]>(what: string, fn: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      if (this.#destroyed) return;
      try {
        fn(...args);
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        this.logger.fatal(`${what} threw: ${e.message}`);
        this.#transport.fail(new Error(`${e.message} [node=${this.fullyQualifiedName} in ${what}]`, { cause: e }));
      }
    };
  }

  #alive(what: string): void {
    if (this.#destroyed) throw new Error(`node '${this.fullyQualifiedName}' is destroyed; cannot ${what}`);
  }

  #missingType(type: string, err: unknown): Error {
    const text = errorMessage(err);
    if (!/does not exist|MESSAGE_NOT_FOUND|not found/i.test(text)) return err instanceof Error ? err : new Error(text);
    return new RosUnavailableError(`message type '${type}' is not available to rclnodejs (${text}) [node=${this.fullyQualifiedName}]`, { cause: err });
  }

  createPublisher<T>(type: string, topic: string, qos: QosProfile = DEFAULT_QOS): Publisher<T> {
    this.#alive('create a publisher');
    let pub;
    try {
      pub = this.#node.createPublisher(type, topic, { qos: toRclQos(this.#api, qos) });
    } catch (err) {
      throw this.#missingType(type, err);
    }
    return {
      topic: pub.topic,
      type,
      publish: (msg: T) => {
        if (this.#destroyed) return;
        pub.publish(toRclMessage(type, msg));
      },
    };
  }

  createSubscription<T>(type: string, topic: string, callback: (msg: T) => void, qos: QosProfile = DEFAULT_QOS): Subscription {
    this.#alive('create a subscription');
    const state = { dropped: 0, warned: false };
    let resolved = topic;
    const deliver = this.#guard(`subscription callback on '${topic}'`, (raw: unknown) => {
      let msg: T;
      try {
        msg = fromRclMessage(type, raw) as T;
      } catch (err) {
        // A value node programs cannot represent (e.g. uint64 > 2^53): a counted drop, not a crash.
        state.dropped++;
        const text = `dropped a message on '${resolved}' (${state.dropped} so far): ${errorMessage(err)}`;
        if (!state.warned) this.logger.warn(text);
        else this.logger.debug(text);
        state.warned = true;
        return;
      }
      callback(msg);
    });
    let sub;
    try {
      // 'plain' gives arrays instead of TypedArrays, as node programs get them embedded.
      sub = this.#node.createSubscription(type, topic, { qos: toRclQos(this.#api, qos), serializationMode: 'plain' }, deliver);
    } catch (err) {
      throw this.#missingType(type, err);
    }
    resolved = sub.topic;
    return {
      topic: sub.topic,
      type,
      // DDS does not tell a subscriber what its keep-last queue overwrote; only conversion drops count.
      get dropped() {
        return state.dropped;
      },
    };
  }

  createTimer(periodSeconds: number, callback: () => void): Timer {
    this.#alive('create a timer');
    if (!(periodSeconds > 0) || !Number.isFinite(periodSeconds)) throw new Error(`timer period must be a positive number of seconds, found ${periodSeconds}`);
    const periodNs = Math.max(1, Math.round(periodSeconds * 1e9));
    const timer = this.#node.createTimer(BigInt(periodNs), this.#guard('timer callback', callback));
    return {
      periodNs,
      cancel: () => timer.cancel(),
      get cancelled() {
        return timer.isCanceled();
      },
    };
  }

  /** ROS time of the node clock in ns; a double, so about 0.25 us resolution at today's epoch. */
  now(): number {
    return Number(this.#node.now().nanoseconds);
  }

  declareParameter(d: ParameterDescriptor): ParameterValue {
    this.#alive('declare a parameter');
    if (this.#descriptors.has(d.name)) throw new Error(`parameter '${d.name}' of node '${this.fullyQualifiedName}' is already declared`);
    const defaultProblem = parameterProblem(d, d.default);
    if (defaultProblem) throw new Error(`${defaultProblem} (default of node '${this.fullyQualifiedName}')`);
    if (this.#node.hasParameter(d.name)) {
      // Declared by rclnodejs itself (use_sim_time): adopt it if the types agree.
      const current = fromRclValue(this.#node.getParameter(d.name).value);
      const problem = parameterProblem(d, current);
      if (problem) throw new Error(`${problem} [node=${this.fullyQualifiedName}]`);
      this.#descriptors.set(d.name, d);
      return current as ParameterValue;
    }
    let value: ParameterValue = d.default;
    if (this.#overrides.has(d.name)) {
      const v = this.#overrides.get(d.name);
      const problem = parameterProblem(d, v);
      if (problem) throw new Error(`${problem} [node=${this.fullyQualifiedName}]`);
      value = v as ParameterValue;
    }
    const type = rclParameterType(this.#api, d.type);
    this.#declaring = true;
    try {
      this.#node.declareParameter(new this.#api.Parameter(d.name, type, toRclValue(d.type, value)), rclDescriptor(this.#api, d), true);
    } catch (err) {
      throw new Error(`cannot declare parameter '${d.name}' of node '${this.fullyQualifiedName}': ${errorMessage(err)}`, { cause: err });
    } finally {
      this.#declaring = false;
    }
    this.#descriptors.set(d.name, d);
    return value;
  }

  getParameter(name: string): ParameterValue {
    if (!this.#descriptors.has(name) && !this.#node.hasParameter(name)) {
      throw new Error(`parameter '${name}' is not declared on node '${this.fullyQualifiedName}'; declared: ${[...this.#descriptors.keys()].join(', ') || 'none'}`);
    }
    return fromRclValue(this.#node.getParameter(name).value) as ParameterValue;
  }

  setParameter(name: string, value: ParameterValue): SetParameterResult {
    const d = this.#descriptors.get(name);
    const problem = parameterChangeProblem(d, name, value);
    if (problem || !d) return { successful: false, reason: problem ?? '' };
    const result = this.#node.setParameter(new this.#api.Parameter(name, rclParameterType(this.#api, d.type), toRclValue(d.type, value)));
    return { successful: result.successful, reason: result.reason ?? '' };
  }

  onParameterChange(check: ParameterCheck): void {
    this.#checks.push(check);
  }

  #actionContext(): RosActionContext {
    return {
      api: this.#api,
      node: this.#node,
      guard: (what, fn) => this.#guard(what, fn),
      resolve: (name) => resolveName(name, this.namespace, this.name),
      logError: (m) => this.logger.error(m),
    };
  }

  createActionClient<G, R, F>(type: string, name: string): ActionClient<G, R, F> {
    this.#alive('create an action client');
    try {
      return createRosActionClient<G, R, F>(this.#actionContext(), type, name);
    } catch (err) {
      throw this.#missingType(type, err);
    }
  }

  createActionServer<G, R, F>(type: string, name: string, callbacks: ActionServerCallbacks<G, R, F>): ActionServer {
    this.#alive('create an action server');
    try {
      return createRosActionServer<G, R, F>(this.#actionContext(), type, name, callbacks);
    } catch (err) {
      throw this.#missingType(type, err);
    }
  }

  createServiceClient<Q, S>(type: string, name: string): ServiceClient<Q, S> {
    this.#alive('create a service client');
    try {
      return createRosServiceClient<Q, S>(this.#actionContext(), type, name);
    } catch (err) {
      throw this.#missingType(type, err);
    }
  }

  createService<Q, S>(type: string, name: string, handler: ServiceHandler<Q, S>): ServiceServer {
    this.#alive('create a service');
    try {
      return createRosService<Q, S>(this.#actionContext(), type, name, handler);
    } catch (err) {
      throw this.#missingType(type, err);
    }
  }

  /** Our descriptor rules and checks for every change, ours or `ros2 param set`'s. */
  #vetRuntimeChange(params: RclParameter[]): RclSetParameterResult {
    if (this.#declaring) return { successful: true, reason: '' };
    for (const p of params) {
      const d = this.#descriptors.get(p.name);
      if (!d) continue; // rclnodejs' own parameters (use_sim_time): its rules apply
      const value = fromRclValue(p.value);
      const problem = parameterProblem(d, value);
      if (problem) return { successful: false, reason: problem };
      for (const check of this.#checks) {
        const reason = check(p.name, value as ParameterValue);
        if (reason) return { successful: false, reason };
      }
    }
    return { successful: true, reason: '' };
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#transport.removeNode(this);
    this.#node.destroy();
  }
}
