/**
 * A fake of the rclnodejs 2.2.0 API, written from its documentation and declarations
 * (types/index.d.ts, node.d.ts, qos.d.ts, parameter.d.ts, timer.d.ts, logging.d.ts, time.d.ts,
 * node_options.d.ts), so the ROS 2 transport can be tested without ROS. It records every call and
 * behaves the way rclnodejs does where a caller could tell:
 * - `init` once per context (again after `shutdown`), rcl parsing of `--ros-args`: `-p [node:]n:=v`
 *   (YAML-typed: `3` is INTEGER, `3.0` DOUBLE), `--params-file` (nested keys join as namespaces;
 *   `getParameterOverrides` holds the `/**` block and the block named exactly like the node, as
 *   rclnodejs 2.2.0 matches them), `-r [node:]from:=to`, `-r __node:=`,
 *   `-r __ns:=`; node-local arguments of `createNode` take precedence over global ones;
 * - QoS objects with the rmw enum values; a RELIABLE subscription ignores a BEST_EFFORT publisher,
 *   TRANSIENT_LOCAL subscriptions get the last `depth` messages of TRANSIENT_LOCAL publishers;
 *   keep-last queues per subscription;
 * - messages: int64/uint64 fields must be `bigint` on publish (the generated setters throw
 *   TypeError otherwise) and arrive as `bigint`; numeric arrays arrive as TypedArrays unless
 *   `enableTypedArray: false` or `serializationMode: 'plain'`; unknown types throw
 *   "The message required does not exist";
 * - timers take a `bigint` period in ns and fire only while the node spins; delivery is
 *   asynchronous (never inside `publish`) after `latencyNs`;
 * - parameters: INTEGER values are bigint, `Parameter` validates its value, descriptors with
 *   IntegerRange / FloatingPointRange (default step 1, tolerance 1e-6), read-only, overrides applied
 *   at declaration unless `ignoreOverride`, on-set callbacks (newest first) veto declarations and
 *   changes; every node declares `use_sim_time` and then takes its clock from /clock.
 * - actions (`ActionClient`, `ActionServer`, `GoalResponse`, `CancelResponse`): see
 *   fakeRclnodejsActions.ts; installed action types are NavigateToPose and Fibonacci;
 * - services (`node.createClient`, `node.createService`): see fakeRclnodejsServices.ts; installed
 *   service types are crazyflie_interfaces Takeoff, Land and GoTo.
 * Time is virtual: nothing happens until the test calls `advance(ns)`; ROS time starts at a
 * present-day epoch so precision problems of nanosecond numbers show up here too.
 */
import { parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';
import { isMessageTypeName } from '../../src/msg/fullDefinition.js';
import { structSchema, type FieldSchema } from '../../src/msg/structSchema.js';
import { defaultMessage } from '../../src/msg/defaultMessage.js';
import { CancelResponse, FakeActionClient, FakeActionGraph, FakeActionServer, GoalResponse } from './fakeRclnodejsActions.js';
import { FakeServiceGraph, type FakeClient } from './fakeRclnodejsServices.js';
import type {
  RclActionClientClass,
  RclActionOptions,
  RclActionServerClass,
  RclServerGoalHandle,
  RclClient,
  RclEntityOptions,
  RclnodejsApi,
  RclService,
  RclServiceResponse,
  RclTimer,
  RclNode,
  RclNodeOptions,
  RclParameter,
  RclParameterDescriptor,
  RclQoS,
  RclRange,
  RclSetParameterResult,
} from '../../src/runtime/ros/RclnodejsApi.js';

// ---------------------------------------------------------------- enums and small classes

const HistoryPolicy = { RMW_QOS_POLICY_HISTORY_SYSTEM_DEFAULT: 0, RMW_QOS_POLICY_HISTORY_KEEP_LAST: 1, RMW_QOS_POLICY_HISTORY_KEEP_ALL: 2 } as const;
const ReliabilityPolicy = { RMW_QOS_POLICY_RELIABILITY_SYSTEM_DEFAULT: 0, RMW_QOS_POLICY_RELIABILITY_RELIABLE: 1, RMW_QOS_POLICY_RELIABILITY_BEST_EFFORT: 2 } as const;
const DurabilityPolicy = { RMW_QOS_POLICY_DURABILITY_SYSTEM_DEFAULT: 0, RMW_QOS_POLICY_DURABILITY_TRANSIENT_LOCAL: 1, RMW_QOS_POLICY_DURABILITY_VOLATILE: 2 } as const;

export class FakeQoS implements RclQoS {
  static readonly HistoryPolicy = HistoryPolicy;
  static readonly ReliabilityPolicy = ReliabilityPolicy;
  static readonly DurabilityPolicy = DurabilityPolicy;
  static readonly profileDefault = 'qos_profile_default';
  static readonly profileSystemDefault = 'qos_profile_system_default';
  static readonly profileSensorData = 'qos_profile_sensor_data';
  history: number;
  depth: number;
  reliability: number;
  durability: number;
  constructor(history: number = HistoryPolicy.RMW_QOS_POLICY_HISTORY_SYSTEM_DEFAULT, depth = 0, reliability: number = ReliabilityPolicy.RMW_QOS_POLICY_RELIABILITY_SYSTEM_DEFAULT, durability: number = DurabilityPolicy.RMW_QOS_POLICY_DURABILITY_SYSTEM_DEFAULT) {
    this.history = history;
    this.depth = depth;
    this.reliability = reliability;
    this.durability = durability;
  }
}

/** The QoS an rmw applies for a QoS object or profile name (system default = reliable, volatile, depth 10). */
function effectiveQos(qos: RclQoS | string | undefined): { reliable: boolean; transientLocal: boolean; depth: number } {
  if (qos === undefined || qos === FakeQoS.profileDefault || qos === FakeQoS.profileSystemDefault) return { reliable: true, transientLocal: false, depth: 10 };
  if (qos === FakeQoS.profileSensorData) return { reliable: false, transientLocal: false, depth: 5 };
  if (typeof qos === 'string') throw new TypeError(`fake rclnodejs: unknown QoS profile '${qos}'`);
  if (!(qos instanceof FakeQoS)) throw new TypeError('Invalid argument: qos must be a QoS object or a profile name');
  const keepAll = qos.history === HistoryPolicy.RMW_QOS_POLICY_HISTORY_KEEP_ALL;
  return {
    reliable: qos.reliability !== ReliabilityPolicy.RMW_QOS_POLICY_RELIABILITY_BEST_EFFORT,
    transientLocal: qos.durability === DurabilityPolicy.RMW_QOS_POLICY_DURABILITY_TRANSIENT_LOCAL,
    depth: keepAll ? Number.MAX_SAFE_INTEGER : qos.depth > 0 ? qos.depth : 10,
  };
}

export const ParameterType = {
  PARAMETER_NOT_SET: 0,
  PARAMETER_BOOL: 1,
  PARAMETER_INTEGER: 2,
  PARAMETER_DOUBLE: 3,
  PARAMETER_STRING: 4,
  PARAMETER_BYTE_ARRAY: 5,
  PARAMETER_BOOL_ARRAY: 6,
  PARAMETER_INTEGER_ARRAY: 7,
  PARAMETER_DOUBLE_ARRAY: 8,
  PARAMETER_STRING_ARRAY: 9,
} as const;

function valueFits(value: unknown, type: number): boolean {
  const scalar = (v: unknown, t: number): boolean =>
    t === ParameterType.PARAMETER_BOOL ? typeof v === 'boolean'
    : t === ParameterType.PARAMETER_INTEGER ? typeof v === 'bigint'
    : t === ParameterType.PARAMETER_DOUBLE ? typeof v === 'number'
    : t === ParameterType.PARAMETER_STRING ? typeof v === 'string'
    : false;
  if (value === null || value === undefined) return type === ParameterType.PARAMETER_NOT_SET;
  switch (type) {
    case ParameterType.PARAMETER_BOOL_ARRAY: return Array.isArray(value) && value.every((v) => scalar(v, ParameterType.PARAMETER_BOOL));
    case ParameterType.PARAMETER_INTEGER_ARRAY: return Array.isArray(value) && value.every((v) => scalar(v, ParameterType.PARAMETER_INTEGER));
    case ParameterType.PARAMETER_DOUBLE_ARRAY: return Array.isArray(value) && value.every((v) => scalar(v, ParameterType.PARAMETER_DOUBLE));
    case ParameterType.PARAMETER_STRING_ARRAY: return Array.isArray(value) && value.every((v) => scalar(v, ParameterType.PARAMETER_STRING));
    case ParameterType.PARAMETER_BYTE_ARRAY: return Array.isArray(value) && value.every((v) => typeof v === 'number');
    default: return scalar(value, type);
  }
}

export class FakeParameter implements RclParameter {
  readonly name: string;
  readonly type: number;
  readonly value: unknown;
  constructor(name: string, type: number, value?: unknown) {
    this.name = name;
    this.type = type;
    // rclnodejs converts INTEGER values with BigInt (so 3 and 3n both work; 2.5 throws RangeError).
    this.value = type === ParameterType.PARAMETER_INTEGER ? BigInt(value as number | bigint) : value;
    this.validate();
  }
  validate(): void {
    if (typeof this.name !== 'string' || this.name.trim() === '') throw new TypeError(`Invalid parameter name: ${String(this.name)}`);
    if (!Number.isInteger(this.type) || this.type < 0 || this.type > 9) throw new TypeError(`Invalid parameter type ${this.type} for '${this.name}'`);
    if (!valueFits(this.value, this.type)) throw new TypeError(`Parameter '${this.name}' of type ${this.type} cannot hold ${typeof this.value} value ${String(this.value)}`);
  }
}

abstract class FakeRange implements RclRange {
  readonly fromValue: number | bigint;
  readonly toValue: number | bigint;
  readonly step: number | bigint;
  constructor(from: number | bigint, to: number | bigint, step: number | bigint) {
    this.fromValue = from;
    this.toValue = to;
    this.step = step;
  }
  abstract isValidType(type: number): boolean;
  abstract inRange(value: unknown): boolean;
}

export class FakeFloatingPointRange extends FakeRange {
  readonly tolerance: number;
  /** As in rclnodejs the step defaults to 1: values must sit on from + k * step unless step is 0. */
  constructor(from: number, to: number, step = 1, tolerance = 1e-6) {
    super(from, to, step);
    this.tolerance = tolerance;
  }
  isValidType(type: number): boolean {
    return type === ParameterType.PARAMETER_DOUBLE || type === ParameterType.PARAMETER_DOUBLE_ARRAY;
  }
  inRange(value: unknown): boolean {
    if (typeof value !== 'number') throw new TypeError(`range check needs a number, found ${typeof value}`);
    const lo = Math.min(this.fromValue as number, this.toValue as number);
    const hi = Math.max(this.fromValue as number, this.toValue as number);
    const close = (a: number, b: number) => Math.abs(a - b) <= this.tolerance;
    if (close(value, lo) || close(value, hi)) return true;
    if (value < lo || value > hi) return false;
    const step = this.step as number;
    if (step !== 0) return close(lo + Math.round((value - lo) / step) * step, value);
    return true;
  }
}

export class FakeIntegerRange extends FakeRange {
  constructor(from: bigint, to: bigint, step = 1n) {
    if (typeof from !== 'bigint' || typeof to !== 'bigint' || typeof step !== 'bigint') throw new TypeError('IntegerRange bounds and step must be bigint');
    super(from, to, step);
  }
  isValidType(type: number): boolean {
    return type === ParameterType.PARAMETER_INTEGER || type === ParameterType.PARAMETER_INTEGER_ARRAY;
  }
  inRange(value: unknown): boolean {
    if (typeof value !== 'bigint') throw new TypeError(`range check needs a bigint, found ${typeof value}`);
    const lo = this.fromValue as bigint;
    const step = this.step as bigint;
    if (value < lo || value > (this.toValue as bigint)) return false;
    return step === 0n || (value - lo) % step === 0n;
  }
}

export class FakeParameterDescriptor implements RclParameterDescriptor {
  readonly name: string;
  readonly type: number;
  readonly description: string;
  readonly readOnly: boolean;
  readonly range: FakeRange | null;
  additionalConstraints = '';
  constructor(name: string, type: number = ParameterType.PARAMETER_NOT_SET, description = 'no description', readOnly = false, range: RclRange | null = null) {
    this.name = name;
    this.type = type;
    this.description = description;
    this.readOnly = readOnly;
    if (range !== null && range !== undefined && !(range instanceof FakeRange)) throw new TypeError('range must be a FloatingPointRange or IntegerRange');
    this.range = range ?? null;
    if (this.range && !this.range.isValidType(type)) throw new TypeError(`Incompatible Range for parameter type (${this.range.constructor.name} on '${name}' of type ${type})`);
  }
  validateParameter(p: FakeParameter): void {
    p.validate();
    if (p.name !== this.name) throw new Error(`Name mismatch: descriptor '${this.name}', parameter '${p.name}'`);
    if (p.type !== this.type) throw new TypeError(`Parameter '${this.name}' must be of type ${this.type}, got type ${p.type}`);
    if (this.range && !this.range.inRange(p.value)) throw new RangeError(`Parameter '${this.name}' value ${String(p.value)} is out of range ${String(this.range.fromValue)} to ${String(this.range.toValue)}`);
  }
}

export class FakeNodeOptions implements RclNodeOptions {
  startParameterServices = true;
  parameterOverrides: RclParameter[] = [];
  automaticallyDeclareParametersFromOverrides = false;
  enableRosout = true;
}

// ---------------------------------------------------------------- rcl arguments

interface RemapRule {
  /** Only for the node of this name (`-r node:from:=to`). */
  node?: string;
  from: string;
  to: string;
}

interface RclArguments {
  remaps: RemapRule[];
  /** Parameter overrides by node key as rcl stores them ('/**', 'learner', ...), in order. */
  params: { node: string; name: string; type: number; value: unknown }[];
  logLevel?: string;
}

/** A YAML scalar or flow list as rcl types it: integers INTEGER (bigint), reals DOUBLE, ... */
function typedYaml(text: string, where: string): { type: number; value: unknown } {
  const value = parseDocument(text, { intAsBigInt: true }).toJS() as unknown;
  return typedValue(value, where);
}

function typedValue(value: unknown, where: string): { type: number; value: unknown } {
  if (typeof value === 'boolean') return { type: ParameterType.PARAMETER_BOOL, value };
  if (typeof value === 'bigint') return { type: ParameterType.PARAMETER_INTEGER, value };
  if (typeof value === 'number') return { type: ParameterType.PARAMETER_DOUBLE, value };
  if (typeof value === 'string') return { type: ParameterType.PARAMETER_STRING, value };
  if (Array.isArray(value) && value.length > 0) {
    const first = typedValue(value[0], where).type;
    const all = value.map((v) => typedValue(v, where));
    if (all.some((v) => v.type !== first)) throw new Error(`fake rcl: mixed array types in ${where}`);
    const arrayType = { [ParameterType.PARAMETER_BOOL]: ParameterType.PARAMETER_BOOL_ARRAY, [ParameterType.PARAMETER_INTEGER]: ParameterType.PARAMETER_INTEGER_ARRAY, [ParameterType.PARAMETER_DOUBLE]: ParameterType.PARAMETER_DOUBLE_ARRAY, [ParameterType.PARAMETER_STRING]: ParameterType.PARAMETER_STRING_ARRAY }[first] as number;
    return { type: arrayType, value: all.map((v) => v.value) };
  }
  throw new Error(`fake rcl: cannot type parameter value ${JSON.stringify(value)} in ${where}`);
}

function parseRclArguments(argv: readonly string[]): RclArguments {
  const out: RclArguments = { remaps: [], params: [] };
  let inRos = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--ros-args') { inRos = true; continue; }
    if (a === '--') { inRos = false; continue; }
    if (!inRos) continue;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`Couldn't parse arguments: '${a}' needs a value`);
      return v;
    };
    if (a === '-p' || a === '--param') {
      const rule = next();
      const m = /^(?:([^:=]+):)?([^:=]+):=(.*)$/s.exec(rule);
      if (!m) throw new Error(`Couldn't parse parameter override rule: '${rule}'`);
      const { type, value } = typedYaml(m[3], rule);
      out.params.push({ node: m[1] ?? '/**', name: m[2], type, value });
    } else if (a === '-r' || a === '--remap') {
      const rule = next();
      const m = /^(?:([^:=]+):)?([^:=]+):=(.+)$/.exec(rule);
      if (!m) throw new Error(`Couldn't parse remap rule: '${rule}'`);
      out.remaps.push({ node: m[1], from: m[2], to: m[3] });
    } else if (a === '--params-file') {
      const file = next();
      const doc = parseDocument(readFileSync(file, 'utf8'), { intAsBigInt: true }).toJS() as Record<string, unknown>;
      // Nested keys are namespaces: `fleet1: {learner: {ros__parameters: ...}}` is 'fleet1/learner'.
      const blocks: [string, unknown][] = [];
      const walk = (prefix: string, obj: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(obj)) {
          const key = prefix === '' ? k : `${prefix.replace(/\/$/, '')}/${k.replace(/^\//, '')}`;
          const inner = v as Record<string, unknown> | null;
          if (typeof inner === 'object' && inner !== null && 'ros__parameters' in inner) blocks.push([key, inner.ros__parameters]);
          else if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) walk(key, inner);
          else throw new Error(`Couldn't parse params file '${file}': node '${key}' has no ros__parameters`);
        }
      };
      walk('', doc ?? {});
      for (const [node, params] of blocks) {
        if (typeof params !== 'object' || params === null) throw new Error(`Couldn't parse params file '${file}': node '${node}' has no ros__parameters`);
        const flatten = (prefix: string, obj: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(obj)) {
            const name = prefix === '' ? k : `${prefix}.${k}`;
            if (typeof v === 'object' && v !== null && !Array.isArray(v)) flatten(name, v as Record<string, unknown>);
            else out.params.push({ node, name, ...typedValue(v, `${file}: ${node}.${name}`) });
          }
        };
        flatten('', params as Record<string, unknown>);
      }
    } else if (a === '--log-level') {
      out.logLevel = next();
    } else if (a === '--enclave' || a === '-e') {
      next();
    } else {
      throw new Error(`Couldn't parse arguments: unknown ROS argument '${a}'`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- names

const TOKEN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function expandName(name: string, ns: string, node: string): string {
  const base = ns === '/' ? '' : ns;
  let full: string;
  if (name.startsWith('/')) full = name;
  else if (name === '~' || name.startsWith('~/')) full = `${base}/${node}${name.slice(1)}`;
  else full = `${base}/${name}`;
  for (const part of full.slice(1).split('/')) {
    if (!TOKEN.test(part)) throw new Error(`Invalid topic name '${name}' (expanded '${full}')`);
  }
  return full;
}

// ---------------------------------------------------------------- messages

/** Installed interface types (what `generate-ros-messages` would have produced). */
const EXTRA_TYPES = new Set(['std_msgs/msg/Int32', 'std_msgs/msg/Bool', 'rosgraph_msgs/msg/Clock', 'rcl_interfaces/msg/ParameterEvent']);
/** Installed action types (nav2_msgs and example_interfaces in the workspace). */
const ACTION_TYPES = new Set(['nav2_msgs/action/NavigateToPose', 'example_interfaces/action/Fibonacci']);
/** Installed service types (crazyflie_interfaces in the workspace). */
const SERVICE_TYPES = new Set(['crazyflie_interfaces/srv/Takeoff', 'crazyflie_interfaces/srv/Land', 'crazyflie_interfaces/srv/GoTo']);
const TYPED_ARRAY: Record<string, new (items: ArrayLike<number>) => ArrayLike<number>> = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array,
};
const NUMERIC = new Set(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64']);

/** Copies a published message the way the generated class would take it, with its type checks. */
function intoRcl(type: string, msg: unknown, path: string): Record<string, unknown> {
  if (typeof msg !== 'object' || msg === null) throw new TypeError(`${path || type}: expected an object, found ${typeof msg}`);
  const src = msg as Record<string, unknown>;
  const defaults = defaultMessage(type as never) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of structSchema(type).fields) {
    const given = src[f.name];
    out[f.name] = given === undefined ? trustedDefault(f, defaults[f.name]) : intoRclField(f, given, path === '' ? f.name : `${path}.${f.name}`);
  }
  return out;
}

function trustedDefault(f: FieldSchema, v: unknown): unknown {
  if (f.type === 'int64' || f.type === 'uint64') return Array.isArray(v) ? v.map((x) => BigInt(x as number)) : BigInt(v as number);
  if (f.complex) return Array.isArray(v) ? v.map((x) => intoRcl(f.type, x, '')) : intoRcl(f.type, v, '');
  return v;
}

function intoRclElement(f: FieldSchema, v: unknown, path: string): unknown {
  if (f.complex) return intoRcl(f.type, v, path);
  switch (f.type) {
    case 'int64':
    case 'uint64':
      if (typeof v !== 'bigint') throw new TypeError(`${f.name} must be type of bigint`);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw new TypeError(`${path} must be a boolean`);
      return v;
    case 'string':
    case 'wstring':
      if (typeof v !== 'string') throw new TypeError(`${path} must be a string`);
      return v;
    case 'time':
    case 'duration': {
      const t = v as { sec?: unknown; nanosec?: unknown };
      if (typeof t?.sec !== 'number' || typeof t?.nanosec !== 'number') throw new TypeError(`${path} must be {sec: number, nanosec: number}`);
      return { sec: t.sec, nanosec: t.nanosec };
    }
    default:
      if (typeof v === 'bigint') throw new TypeError(`Cannot convert a BigInt value to a number (${path})`);
      if (typeof v !== 'number') throw new TypeError(`${path} must be a number`);
      return v;
  }
}

function intoRclField(f: FieldSchema, v: unknown, path: string): unknown {
  if (!f.isArray) return intoRclElement(f, v, path);
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError(`${path} must be an array`);
  return Array.from(v as ArrayLike<unknown>, (x, i) => intoRclElement(f, x, `${path}[${i}]`));
}

/** The object a subscription callback receives: numeric arrays as TypedArrays when enabled. */
function outOfRcl(type: string, msg: Record<string, unknown>, typedArrays: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of structSchema(type).fields) {
    const v = msg[f.name];
    if (f.complex) out[f.name] = f.isArray ? (v as Record<string, unknown>[]).map((x) => outOfRcl(f.type, x, typedArrays)) : outOfRcl(f.type, v as Record<string, unknown>, typedArrays);
    else if (f.isArray && typedArrays && NUMERIC.has(f.type)) out[f.name] = new TYPED_ARRAY[f.type](v as number[]);
    else if (f.type === 'time' || f.type === 'duration') out[f.name] = f.isArray ? (v as object[]).map((x) => ({ ...x })) : { ...(v as object) };
    else out[f.name] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}

/** `serializationMode: 'plain'`: TypedArrays become arrays, everything else (bigint too) stays. */
function toPlainArrays(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>);
  if (Array.isArray(v)) return v.map(toPlainArrays);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlainArrays(x)]));
  return v;
}

