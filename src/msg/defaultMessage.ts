/**
 * `defaultMessage(type)`: a complete message with every field at its .msg default (zero, false,
 * empty string or array, fixed-length arrays filled, Quaternion w = 1), like rclnodejs' `new
 * Type()`. Start from it and set what you need: `{ ...defaultMessage(MsgType.ArmCommand), arm: 2 }`.
 */
import type { MessageTypeName, MessageTypes } from './definitions.generated.js';
import { type FieldSchema, isByteElement, structSchema } from './structSchema.js';

/** A fresh default `type` message (new objects and arrays on every call). */
export function defaultMessage<T extends MessageTypeName>(type: T): MessageTypes[T] {
  return defaultStruct(type) as unknown as MessageTypes[T];
}

function defaultStruct(type: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of structSchema(type).fields) out[field.name] = defaultField(field);
  return out;
}

function defaultField(field: FieldSchema): unknown {
  if (!field.isArray) return field.complex ? defaultStruct(field.type) : defaultPrimitive(field.type, field.defaultValue);
  const length = field.arrayLength ?? 0;
  if (!field.complex && isByteElement(field.type)) {
    return Array.isArray(field.defaultValue) ? Uint8Array.from(field.defaultValue as number[]) : new Uint8Array(length);
  }
  if (!field.complex && Array.isArray(field.defaultValue)) {
    return (field.defaultValue as unknown[]).map((v) => defaultPrimitive(field.type, v));
  }
  return Array.from({ length }, () => (field.complex ? defaultStruct(field.type) : defaultPrimitive(field.type, undefined)));
}

function defaultPrimitive(type: string, given: unknown): unknown {
  if (given !== undefined) return typeof given === 'bigint' ? Number(given) : given;
  switch (type) {
    case 'bool':
      return false;
    case 'string':
    case 'wstring':
      return '';
    case 'time':
    case 'duration':
      return { sec: 0, nanosec: 0 };
    default:
      return 0;
  }
}
