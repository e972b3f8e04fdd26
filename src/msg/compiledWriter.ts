/**
 * A fast CDR encoder compiled once per message type from its field table: one pass that checks
 * the message's structure and writes little-endian CDR (XCDR1, 8-byte alignment of 64-bit
 * values, origin after the 4-byte encapsulation header) into a reused buffer.
 *
 * It accepts only what `validateStructure` accepts and writes exactly the bytes of
 * @foxglove/rosmsg2-serialization's MessageWriter for such messages (test/msg compares them).
 * Anything it does not accept (a bad message, or a case it does not handle, such as wstring)
 * returns null, and `encode` takes the general path, which also words the error.
 */
import type { MessageTypeName } from './definitions.generated.js';
import { type FieldSchema, isByteElement, structSchema } from './structSchema.js';

const FLOAT32_MAX = 3.4028234663852886e38;
const ORIGIN = 4;

/** Bytes per slab: messages are written straight into shared slabs, as Node pools Buffers. */
const SLAB = 64 * 1024;

/**
 * Where messages are written: the free end of the current slab (encoding never re-enters).
 * A message is a view of its slab; one that outgrows the slab moves to a new, larger one.
 * `reserve` may replace `bytes` and `view`: read them only after it.
 */
class Sink {
  bytes = new Uint8Array(SLAB);
  view = new DataView(this.bytes.buffer);
  /** Where the current message starts in `bytes`; CDR alignment counts from start + 4. */
  start = 0;
  offset = ORIGIN;

  /** Starts a message at the next 8-byte boundary, header included. */
  begin(): void {
    let start = (this.offset + 7) & ~7;
    if (start + 64 > this.bytes.length) {
      this.#slab(SLAB, 0);
      start = 0;
    }
    this.start = start;
    this.offset = start;
    const at = this.reserve(1, ORIGIN);
    // Encapsulation: CDR little endian (00 01), options 00 00.
    this.bytes[at] = 0;
    this.bytes[at + 1] = 1;
    this.bytes[at + 2] = 0;
    this.bytes[at + 3] = 0;
  }

  /** Drops the message being written; its space is zeroed for reuse (padding is never written). */
  abandon(): void {
    this.bytes.fill(0, this.start, this.offset);
    this.offset = this.start;
  }

  /**
   * Room for `n` more bytes after padding to `align` (1, 2, 4 or 8). The padding bytes are zero,
   * as CdrWriter writes them: slabs start zeroed and every byte is written at most once.
   */
  reserve(align: number, n: number): number {
    let at = this.offset;
    const r = (at - this.start - ORIGIN) & (align - 1);
    const pad = r > 0 ? align - r : 0;
    if (at + pad + n > this.bytes.length) {
      const written = at - this.start;
      this.#slab(Math.max(SLAB, 2 * (written + pad + n)), written);
      at = this.offset;
    }
    at += pad;
    this.offset = at + n;
    return at;
  }

  /** A fresh slab of `size` bytes, the current message's first `keep` bytes moved to its start. */
  #slab(size: number, keep: number): void {
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(this.start, this.start + keep));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
    this.start = 0;
    this.offset = keep;
  }
}

/** Writes one value; false if it is not a structurally valid value of its field. */
type Op = (value: unknown, sink: Sink) => boolean;

function isInt(v: unknown, lo: number, hi: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function writeTime(v: unknown, sink: Sink): boolean {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 2 || !((keys[0] === 'sec' && keys[1] === 'nanosec') || (keys[0] === 'nanosec' && keys[1] === 'sec'))) return false;
  const { sec, nanosec } = v;
  if (!isInt(sec, -0x80000000, 0x7fffffff) || !isInt(nanosec, 0, 0xffffffff)) return false;
  const at = sink.reserve(4, 8);
  sink.view.setInt32(at, sec, true);
  sink.view.setUint32(at + 4, nanosec, true);
  return true;
}

function stringOp(bound: number | undefined): Op {
  return (v, sink) => {
    if (typeof v !== 'string') return false;
    const n = v.length;
    if (bound !== undefined && n > bound) return false;
    const at = sink.reserve(4, 4 + n + 1);
    const bytes = sink.bytes;
    for (let i = 0; i < n; i++) {
      const code = v.charCodeAt(i);
      if (code === 0 || code > 0x7f) return false;
      bytes[at + 4 + i] = code;
    }
    sink.view.setUint32(at, n + 1, true);
    bytes[at + 4 + n] = 0;
    return true;
  };
}

function intOp(size: 1 | 2 | 4, lo: number, hi: number, write: (view: DataView, at: number, v: number) => void): Op {
  return (v, sink) => {
    if (!isInt(v, lo, hi)) return false;
    const at = sink.reserve(size, size);
    write(sink.view, at, v);
    return true;
  };
}

