/**
 * A fast CDR decoder compiled once per message type: reads little-endian CDR (XCDR1) straight
 * into the TS form that `fromWire(MessageReader.readMessage(bytes))` gives (64-bit integers as
 * safe numbers, numeric arrays as number[], byte arrays copied), in one pass.
 *
 * It returns null for anything it does not handle exactly as that path does: another
 * encapsulation than CDR little endian, a read past the end, a 64-bit value beyond the safe
 * range, wstring. `decode` then takes the general path, which also words the error.
 */
import type { MessageTypeName } from './definitions.generated.js';
import { type FieldSchema, isByteElement, structSchema } from './structSchema.js';

const ORIGIN = 4;
const textDecoder = new TextDecoder('utf8');

/** Cursor over the bytes being decoded; `ok` turns false at the first read it cannot do. */
class Source {
  bytes: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  /** Where the message starts in the view's buffer (views are cached per buffer). */
  base = 0;
  offset = ORIGIN;
  end = 0;

  /** Offset of `n` bytes after aligning to `align`, or -1 past the end. */
  take(align: number, n: number): number {
    let at = this.offset;
    const r = (at - ORIGIN) % align;
    if (r > 0) at += align - r;
    if (at + n > this.end) return -1;
    this.offset = at + n;
    return at;
  }
}

/** Reads one value, or returns FAIL. */
type Op = (src: Source) => unknown;
/** Marks a failed read; never a decoded value (decoded values are plain data). */
const FAIL = Symbol('fail');

function intOp(size: 1 | 2 | 4, read: (view: DataView, at: number) => number): Op {
  return (src) => {
    const at = src.take(size, size);
    return at < 0 ? FAIL : read(src.view, src.base + at);
  };
}

function readString(src: Source): unknown {
  const at = src.take(4, 4);
  if (at < 0) return FAIL;
  const length = src.view.getUint32(src.base + at, true);
  if (length <= 1) {
    if (src.offset + length > src.end) return FAIL;
    src.offset += length;
    return '';
  }
  const start = src.offset;
  if (start + length > src.end) return FAIL;
  src.offset = start + length;
  const bytes = src.bytes;
  const n = length - 1;
  // ASCII (what fleet-bandits writes) decodes the same by hand; anything else as MessageReader does.
  let ascii = n <= 64;
  for (let i = 0; ascii && i < n; i++) if (bytes[start + i] > 0x7f) ascii = false;
  if (!ascii) return textDecoder.decode(bytes.subarray(start, start + n));
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[start + i]);
  return s;
}

function readTime(src: Source): unknown {
  const at = src.take(4, 4);
  if (at < 0) return FAIL;
  const sec = src.view.getInt32(src.base + at, true);
  const at2 = src.take(4, 4);
  if (at2 < 0) return FAIL;
  return { sec, nanosec: src.view.getUint32(src.base + at2, true) };
}

function elementOp(field: FieldSchema): Op | null {
  if (field.complex) return structOp(field.type);
  switch (field.type) {
    case 'bool':
      return (src) => {
        const at = src.take(1, 1);
        return at < 0 ? FAIL : src.view.getInt8(src.base + at) !== 0;
      };
    case 'int8':
      return intOp(1, (view, at) => view.getInt8(at));
    case 'uint8':
      return intOp(1, (view, at) => view.getUint8(at));
    case 'int16':
      return intOp(2, (view, at) => view.getInt16(at, true));
    case 'uint16':
      return intOp(2, (view, at) => view.getUint16(at, true));
    case 'int32':
      return intOp(4, (view, at) => view.getInt32(at, true));
    case 'uint32':
      return intOp(4, (view, at) => view.getUint32(at, true));
    case 'float32':
      return intOp(4, (view, at) => view.getFloat32(at, true));
    case 'float64':
      return (src) => {
        const at = src.take(8, 8);
        return at < 0 ? FAIL : src.view.getFloat64(src.base + at, true);
      };
    case 'int64':
    case 'uint64': {
      const signed = field.type === 'int64';
      return (src) => {
        const at = src.take(8, 8);
        if (at < 0) return FAIL;
        const low = src.view.getUint32(src.base + at, true);
        const high = signed ? src.view.getInt32(src.base + at + 4, true) : src.view.getUint32(src.base + at + 4, true);
        // |high| < 2^21 keeps the value exact; beyond the safe range the general path throws a worded error.
        if (high >= 0x200000 || high < -0x200000) return FAIL;
        const value = high * 0x100000000 + low;
        return value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER ? FAIL : value;
      };
    }
    case 'string':
      return readString;
    case 'time':
    case 'duration':
      return readTime;
    default:
      return null;
  }
}

