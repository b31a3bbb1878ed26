/** Reading one source file, or saying why it is not read. */
import * as fs from 'node:fs';

/** Opening with O_NOFOLLOW refuses a symbolic link in the same system call that opens a file. */
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW;

/**
 * The text of a file, or why it is skipped. `undefined` for a file that vanished since it was listed.
 * Symbolic links are never followed: writing through one would replace the link, and its target may lie
 * outside the repository (an included target is read under its own path).
 */
export function readSource(file: string, maxFileSize: number): string | { skip: string } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? { skip: 'symbolic link, not followed' } : undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > maxFileSize) return { skip: `${stat.size} bytes, over the maxFileSize of ${maxFileSize}` };
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    const content = bytes.subarray(0, read);
    if (content.subarray(0, 8000).includes(0)) return { skip: 'binary (holds a NUL byte)' };
    return content.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
