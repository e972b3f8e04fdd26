/**
 * Validates a message a browser sent to the bridge: size, JSON syntax, then a strict schema.
 * Never throws; the server answers a rejected message with an `error` frame.
 */
import { z } from 'zod';
import { MAX_CLIENT_MESSAGE_BYTES, MAX_SPEED, MIN_SPEED, type ClientMessage } from './protocol.js';

const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('play') }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('speed'), speed: z.number().min(MIN_SPEED).max(MAX_SPEED).nullable() }),
  z.strictObject({ type: z.literal('seek'), timeNs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  z.strictObject({ type: z.literal('resync') }),
]);

export type ParseResult = { success: true; data: ClientMessage } | { success: false; error: string };

/** Checks `raw` (a WebSocket text or binary message) against the client protocol. */
export function parseClientMessage(raw: string | Uint8Array): ParseResult {
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  if (bytes > MAX_CLIENT_MESSAGE_BYTES) {
    return { success: false, error: `message too large: expected at most ${MAX_CLIENT_MESSAGE_BYTES} bytes, found ${bytes}` };
  }
  const text = typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // JSON.parse quotes the input, newlines included: keep the reply one short line.
    return { success: false, error: `message is not JSON: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 200)}` };
  }
  const parsed = clientMessageSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length > 0 ? ` at '${issue.path.join('.')}'` : '';
    return { success: false, error: `invalid message${at}: ${issue.message}; expected {type: play|pause|speed|seek|resync}` };
  }
  return { success: true, data: parsed.data as ClientMessage };
}
