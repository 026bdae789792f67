/** Errors the CLI turns into exit codes: 2 for bad input (scenario or arguments), 1 for the rest. */
export class UsageError extends Error {
  /** What main.ts prints after the message: the command's usage line (program.ts adds it). */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

const FILE_SYSTEM_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  ENOENT: 'no such file or folder (was a folder removed while the run was writing?)',
  EMFILE: 'too many open files',
};

/** One line for a file system error (disk full, folder removed...), naming the path; undefined for other errors. */
export function fileSystemMessage(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException | null;
  const reason = e?.code === undefined ? undefined : FILE_SYSTEM_REASONS[e.code];
  if (!reason) return undefined;
  return `${e?.path ?? 'writing the output'}: ${reason}; nothing was written`;
}

/** `err`, given `path` if it is a system error that names none. */
export function withPath(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException | null;
  if (e && typeof e === 'object' && typeof e.code === 'string' && e.path === undefined) e.path = path;
  return err;
}