// ---------------------------------------------------------------- the graph

export interface FakeCall {
  /** `rclnodejs.init`, `Node.createPublisher`, `Publisher.publish`, ... */
  fn: string;
  /** The node's fully qualified name, or '' for module-level calls. */
  node: string;
  args: unknown[];
}

export interface FakeLogLine {
  logger: string;
  level: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  message: string;
}

interface FakeSub {
  node: FakeNode;
  type: string;
  topic: string;
  qos: ReturnType<typeof effectiveQos>;
  options: RclEntityOptions;
  callback: (msg: unknown) => void;
  queue: unknown[];
  scheduled: boolean;
  active: boolean;
}

interface FakePub {
  node: FakeNode;
  type: string;
  topic: string;
  qos: ReturnType<typeof effectiveQos>;
  history: unknown[];
  active: boolean;
}

interface Event {
  at: bigint;
  seq: number;
  run: () => void;
}

export interface FakeRclnodejsOptions {
  /** Publish-to-delivery delay. Default 100 us. */
  latencyNs?: bigint;
  /** ROS (system) time at start. Default 1.7e18 ns (November 2023). */
  startNs?: bigint;
  /** Message types that are not installed (their use throws like a missing interface package). */
  missingTypes?: string[];
}

export class FakeRclnodejs implements RclnodejsApi {
  readonly QoS = FakeQoS;
  readonly ParameterType = ParameterType;
  readonly Parameter = FakeParameter;
  readonly ParameterDescriptor = FakeParameterDescriptor;
  readonly FloatingPointRange = FakeFloatingPointRange;
  readonly IntegerRange = FakeIntegerRange;
  readonly NodeOptions = FakeNodeOptions;
  readonly GoalResponse = GoalResponse;
  readonly CancelResponse = CancelResponse;
  /** `new rclnodejs.ActionClient(node, type, name, options)`, bound to this fake's graph. */
  readonly ActionClient: RclActionClientClass;
  /** `new rclnodejs.ActionServer(node, type, name, execute, goalCb, acceptedCb, cancelCb, options)`. */
  readonly ActionServer: RclActionServerClass;
  /** Action servers and clients, for assertions. */
  readonly actions: FakeActionGraph;
  /** Service servers and clients, for assertions. */
  readonly services: FakeServiceGraph;

