/**
 * Checks output locations before a run starts, so a bad `--out` or `--record` is a one-line error
 * up front rather than an internal error after the computation. Directories are created one level
 * at a time (a recursive mkdir under /proc can spin forever), virtual file systems are refused,
 * and a small probe write catches read-only and full disks.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync, statfsSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeErrno, InputFileError } from './InputFileError.js';

/** statfs(2) magic numbers of kernel file systems that cannot hold outputs. */
const VIRTUAL_FS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroupfs'],
  [0x63677270, 'cgroup2fs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x73636673, 'securityfs'],
]);

/** Below this many free bytes an output is refused before the run (a summary or an hour of recording needs more). */
export const MIN_FREE_BYTES = 1024 * 1024;

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Refuses directories on virtual, read-only or full file systems; `label` names the option. */
function checkDirectory(dir: string, label: string): void {
  let fs;
  try {
    fs = statfsSync(dir);
  } catch (err) {
    throw new InputFileError(label, `'${dir}': ${describeErrno(err)}`, { cause: err });
  }
  const kind = VIRTUAL_FS.get(Number(fs.type));
  if (kind !== undefined) throw new InputFileError(label, `'${dir}' is on ${kind}, a kernel file system that cannot hold files; choose a normal directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new InputFileError(label, `'${dir}' is not writable (${describeErrno(err)})`, { cause: err });
  }
  const free = Number(fs.bavail) * Number(fs.bsize);
  if (free < MIN_FREE_BYTES) throw new InputFileError(label, `'${dir}' has only ${free} bytes free; at least ${MIN_FREE_BYTES} are needed`);
}

/** Writes and removes a small file in `dir`, which fails on read-only and full disks. */
function probeWrite(dir: string, label: string): void {
  const probe = join(dir, `.fleet-bandits-probe-${process.pid}`);
  let fd: number;
  try {
    fd = openSync(probe, 'wx');
  } catch (err) {
    throw new InputFileError(label, `cannot create files in '${dir}' (${describeErrno(err)})`, { cause: err });
  }
  try {
    writeSync(fd, Buffer.alloc(4096));
  } catch (err) {
    throw new InputFileError(label, `cannot write in '${dir}' (${describeErrno(err)})`, { cause: err });
  } finally {
    closeSync(fd);
    try {
      unlinkSync(probe);
    } catch {
      // best effort: the probe is empty space at worst
    }
  }
}

/**
 * Makes sure `dir` exists (creating missing levels) and can take files. Throws `InputFileError`
 * "<label>: '<dir>' ..." otherwise.
 */
export function prepareOutputDirectory(dir: string, label: string): void {
  const abs = resolve(dir);
  const missing: string[] = [];
  let existing = abs;
  while (!exists(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  let st;
  try {
    st = statSync(existing);
  } catch (err) {
    throw new InputFileError(label, `'${existing}': ${describeErrno(err)}`, { cause: err });
  }
  if (!st.isDirectory()) throw new InputFileError(label, `'${existing}' is not a directory`);
  checkDirectory(existing, label);
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputFileError(label, `cannot create '${level}' (${describeErrno(err)})`, { cause: err });
    }
  }
  if (missing.length > 0) checkDirectory(abs, label);
  probeWrite(abs, label);
}

/**
 * Checks that `file` can be written without touching it: its directory is prepared as above and
 * an existing `file` must be a writable regular file (never a device, pipe or directory).
 */
export function checkOutputFile(file: string, label: string): void {
  if (file.trim() === '') throw new InputFileError(label, `the path is empty`);
  const abs = resolve(file);
  let st;
  try {
    st = statSync(abs);
  } catch {
    st = undefined;
  }
  if (st !== undefined) {
    if (!st.isFile()) throw new InputFileError(label, `'${file}' exists and is not a regular file`);
    try {
      accessSync(abs, constants.W_OK);
    } catch (err) {
      throw new InputFileError(label, `'${file}' is not writable (${describeErrno(err)})`, { cause: err });
    }
  }
  prepareOutputDirectory(dirname(abs), label);
}

/** A scenario name as one safe path component: never '..', never a separator. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100);
  return cleaned === '' ? 'scenario' : cleaned;
}
