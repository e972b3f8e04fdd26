/** A file the user named cannot be read or written as asked; the message is one line naming it. */
export class InputFileError extends Error {
  /** The message without the file's name, for callers that name the file their own way. */
  readonly reason: string;

  constructor(label: string, reason: string, options?: { cause?: unknown }) {
    super(`${label}: ${reason}`, options);
    this.name = 'InputFileError';
    this.reason = reason;
  }
}

/** Short reasons for the errno codes users meet, instead of Node's long messages. */
export function describeErrno(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EEXIST':
      return 'already exists';
    case 'ENAMETOOLONG':
      return 'name too long';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return code ?? (err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
}
