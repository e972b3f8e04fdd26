/**
 * Reads an MCAP file record by record without trusting its summary, for recordings cut off by a
 * kill (no footer) or partly damaged: every chunk whose CRC and records check out is kept, a bad
 * chunk is skipped whole, and the first unreadable record length ends the scan. The result says
 * how many bytes and chunks were skipped, so callers can tell the user what was lost.
 * Browser-safe: works on bytes in memory.
 */
import { McapRecordBuilder, McapStreamReader, type McapTypes } from '@mcap/core';

const MAGIC = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a];
/** Opcodes of the records the scan needs to look into. */
const OP_FOOTER = 0x02;
const OP_DATA_END = 0x0f;

export interface McapScan {
  header: McapTypes.Header | undefined;
  schemas: Map<number, McapTypes.Schema>;
  channels: Map<number, McapTypes.Channel>;
  /** Messages of every good chunk (and top-level messages), in log-time order (stable). */
  messages: McapTypes.Message[];
  metadata: McapTypes.Metadata[];
  /** Chunks whose CRC or contents were bad, skipped whole. */
  badChunks: number;
  /** Bytes not read: bad chunks plus everything after the first record that runs past the end. */
  skippedBytes: number;
  /** True if the file ended without a footer (e.g. the recorder was killed). */
  truncated: boolean;
}

/** Footer record (opcode, length 20, 20 bytes) then the magic, at the very end. */
function endsWithFooter(bytes: Uint8Array): boolean {
  const n = bytes.byteLength;
  const footerAt = n - MAGIC.length - 29;
  return footerAt >= MAGIC.length && bytes[footerAt] === OP_FOOTER && MAGIC.every((b, i) => bytes[n - MAGIC.length + i] === b);
}

/** Scans `bytes`; throws only if they do not start with the MCAP magic. */
export function scanMcap(bytes: Uint8Array): McapScan {
  if (bytes.byteLength < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('no MCAP magic at the start');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: McapScan = { header: undefined, schemas: new Map(), channels: new Map(), messages: [], metadata: [], badChunks: 0, skippedBytes: 0, truncated: true };
  // Schemas and channels known so far, re-sent before each record: a chunk's messages may use
  // channels defined in earlier chunks, and each record gets a fresh reader (a reader that
  // threw cannot be used again).
  const known = new McapRecordBuilder();
  let pos = MAGIC.length;
  while (pos < bytes.byteLength) {
    if (pos + 9 > bytes.byteLength) {
      out.skippedBytes += bytes.byteLength - pos;
      break;
    }
    const opcode = bytes[pos];
    const length = view.getBigUint64(pos + 1, true);
    const end = BigInt(pos) + 9n + length;
    if (end > BigInt(bytes.byteLength)) {
      out.skippedBytes += bytes.byteLength - pos;
      break;
    }
    const record = bytes.subarray(pos, Number(end));
    pos = Number(end);
    if (opcode === OP_FOOTER || opcode === OP_DATA_END) {
      // The summary follows; it repeats what the data section said, so stop here. The file is
      // complete if it ends with a footer record and the closing magic.
      out.truncated = !endsWithFooter(bytes);
      break;
    }
    const reader = new McapStreamReader({ noMagicPrefix: true, validateCrcs: true });
    reader.append(known.buffer);
    reader.append(record);
    const found: McapTypes.TypedMcapRecord[] = [];
    try {
      for (let r; (r = reader.nextRecord()); ) found.push(r);
    } catch {
      if (opcode === 0x06) out.badChunks++;
      out.skippedBytes += record.byteLength;
      continue;
    }
    for (const r of found) {
      switch (r.type) {
        case 'Header':
          out.header ??= r;
          break;
        case 'Schema':
          if (!out.schemas.has(r.id)) known.writeSchema(r);
          out.schemas.set(r.id, r);
          break;
        case 'Channel':
          if (!out.channels.has(r.id)) known.writeChannel(r);
          out.channels.set(r.id, r);
          break;
        case 'Message':
          out.messages.push(r);
          break;
        case 'Metadata':
          out.metadata.push(r);
          break;
        default:
          break;
      }
    }
  }
  out.messages.sort((a, b) => (a.logTime < b.logTime ? -1 : a.logTime > b.logTime ? 1 : 0));
  return out;
}
