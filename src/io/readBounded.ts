/**
 * Reads a user-named text file with a size cap, so `/dev/zero`, a FIFO or a multi-gigabyte file
 * given by mistake fails in bounded time and memory instead of hanging or exhausting the heap.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { describeErrno, InputFileError } from './InputFileError.js';

/** Scenario and graph files are hand-written or generated text; 16 MiB is far above any real one. */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

/** Reads `path` as UTF-8; throws `InputFileError` ("'<label>': <reason>") if missing, special or too big. */
export function readTextBounded(path: string, label = path, maxBytes = MAX_TEXT_FILE_BYTES): string {
  try {
    // A FIFO or socket would block in open() itself; refuse them before opening.
    const st = statSync(path);
    if (st.isDirectory()) throw new InputFileError(label, `is a directory, expected a file`);
    if (st.isFIFO() || st.isSocket()) throw new InputFileError(label, `is a pipe or socket, expected a regular file`);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(label, `${describeErrno(err)}`, { cause: err });
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new InputFileError(label, `${describeErrno(err)}`, { cause: err });
  }
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new InputFileError(label, `${size} bytes, larger than the ${maxBytes}-byte limit for this kind of file`);
    // Character devices report size 0 whatever they hold: read at most maxBytes + 1 and check.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new InputFileError(label, `larger than the ${maxBytes}-byte limit for this kind of file`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(label, `cannot read it (${describeErrno(err)})`, { cause: err });
  } finally {
    closeSync(fd);
  }
}
