// Test helpers for recorder and player tests: in-memory bags, silent log sinks that keep lines, reading a bag back.
import { TempBuffer } from '@mcap/core';
import { BagReader, type RecordedMessage } from '../../src/record/BagReader.js';
import { BagWriter } from '../../src/record/BagWriter.js';
import type { LogRecord, LogSink } from '../../src/runtime/Logger.js';

export function memoryBag(): { writer: BagWriter; buffer: TempBuffer } {
  const buffer = new TempBuffer();
  return { writer: new BagWriter({ writable: buffer }), buffer };
}

export function logCollector(): { sink: LogSink; lines: LogRecord[] } {
  const lines: LogRecord[] = [];
  return { sink: (r) => lines.push(r), lines };
}

export async function readBag(bytes: Uint8Array): Promise<{ bag: BagReader; messages: RecordedMessage[] }> {
  const bag = await BagReader.open(new TempBuffer(bytes), { source: 'memory.mcap' });
  const messages: RecordedMessage[] = [];
  for await (const m of bag.messages()) messages.push(m);
  return { bag, messages };
}

/** What must survive a record/replay cycle: topic, log time and decoded message, in order. */
export function essence(messages: readonly RecordedMessage[]): { topic: string; time: bigint; message: unknown }[] {
  return messages.map((m) => ({ topic: m.topic, time: m.logTimeNs, message: m.message }));
}