function elementOp(field: FieldSchema): Op | null {
  if (field.complex) return structOp(field.type);
  switch (field.type) {
    case 'bool':
      return (v, sink) => {
        if (typeof v !== 'boolean') return false;
        const at = sink.reserve(1, 1);
        sink.bytes[at] = v ? 1 : 0;
        return true;
      };
    case 'int8':
      return intOp(1, -0x80, 0x7f, (view, at, v) => view.setInt8(at, v));
    case 'uint8':
      return intOp(1, 0, 0xff, (view, at, v) => view.setUint8(at, v));
    case 'int16':
      return intOp(2, -0x8000, 0x7fff, (view, at, v) => view.setInt16(at, v, true));
    case 'uint16':
      return intOp(2, 0, 0xffff, (view, at, v) => view.setUint16(at, v, true));
    case 'int32':
      return intOp(4, -0x80000000, 0x7fffffff, (view, at, v) => view.setInt32(at, v, true));
    case 'uint32':
      return intOp(4, 0, 0xffffffff, (view, at, v) => view.setUint32(at, v, true));
    case 'int64':
    case 'uint64': {
      // Two 32-bit halves, the bytes setBigInt64 would write, without a BigInt per value.
      const lo = field.type === 'int64' ? Number.MIN_SAFE_INTEGER : 0;
      return (v, sink) => {
        if (!isInt(v, lo, Number.MAX_SAFE_INTEGER)) return false;
        const high = Math.floor(v / 0x100000000);
        const at = sink.reserve(8, 8);
        sink.view.setUint32(at, v - high * 0x100000000, true);
        sink.view.setInt32(at + 4, high, true);
        return true;
      };
    }
    case 'float32':
      return (v, sink) => {
        if (typeof v !== 'number' || (Number.isFinite(v) && Math.abs(v) > FLOAT32_MAX)) return false;
        const at = sink.reserve(4, 4);
        sink.view.setFloat32(at, v, true);
        return true;
      };
    case 'float64':
      return (v, sink) => {
        if (typeof v !== 'number') return false;
        const at = sink.reserve(8, 8);
        sink.view.setFloat64(at, v, true);
        return true;
      };
    case 'string':
      return stringOp(field.stringUpperBound);
    case 'time':
    case 'duration':
      return writeTime;
    default:
      return null; // wstring and anything unforeseen: the general path
  }
}

function arrayOp(field: FieldSchema): Op | null {
  const fixed = field.arrayLength;
  const bound = field.arrayUpperBound;
  const lengthOk = (n: number) => (fixed === undefined || n === fixed) && (bound === undefined || n <= bound);
  if (!field.complex && isByteElement(field.type)) {
    return (v, sink) => {
      if (!(v instanceof Uint8Array) || !lengthOk(v.length)) return false;
      const n = v.length;
      if (fixed === undefined) {
        const at = sink.reserve(4, 4);
        sink.view.setUint32(at, n, true);
      }
      const at = sink.reserve(1, n);
      sink.bytes.set(v, at);
      return true;
    };
  }
  const element = elementOp(field);
  if (element === null) return null;
  return (v, sink) => {
    if (!Array.isArray(v) || !lengthOk(v.length)) return false;
    const items = v as unknown[];
    if (fixed === undefined) {
      const at = sink.reserve(4, 4);
      sink.view.setUint32(at, items.length, true);
    }
    for (let i = 0; i < items.length; i++) if (!element(items[i], sink)) return false;
    return true;
  };
}

const structOps = new Map<string, Op | null>();

/**
 * Writes the fields in order, each read by its constant name (`v["header"]`), which V8 compiles
 * to a named load, unlike `v[names[i]]` in a loop. Names come from the .msg definitions and are
 * quoted with JSON.stringify.
 */
function fieldWriter(names: readonly string[], ops: readonly Op[]): Op {
  const body = names.map((name, i) => `x = v[${JSON.stringify(name)}]; if (x === undefined || !ops[${i}](x, sink)) return false;`);
  // Generated from the schema only, once per type.
  return new Function('ops', `return (v, sink) => { let x; ${body.join(' ')} return true; };`)(ops) as Op;
}

/** The op of a struct type, null if some field is not handled; cached (types form a DAG). */
function structOp(type: string): Op | null {
  const cached = structOps.get(type);
  if (cached !== undefined) return cached;
  const names = structSchema(type).fields.map((f) => f.name);
  const ops: Op[] = [];
  for (const field of structSchema(type).fields) {
    const op = field.isArray ? arrayOp(field) : elementOp(field);
    if (op === null) {
      structOps.set(type, null);
      return null;
    }
    ops.push(op);
  }
  const n = names.length;
  const known: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const name of names) known[name] = true;
  const fields = fieldWriter(names, ops);
  const op: Op = (v, sink) => {
    if (!isPlainObject(v)) return false;
    // Own enumerable keys must all be fields (for-in allocates nothing, unlike Object.keys).
    for (const key in v) if (known[key] !== true && Object.prototype.hasOwnProperty.call(v, key)) return false;
    // ROS 2 gives an empty message one uint8 member, as MessageWriter writes it.
    if (n === 0) {
      const at = sink.reserve(1, 1);
      sink.bytes[at] = 0;
      return true;
    }
    return fields(v, sink);
  };
  structOps.set(type, op);
  return op;
}

const sink = new Sink();

/**
 * CDR bytes of `message` (encapsulation header included; a view into a shared slab, so use its
 * byteOffset and never transfer its buffer), or null if the message is not structurally valid
 * or the type needs the general path.
 */
export function compiledEncode(type: MessageTypeName, message: unknown): Uint8Array | null {
  const op = structOp(type);
  if (op === null) return null;
  sink.begin();
  if (!op(message, sink)) {
    sink.abandon();
    return null;
  }
  return sink.bytes.subarray(sink.start, sink.offset);
}
