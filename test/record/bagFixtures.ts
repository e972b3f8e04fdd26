// Test fixtures: bags built in memory (TempBuffer) from plain messages, with the package codec and definitions.
import { TempBuffer } from '@mcap/core';
import { encode, fullDefinition, type MessageTypeName } from '../../src/msg/index.js';
import { BagWriter, type BagSummary } from '../../src/record/BagWriter.js';
import type { RecordedQos } from '../../src/record/offeredQosProfiles.js';

export interface FixtureMessage {
  topic: string;
  type: MessageTypeName;
  message: unknown;
  /** Log time, ns. */
  time: bigint;
}

export const RELIABLE: RecordedQos = { reliability: 'reliable', durability: 'volatile', depth: 100 };

/** Writes `messages` (topics added on first use, in order) and returns the file bytes. */
export async function bagBytes(messages: readonly FixtureMessage[], options: { metadata?: Record<string, string>; qos?: RecordedQos[] } = {}): Promise<{ bytes: Uint8Array; summary: BagSummary }> {
  const buffer = new TempBuffer();
  const writer = new BagWriter({ writable: buffer });
  if (options.metadata) writer.addMetadata('fleet_bandits_run', options.metadata);
  for (const m of messages) {
    if (!writer.hasTopic(m.topic)) writer.addTopic({ name: m.topic, type: m.type, definition: fullDefinition(m.type), offeredQos: options.qos ?? [RELIABLE] });
    writer.write(m.topic, encode(m.type, m.message as never), m.time);
  }
  const summary = await writer.end();
  return { bytes: buffer.get(), summary };
}
