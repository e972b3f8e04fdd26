/**
 * `defaultMessage(type)`: a complete message with every field at its .msg default (zero, false,
 * empty string or array, fixed-length arrays filled, Quaternion w = 1), like rclnodejs' `new
 * Type()`. Start from it and set what you need: `{ ...defaultMessage(MsgType.ArmCommand), arm: 2 }`.
 */
import type { MessageTypeName, MessageTypes } from './definitions.generated.js';
import { type FieldSchema, isByteElement, structSchema } from './structSchema.js';

/** A fresh default `type` message (new objects and arrays on every call). */
export function defaultMessage<T extends MessageTypeName>(type: T): MessageTypes[T] {
  return structFactory(type)() as unknown as MessageTypes[T];
}

type Factory = () => unknown;

// Each type's field table is turned once into closures (visualization nodes build thousands of
// default markers a second).
const factories = new Map<string, () => Record<string, unknown>>();

function structFactory(type: string): () => Record<string, unknown> {
  const cached = factories.get(type);
  if (cached !== undefined) return cached;
  const fields = structSchema(type).fields;
  const names = fields.map((f) => f.name);
  const makers = fields.map(fieldFactory);
  const n = fields.length;
  const factory = () => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) out[names[i]] = makers[i]();
    return out;
  };
  factories.set(type, factory);
  return factory;
}

function fieldFactory(field: FieldSchema): Factory {
  if (!field.isArray) return field.complex ? structFactory(field.type) : primitiveFactory(field.type, field.defaultValue);
  const length = field.arrayLength ?? 0;
  if (!field.complex && isByteElement(field.type)) {
    const given = field.defaultValue;
    return Array.isArray(given) ? () => Uint8Array.from(given as number[]) : () => new Uint8Array(length);
  }
  if (!field.complex && Array.isArray(field.defaultValue)) {
    const items = (field.defaultValue as unknown[]).map((v) => primitiveFactory(field.type, v));
    return () => items.map((make) => make());
  }
  const element = field.complex ? structFactory(field.type) : primitiveFactory(field.type, undefined);
  return () => Array.from({ length }, element);
}

function primitiveFactory(type: string, given: unknown): Factory {
  if (given !== undefined) {
    const value = typeof given === 'bigint' ? Number(given) : given;
    return () => value;
  }
  switch (type) {
    case 'bool':
      return () => false;
    case 'string':
    case 'wstring':
      return () => '';
    case 'time':
    case 'duration':
      return () => ({ sec: 0, nanosec: 0 });
    default:
      return () => 0;
  }
}
