/**
 * CDR encode/decode of every known message type (ROS 2 wire format, MCAP `cdr` message data).
 *
 * Representation: in TS, int64/uint64 fields are `number` (safe integers, |v| <= 2^53 - 1),
 * numeric arrays are `number[]` and byte arrays `Uint8Array`, so messages are plain JSON-friendly
 * objects that compare with deep equality. The wire libraries (@foxglove/rosmsg2-serialization,
 * rclnodejs) use `bigint` and typed arrays instead; `toWire` / `fromWire` convert at that boundary
 * and `encode` / `decode` call them for you.
 *
 * Example:
 *   const bytes = encode(MsgType.ArmCommand, command);    // 00 01 00 00 + little-endian CDR
 *   const again = decode(MsgType.ArmCommand, bytes);       // deep-equals command
 *   const result = safeDecode(MsgType.ArmReward, raw);     // never throws; validates meaning too
 */
import { MessageReader, MessageWriter } from '@foxglove/rosmsg2-serialization';
import type { MessageTypeName, MessageTypes } from './definitions.generated.js';
import { compiledDecode } from './compiledReader.js';
import { compiledEncode } from './compiledWriter.js';
import { messageSource, parsedDefinitions, type ParsedMessageDefinition } from './fullDefinition.js';
import { type FieldSchema, isByteElement, structSchema } from './structSchema.js';
import { describeValue, validateMessage, validateStructure } from './validateMessage.js';

/** Result of `safeDecode`, shaped like zod's `safeParse`. */
export type DecodeResult<M> = { success: true; data: M } | { success: false; error: string };

/**
 * Bytes after the message that `safeDecode` still accepts: rmw implementations may pad the
 * serialized payload to a multiple of 4 bytes.
 */
export const MAX_TRAILING_PADDING = 3;

interface Codec {
  readonly writer: MessageWriter;
  readonly reader: MessageReader;
}

const codecs = new Map<string, Codec>();

function codecFor(type: MessageTypeName): Codec {
  let codec = codecs.get(type);
  if (codec === undefined) {
    messageSource(type); // throws a clear error for an unknown type
    const definitions = parsedDefinitions(type) as ParsedMessageDefinition[];
    codec = { writer: new MessageWriter(definitions), reader: new MessageReader(definitions) };
    codecs.set(type, codec);
  }
  return codec;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * CDR bytes of `message`, with the 4-byte encapsulation header (`00 01 00 00`, little endian),
 * as rmw publishes and MCAP `cdr` channels store them. Throws an Error naming the field if the
 * message cannot be encoded without loss (see `validateStructure`); NaN and infinities are
 * encoded as they are.
 */
export function encode<T extends MessageTypeName>(type: T, message: MessageTypes[T]): Uint8Array {
  // The compiled writer takes every valid message of the known types, several times faster
  // (an unknown type throws there as in codecFor); the general path words the error of an invalid one.
  const fast = compiledEncode(type, message);
  if (fast !== null) return fast;
  const codec = codecFor(type);
  const reason = validateStructure(type, message);
  if (reason !== null) throw new Error(`encode ${type}: ${reason}`);
  return codec.writer.writeMessage(toWire(type, message));
}

function decodeCounting<T extends MessageTypeName>(type: T, bytes: ArrayBufferView): { message: MessageTypes[T]; trailing: number } {
  // The compiled reader decodes every well-formed message of the known types, several times
  // faster (an unknown type throws there as in codecFor); the general path decides (and words)
  // everything else.
  const fast = compiledDecode(type, bytes);
  if (fast !== null) return fast as { message: MessageTypes[T]; trailing: number };
  const codec = codecFor(type);
  if (bytes.byteLength < 4) {
    throw new Error(`decode ${type}: expected at least 4 bytes (CDR encapsulation header), found ${bytes.byteLength}`);
  }
  let wire: unknown;
  try {
    wire = codec.reader.readMessage(bytes);
  } catch (error) {
    throw new Error(`decode ${type}: ${errorText(error)} (${bytes.byteLength} bytes; wrong type or truncated data?)`);
  }
  const trailing = bytes.byteLength - codec.reader.lastReadByteLength();
  try {
    return { message: fromWire(type, wire), trailing };
  } catch (error) {
    throw new Error(`decode ${type}: ${errorText(error)}`);
  }
}

/**
 * Decodes CDR bytes (with encapsulation header) into a `type` message. Throws on malformed
 * bytes or a 64-bit value beyond the safe-integer range; does not check meaning (NaN etc.):
 * use `safeDecode` for untrusted input.
 */
export function decode<T extends MessageTypeName>(type: T, bytes: ArrayBufferView): MessageTypes[T] {
  return decodeCounting(type, bytes).message;
}

/**
 * Non-throwing decode for untrusted input: decodes, rejects more than MAX_TRAILING_PADDING
 * unread bytes (a sign of the wrong type), then runs `validateMessage`.
 */
export function safeDecode<T extends MessageTypeName>(type: T, bytes: ArrayBufferView): DecodeResult<MessageTypes[T]> {
  let decoded: { message: MessageTypes[T]; trailing: number };
  try {
    decoded = decodeCounting(type, bytes);
  } catch (error) {
    return { success: false, error: errorText(error) };
  }
  if (decoded.trailing > MAX_TRAILING_PADDING) {
    return {
      success: false,
      error: `decode ${type}: ${decoded.trailing} bytes left after the message (of ${bytes.byteLength}); wrong type or schema version?`,
    };
  }
  const reason = validateMessage(type, decoded.message);
  if (reason !== null) return { success: false, error: `decode ${type}: ${reason}` };
  return { success: true, data: decoded.message };
}

/**
 * The wire form of a TS message, as @foxglove/rosmsg2-serialization and rclnodejs take it:
 * 64-bit integers as `bigint`, 64-bit integer arrays as `BigInt64Array` / `BigUint64Array`.
 * Returns a new object with only the fields of `type`; other values are shared, not copied.
 * Assumes `validateStructure(type, message)` is null (`encode` checks it first).
 */
export function toWire(type: MessageTypeName, message: unknown): unknown {
  return convertStruct(type, message, 'toWire', '');
}

/**
 * A TS message from its wire form (a MessageReader result or an rclnodejs message object):
 * `bigint` -> `number` (throws past Number.MAX_SAFE_INTEGER), numeric typed arrays ->
 * `number[]`, byte arrays -> a copied `Uint8Array` (decoders return views into their input).
 * Fields missing in `wire` stay missing, so `validateMessage` can report them.
 */
export function fromWire<T extends MessageTypeName>(type: T, wire: unknown): MessageTypes[T] {
  return convertStruct(type, wire, 'fromWire', '') as MessageTypes[T];
}

type Direction = 'toWire' | 'fromWire';

function convertStruct(type: string, value: unknown, direction: Direction, path: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of structSchema(type).fields) {
    const fieldValue = source[field.name];
    if (fieldValue === undefined) continue;
    const fieldPath = path === '' ? field.name : `${path}.${field.name}`;
    out[field.name] = field.isArray
      ? convertArray(field, fieldValue, direction, fieldPath)
      : convertElement(field, fieldValue, direction, fieldPath);
  }
  return out;
}

