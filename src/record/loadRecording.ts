/**
 * A whole recording in memory, indexed by time per topic, for scrubbing (the viewer's timeline):
 * "what was the last message on each topic at time t" is a binary search, not a file read.
 * Browser-safe: `loadRecordingBytes` takes the bytes of a dropped or fetched .mcap file.
 *
 * Usage:
 *   const rec = await loadRecordingBytes(new Uint8Array(await file.arrayBuffer()), { source: file.name });
 *   const regret = rec.topics.get('/regret')!;
 *   const last = messageAtOrBefore(regret, 5e9);   // at 5 s after the first message
 */
import { TempBuffer } from '@mcap/core';
import { BagReader, type BagReaderOptions } from './BagReader.js';
import type { RecordedQos } from './offeredQosProfiles.js';

/** Every message of one topic, in log-time order. */
export interface TopicTrack {
  name: string;
  type: string;
  definition: string;
  offeredQos: RecordedQos[];
  /**
   * Log time of each message, nanoseconds after the recording's first message (exact for
   * recordings up to 2^53 ns, about 104 days). Non-decreasing.
   */
  timesNs: Float64Array;
  /** Decoded messages (plain form), parallel to `timesNs`. */
  messages: unknown[];
}

export interface Recording {
  source: string;
  /** Header `library` (what wrote the file). */
  library: string;
  /** Absolute log time of the first message, nanoseconds (0n if empty). */
  startTimeNs: bigint;
  /** Time from the first to the last message, nanoseconds. */
  durationNs: number;
  /** Tracks by topic name, in the bag's channel order. */
  topics: Map<string, TopicTrack>;
  /** MCAP metadata records by name (e.g. 'fleet_bandits_run' with scenario and seed). */
  metadata: Map<string, Record<string, string>>;
}

export interface LoadRecordingOptions {
  /** Only these topics (default all). */
  topics?: readonly string[];
}

/** Reads and decodes every message of `bag` (or of the selected topics) into memory. */
export async function loadRecording(bag: BagReader, { topics }: LoadRecordingOptions = {}): Promise<Recording> {
  const selected = bag.topics.filter((t) => !topics || topics.includes(t.name));
  const times = new Map<string, number[]>();
  const tracks = new Map<string, TopicTrack>();
  for (const t of selected) {
    tracks.set(t.name, { name: t.name, type: t.type, definition: t.definition, offeredQos: t.offeredQos, timesNs: new Float64Array(0), messages: [] });
    times.set(t.name, []);
  }
  for await (const m of bag.messages({ topics })) {
    times.get(m.topic)!.push(Number(m.logTimeNs - bag.startTimeNs));
    tracks.get(m.topic)!.messages.push(m.message);
  }
  for (const [name, list] of times) tracks.get(name)!.timesNs = Float64Array.from(list);
  return {
    source: bag.source,
    library: bag.library,
    startTimeNs: bag.startTimeNs,
    durationNs: Number(bag.endTimeNs - bag.startTimeNs),
    topics: tracks,
    metadata: await bag.metadata(),
  };
}

/** `loadRecording` over the bytes of an .mcap file (browser drag-and-drop, fetch, tests). */
export async function loadRecordingBytes(bytes: Uint8Array, options: LoadRecordingOptions & BagReaderOptions = {}): Promise<Recording> {
  const bag = await BagReader.open(new TempBuffer(bytes), options);
  return loadRecording(bag, options);
}

/**
 * Index of the last message of `track` logged at or before `timeNs` (relative to the recording's
 * start), or -1 if none is that early. O(log n).
 */
export function indexAtOrBefore(track: TopicTrack, timeNs: number): number {
  const t = track.timesNs;
  let lo = 0;
  let hi = t.length; // first index with time > timeNs lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= timeNs) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The last message of `track` at or before `timeNs`, or undefined. */
export function messageAtOrBefore(track: TopicTrack, timeNs: number): unknown {
  const i = indexAtOrBefore(track, timeNs);
  return i < 0 ? undefined : track.messages[i];
}

/** Messages of `track` logged in (fromNs, toNs], oldest first: what arrived while scrubbing forward. */
export function messagesBetween(track: TopicTrack, fromNs: number, toNs: number): unknown[] {
  return track.messages.slice(indexAtOrBefore(track, fromNs) + 1, indexAtOrBefore(track, toNs) + 1);
}
