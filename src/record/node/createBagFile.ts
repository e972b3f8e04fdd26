/**
 * Opens a bag for writing on disk. A path ending in `.mcap` is a bare MCAP file (enough for
 * `ros2 bag info/play FILE.mcap` and Foxglove); any other path is a rosbag2 bag directory, as
 * `ros2 bag record -o DIR` makes: `DIR/DIR_0.mcap` plus `DIR/metadata.yaml` written on close.
 *
 * Usage:
 *   const bag = createBagFile('out/run.mcap');
 *   bag.writer.addTopic(...); bag.writer.write(...);
 *   const summary = await bag.close();
 */
import { closeSync, existsSync, openSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { checkOutputFile, prepareOutputDirectory } from '../../io/outputPaths.js';
import { basename, dirname, join, resolve } from 'node:path';
import { BAG_METADATA_FILE, writeBagMetadata } from '../bagMetadata.js';
import { BagWriter, type BagSummary, type BagWriterOptions } from '../BagWriter.js';
import { SyncFileWritable } from './SyncFileWritable.js';

export interface BagFile {
  writer: BagWriter;
  /** The MCAP file being written. */
  mcapPath: string;
  /** The bag directory, if `output` named one. */
  directory: string | undefined;
  /** Ends the MCAP file, closes it and (for a directory) writes metadata.yaml. Call once. */
  close(): Promise<BagSummary>;
}

/** Recordings on disk close a chunk at least this often (wall clock), so a kill loses at most about this much. */
export const FLUSH_INTERVAL_MS = 1000;

/** True if `output` names a bare MCAP file rather than a bag directory. */
export function isBareMcapPath(output: string): boolean {
  return output.toLowerCase().endsWith('.mcap');
}

/** Checks that `output` can be recorded to, without creating or truncating anything. */
export function checkRecordingPath(output: string): void {
  if (output.trim() === '') throw new Error('the recording path is empty; give a FILE.mcap or a bag directory');
  if (isBareMcapPath(output)) {
    checkOutputFile(output, 'recording');
    return;
  }
  const directory = output.replace(/[\\/]+$/, '');
  if (existsSync(directory) && (!statSync(directory).isDirectory() || readdirSync(directory).length > 0)) {
    throw new Error(`cannot record to '${output}': it already exists (a bag directory must be new or empty; name a FILE.mcap to overwrite a file)`);
  }
  prepareOutputDirectory(dirname(resolve(directory)), 'recording');
}

/**
 * Creates the file (and parent folders). A bare file is overwritten; a bag directory must not
 * exist yet or be empty, as rosbag2 refuses to record over a bag. Throws a one-line error naming
 * the path.
 */
export function createBagFile(output: string, options: Omit<BagWriterOptions, 'writable'> = {}): BagFile {
  if (output.trim() === '') throw new Error('the recording path is empty; give a FILE.mcap or a bag directory');
  let directory: string | undefined;
  let mcapPath: string;
  if (isBareMcapPath(output)) {
    mcapPath = output;
    checkOutputFile(output, 'recording');
  } else {
    directory = output.replace(/[\\/]+$/, '');
    if (existsSync(directory) && (!statSync(directory).isDirectory() || readdirSync(directory).length > 0)) {
      throw new Error(`cannot record to '${output}': it already exists (a bag directory must be new or empty; name a FILE.mcap to overwrite a file)`);
    }
    prepareOutputDirectory(directory, 'recording');
    mcapPath = join(directory, `${basename(directory)}_0.mcap`);
  }
  let fd: number;
  try {
    fd = openSync(mcapPath, 'w');
  } catch (error) {
    throw new Error(`cannot record to '${mcapPath}': ${(error as Error).message}`, { cause: error });
  }
  const writer = new BagWriter({ flushIntervalMs: FLUSH_INTERVAL_MS, ...options, writable: new SyncFileWritable(fd) });
  let closed = false;
  return {
    writer,
    mcapPath,
    directory,
    async close() {
      if (closed) throw new Error(`recording '${mcapPath}' is already closed`);
      closed = true;
      let summary: BagSummary;
      try {
        summary = await writer.end();
      } finally {
        closeSync(fd);
      }
      if (directory !== undefined) writeFileSync(join(directory, BAG_METADATA_FILE), writeBagMetadata(summary, basename(mcapPath)));
      return summary;
    },
  };
}
