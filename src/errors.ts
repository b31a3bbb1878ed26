/**
 * Typed errors. Library code throws these; only `bin/` catches them, prints them and picks the exit code.
 */

/** Base class: every error canonize expects to happen carries a message written for the user. */
export class CanonizeError extends Error {
  override name = 'CanonizeError';
}

/** Bad command-line usage (unknown issue id, path outside the repository, ...). Exit code 2. */
export class UsageError extends CanonizeError {
  override name = 'UsageError';
}

/**
 * The config file is unreadable, not JSON, or does not match the schema.
 * `path` is the config path in bracket notation, e.g. `issues[1].migrations[0].options.moves[2].to`.
 */
export class ConfigError extends CanonizeError {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}${path ? `: ${path}` : ''}: ${detail}`);
  }
}

/** Several config problems at once, so a user fixes them in one go. */
export class ConfigErrors extends CanonizeError {
  override name = 'ConfigErrors';
  constructor(readonly errors: ConfigError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** A refusal before anything was written (for example a dirty working tree under --write). Exit code 2. */
export class RefusalError extends CanonizeError {
  override name = 'RefusalError';
}

/**
 * `--write` could not finish: a file could not be written, replaced or deleted. Every file already replaced
 * or deleted was put back before this is thrown (unless `notRestored` lists some), so the message says that
 * nothing was changed. Exit code 1: the run finished without applying anything.
 */
export class WriteError extends CanonizeError {
  override name = 'WriteError';
  constructor(
    message: string,
    /** The file that could not be written (absolute). */
    readonly file: string,
    /** Files that could not be put back, with where their old content is (normally empty). */
    readonly notRestored: Array<{ file: string; backup: string }> = [],
  ) {
    super(message);
  }
}

/** A source file the parser rejected; `line` is 1-based, `column` 1-based. */
export class ParseError extends CanonizeError {
  override name = 'ParseError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

/** The run was stopped by a signal; the message says how far it got. */
export class InterruptedError extends CanonizeError {
  override name = 'InterruptedError';
  constructor(
    message: string,
    readonly signal: string,
  ) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for this file system or limit',
  EIO: 'input/output error',
  ENOENT: 'no such file or folder',
  EEXIST: 'a file already exists there',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of its path is not a folder',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy',
  EMFILE: 'too many open files',
};

/** `permission denied (EACCES)` for a system error (from `fs`, for example), else the error's message. */
export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
