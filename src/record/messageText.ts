/**
 * Text forms of decoded (plain) messages for people and spreadsheets: one JSON line per message
 * (`replay --echo`, the .jsonl export) and CSV rows with one column per scalar field (the .csv
 * export). Nothing is lost on the way: JSON has no NaN or Infinity, so non-finite numbers are
 * written as the strings "NaN", "Infinity" and "-Infinity"; a bigint beyond 2^53 is written as its
 * decimal string; byte arrays become number arrays.
 */

/** JSON.stringify replacer for decoded messages (see the module comment). */
export function messageJsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Array.from(value);
  return value;
}

/** One recorded message as a JSON line: log time in seconds, topic, type, the message. */
export function messageJsonLine(m: { topic: string; type: string; logTimeNs: bigint; message: unknown }): string {
  return JSON.stringify({ t: nsToSeconds(m.logTimeNs), topic: m.topic, type: m.type, msg: m.message }, messageJsonReplacer);
}

/** Nanoseconds as decimal seconds, exactly (no float rounding of 19-digit times). */
export function nsToSeconds(ns: bigint): string {
  const negative = ns < 0n;
  const abs = negative ? -ns : ns;
  const whole = abs / 1_000_000_000n;
  const frac = (abs % 1_000_000_000n).toString().padStart(9, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/**
 * A message's scalar fields by dotted path (`header.stamp.sec`), in field order. Arrays are kept
 * whole, as one JSON cell: their length varies from message to message.
 */
export function flattenMessage(message: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (message !== null && typeof message === 'object' && !Array.isArray(message) && !ArrayBuffer.isView(message)) {
    for (const [key, value] of Object.entries(message)) flattenMessage(value, prefix === '' ? key : `${prefix}.${key}`, out);
  } else {
    out.set(prefix === '' ? 'value' : prefix, message);
  }
  return out;
}

/** One CSV cell (RFC 4180 quoting). */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === undefined || value === null) text = '';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else text = JSON.stringify(value, messageJsonReplacer);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
