/**
 * Messages between node programs and rclnodejs. Node programs publish and receive the same plain
 * objects on both transports: numbers for 64-bit integers, arrays rather than typed arrays.
 * rclnodejs wants `bigint` for int64/uint64 fields (its generated setters throw otherwise) and
 * delivers them as `bigint`, so known types (src/msg) go through the codec's wire conversions;
 * other types are converted field by field without a schema.
 */
import { fromWire, toWire } from '../../msg/codec.js';
import { isMessageTypeName } from '../../msg/fullDefinition.js';

/** The object to hand to `publisher.publish` for a message of `type`. */
export function toRclMessage(type: string, message: unknown): unknown {
  return isMessageTypeName(type) ? toWire(type, message) : message;
}

/**
 * The plain message a node program sees. Throws (naming the field) when a 64-bit integer does not
 * fit a JS number; the subscription counts such a message as dropped.
 */
export function fromRclMessage(type: string, message: unknown): unknown {
  return isMessageTypeName(type) ? fromWire(type, message) : plain(message);
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new Error(`64-bit integer ${value} is outside the safe-integer range of a JS number`);
    }
    return Number(value);
  }
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<unknown>, plain);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}
