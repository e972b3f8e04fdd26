/**
 * Non-throwing message validation: `validateMessage(type, msg)` returns why a message is bad, or
 * null, so nodes can log, count and drop bad input instead of crashing.
 *
 * Two levels:
 * - `validateStructure`: the message can be encoded to CDR without loss: every field present and
 *   of the right JS type, integers in range (64-bit ones as safe-integer numbers), fixed and
 *   bounded array lengths, ASCII strings, no unknown fields. `encode` requires this.
 * - `validateMessage`: structure, plus meaning: no NaN or +-infinity in float fields unless the
 *   .msg marks the field `[nan-ok]` / `[inf-ok]`, Time/Duration nanosec in [0, 1e9), and the
 *   per-type rules of `messageRules.ts` (parallel arrays, probabilities, counters).
 *
 * Reasons name the field path, what was expected and what was found, e.g.
 * "field 'positions[2].x': expected a finite float64, found NaN".
 */
import type { MessageTypeName } from './definitions.generated.js';
import { isMessageTypeName, messageTypeNames } from './fullDefinition.js';
import { MESSAGE_RULES, type MessageRule } from './messageRules.js';
import { type FieldSchema, isByteElement, structSchema, type StructSchema } from './structSchema.js';

type Level = 'structure' | 'meaning';

const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int8: [-0x80, 0x7f],
  uint8: [0, 0xff],
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Why `message` is not a valid `type` message (structure and meaning), or null if it is.
 * Never throws. Use it on every received message; count and drop on a non-null answer.
 */
export function validateMessage(type: string, message: unknown): string | null {
  return check(type, message, 'meaning');
}

/**
 * Why `message` cannot be encoded as `type` without loss, or null. Never throws. Weaker than
 * `validateMessage`: NaN, infinities and the per-type rules are not checked.
 */
export function validateStructure(type: string, message: unknown): string | null {
  return check(type, message, 'structure');
}

function check(type: string, message: unknown, level: Level): string | null {
  if (!isMessageTypeName(type)) {
    return `unknown message type '${type}'; known: ${messageTypeNames().join(', ')}`;
  }
  try {
    const reason = checkStruct(structSchema(type), message, '', level);
    if (reason !== null || level === 'structure') return reason;
    const rule = MESSAGE_RULES[type] as MessageRule<MessageTypeName> | undefined;
    return rule === undefined ? null : rule(message as never);
  } catch (error) {
    return `cannot validate ${type}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Short description of a found value for error texts. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `bigint ${value}n`;
    case 'string':
      return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}... (length ${value.length})` : JSON.stringify(value);
    case 'boolean':
      return String(value);
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as { length?: number }).length ?? value.byteLength;
    return `a ${value.constructor.name} of length ${length}`;
  }
  return 'an object';
}

