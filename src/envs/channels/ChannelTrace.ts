/**
 * A recorded channel realisation as plain JSON-able data, so an erasure pattern seen on a real
 * link (or in one simulation) can be saved and replayed by `TraceChannel`.
 */
export interface ChannelTrace {
  /** Format version, currently 1. */
  version: 1;
  /** Round of the first send. */
  start: number;
  /** delivered[i]: arrival round of the command sent in round start + i, or -1 if erased. */
  delivered: number[];
}

/** Why `trace` is not a valid ChannelTrace, or undefined when it is. */
export function channelTraceProblem(trace: ChannelTrace): string | undefined {
  if (trace === null || typeof trace !== 'object') return 'expected an object { version, start, delivered }';
  if (trace.version !== 1) return `unsupported version ${String(trace.version)}; expected 1`;
  if (!Number.isInteger(trace.start) || trace.start < 0) return `'start' must be an integer >= 0, found ${String(trace.start)}`;
  if (!Array.isArray(trace.delivered)) return `'delivered' must be a list of rounds`;
  for (let i = 0; i < trace.delivered.length; i++) {
    const d = trace.delivered[i];
    if (!(Number.isInteger(d) && (d === -1 || d >= trace.start + i))) {
      return `'delivered[${i}]' must be -1 (erased) or an integer >= its send round ${trace.start + i}, found ${String(d)}`;
    }
  }
  return undefined;
}