function convertArray(field: FieldSchema, value: unknown, direction: Direction, path: string): unknown {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return value;
  const items = value as ArrayLike<unknown>;
  if (!field.complex && isByteElement(field.type)) {
    if (direction === 'toWire') return value;
    return value instanceof Uint8Array ? value.slice() : Uint8Array.from(items as ArrayLike<number>);
  }
  if (!field.complex && (field.type === 'int64' || field.type === 'uint64')) {
    if (direction === 'toWire') {
      const big = Array.from(items, (v) => (typeof v === 'number' ? BigInt(v) : (v as bigint)));
      return field.type === 'int64' ? BigInt64Array.from(big) : BigUint64Array.from(big);
    }
    return Array.from(items, (v, i) => toSafeNumber(field.type, v, `${path}[${i}]`));
  }
  if (field.complex || field.type === 'time' || field.type === 'duration') {
    return Array.from(items, (v, i) => convertElement(field, v, direction, `${path}[${i}]`));
  }
  // Other primitives: the writer takes arrays and typed arrays alike; TS wants plain arrays.
  return direction === 'toWire' || Array.isArray(value) ? value : Array.from(items);
}

function convertElement(field: FieldSchema, value: unknown, direction: Direction, path: string): unknown {
  if (field.complex) return convertStruct(field.type, value, direction, path);
  switch (field.type) {
    case 'int64':
    case 'uint64':
      if (direction === 'toWire') return typeof value === 'number' ? BigInt(value) : value;
      return toSafeNumber(field.type, value, path);
    case 'time':
    case 'duration': {
      if (typeof value !== 'object' || value === null) return value;
      const { sec, nanosec } = value as { sec?: unknown; nanosec?: unknown };
      return { sec, nanosec };
    }
    default:
      return value;
  }
}

function toSafeNumber(type: string, value: unknown, path: string): unknown {
  if (typeof value !== 'bigint') return value;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(
      `field '${path}': ${type} ${describeValue(value)} is outside the safe-integer range ` +
        `(|v| <= ${Number.MAX_SAFE_INTEGER}) that fleet-bandits messages carry as numbers`,
    );
  }
  return Number(value);
}
