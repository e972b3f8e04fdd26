/**
 * `replay --export DIR`: writes every selected topic of a recording as `<topic>.csv` (log time,
 * publish time, sequence, then one column per scalar field; arrays as one JSON cell) and
 * `<topic>.jsonl` (one JSON line per message, the message whole), plus `index.json` naming the
 * files, types and counts. Streams message by message, so memory stays bounded whatever the
 * recording's size. Existing files are never overwritten.
 *
 * Usage:
 *   const files = await exportRecording(bag.reader, 'out/export', { topics: ['/regret'] });
 */
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputFileError, describeErrno } from '../../io/InputFileError.js';
import { prepareOutputDirectory } from '../../io/outputPaths.js';
import type { BagReader } from '../BagReader.js';
import { csvCell, flattenMessage, messageJsonLine, nsToSeconds } from '../messageText.js';

export interface ExportOptions {
  /** Only these topics (default all). */
  topics?: readonly string[];
  /** Called after each message (progress). */
  onMessage?: () => void;
}

export interface ExportedTopic {
  topic: string;
  type: string;
  messages: number;
  csv: string;
  jsonl: string;
}

/** A topic name as a file name: `/agent_0/telemetry` -> `agent_0__telemetry`. */
export function topicFileName(topic: string): string {
  const name = topic.replace(/^\/+/, '').replaceAll('/', '__').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return name === '' ? 'root' : name.slice(0, 200);
}

interface TopicWriter {
  entry: ExportedTopic;
  csv: WriteStream;
  jsonl: WriteStream;
  columns: string[] | undefined;
}

export async function exportRecording(bag: BagReader, dir: string, options: ExportOptions = {}): Promise<ExportedTopic[]> {
  const label = 'replay --export';
  const topics = bag.topics.filter((t) => !options.topics || options.topics.length === 0 || options.topics.includes(t.name));
  prepareOutputDirectory(dir, label);
  const names = new Set<string>();
  const planned = topics.map((t) => {
    let base = topicFileName(t.name);
    for (let k = 2; names.has(base); k++) base = `${topicFileName(t.name)}-${k}`;
    names.add(base);
    return { topic: t, base };
  });
  const targets = [...planned.flatMap((p) => [`${p.base}.csv`, `${p.base}.jsonl`]), 'index.json'].map((f) => join(dir, f));
  const taken = targets.filter((f) => existsSync(f));
  if (taken.length > 0) throw new InputFileError(label, `'${taken[0]}' exists; export into an empty or new directory (nothing is overwritten)`);

  const writers = new Map<string, TopicWriter>();
  let failure: Error | undefined;
  const open = (file: string) => {
    const stream = createWriteStream(file, { flags: 'wx' });
    stream.on('error', (err) => (failure ??= new InputFileError(label, `cannot write '${file}' (${describeErrno(err)})`, { cause: err })));
    return stream;
  };
  for (const p of planned) {
    const entry: ExportedTopic = { topic: p.topic.name, type: p.topic.type, messages: 0, csv: `${p.base}.csv`, jsonl: `${p.base}.jsonl` };
    writers.set(p.topic.name, { entry, csv: open(join(dir, entry.csv)), jsonl: open(join(dir, entry.jsonl)), columns: undefined });
  }
  const write = async (stream: WriteStream, text: string) => {
    if (stream.write(text)) return;
    await new Promise<void>((resolve) => {
      stream.once('drain', resolve);
      stream.once('error', () => resolve()); // a full disk: `failure` says so below
    });
    if (failure) throw failure;
  };
  try {
    for await (const m of bag.messages({ topics: planned.map((p) => p.topic.name) })) {
      if (failure) throw failure;
      const w = writers.get(m.topic)!;
      const fields = flattenMessage(m.message);
      // The first message fixes the columns: a topic's messages share one definition.
      if (!w.columns) {
        w.columns = [...fields.keys()];
        await write(w.csv, ['log_time', 'publish_time', 'sequence', ...w.columns].map(csvCell).join(',') + '\n');
      }
      const row = [nsToSeconds(m.logTimeNs), nsToSeconds(m.publishTimeNs), m.sequence, ...w.columns.map((c) => fields.get(c))];
      await write(w.csv, row.map(csvCell).join(',') + '\n');
      await write(w.jsonl, messageJsonLine(m) + '\n');
      w.entry.messages++;
      options.onMessage?.();
    }
  } finally {
    await Promise.all([...writers.values()].flatMap((w) => [w.csv, w.jsonl]).map((s) => new Promise<void>((resolve) => s.end(resolve))));
  }
  if (failure) throw failure;
  const entries = [...writers.values()].map((w) => w.entry);
  try {
    await writeFile(join(dir, 'index.json'), JSON.stringify({ source: bag.source, topics: entries }, null, 2) + '\n', { flag: 'wx' });
  } catch (err) {
    throw new InputFileError(label, `cannot write '${join(dir, 'index.json')}' (${describeErrno(err)})`, { cause: err });
  }
  return entries;
}
