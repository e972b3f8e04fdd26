/**
 * `fleet-bandits replay FILE.mcap`: republishes a recording on the embedded transport with its
 * original timing scaled by `--rate`, then prints what was played (topics, types, message counts,
 * duration); with `--json`, as one JSON object. `--echo TOPICS` prints those topics' messages as
 * JSON lines while they play (like `ros2 topic echo`); `--export DIR` writes every topic as CSV
 * and JSON lines instead of playing. A file that is not a ROS 2 MCAP bag is a one-line error with
 * exit code 2.
 */
import { Command, Option } from 'commander';
import { UserInputError } from '../experiments/UserInputError.js';
import type { BagPlayer, ReplayResult } from '../nodes/record/BagPlayer.js';
import type { BagReader } from '../record/BagReader.js';
import type { BagSummary } from '../record/BagWriter.js';
import { parseLogLevel, stderrSink, type LogLevel } from '../runtime/Logger.js';
import { listOption, numberOption } from './options.js';

interface ReplayOptions {
  rate: number;
  speed?: number;
  echo?: string[];
  export?: string;
  quiet?: boolean;
  loop?: boolean;
  topics?: string[];
  json?: boolean;
  record?: string;
  strict?: boolean;
  logLevel: string;
}

/** What `replay --json` prints. Times in seconds. */
export interface ReplaySummary {
  file: string;
  profile: string;
  library: string;
  /** Seconds from the first to the last message of the recording. */
  duration: number;
  /** Log time of the first message, seconds. */
  startTime: number;
  messages: number;
  topics: { name: string; type: string; messages: number; offeredQos: { reliability: string; durability: string; depth: number }[] }[];
  /** MCAP metadata records (e.g. `fleet_bandits_run`: scenario, algorithm, seed). */
  metadata: Record<string, Record<string, string>>;
  replayed: { messages: number; loops: number; rate: number; stoppedBy: ReplayResult['stoppedBy'] };
  /** Present with `--record`: the copy made while replaying. */
  recorded?: { file: string; messages: number };
}