  /** Every call made through the API, in order. */
  readonly calls: FakeCall[] = [];
  readonly logs: FakeLogLine[] = [];
  /** Exceptions that escaped a callback (rclnodejs would crash the process); rethrown by advance(). */
  readonly uncaught: Error[] = [];
  readonly latencyNs: bigint;
  #now: bigint;
  #simNow = 0n;
  #seq = 0;
  #events: Event[] = [];
  #initialized = false;
  #globalArgs: RclArguments = { remaps: [], params: [] };
  readonly #nodes = new Set<FakeNode>();
  readonly #pubs: FakePub[] = [];
  readonly #subs: FakeSub[] = [];
  readonly #missing: Set<string>;

  constructor(options: FakeRclnodejsOptions = {}) {
    this.latencyNs = options.latencyNs ?? 100_000n;
    this.#now = options.startNs ?? 1_700_000_000_000_000_000n;
    this.#missing = new Set(options.missingTypes ?? []);
    const now = () => this.#now;
    const graph = new FakeActionGraph({
      get nowNs() {
        return now();
      },
      latencyNs: this.latencyNs,
      schedule: (at, run) => this.schedule(at, run),
      invoke: (fn) => this.invoke(fn),
      record: (fn, node, args) => this.record(fn, node, args),
      checkActionType: (type) => this.checkActionType(type),
    });
    this.actions = graph;
    this.services = new FakeServiceGraph({
      get nowNs() {
        return now();
      },
      latencyNs: this.latencyNs,
      schedule: (at, run) => this.schedule(at, run),
      invoke: (fn) => this.invoke(fn),
      record: (fn, node, args) => this.record(fn, node, args),
      checkServiceType: (type) => this.checkServiceType(type),
      toStored: (type, message) => (isMessageTypeName(type) ? intoRcl(type, message, '') : structuredClone(message)),
      fromStored: (type, stored, typed) => (isMessageTypeName(type) ? outOfRcl(type, stored as Record<string, unknown>, typed) : structuredClone(stored)),
    });
    this.ActionClient = class extends FakeActionClient {
      constructor(node: RclNode, typeClass: string, actionName: string, options?: RclActionOptions) {
        super(graph, node, typeClass, actionName, options);
      }
    };
    this.ActionServer = class extends FakeActionServer {
      constructor(
        node: RclNode,
        typeClass: string,
        actionName: string,
        executeCallback: (goalHandle: RclServerGoalHandle) => unknown,
        goalCallback?: (goal: unknown) => number,
        handleAcceptedCallback?: (goalHandle: RclServerGoalHandle) => void,
        cancelCallback?: (goalHandle: RclServerGoalHandle) => number | Promise<number>,
        options?: RclActionOptions,
      ) {
        super(graph, node, typeClass, actionName, executeCallback, goalCallback, handleAcceptedCallback, cancelCallback, options);
      }
    };
  }

