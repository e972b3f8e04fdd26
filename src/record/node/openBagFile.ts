/**
 * Opens a recording on disk for reading: a bare `.mcap` file or a rosbag2 bag directory (its
 * metadata.yaml names the MCAP file; without one, the directory's single .mcap file is used).
 * Every problem is one `BagFormatError` line naming the path.
 *
 * Usage:
 *   const bag = await openBagFile('out/run.mcap');
 *   try { for await (const m of bag.reader.messages()) ... } finally { await bag.close(); }
 */
import { open, readdir, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { FileHandleReadable } from '@mcap/nodejs';
import { BAG_METADATA_FILE, parseBagMetadata } from '../bagMetadata.js';
import { BagFormatError } from '../BagFormatError.js';
import { BagReader, type BagReaderOptions } from '../BagReader.js';

export interface OpenedBag {
  reader: BagReader;
  /** The MCAP file actually read. */
  mcapPath: string;
  close(): Promise<void>;
}

/**
 * Files up to this size are read whole and scanned chunk by chunk (`BagReader.fromBytes`), so a
 * recording cut off by a kill or with damaged chunks still plays up to its last good chunk; larger
 * ones are read through their index and a damaged one is refused.
 */
export const TOLERANT_READ_LIMIT = 256 * 1024 * 1024;

export async function openBagFile(path: string, options: Omit<BagReaderOptions, 'source'> = {}): Promise<OpenedBag> {
  const mcapPath = await resolveMcapPath(path);
  const info = await stat(mcapPath).catch(() => undefined);
  if (info?.isFile() && info.size <= TOLERANT_READ_LIMIT && options.decompressHandlers === undefined) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(mcapPath);
    } catch (error) {
      throw new BagFormatError(`cannot open recording '${mcapPath}': ${(error as Error).message}`, { cause: error });
    }
    return { reader: BagReader.fromBytes(bytes, { source: mcapPath }), mcapPath, close: async () => undefined };
  }
  if (info !== undefined && !info.isFile()) throw new BagFormatError(`cannot open recording '${mcapPath}': not a regular file`);
  let handle: FileHandle;
  try {
    handle = await open(mcapPath, 'r');
  } catch (error) {
    throw new BagFormatError(`cannot open recording '${mcapPath}': ${(error as Error).message}`, { cause: error });
  }
  try {
    const reader = await BagReader.open(new FileHandleReadable(handle), { ...options, source: mcapPath });
    return { reader, mcapPath, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function resolveMcapPath(path: string): Promise<string> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BagFormatError(`cannot open recording '${path}': ${code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`, { cause: error });
  }
  if (!isDirectory) return path;
  const entries = await readdir(path);
  if (entries.includes(BAG_METADATA_FILE)) {
    let files: string[];
    try {
      const metadata = parseBagMetadata(await readFile(join(path, BAG_METADATA_FILE), 'utf8'));
      if (metadata.storageIdentifier !== 'mcap') {
        throw new Error(`Expected storage_identifier 'mcap', found '${metadata.storageIdentifier}' (sqlite3 bags are not supported)`);
      }
      files = metadata.relativeFilePaths;
    } catch (error) {
      throw new BagFormatError(`${join(path, BAG_METADATA_FILE)}: ${(error as Error).message}`, { cause: error });
    }
    if (files.length !== 1) throw new BagFormatError(`bag directory '${path}' has ${files.length} data files; only single-file bags are supported`);
    return join(path, files[0]);
  }
  const mcaps = entries.filter((e) => e.toLowerCase().endsWith('.mcap'));
  if (mcaps.length !== 1) {
    throw new BagFormatError(`bag directory '${path}' has no ${BAG_METADATA_FILE} and ${mcaps.length} .mcap files; expected exactly one`);
  }
  return join(path, mcaps[0]);
}