export function replayCommand(): Command {
  return new Command('replay')
    .description('republish a recording (ROS 2 bag as MCAP: FILE.mcap or a bag directory) on the embedded transport with its original timing')
    .argument('<recording>', 'FILE.mcap (e.g. from `run --record`) or a rosbag2 bag directory')
    .option('-r, --rate <factor>', 'playback speed: 1 = as recorded, 10 = ten times faster', numberOption('--rate', 1e-6), 1)
    .addOption(new Option('--speed <factor>', 'same as --rate').argParser(numberOption('--speed', 1e-6)).hideHelp())
    .option('-l, --loop', 'start over after the last message until Ctrl-C')
    .option('--topics <names>', 'only these topics, comma-separated (default all)', listOption)
    .option('--record <file.mcap>', 'record what the replay publishes (a copy, through the embedded graph)')
    .option('--strict', 'serialize every replayed message to CDR and back with the package codec')
    .option('--echo <topics>', 'print these topics\' messages as JSON lines on stdout while playing (non-finite numbers as "NaN", "Infinity"); the summary then goes to stderr', listOption)
    .option('--export <dir>', 'do not play: write each topic (or --topics) as DIR/<topic>.csv and .jsonl, and DIR/index.json; never overwrites')
    .option('-q, --quiet', 'no progress bar')
    .option('--json', 'print the summary as JSON')
    .option('--log-level <level>', 'node log level: debug, info, warn, error, fatal', 'warn')
    .action(async (file: string, o: ReplayOptions) => {
      let level: LogLevel;
      try {
        level = parseLogLevel(o.logLevel);
      } catch (error) {
        throw new UserInputError((error as Error).message);
      }
      // Loaded here, not at the top: every command's module is imported for `--help`.
      const { openBagFile } = await import('../record/node/openBagFile.js');
      const { BagPlayer } = await import('../nodes/record/BagPlayer.js');
      const { attachRecorder } = await import('../nodes/record/attachRecorder.js');
      const { BagFormatError } = await import('../record/BagFormatError.js');
      const { describeSkipped } = await import('../record/BagReader.js');
      const { MemoryTransport } = await import('../runtime/memory/MemoryTransport.js');
      const codec = o.strict ? (await import('../runtime/memory/cdrCodec.js')).cdrCodec : undefined;
      const bag = await openBagFile(file).catch((error: Error) => {
        throw new UserInputError(error.message);
      });
      if (bag.reader.skipped) process.stderr.write(`warning: ${bag.mcapPath}: ${describeSkipped(bag.reader.skipped)}\n`);
      const rate = o.speed ?? o.rate;
      const selected = (names: readonly string[] | undefined, option: string) => {
        const unknown = (names ?? []).filter((t) => !bag.reader.topic(t));
        if (unknown.length > 0) throw new UserInputError(`${option}: ${unknown.map((t) => `'${t}'`).join(', ')} not in ${bag.mcapPath}; recorded: ${bag.reader.topics.map((t) => t.name).join(', ') || 'none'}`);
        return bag.reader.topics.filter((t) => !names || names.length === 0 || names.includes(t.name));
      };
      const total = (topics: readonly { messageCount: number }[]) => topics.reduce((n, t) => n + t.messageCount, 0);
      const showBar = !o.quiet && !o.json && o.echo === undefined && process.stderr.isTTY === true;
      const { progressBar } = await import('./progressBar.js');
      try {
        if (o.export !== undefined) {
          const { exportRecording } = await import('../record/node/exportRecording.js');
          const { InputFileError } = await import('../io/InputFileError.js');
          const topics = selected(o.topics, '--topics');
          const bar = showBar ? progressBar('export', 'messages') : undefined;
          bar?.start(total(topics), 0);
          const files = await exportRecording(bag.reader, o.export, { topics: topics.map((t) => t.name), onMessage: () => bar?.increment() }).catch((error: Error) => {
            throw error instanceof InputFileError || error instanceof BagFormatError ? new UserInputError(error.message) : error;
          }).finally(() => bar?.stop());
          const count = files.reduce((n, f) => n + f.messages, 0);
          process.stdout.write(o.json ? JSON.stringify({ file: bag.mcapPath, exported: o.export, topics: files }) + '\n' : `exported ${count} messages on ${files.length} topic${files.length === 1 ? '' : 's'} from ${bag.mcapPath} to ${o.export} (CSV and JSON lines per topic, index.json)\n`);
          return;
        }
        const echo = o.echo === undefined ? undefined : new Set(selected(o.echo, '--echo').map((t) => t.name));
        if (echo && o.topics && o.topics.length > 0) for (const t of echo) if (!o.topics.includes(t)) throw new UserInputError(`--echo: '${t}' is not among --topics (${o.topics.join(', ')})`);
        const { messageJsonLine } = await import('../record/messageText.js');
        const expected = total(bag.reader.topics.filter((t) => !o.topics || o.topics.length === 0 || o.topics.includes(t.name)));
        const bar = showBar && expected > 0 ? progressBar('replay', 'messages') : undefined;
        bar?.start(expected, 0);
        let done = 0;
        const onMessage = (m: Parameters<typeof messageJsonLine>[0]) => {
          if (echo?.has(m.topic)) process.stdout.write(messageJsonLine(m) + '\n');
          if (bar) bar.update((done = (done + 1) % expected));
        };
        const transport = new MemoryTransport({ codec, logSink: stderrSink(level) });
        let player: BagPlayer;
        try {
          player = new BagPlayer(transport, bag.reader, { rate, loop: o.loop, topics: o.topics, onMessage });
        } catch (error) {
          throw new UserInputError((error as Error).message);
        }
        let recording: ReturnType<typeof attachRecorder> | undefined;
        if (o.record !== undefined) {
          try {
            recording = attachRecorder(transport, { output: o.record, metadata: { replayed_from: bag.mcapPath } });
          } catch (error) {
            throw new UserInputError((error as Error).message);
          }
        }
        const onSignal = () => player.stop();
        // `replay --echo ... | head`: a closed pipe ends the replay quietly, as a signal would.
        const onPipeError = (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EPIPE') throw error;
          echo?.clear();
          player.stop();
        };
        process.stdout.on('error', onPipeError);
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        let result: ReplayResult;
        let copy: BagSummary | undefined;
        try {
          result = await player.play().catch((error: Error) => {
            // A message that does not decode, or that the graph refuses, is the file's fault.
            throw error instanceof BagFormatError || error.message.startsWith('replaying message') ? new UserInputError(error.message) : error;
          });
        } finally {
          bar?.stop();
          process.stdout.off('error', onPipeError);
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          copy = await recording?.close();
          await transport.shutdown();
        }
        const summary = await summarize(bag.mcapPath, bag.reader, player.topics, result, rate);
        if (copy && recording?.mcapPath) summary.recorded = { file: recording.mcapPath, messages: copy.messageCount };
        // With --echo, stdout carries only the messages (pipe it to jq); the summary goes to stderr.
        (echo ? process.stderr : process.stdout).write(o.json ? JSON.stringify(summary) + '\n' : formatSummary(summary));
      } finally {
        await bag.close();
      }
    });
}

async function summarize(file: string, bag: BagReader, played: readonly string[], result: ReplayResult, rate: number): Promise<ReplaySummary> {
  const topics = bag.topics.filter((t) => played.includes(t.name));
  return {
    file,
    profile: bag.profile,
    library: bag.library,
    duration: bag.durationSeconds,
    startTime: Number(bag.startTimeNs) / 1e9,
    messages: topics.reduce((n, t) => n + t.messageCount, 0),
    topics: topics.map((t) => ({ name: t.name, type: t.type, messages: t.messageCount, offeredQos: t.offeredQos })),
    metadata: Object.fromEntries(await bag.metadata()),
    replayed: { messages: result.published, loops: result.loops, rate, stoppedBy: result.stoppedBy },
  };
}

function formatSummary(s: ReplaySummary): string {
  const width = Math.max(5, ...s.topics.map((t) => t.name.length));
  const lines = [
    `${s.file}: ${s.messages} messages on ${s.topics.length} topic${s.topics.length === 1 ? '' : 's'} over ${s.duration.toFixed(3)} s (library ${s.library || 'unknown'})`,
    ...s.topics.map((t) => `  ${t.name.padEnd(width)}  ${String(t.messages).padStart(8)}  ${t.type}`),
    `replayed ${s.replayed.messages} messages` +
      (s.replayed.loops !== 1 ? ` in ${s.replayed.loops} complete passes` : '') +
      ` at rate ${s.replayed.rate}${s.replayed.stoppedBy === 'stop' ? ' (stopped by signal)' : ''}`,
  ];
  if (s.recorded) lines.push(`recorded ${s.recorded.messages} messages to ${s.recorded.file}`);
  return lines.join('\n') + '\n';
}
