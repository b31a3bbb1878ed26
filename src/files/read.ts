/** Reading one source file, or saying why it is not read. */
import * as fs from 'node:fs';

/**
 * The text of a file, or why it is skipped. `undefined` for a file that vanished since it was listed.
 * Symbolic links are never followed: writing through one would replace the link, and its target may lie
 * outside the repository (an included target is read under its own path).
 */
export function readSource(file: string, maxFileSize: number): string | { skip: string } | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return { skip: 'symbolic link, not followed' };
  if (!stat.isFile()) return undefined;
  if (stat.size > maxFileSize) return { skip: `${stat.size} bytes, over the maxFileSize of ${maxFileSize}` };
  const bytes = fs.readFileSync(file);
  if (bytes.subarray(0, 8000).includes(0)) return { skip: 'binary (holds a NUL byte)' };
  return bytes.toString('utf8');
}