  record(fn: string, node: string, args: unknown[]): void {
    this.calls.push({ fn, node, args });
  }

  /** Calls of one function (e.g. 'Node.createPublisher'), optionally of one node. */
  callsOf(fn: string, node?: string): FakeCall[] {
    return this.calls.filter((c) => c.fn === fn && (node === undefined || c.node === node));
  }

  // ---- module API

  async init(context?: undefined, argv: string[] = process.argv): Promise<void> {
    this.record('rclnodejs.init', '', [context, argv]);
    if (this.#initialized) throw new Error('The context has already been initialized.');
    if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new TypeError('argv elements must be strings (and not null).');
    this.#globalArgs = parseRclArguments(argv);
    this.#initialized = true;
  }

  createNode(name: string, namespace = '', context?: undefined, options: RclNodeOptions = new FakeNodeOptions(), args: string[] = [], useGlobalArguments = true): RclNode {
    this.record('rclnodejs.createNode', '', [name, namespace, context, options, args, useGlobalArguments]);
    if (!this.#initialized) throw new Error('rcl: the context is not initialized (call rclnodejs.init() first)');
    const node = new FakeNode(this, name, namespace, options, parseRclArguments(args), useGlobalArguments ? this.#globalArgs : { remaps: [], params: [] });
    this.#nodes.add(node);
    return node;
  }

  shutdown(context?: undefined): void {
    this.record('rclnodejs.shutdown', '', [context]);
    if (!this.#initialized) throw new Error('The context has already been shut down.');
    for (const n of [...this.#nodes]) n.destroy();
    this.#initialized = false;
  }

  isShutdown(): boolean {
    return !this.#initialized;
  }

  removeSignalHandlers(): void {
    this.record('rclnodejs.removeSignalHandlers', '', []);
  }

  // ---- test controls

  /** ROS (system) time in ns. */
  get nowNs(): bigint {
    return this.#now;
  }

  /** Sim time from the last /clock message (0 before any). */
  get simNowNs(): bigint {
    return this.#simNow;
  }

  nodes(): FakeNode[] {
    return [...this.#nodes];
  }

  node(fqn: string): FakeNode {
    const n = [...this.#nodes].find((x) => x.getFullyQualifiedName() === fqn);
    if (!n) throw new Error(`fake: no node '${fqn}'; nodes: ${[...this.#nodes].map((x) => x.getFullyQualifiedName()).join(', ')}`);
    return n;
  }

  /** Publishers and subscriptions per resolved topic, for assertions. */
  topics(): { name: string; type: string; publishers: number; subscriptions: number }[] {
    const names = new Set([...this.#pubs, ...this.#subs].filter((e) => e.active).map((e) => e.topic));
    return [...names].sort().map((name) => ({
      name,
      type: [...this.#pubs, ...this.#subs].find((e) => e.topic === name)!.type,
      publishers: this.#pubs.filter((p) => p.active && p.topic === name).length,
      subscriptions: this.#subs.filter((s) => s.active && s.topic === name).length,
    }));
  }

  /** Lets `ns` of ROS time pass, running timers and deliveries in time order. */
  advance(ns: bigint | number): void {
    const target = this.#now + BigInt(ns);
    for (;;) {
      this.#events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
      const ev = this.#events[0];
      if (!ev || ev.at > target) break;
      this.#events.shift();
      this.#now = ev.at;
      ev.run();
    }
    this.#now = target;
    if (this.uncaught.length > 0) throw this.uncaught[0];
  }

  schedule(at: bigint, run: () => void): void {
    this.#events.push({ at: at < this.#now ? this.#now : at, seq: this.#seq++, run });
  }

  /** Runs an application callback as the executor would; an exception would crash rclnodejs. */
  invoke(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.uncaught.push(err instanceof Error ? err : new Error(String(err)));
    }
  }

  // ---- used by FakeNode

  checkType(type: string): void {
    if (this.#missing.has(type) || !(isMessageTypeName(type) || EXTRA_TYPES.has(type))) {
      const err = new Error(`The message required does not exist: ${type}`) as Error & { code: string };
      err.code = 'MESSAGE_NOT_FOUND';
      throw err;
    }
  }

  /** An action type that is not installed throws the way rclnodejs' interface loader does. */
  checkActionType(type: string): void {
    if (this.#missing.has(type) || !ACTION_TYPES.has(type)) {
      const err = new Error(`The message required does not exist: ${type}`) as Error & { code: string };
      err.code = 'MESSAGE_NOT_FOUND';
      throw err;
    }
  }

  checkServiceType(type: string): void {
    if (this.#missing.has(type) || !SERVICE_TYPES.has(type)) {
      const err = new Error(`The message required does not exist: ${type}`) as Error & { code: string };
      err.code = 'MESSAGE_NOT_FOUND';
      throw err;
    }
  }

  addPublisher(pub: FakePub): void {
    this.#pubs.push(pub);
  }

  addSubscription(sub: FakeSub): void {
    this.#subs.push(sub);
    if (!sub.qos.transientLocal) return;
    for (const pub of this.#pubs) {
      if (pub.active && pub.topic === sub.topic && pub.type === sub.type && this.#matches(pub, sub)) for (const m of pub.history) this.#enqueue(sub, m);
    }
  }

  #matches(pub: FakePub, sub: FakeSub): boolean {
    if (sub.qos.reliable && !pub.qos.reliable) return false;
    if (sub.qos.transientLocal && !pub.qos.transientLocal) return false;
    return true;
  }

  publish(pub: FakePub, message: unknown): void {
    const stored = isMessageTypeName(pub.type) ? intoRcl(pub.type, message, '') : structuredClone(message);
    if (pub.qos.transientLocal) {
      pub.history.push(stored);
      if (pub.history.length > pub.qos.depth) pub.history.shift();
    }
    if (pub.topic === '/clock' && pub.type === 'rosgraph_msgs/msg/Clock') {
      const c = (stored as { clock: { sec: number; nanosec: number } }).clock;
      this.#simNow = BigInt(c.sec) * 1_000_000_000n + BigInt(c.nanosec);
      for (const n of this.#nodes) n.onSimTime(this.#simNow);
    }
    for (const sub of this.#subs) {
      if (sub.active && sub.topic === pub.topic && sub.type === pub.type && this.#matches(pub, sub)) this.#enqueue(sub, stored);
    }
  }

  #enqueue(sub: FakeSub, stored: unknown): void {
    sub.queue.push(stored);
    if (sub.queue.length > sub.qos.depth) sub.queue.shift();
    this.scheduleDrain(sub);
  }

  scheduleDrain(sub: FakeSub): void {
    if (sub.scheduled || sub.queue.length === 0) return;
    sub.scheduled = true;
    this.schedule(this.#now + this.latencyNs, () => this.#drain(sub));
  }

  #drain(sub: FakeSub): void {
    sub.scheduled = false;
    // Messages wait in the queue until the node spins, as they wait in the DDS reader.
    if (!sub.active || !sub.node.spinning) return;
    const batch = sub.queue;
    sub.queue = [];
    for (const stored of batch) {
      if (!sub.active) return;
      const typed = sub.options.enableTypedArray !== false;
      let msg = isMessageTypeName(sub.type) ? outOfRcl(sub.type, stored as Record<string, unknown>, typed) : structuredClone(stored);
      if (sub.options.serializationMode === 'plain') msg = toPlainArrays(msg) as Record<string, unknown>;
      this.invoke(() => sub.callback(msg));
    }
  }

  forget(node: FakeNode): void {
    this.#nodes.delete(node);
    this.actions.forget(node);
    this.services.forget(node);
    for (const e of [...this.#pubs, ...this.#subs]) if (e.node === node) e.active = false;
  }
}

// ---------------------------------------------------------------- node

class FakeLogger {
  readonly #fake: FakeRclnodejs;
  readonly name: string;
  constructor(fake: FakeRclnodejs, name: string) {
    this.#fake = fake;
    this.name = name;
  }
  #log(level: FakeLogLine['level'], message: string): boolean {
    if (typeof message !== 'string') throw new TypeError('Invalid argument: message must be a string');
    this.#fake.logs.push({ logger: this.name, level, message });
    return true;
  }
  debug(m: string) { return this.#log('debug', m); }
  info(m: string) { return this.#log('info', m); }
  warn(m: string) { return this.#log('warn', m); }
  error(m: string) { return this.#log('error', m); }
  fatal(m: string) { return this.#log('fatal', m); }
}

interface FakeTimerState {
  period: bigint;
  next: bigint;
  canceled: boolean;
  simTime: boolean;
  callback: () => void;
}

export class FakeNode implements RclNode {
  readonly #fake: FakeRclnodejs;
  readonly #name: string;
  readonly #ns: string;
  readonly #remaps: RemapRule[];
  readonly #overrides = new Map<string, FakeParameter>();
  readonly #params = new Map<string, FakeParameter>();
  readonly #descriptors = new Map<string, FakeParameterDescriptor>();
  readonly #onSet: ((p: RclParameter[]) => RclSetParameterResult)[] = [];
  readonly #timers: FakeTimerState[] = [];
  readonly #logger: FakeLogger;
  readonly #subs: FakeSub[] = [];
  #spinning = false;
  #destroyed = false;
  #useSimTime = false;
  /** Set while the constructor does what rclnodejs does internally (not the caller's calls). */
  #internal = true;

  constructor(fake: FakeRclnodejs, name: string, namespace: string, options: RclNodeOptions, local: RclArguments, global: RclArguments) {
    this.#fake = fake;
    // Node-local rules first: rcl tries them before the global ones.
    this.#remaps = [...local.remaps, ...global.remaps];
    const special = (key: '__node' | '__ns') => this.#remaps.find((r) => r.from === key && (r.node === undefined || r.node === name))?.to;
    this.#name = special('__node') ?? name;
    const ns = special('__ns') ?? namespace;
    if (!TOKEN.test(this.#name)) throw new Error(`Invalid node name '${this.#name}'`);
    this.#ns = ns === '' || ns === '/' ? '/' : ns.startsWith('/') ? ns.replace(/\/$/, '') : `/${ns.replace(/\/$/, '')}`;
    for (const part of this.#ns === '/' ? [] : this.#ns.slice(1).split('/')) if (!TOKEN.test(part)) throw new Error(`Invalid namespace '${ns}'`);
    this.#logger = new FakeLogger(fake, `${this.#ns === '/' ? '' : this.#ns.slice(1).replace(/\//g, '.') + '.'}${this.#name}`);
    // rclnodejs: overrides of '/**', then of the block named exactly like the node, then NodeOptions.
    for (const args of [global, local]) {
      for (const p of args.params) if (p.node === '/**') this.#overrides.set(p.name, new FakeParameter(p.name, p.type, p.value));
      for (const p of args.params) if (p.node === this.#name) this.#overrides.set(p.name, new FakeParameter(p.name, p.type, p.value));
    }
    for (const p of options.parameterOverrides ?? []) {
      if (!(p instanceof FakeParameter)) throw new TypeError('parameterOverride must be a Parameter instance');
      this.#overrides.set(p.name, p);
    }
    // TimeSource: every node has use_sim_time and follows it.
    this.declareParameter(new FakeParameter('use_sim_time', ParameterType.PARAMETER_BOOL, false));
    this.#useSimTime = this.#params.get('use_sim_time')!.value === true;
    this.addOnSetParametersCallback((ps) => {
      for (const p of ps) if (p.name === 'use_sim_time' && p.type === ParameterType.PARAMETER_BOOL) this.#useSimTime = p.value === true;
      return { successful: true, reason: '' };
    });
    this.#internal = false;
  }

  #rec(fn: string, args: unknown[]): void {
    if (!this.#internal) this.#fake.record(fn, this.getFullyQualifiedName(), args);
  }

  #alive(): void {
    if (this.#destroyed) throw new Error(`fake rclnodejs: node '${this.getFullyQualifiedName()}' has been destroyed (its handle is released)`);
  }

  get spinning(): boolean {
    return this.#spinning && !this.#destroyed;
  }

  get useSimTime(): boolean {
    return this.#useSimTime;
  }

  name(): string {
    return this.#name;
  }

  namespace(): string {
    return this.#ns;
  }

  getFullyQualifiedName(): string {
    return `${this.#ns === '/' ? '' : this.#ns}/${this.#name}`;
  }

  /** Expanded and remapped, as rcl_node_resolve_name does. */
  resolveTopicName(topic: string): string {
    const full = expandName(topic, this.#ns, this.#name);
    for (const r of this.#remaps) {
      if (r.from.startsWith('__') || (r.node !== undefined && r.node !== this.#name)) continue;
      if (expandName(r.from, this.#ns, this.#name) === full) return expandName(r.to, this.#ns, this.#name);
    }
    return full;
  }

  createPublisher(typeClass: string, topic: string, options: RclEntityOptions = {}) {
    this.#rec('Node.createPublisher', [typeClass, topic, options]);
    this.#alive();
    this.#fake.checkType(typeClass);
    const pub: FakePub = { node: this, type: typeClass, topic: this.resolveTopicName(topic), qos: effectiveQos(options.qos), history: [], active: true };
    this.#fake.addPublisher(pub);
    const fake = this.#fake;
    return {
      get topic() {
        return pub.topic;
      },
      publish: (message: unknown) => {
        fake.record('Publisher.publish', this.getFullyQualifiedName(), [pub.topic, message]);
        if (!pub.active) throw new Error('fake rclnodejs: publisher is destroyed');
        fake.publish(pub, message);
      },
    };
  }

  createSubscription(typeClass: string, topic: string, options: RclEntityOptions | ((m: unknown) => void), callback?: (message: unknown) => void) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    this.#rec('Node.createSubscription', [typeClass, topic, options, callback]);
    this.#alive();
    if (typeof callback !== 'function') throw new TypeError('Invalid argument: callback must be a function');
    if (options.serializationMode !== undefined && !['default', 'plain', 'json'].includes(options.serializationMode)) {
      throw new TypeError(`Invalid serializationMode: ${String(options.serializationMode)}. Valid modes are: 'default', 'plain', 'json'`);
    }
    if (options.serializationMode === 'json') throw new Error("fake rclnodejs: serializationMode 'json' is not modelled");
    this.#fake.checkType(typeClass);
    const sub: FakeSub = { node: this, type: typeClass, topic: this.resolveTopicName(topic), qos: effectiveQos(options.qos), options, callback, queue: [], scheduled: false, active: true };
    this.#subs.push(sub);
    this.#fake.addSubscription(sub);
    return {
      get topic() {
        return sub.topic;
      },
    };
  }

  createTimer(period: bigint, callback: () => void) {
    this.#rec('Node.createTimer', [period, callback]);
    this.#alive();
    if (typeof period !== 'bigint') throw new TypeError(`Invalid argument: period must be a bigint, found ${typeof period}`);
    if (typeof callback !== 'function') throw new TypeError('Invalid argument: callback must be a function');
    const t: FakeTimerState = { period, next: 0n, canceled: false, simTime: this.#useSimTime, callback };
    this.#timers.push(t);
    const fake = this.#fake;
    if (t.simTime) {
      t.next = fake.simNowNs + period;
    } else {
      const fire = (at: bigint) => {
        if (t.canceled || this.#destroyed) return;
        // A timer of a node that is not spinning is not executed (rclnodejs runs timers from spin).
        if (this.spinning) fake.invoke(t.callback);
        if (!t.canceled) fake.schedule(at + period, () => fire(at + period));
      };
      fake.schedule(fake.nowNs + period, () => fire(fake.nowNs));
    }
    return {
      period,
      cancel: () => {
        fake.record('Timer.cancel', this.getFullyQualifiedName(), []);
        t.canceled = true;
      },
      isCanceled: () => t.canceled,
    };
  }

  destroyTimer(timer: RclTimer): void {
    this.#rec('Node.destroyTimer', [timer]);
    timer.cancel();
  }

  createClient(typeClass: string, serviceName: string, options: RclEntityOptions = {}): RclClient {
    this.#alive();
    return this.#fake.services.createClient(this, typeClass, serviceName, options);
  }

  createService(typeClass: string, serviceName: string, options: RclEntityOptions, callback: (request: unknown, response: RclServiceResponse) => unknown): RclService {
    this.#alive();
    return this.#fake.services.createService(this, typeClass, serviceName, options, callback);
  }

  destroyClient(client: RclClient): void {
    this.#rec('Node.destroyClient', [client]);
    (client as FakeClient).active = false;
  }

  destroyService(service: RclService): void {
    this.#rec('Node.destroyService', [service]);
    this.#fake.services.destroyService(service);
  }

  /** /clock moved: a due sim-time timer fires once; like rcl_timer_call it skips missed periods. */
  onSimTime(simNow: bigint): void {
    for (const t of this.#timers) {
      if (!t.simTime || t.canceled || t.next > simNow) continue;
      t.next += t.period;
      if (t.next <= simNow) t.next += ((simNow - t.next) / t.period + 1n) * t.period;
      this.#fake.schedule(this.#fake.nowNs, () => {
        if (!t.canceled && this.spinning) this.#fake.invoke(t.callback);
      });
    }
  }

  now() {
    this.#alive();
    return { nanoseconds: this.#useSimTime ? this.#fake.simNowNs : this.#fake.nowNs };
  }

  getLogger() {
    return this.#logger;
  }

  getParameterOverrides(): RclParameter[] {
    return [...this.#overrides.values()];
  }

  declareParameter(parameter: RclParameter, descriptor?: RclParameterDescriptor, ignoreOverride = false): RclParameter | null {
    this.#rec('Node.declareParameter', [parameter, descriptor, ignoreOverride]);
    this.#alive();
    if (!(parameter instanceof FakeParameter)) throw new TypeError('Invalid argument: parameter must be a Parameter');
    if (descriptor !== undefined && !(descriptor instanceof FakeParameterDescriptor)) throw new TypeError('Invalid argument: descriptor must be a ParameterDescriptor');
    const p = !ignoreOverride && this.#overrides.has(parameter.name) ? this.#overrides.get(parameter.name)! : parameter;
    if (this.#params.has(p.name)) throw new Error(`Parameter(${p.name}) already declared.`);
    const d = descriptor ?? new FakeParameterDescriptor(p.name, p.type, 'Created from parameter.');
    this.#descriptors.set(d.name, d);
    const result = this.#setAtomically([p], true);
    if (!result.successful) {
      this.#descriptors.delete(d.name);
      throw new Error(result.reason ?? 'declaration vetoed');
    }
    return this.getParameter(p.name);
  }

  hasParameter(name: string): boolean {
    return this.#params.has(name);
  }

  getParameter(name: string): RclParameter {
    return this.#params.get(name) ?? new FakeParameter(name, ParameterType.PARAMETER_NOT_SET);
  }

  getParameterDescriptor(name: string): FakeParameterDescriptor | undefined {
    return this.#descriptors.get(name);
  }

  setParameter(parameter: RclParameter): RclSetParameterResult {
    this.#rec('Node.setParameter', [parameter]);
    this.#alive();
    return this.#setAtomically([parameter as FakeParameter], false);
  }

  addOnSetParametersCallback(callback: (parameters: RclParameter[]) => RclSetParameterResult): void {
    this.#rec('Node.addOnSetParametersCallback', [callback]);
    this.#onSet.unshift(callback);
  }

  #setAtomically(params: FakeParameter[], declaring: boolean): RclSetParameterResult {
    for (const p of params) {
      try {
        p.validate();
      } catch {
        return { successful: false, reason: `Invalid ${p.name}` };
      }
      const d = this.#descriptors.get(p.name);
      if (!d) return { successful: false, reason: `Parameter ${p.name} has not been declared` };
      if (!declaring && d.readOnly) return { successful: false, reason: `Parameter ${p.name} is readonly` };
      try {
        d.validateParameter(p);
      } catch (err) {
        return { successful: false, reason: `Parameter ${p.name} is invalid: ${(err as Error).message}` };
      }
    }
    for (const cb of this.#onSet) {
      const r = cb(params);
      if (!r.successful) return r;
    }
    for (const p of params) this.#params.set(p.name, p);
    return { successful: true, reason: '' };
  }

  spin(timeout = 10): void {
    this.#rec('Node.spin', [timeout]);
    this.#alive();
    if (this.#spinning) throw new Error('The node is already spinning.');
    this.#spinning = true;
    for (const sub of this.#subs) this.#fake.scheduleDrain(sub);
  }

  stop(): void {
    this.#spinning = false;
  }

  destroy(): void {
    this.#rec('Node.destroy', []);
    if (this.#destroyed) return;
    this.#spinning = false;
    this.#destroyed = true;
    for (const t of this.#timers) t.canceled = true;
    this.#fake.forget(this);
  }
}

export function createFakeRclnodejs(options: FakeRclnodejsOptions = {}): FakeRclnodejs {
  return new FakeRclnodejs(options);
}
