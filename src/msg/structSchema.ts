/**
 * Field tables per message type, derived once from the parsed .msg definitions; shared by the
 * codec (64-bit and typed-array conversion), the validator and `defaultMessage`.
 */
import type { MessageTypeName } from './definitions.generated.js';
import { canonicalTypeName, messageSource, parsedDefinitions } from './fullDefinition.js';

/** Primitive field types as @foxglove/rosmsg reports them (`byte`/`char` become `uint8`). */
export type PrimitiveType =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'string'
  | 'wstring'
  | 'time'
  | 'duration';

export interface FieldSchema {
  readonly name: string;
  /** A primitive type, or the canonical `pkg/msg/Type` of a nested message. */
  readonly type: string;
  readonly complex: boolean;
  readonly isArray: boolean;
  /** Fixed array length (`float64[36]`). */
  readonly arrayLength?: number;
  /** Bounded array maximum (`int32[<=5]`). */
  readonly arrayUpperBound?: number;
  /** Bounded string maximum length (`string<=10`). */
  readonly stringUpperBound?: number;
  /** Default from the .msg (`float64 w 1`), as @foxglove/rosmsg parsed it (64-bit ints are bigint). */
  readonly defaultValue?: unknown;
}

export interface StructSchema {
  /** Canonical `pkg/msg/Type`. */
  readonly type: MessageTypeName;
  /** Data fields in wire order (constants excluded). */
  readonly fields: readonly FieldSchema[];
  readonly fieldNames: ReadonlySet<string>;
  /** float fields where NaN is meaningful (`[nan-ok]` in the .msg). */
  readonly nanOk: ReadonlySet<string>;
  /** float fields where +-infinity is meaningful (`[inf-ok]` in the .msg). */
  readonly infOk: ReadonlySet<string>;
}

const schemas = new Map<string, StructSchema>();

/** The field table of `type`; throws for an unknown type. Cached. */
export function structSchema(type: string): StructSchema {
  const cached = schemas.get(type);
  if (cached !== undefined) return cached;
  const source = messageSource(type);
  const root = parsedDefinitions(type as MessageTypeName)[0];
  if (root === undefined) throw new Error(`message type '${type}' has no definition`);
  const fields: FieldSchema[] = root.definitions
    .filter((d) => d.isConstant !== true)
    .map((d) => ({
      name: d.name,
      type: d.isComplex === true ? canonicalTypeName(d.type) : d.type,
      complex: d.isComplex === true,
      isArray: d.isArray === true,
      arrayLength: d.arrayLength,
      arrayUpperBound: d.arrayUpperBound,
      stringUpperBound: d.upperBound,
      defaultValue: d.defaultValue,
    }));
  const schema: StructSchema = {
    type: type as MessageTypeName,
    fields,
    fieldNames: new Set(fields.map((f) => f.name)),
    nanOk: new Set(source.nanOk),
    infOk: new Set(source.infOk),
  };
  schemas.set(type, schema);
  return schema;
}

/** True for the element types whose arrays are `Uint8Array` in TS. */
export function isByteElement(type: string): boolean {
  return type === 'uint8';
}