function at(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function fail(path: string, expected: string, found: unknown, hint = ''): string {
  return `field '${path}': expected ${expected}, found ${describeValue(found)}${hint}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function checkStruct(schema: StructSchema, value: unknown, path: string, level: Level): string | null {
  if (!isPlainObject(value)) {
    const where = path === '' ? 'message' : `field '${path}'`;
    return `${where}: expected a ${schema.type} object, found ${describeValue(value)}`;
  }
  for (const key of Object.keys(value)) {
    if (!schema.fieldNames.has(key)) {
      return `field '${at(path, key)}' is not part of ${schema.type}; its fields are: ${[...schema.fieldNames].join(', ')}`;
    }
  }
  for (const field of schema.fields) {
    const fieldPath = at(path, field.name);
    const fieldValue = value[field.name];
    if (fieldValue === undefined) {
      return `field '${fieldPath}' is missing; expected ${expectedText(field, schema)}`;
    }
    const reason = field.isArray
      ? checkArray(field, schema, fieldValue, fieldPath, level)
      : checkElement(field, schema, fieldValue, fieldPath, level);
    if (reason !== null) return reason;
  }
  return null;
}

function expectedText(field: FieldSchema, schema: StructSchema): string {
  if (field.isArray) {
    return !field.complex && isByteElement(field.type) ? 'a Uint8Array' : `an array (${field.type}[])`;
  }
  if (field.complex) return `a ${field.type} object`;
  switch (field.type) {
    case 'bool':
      return 'a boolean';
    case 'float32':
    case 'float64':
      return floatExpectation(field, schema, 'meaning');
    case 'string':
    case 'wstring':
      return 'a string';
    case 'time':
    case 'duration':
      return `a ${field.type} { sec: int32, nanosec: uint32 }`;
    default:
      return integerExpectation(field.type);
  }
}

function checkArray(field: FieldSchema, schema: StructSchema, value: unknown, path: string, level: Level): string | null {
  const bytes = !field.complex && isByteElement(field.type);
  if (bytes) {
    if (!(value instanceof Uint8Array)) return fail(path, `a Uint8Array (${field.type}[])`, value);
  } else if (!Array.isArray(value)) {
    const hint = ArrayBuffer.isView(value) ? ' (typed arrays are converted by fromWire, or use Array.from)' : '';
    return fail(path, `a plain array (${field.type}[])`, value, hint);
  }
  const length = (value as ArrayLike<unknown>).length;
  if (field.arrayLength !== undefined && length !== field.arrayLength) {
    return fail(path, `exactly ${field.arrayLength} elements`, value);
  }
  if (field.arrayUpperBound !== undefined && length > field.arrayUpperBound) {
    return fail(path, `at most ${field.arrayUpperBound} elements`, value);
  }
  if (bytes) return null;
  const array = value as readonly unknown[];
  for (let i = 0; i < array.length; i++) {
    const reason = checkElement(field, schema, array[i], `${path}[${i}]`, level);
    if (reason !== null) return reason;
  }
  return null;
}

function checkElement(field: FieldSchema, schema: StructSchema, value: unknown, path: string, level: Level): string | null {
  if (field.complex) return checkStruct(structSchema(field.type), value, path, level);
  switch (field.type) {
    case 'bool':
      return typeof value === 'boolean' ? null : fail(path, 'a boolean', value);
    case 'float32':
    case 'float64':
      return checkFloat(field, schema, value, path, level);
    case 'string':
    case 'wstring':
      return checkString(field, value, path);
    case 'time':
    case 'duration':
      return checkTime(field.type, value, path, level);
    default:
      return checkInteger(field.type, value, path);
  }
}

function integerExpectation(type: string): string {
  const range = INT_RANGES[type];
  if (range === undefined) return `a ${type}`;
  const article = type.startsWith('int') ? 'an' : 'a';
  if (type === 'int64' || type === 'uint64') return `${article} ${type} as a safe-integer number in [${range[0]}, ${range[1]}]`;
  return `${article} ${type} (integer in [${range[0]}, ${range[1]}])`;
}

function floatExpectation(field: FieldSchema, schema: StructSchema, level: Level): string {
  if (level === 'structure') return `a ${field.type} number`;
  const nan = schema.nanOk.has(field.name);
  const inf = schema.infOk.has(field.name);
  if (nan && inf) return `a ${field.type} number`;
  if (nan) return `a ${field.type} (finite or NaN)`;
  if (inf) return `a ${field.type} (finite or +-Infinity)`;
  return `a finite ${field.type}`;
}

function checkInteger(type: string, value: unknown, path: string): string | null {
  const range = INT_RANGES[type];
  if (range === undefined) return `field '${path}': unsupported primitive type ${type}`;
  const expected = integerExpectation(type);
  if (typeof value === 'bigint') {
    return fail(path, expected, value, ' (64-bit fields are numbers in TS; convert wire objects with fromWire)');
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
    return fail(path, expected, value);
  }
  return null;
}

function checkFloat(field: FieldSchema, schema: StructSchema, value: unknown, path: string, level: Level): string | null {
  if (typeof value !== 'number') return fail(path, floatExpectation(field, schema, level), value);
  if (Number.isNaN(value)) {
    return level === 'meaning' && !schema.nanOk.has(field.name)
      ? fail(path, floatExpectation(field, schema, level), value)
      : null;
  }
  if (!Number.isFinite(value)) {
    return level === 'meaning' && !schema.infOk.has(field.name)
      ? fail(path, floatExpectation(field, schema, level), value)
      : null;
  }
  if (field.type === 'float32' && Math.abs(value) > FLOAT32_MAX) {
    return fail(path, `a float32 with magnitude at most ${FLOAT32_MAX}`, value);
  }
  return null;
}

/**
 * Strings must be ASCII without NUL: @foxglove/cdr 3.x sizes strings by UTF-16 length and
 * silently truncates multi-byte UTF-8, and ROS strings end at the first NUL.
 */
function checkString(field: FieldSchema, value: unknown, path: string): string | null {
  if (typeof value !== 'string') return fail(path, 'a string', value);
  if (field.stringUpperBound !== undefined && value.length > field.stringUpperBound) {
    return fail(path, `a string of at most ${field.stringUpperBound} characters`, value);
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code > 0x7f) {
      const point = value.codePointAt(i) ?? code;
      return fail(
        path,
        'an ASCII string without NUL',
        value,
        ` (U+${point.toString(16).toUpperCase().padStart(4, '0')} at index ${i}; the CDR writer would corrupt it)`,
      );
    }
  }
  return null;
}

function checkTime(type: string, value: unknown, path: string, level: Level): string | null {
  if (!isPlainObject(value)) return fail(path, `a ${type} { sec, nanosec }`, value);
  for (const key of Object.keys(value)) {
    if (key !== 'sec' && key !== 'nanosec') {
      return `field '${at(path, key)}' is not part of builtin_interfaces/${type === 'time' ? 'Time' : 'Duration'}; its fields are: sec, nanosec`;
    }
  }
  if (value.sec === undefined) return `field '${at(path, 'sec')}' is missing; expected an int32`;
  if (value.nanosec === undefined) return `field '${at(path, 'nanosec')}' is missing; expected a uint32`;
  const reason = checkInteger('int32', value.sec, at(path, 'sec')) ?? checkInteger('uint32', value.nanosec, at(path, 'nanosec'));
  if (reason !== null) return reason;
  if (level === 'meaning' && (value.nanosec as number) >= 1e9) {
    return fail(at(path, 'nanosec'), 'nanoseconds in [0, 999999999]', value.nanosec);
  }
  return null;
}
