/**
 * Reads the viewer's messages from a recording (`fleet-bandits run --record`, or a ROS 2 bag in
 * MCAP storage, bare file or bag directory): every message whose type the bridge draws, decoded
 * and validated, in log-time order. Finished bags are read through `record/` (BagReader: indexed,
 * decoded with the schemas in the file); unfinished ones (no summary: the recorder was killed)
 * are read front to back with @mcap/core's McapStreamReader and the package's own codec.
 * Chunks must be uncompressed: Node 20 has no zstd or lz4.
 *
 * Everything is held in memory (about 1 KB per message); a recording of a few million messages
 * needs a few GB, so trim long recordings first.
 */
import { readFile } from 'node:fs/promises';
import { McapStreamReader, type McapTypes } from '@mcap/core';
import { safeDecode } from '../../msg/codec.js';
import type { MessageTypeName } from '../../msg/definitions.generated.js';
import { canonicalTypeName, isMessageTypeName } from '../../msg/fullDefinition.js';
import { validateMessage } from '../../msg/validateMessage.js';
import { BRIDGE_MESSAGE_TYPES } from '../../nodes/bridge/BridgeState.js';
import type { RunInfoView } from '../../nodes/bridge/protocol.js';
import { RUN_METADATA_NAME } from '../../nodes/record/Recorder.js';
import { BagFormatError } from '../../record/BagFormatError.js';
import { describeSkipped } from '../../record/BagReader.js';
import { openBagFile } from '../../record/node/openBagFile.js';
import { runInfoFromMetadata } from './runInfo.js';

export interface RecordedMessage {
  /** MCAP log time (ns): node time when the message was recorded. */
  logTimeNs: number;
  topic: string;
  type: MessageTypeName;
  message: unknown;
}

export interface Recording {
  file: string;
  messages: RecordedMessage[];
  /** Log time of the first and last message kept (ns); both 0 when none was kept. */
  startNs: number;
  endNs: number;
  /** Topics read, with their type and message count. */
  topics: { topic: string; type: string; count: number }[];
  /** Messages that failed to decode or validate, per topic (first error kept). */
  rejected: { topic: string; count: number; error: string }[];
  /** Whether the file was a finished (indexed) bag; false: read front to back, e.g. an unfinished recording. */
  indexed: boolean;
  /** What a cut-off or damaged file lost, as one line (see `describeSkipped`); absent if nothing. */
  skipped?: string;
  /** The run as its `fleet_bandits_run` metadata describes it (horizon, ground truth if stored). */
  run: RunInfoView;
}

const WANTED: ReadonlySet<string> = new Set(BRIDGE_MESSAGE_TYPES);

/** Reads `file` (an .mcap file or a bag directory); throws an Error naming it on I/O or format problems. */
export async function readRecording(file: string): Promise<Recording> {
  const messages: RecordedMessage[] = [];
  const counts = new Map<string, { topic: string; type: string; count: number }>();
  const rejected = new Map<string, { topic: string; count: number; error: string }>();
  const wantedType = (name: string): MessageTypeName | null => {
    const t = canonicalTypeName(name);
    return WANTED.has(t) && isMessageTypeName(t) ? t : null;
  };
  const reject = (topic: string, error: string) => {
    const r = rejected.get(topic) ?? { topic, count: 0, error };
    r.count++;
    rejected.set(topic, r);
  };
  const keep = (topic: string, type: MessageTypeName, logTimeNs: number, message: unknown) => {
    messages.push({ logTimeNs, topic, type, message });
    const c = counts.get(topic) ?? { topic, type, count: 0 };
    c.count++;
    counts.set(topic, c);
  };

  let indexed = true;
  let skipped: string | undefined;
  let runMeta: Record<string, string> | undefined;
  try {
    const bag = await openBagFile(file);
    if (bag.reader.skipped) skipped = describeSkipped(bag.reader.skipped);
    try {
      runMeta = (await bag.reader.metadata()).get(RUN_METADATA_NAME);
      const topics = bag.reader.topics.filter((t) => wantedType(t.type) !== null);
      if (topics.length > 0) {
        for await (const m of bag.reader.messages({ topics: topics.map((t) => t.name) })) {
          const type = wantedType(m.type)!;
          const problem = validateMessage(type, m.message);
          if (problem) reject(m.topic, problem);
          else keep(m.topic, type, Number(m.logTimeNs), m.message);
        }
      }
    } finally {
      await bag.close();
    }
  } catch (err) {
    if (!(err instanceof BagFormatError && /not a readable indexed MCAP file/.test(err.message))) throw new Error(explain(err));
    indexed = false;
  }

  // Files too big for the tolerant read and without an index: front to back with the stream reader.
  if (!indexed) {
    const schemas = new Map<number, McapTypes.Schema>();
    const channels = new Map<number, { topic: string; type: MessageTypeName | null }>();
    const stream = new McapStreamReader({ validateCrcs: true });
    try {
      stream.append(await readFile(file));
      for (let r; (r = stream.nextRecord()); ) {
        if (r.type === 'Schema') schemas.set(r.id, r);
        else if (r.type === 'Metadata' && r.name === RUN_METADATA_NAME) runMeta = Object.fromEntries(r.metadata);
        else if (r.type === 'Channel') {
          const schema = schemas.get(r.schemaId);
          channels.set(r.id, { topic: r.topic, type: r.messageEncoding === 'cdr' && schema ? wantedType(schema.name) : null });
        } else if (r.type === 'Message') {
          const ch = channels.get(r.channelId);
          if (!ch || ch.type === null) continue;
          const decoded = safeDecode(ch.type, r.data);
          if (decoded.success) keep(ch.topic, ch.type, Number(r.logTime), decoded.data);
          else reject(ch.topic, decoded.error);
        }
      }
    } catch (err) {
      // A recording cut off mid-record still yields everything before the cut.
      if (messages.length === 0) throw new Error(`cannot read recording '${file}': ${explain(err)}`);
    }
    messages.sort((x, y) => x.logTimeNs - y.logTimeNs);
  }

  return {
    file,
    messages,
    startNs: messages.length > 0 ? messages[0].logTimeNs : 0,
    endNs: messages.length > 0 ? messages[messages.length - 1].logTimeNs : 0,
    topics: [...counts.values()].sort((x, y) => x.topic.localeCompare(y.topic)),
    rejected: [...rejected.values()],
    indexed: indexed && skipped === undefined,
    ...(skipped === undefined ? {} : { skipped }),
    run: runInfoFromMetadata(runMeta),
  };
}

function explain(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/compression/i.test(text)) return `${text} (the viewer reads uncompressed chunks only; record without chunk compression)`;
  if (/magic/i.test(text)) return `${text} (not an MCAP file?)`;
  return text;
}
