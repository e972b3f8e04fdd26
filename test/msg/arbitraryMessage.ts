// fast-check arbitraries that build random, structurally valid messages of any known type from its field table.
import fc from 'fast-check';
import type { MessageTypeName, MessageTypes } from '../../src/msg/index.js';
import { type FieldSchema, structSchema } from '../../src/msg/structSchema.js';

const INT_BOUNDS: Record<string, [number, number]> = {
  int8: [-0x80, 0x7f],
  uint8: [0, 0xff],
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/** Printable and control ASCII without NUL: what the codec carries unchanged. */
const asciiChar = fc.integer({ min: 1, max: 0x7f }).map((c) => String.fromCharCode(c));

export interface ArbitraryOptions {
  /** Allow NaN and +-Infinity in float fields (the codec carries them; validateMessage may not). */
  nonFinite?: boolean;
  /** Longest unbounded array. Default 4. */
  maxArray?: number;
}

function primitive(type: string, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const nonFinite = options.nonFinite ?? true;
  switch (type) {
    case 'bool':
      return fc.boolean();
    case 'float32':
      return fc.float({ noNaN: !nonFinite, noDefaultInfinity: !nonFinite });
    case 'float64':
      return fc.double({ noNaN: !nonFinite, noDefaultInfinity: !nonFinite });
    case 'string':
    case 'wstring':
      return fc.string({ unit: asciiChar, maxLength: 24 });
    case 'time':
    case 'duration':
      return fc.record({ sec: fc.integer({ min: -0x80000000, max: 0x7fffffff }), nanosec: fc.integer({ min: 0, max: 999_999_999 }) });
    default: {
      const bounds = INT_BOUNDS[type];
      if (bounds === undefined) throw new Error(`no arbitrary for primitive ${type}`);
      return fc.integer({ min: bounds[0], max: bounds[1] });
    }
  }
}

function field(schema: FieldSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const element = schema.complex ? struct(schema.type, options) : primitive(schema.type, options);
  if (!schema.isArray) return element;
  const minLength = schema.arrayLength ?? 0;
  const maxLength = schema.arrayLength ?? schema.arrayUpperBound ?? options.maxArray ?? 4;
  if (!schema.complex && schema.type === 'uint8') return fc.uint8Array({ minLength, maxLength });
  return fc.array(element, { minLength, maxLength });
}

function struct(type: string, options: ArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of structSchema(type).fields) fields[f.name] = field(f, options);
  return fc.record(fields);
}

/** Random messages of `type` that `validateStructure` accepts. */
export function arbitraryMessage<T extends MessageTypeName>(type: T, options: ArbitraryOptions = {}): fc.Arbitrary<MessageTypes[T]> {
  return struct(type, options) as unknown as fc.Arbitrary<MessageTypes[T]>;
}
