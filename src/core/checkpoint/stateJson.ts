/**
 * Learner state as JSON, exactly. JSON numbers round-trip every finite double bit for bit
 * (`JSON.parse(JSON.stringify(x)) === x`, -0 aside, which no statistic here holds), so finite
 * values are stored as numbers; NaN and the infinities, which JSON cannot hold, as the strings
 * 'NaN', 'Infinity' and '-Infinity'. Typed arrays are stored as plain arrays.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One double as JSON: a number, or 'NaN' / 'Infinity' / '-Infinity'. */
export function encodeFloat(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

/** The inverse of `encodeFloat`; anything else is an error naming `what`. */
export function decodeFloat(v: unknown, what: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`${what}: expected a number, 'NaN', 'Infinity' or '-Infinity', got ${JSON.stringify(v)?.slice(0, 40)}`);
}

export function encodeFloats(xs: ArrayLike<number>): (number | string)[] {
  return Array.from(xs, encodeFloat);
}

/** Decodes into `out` (its length is the expected length). */
export function decodeFloatsInto(v: unknown, out: Float64Array, what: string): Float64Array {
  if (!Array.isArray(v) || v.length !== out.length) throw new Error(`${what}: expected an array of ${out.length} numbers`);
  for (let i = 0; i < out.length; i++) out[i] = decodeFloat(v[i], `${what}[${i}]`);
  return out;
}

/** Integers in [lo, hi] into `out` (its length is the expected length). */
export function decodeIntsInto<T extends Int32Array | Uint8Array>(v: unknown, out: T, lo: number, hi: number, what: string): T {
  if (!Array.isArray(v) || v.length !== out.length) throw new Error(`${what}: expected an array of ${out.length} integers`);
  for (let i = 0; i < out.length; i++) {
    const x: unknown = v[i];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi) throw new Error(`${what}[${i}]: expected an integer in [${lo}, ${hi}], got ${JSON.stringify(x)?.slice(0, 40)}`);
    out[i] = x;
  }
  return out;
}

/**
 * The learned state of a learner or planner, saved and restored by replay: `ops` are the inputs
 * it was given, in order (restoring a fresh learner of the same scenario, seed and algorithm
 * feeds them again, which rebuilds every statistic and the random generator's position bit for
 * bit, whatever the algorithm keeps privately); `statistics` are what it learned, in the
 * encoding above, checked equal after a restore; `rounds` is the number of rounds (steps) done.
 */
export interface LearnerStateJson {
  rounds: number;
  statistics: Json;
  ops: Json[];
}

/** A learner or planner whose state can be saved and restored (see `LearnerStateJson`). */
export interface Checkpointable {
  /** The state now. `ops` is the live log: copy what you keep past the next call. */
  saveState(): LearnerStateJson;
  /**
   * Restores `state` into this learner, which must be fresh (nothing played yet) and built for
   * the same scenario, seed and algorithm; throws if the state is malformed or does not
   * reproduce its statistics.
   */
  restoreState(state: LearnerStateJson): void;
}

/** Canonical text of a JSON value (object keys sorted), for equality and hashing. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return `[${Array.from(v as ArrayLike<unknown>, canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}
