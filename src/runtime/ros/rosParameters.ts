/**
 * Parameter values and descriptors between the runtime (`ParameterDescriptor`, plain JS values)
 * and rclnodejs (`Parameter`, `ParameterDescriptor`, ranges). rclnodejs keeps INTEGER values as
 * `bigint`; node programs see numbers on both transports.
 */
import type { ParameterDescriptor, ParameterType, ParameterValue } from '../Parameters.js';
import type { RclnodejsApi, RclParameter, RclParameterDescriptor, RclRange } from './RclnodejsApi.js';

/** rclnodejs' ParameterType number for a runtime parameter type. */
export function rclParameterType(api: RclnodejsApi, type: ParameterType): number {
  const t = api.ParameterType;
  switch (type) {
    case 'bool': return t.PARAMETER_BOOL;
    case 'integer': return t.PARAMETER_INTEGER;
    case 'double': return t.PARAMETER_DOUBLE;
    case 'string': return t.PARAMETER_STRING;
    case 'bool_array': return t.PARAMETER_BOOL_ARRAY;
    case 'integer_array': return t.PARAMETER_INTEGER_ARRAY;
    case 'double_array': return t.PARAMETER_DOUBLE_ARRAY;
    case 'string_array': return t.PARAMETER_STRING_ARRAY;
  }
}

/** The value as rclnodejs stores it for `type`: integers as bigint, everything else as is. */
export function toRclValue(type: ParameterType, value: ParameterValue): unknown {
  if (type === 'integer') return BigInt(value as number);
  if (type === 'integer_array') return (value as number[]).map((v) => BigInt(v));
  if (Array.isArray(value)) return [...value];
  return value;
}

/**
 * A plain JS value from an rclnodejs parameter value: bigint -> number, typed arrays -> arrays.
 * Integers beyond 2^53 cannot be represented; they stay bigint so validation reports them.
 */
export function fromRclValue(value: unknown): unknown {
  if (typeof value === 'bigint') return toNumberIfSafe(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>, fromRclValue);
  if (Array.isArray(value)) return value.map(fromRclValue);
  return value;
}

function toNumberIfSafe(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}

/**
 * An rclnodejs Parameter for an override given as a plain value (the plan's per-node parameters),
 * typed the way rcl types a YAML scalar: whole numbers are INTEGER, others DOUBLE. Declaration
 * converts to the declared type, so `start_time: 3` still fits a double parameter.
 */
export function rclParameterFromValue(api: RclnodejsApi, name: string, value: ParameterValue): RclParameter {
  const t = api.ParameterType;
  const isInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
  if (typeof value === 'boolean') return new api.Parameter(name, t.PARAMETER_BOOL, value);
  if (typeof value === 'string') return new api.Parameter(name, t.PARAMETER_STRING, value);
  if (typeof value === 'number') return isInt(value) ? new api.Parameter(name, t.PARAMETER_INTEGER, BigInt(value)) : new api.Parameter(name, t.PARAMETER_DOUBLE, value);
  const items = value as unknown[];
  if (items.length === 0) return new api.Parameter(name, t.PARAMETER_STRING_ARRAY, []);
  if (items.every((v) => typeof v === 'boolean')) return new api.Parameter(name, t.PARAMETER_BOOL_ARRAY, [...items]);
  if (items.every((v) => typeof v === 'string')) return new api.Parameter(name, t.PARAMETER_STRING_ARRAY, [...items]);
  if (items.every(isInt)) return new api.Parameter(name, t.PARAMETER_INTEGER_ARRAY, items.map((v) => BigInt(v as number)));
  return new api.Parameter(name, t.PARAMETER_DOUBLE_ARRAY, [...items]);
}

/**
 * The rclnodejs descriptor of `d`. Scalar ranges map to IntegerRange / FloatingPointRange; the
 * floating-point step is 0 (continuous) because rclnodejs defaults it to 1, which would allow only
 * the two end points. Array ranges are not given to rclnodejs (its Range checks scalars only):
 * the transport checks them element-wise and `additionalConstraints` describes them.
 */
export function rclDescriptor(api: RclnodejsApi, d: ParameterDescriptor): RclParameterDescriptor {
  const type = rclParameterType(api, d.type);
  let range: RclRange | undefined;
  if (d.range && d.type === 'integer') {
    range = new api.IntegerRange(BigInt(Math.ceil(d.range.min)), BigInt(Math.floor(d.range.max)), 1n);
  } else if (d.range && d.type === 'double') {
    range = new api.FloatingPointRange(d.range.min, d.range.max, 0);
  }
  const descriptor = new api.ParameterDescriptor(d.name, type, d.description, d.readOnly === true, range);
  if (d.range && d.type.endsWith('_array')) descriptor.additionalConstraints = `every element in [${d.range.min}, ${d.range.max}]`;
  return descriptor;
}
