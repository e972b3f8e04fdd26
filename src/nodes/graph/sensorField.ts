/**
 * A numeric field of any sensor message, named by a path (`data` of std_msgs/Float64, `range` of
 * sensor_msgs/Range, `pose.position.z`, `ranges[3]`), and the reducers that turn the readings of
 * a dwell into one SiteSample. When the codec knows the sensor type, the path is checked against
 * its definition at start-up, so a wrong path is a one-line error, not a silent run of no samples.
 */
import { isMessageTypeName, parsedDefinitions, type ParsedMessageDefinition } from '../../msg/fullDefinition.js';

export const REDUCERS = ['mean', 'max', 'last'] as const;
export type Reducer = (typeof REDUCERS)[number];

export function isReducer(name: string): name is Reducer {
  return (REDUCERS as readonly string[]).includes(name);
}

const NUMERIC = new Set(['float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'byte', 'char', 'bool']);
const SEGMENT = /^([a-z][a-z0-9_]*)((?:\[\d+\])*)$/;

export type FieldPath = readonly (string | number)[];

/** `pose.position.z` -> ['pose', 'position', 'z']; `ranges[3]` -> ['ranges', 3]. Throws on a bad path. */
export function parseFieldPath(path: string): FieldPath {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) throw new Error(`field path '${path}': '${part}' is not a field name (lower case, digits, '_') with optional [index]`);
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * Why `path` does not name a numeric field of `type`, or null when it does or when the codec does
 * not know the type (then only the readings can tell, counted at run time).
 */
export function fieldPathProblem(type: string, path: FieldPath): string | null {
  if (!isMessageTypeName(type)) return null;
  const defs = parsedDefinitions(type);
  let def: ParsedMessageDefinition | undefined = defs[0];
  let where: string = type;
  for (let i = 0; i < path.length; i++) {
    const name = path[i];
    if (typeof name === 'number') return `${where}: index [${name}] on a field that is not an array`;
    const field: ParsedMessageDefinition['definitions'][number] | undefined = def?.definitions.find((f) => f.name === name && f.isConstant !== true);
    if (!field) return `${where} has no field '${name}' (fields: ${(def?.definitions ?? []).filter((f) => f.isConstant !== true).map((f) => f.name).join(', ')})`;
    where = `${where}.${name}`;
    if (field.isArray) {
      if (typeof path[i + 1] !== 'number') return `${where} is an array: give an element, e.g. '${name}[0]'`;
      i++;
      where = `${where}[${path[i]}]`;
    }
    if (field.isComplex) {
      def = defs.find((d) => d.name === field.type || d.name === field.type.replace('/msg/', '/'));
      if (i === path.length - 1) return `${where} is a message (${field.type}), not a number: name one of its numeric fields`;
    } else if (i < path.length - 1) {
      return `${where} is a ${field.type}, it has no field '${String(path[i + 1])}'`;
    } else if (!NUMERIC.has(field.type)) {
      return `${where} is a ${field.type}, not a number`;
    }
  }
  return null;
}

/** The number at `path` in `message`, or why there is none (missing, not numeric, not finite). */
export function readField(message: unknown, path: FieldPath): number | string {
  let v: unknown = message;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return `no field at '${path.join('.')}'`;
    v = (v as Record<string | number, unknown>)[key];
  }
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v === 'boolean') v = v ? 1 : 0;
  if (typeof v !== 'number') return `field '${path.join('.')}' is ${v === undefined ? 'missing' : typeof v}, not a number`;
  if (!Number.isFinite(v)) return `field '${path.join('.')}' is ${v}`;
  return v;
}

/** The readings of one dwell, reduced as they come (constant memory whatever the sensor rate). */
export class DwellReadings {
  count = 0;
  #sum = 0;
  #max = -Infinity;
  #last = NaN;

  add(value: number): void {
    this.count++;
    this.#sum += value;
    if (value > this.#max) this.#max = value;
    this.#last = value;
  }

  clear(): void {
    this.count = 0;
    this.#sum = 0;
    this.#max = -Infinity;
    this.#last = NaN;
  }

  /** The SiteSample value (NaN without readings). */
  reduce(reducer: Reducer): number {
    if (this.count === 0) return NaN;
    if (reducer === 'last') return this.#last;
    if (reducer === 'max') return this.#max;
    return this.#sum / this.count;
  }
}