function arrayOp(field: FieldSchema): Op | null {
  const fixed = field.arrayLength;
  const count = (src: Source): number => {
    if (fixed !== undefined) return fixed;
    const at = src.take(4, 4);
    return at < 0 ? -1 : src.view.getUint32(src.base + at, true);
  };
  if (!field.complex && isByteElement(field.type)) {
    return (src) => {
      const n = count(src);
      if (n < 0 || src.offset + n > src.end) return FAIL;
      const start = src.offset;
      src.offset += n;
      return src.bytes.slice(start, start + n);
    };
  }
  const element = elementOp(field);
  if (element === null) return null;
  return (src) => {
    const n = count(src);
    // Every element takes at least one byte: a longer count cannot be read.
    if (n < 0 || n > src.end - src.offset) return FAIL;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v = element(src);
      if (v === FAIL) return FAIL;
      out[i] = v;
    }
    return out;
  };
}

const structOps = new Map<string, Op | null>();

/**
 * Reads the fields in order and returns them as one object literal: objects of a type then
 * share one shape, which a loop of keyed stores would not give. Field names come from the .msg
 * definitions (identifiers) and are quoted with JSON.stringify.
 */
function literalReader(names: readonly string[], ops: readonly Op[]): Op {
  const reads = names.map((_, i) => `const v${i} = ops[${i}](src); if (v${i} === FAIL) return FAIL;`);
  const literal = names.map((name, i) => `${JSON.stringify(name)}: v${i}`).join(', ');
  // Generated from the schema only, once per type.
  return new Function('ops', 'FAIL', `return (src) => { ${reads.join(' ')} return { ${literal} }; };`)(ops, FAIL) as Op;
}

function structOp(type: string): Op | null {
  const cached = structOps.get(type);
  if (cached !== undefined) return cached;
  const fields = structSchema(type).fields;
  const names = fields.map((f) => f.name);
  const ops: Op[] = [];
  for (const field of fields) {
    const op = field.isArray ? arrayOp(field) : elementOp(field);
    if (op === null) {
      structOps.set(type, null);
      return null;
    }
    ops.push(op);
  }
  const n = fields.length;
  // An empty message has one uint8 member on the wire.
  const op: Op = n === 0 ? (src) => (src.take(1, 1) < 0 ? FAIL : {}) : literalReader(names, ops);
  structOps.set(type, op);
  return op;
}

const source = new Source();
const EMPTY = new Uint8Array(0);
let viewBuffer: ArrayBufferLike = EMPTY.buffer;
let viewOfBuffer: DataView<ArrayBufferLike> = new DataView(EMPTY.buffer);

/**
 * The message in `bytes` (encapsulation header included) and the bytes left after it, or null
 * when the general path must decide (see the file comment).
 */
export function compiledDecode(type: MessageTypeName, bytes: ArrayBufferView): { message: unknown; trailing: number } | null {
  const op = structOp(type);
  if (op === null || bytes.byteLength < ORIGIN) return null;
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // CDR little endian only (00 01); the options bytes are not interpreted.
  if (array[0] !== 0 || array[1] !== 1) return null;
  source.bytes = array;
  // Encoded messages share slabs (see compiledWriter): one DataView serves a whole slab.
  if (array.buffer !== viewBuffer) {
    viewBuffer = array.buffer;
    viewOfBuffer = new DataView(array.buffer);
  }
  source.view = viewOfBuffer;
  source.base = array.byteOffset;
  source.offset = ORIGIN;
  source.end = array.byteLength;
  const message = op(source);
  const trailing = source.end - source.offset;
  // Keep at most the last buffer alive (through its cached view), not the caller's array.
  source.bytes = EMPTY;
  if (message === FAIL) return null;
  return { message, trailing };
}
