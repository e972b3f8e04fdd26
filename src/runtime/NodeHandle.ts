/**
 * What a node program sees of the middleware: publishers, subscriptions, timers, clock,
 * parameters, logging. Shaped after rclnodejs so the ROS 2 adapter stays a thin mapping; the
 * embedded transport implements the same contract on a virtual clock.
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
