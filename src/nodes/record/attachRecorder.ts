/**
 * `fleet-bandits run --record`: adds a recorder node to an embedded graph that records every topic
 * the graph has when it is attached (or the listed ones), with each topic's offered QoS read from
 * the transport. Attach after the plan's nodes exist (the `attach` hook of `startEmbedded` runs
 * then); topics created later are not recorded.
 *
 * Usage:
 *   const attach = recordingAttach(undefined, { output: 'out/run.mcap', metadata: runMetadata(plan) }, (s) => log(s));
 *   startEmbedded(plan, scenario, { attach });
 */
import type { BagSummary, BagWriter } from '../../record/BagWriter.js';
import { createBagFile, type BagFile } from '../../record/node/createBagFile.js';
import type { MemoryTransport } from '../../runtime/memory/MemoryTransport.js';
import type { EmbeddedRunOptions } from '../EmbeddedLaunch.js';
import type { NodePlan } from '../plan.js';
import { graphTopics } from './graphTopics.js';
import { Recorder, RUN_METADATA_NAME } from './Recorder.js';

export interface AttachRecorderOptions {
  /** FILE.mcap or a bag directory (see `createBagFile`). One of `output`, `file`, `writer`. */
  output?: string;
  /** A bag file already created; `close()` closes it. */
  file?: BagFile;
  /** Write into this bag (e.g. over a `TempBuffer` in tests); `close()` ends it. */
  writer?: BagWriter;
  /** Only these topics (fully qualified names); default every topic of the graph. */
  topics?: readonly string[];
  /** Stored as the MCAP metadata record `fleet_bandits_run` (scenario, seed, algorithm, ...). */
  metadata?: Readonly<Record<string, string>>;
}

export interface AttachedRecorder {
  recorder: Recorder;
  /** The MCAP file written, if `output` was given. */
  mcapPath: string | undefined;
  /**
   * Lets the current instant of virtual time finish (deliveries already queued reach the
   * recorder), stops recording and completes the bag (summary, footer, metadata.yaml).
   */
  close(): Promise<BagSummary>;
}

/** Starts recording `transport`'s topics now. Throws (naming the topics) for an unknown topic. */
export function attachRecorder(transport: MemoryTransport, options: AttachRecorderOptions): AttachedRecorder {
  if (!options.writer && !options.file && options.output === undefined) throw new Error('attachRecorder needs an output path, a bag file or a writer');
  const all = graphTopics(transport);
  let topics = all;
  if (options.topics && options.topics.length > 0) {
    const wanted = options.topics;
    const missing = wanted.filter((name) => !all.some((t) => t.name === name));
    if (missing.length > 0) {
      throw new Error(`cannot record ${missing.map((m) => `'${m}'`).join(', ')}: not a topic of this run; topics: ${all.map((t) => t.name).join(', ')}`);
    }
    topics = all.filter((t) => wanted.includes(t.name));
  }
  const file = options.file ?? (options.writer ? undefined : createBagFile(options.output!));
  const writer = file?.writer ?? options.writer!;
  if (options.metadata) writer.addMetadata(RUN_METADATA_NAME, options.metadata);
  const taken = new Set(transport.nodeNames());
  let name = 'recorder';
  for (let i = 1; taken.has(`/${name}`); i++) name = `recorder_${i}`;
  const recorder = new Recorder(transport.createNode(name), writer, topics);
  return {
    recorder,
    mcapPath: file?.mcapPath,
    async close() {
      // A run stops right after the event that ended it (the supervisor hearing the last
      // RegretReport) while the recorder's delivery of that same message is still queued at
      // this instant. Finish the instant, and nothing later, so the bag holds everything published.
      await transport.run({ untilNs: transport.nowNs });
      recorder.close();
      return file ? file.close() : writer.end();
    },
  };
}

/**
 * An `attach` hook for `startEmbedded` that runs `inner` (e.g. the viewer's) and then attaches a
 * recorder; its cleanup closes the bag and hands the summary to `onClosed`. The file is created
 * now, so a bad path is an error before the run starts.
 */
export function recordingAttach(
  inner: EmbeddedRunOptions['attach'],
  options: { output: string; topics?: readonly string[]; metadata?: Readonly<Record<string, string>> },
  onClosed: (summary: BagSummary, mcapPath: string) => void,
): NonNullable<EmbeddedRunOptions['attach']> {
  const file = createBagFile(options.output);
  return async (transport) => {
    const innerCleanup = await inner?.(transport);
    let attached: AttachedRecorder;
    try {
      attached = attachRecorder(transport, { file, topics: options.topics, metadata: options.metadata });
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
    return async () => {
      onClosed(await attached.close(), file.mcapPath);
      if (innerCleanup) await innerCleanup();
    };
  };
}

/** The run's description stored in a recording of it (all values strings, as MCAP metadata is). */
export function runMetadata(plan: NodePlan): Record<string, string> {
  return {
    scenario: plan.scenario,
    family: plan.family,
    algorithm: plan.algorithm,
    seed: String(plan.seed),
    run: String(plan.run),
    horizon: String(plan.horizon),
    round_period: String(plan.roundPeriod),
    start_time: String(plan.startTime),
  };
}
