/** Reading one source file, or saying why it is not read. */
import * as fs from 'node:fs';
import { describeSystemError } from '../errors';

/**
 * Opening with O_NOFOLLOW refuses a symbolic link in the same system call that opens a file; O_NONBLOCK
 * keeps a FIFO from blocking the run (regular files ignore it).
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;

/** Errors that mean "this file is too large to hold as a string", whatever maxFileSize says. */
const TOO_LARGE = new Set(['ERR_FS_FILE_TOO_LARGE', 'ERR_STRING_TOO_LONG']);

/** Errors that mean the file is gone or is not a file to read: a file deleted since it was listed, a folder (a submodule). */
const NOT_A_FILE = new Set(['ENOENT', 'EISDIR', 'ENXIO', 'EAGAIN', 'ENOTDIR']);

/**
 * The text of a file, why it is skipped, or why it cannot be read (no permission, an I/O error: a failure,
 * never a silent skip, since its references would go unmigrated). `undefined` for a file that vanished
 * since it was listed, or is not a regular file. Symbolic links are never followed: writing through one
 * would replace the link, and its target may lie outside the repository (an included target is read under
 * its own path).
 *
 * One `readFileSync` with a UTF-8 encoding is a single call into Node's native reader, about twice as fast
 * as open/fstat/read/close from JavaScript on 10,000 small files; the size limit is applied to what was read.
 */
export function readSource(file: string, maxFileSize: number): string | { skip: string } | { unreadable: string } | undefined {
  let text: string;
  try {
    // Node takes numeric open flags here too (its stringToFlags passes numbers through); @types/node lists strings only.
    text = fs.readFileSync(file, { encoding: 'utf8', flag: OPEN_FLAGS as unknown as string });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ELOOP') return { skip: 'symbolic link, not followed' };
    if (TOO_LARGE.has(code)) return { skip: `too large to read, over the maxFileSize of ${maxFileSize}` };
    if (NOT_A_FILE.has(code)) return undefined;
    return { unreadable: `cannot read: ${describeSystemError(error)}` };
  }
  if (text.length > maxFileSize / 3) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > maxFileSize) return { skip: `${size} bytes, over the maxFileSize of ${maxFileSize}` };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0 && nul < 8000) return { skip: 'binary (holds a NUL byte)' };
  return text;
}

/**
 * Another module's text, for reading only (a transform asking what a module exports): links are followed and
 * there is no size limit, because nothing is written back. `undefined` when it does not exist or cannot be read.
 */
export function readModuleText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
