/**
 * Turns a message as a generic CDR decoder returns it (bigint for 64-bit integers, typed arrays,
 * views into the file's buffer) into a plain, JSON-friendly object: the representation
 * fleet-bandits messages use everywhere else, so a decoded recording deep-equals what was published.
 *
 * It needs no message definition: every typed array except Uint8Array (uint8/byte/char arrays)
 * becomes number[], byte arrays are copied (the decoder's are views into chunk buffers), and a
 * bigint becomes a number when it is a safe integer. A bigint beyond 2^53 stays a bigint rather
 * than silently losing digits.
 */
export function plainMessage(value: unknown): unknown {
  if (typeof value === 'bigint') return toNumberIfSafe(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return value.slice();
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) return Array.from(value, toNumberIfSafe);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plainMessage);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = plainMessage(field);
  return out;
}

function toNumberIfSafe(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}
