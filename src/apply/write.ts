/**
 * The only writer. Every file is written atomically (a temporary file in the same folder, then a rename),
 * keeping the file's mode, so a reader never sees half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { yieldToSignals } from '../signals';

export interface Artifact {
  /** File name inside the out folder. */
  name: string;
  content: string;
}

/**
 * Writes reports into `outDir`, creating it with a `.gitignore` of `*` so a dry run leaves `git status` clean.
 * Returns the absolute paths written.
 */
export function writeArtifacts(outDir: string, artifacts: Artifact[]): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const ignoreFile = path.join(outDir, '.gitignore');
  if (!fs.existsSync(ignoreFile)) writeFileAtomic.sync(ignoreFile, '# written by canonize: reports, not sources\n*\n');
  return artifacts.map((a) => {
    const target = path.join(outDir, a.name);
    writeFileAtomic.sync(target, a.content);
    return target;
  });
}

/**
 * Writes new contents of source files in place (absolute paths), one atomic write at a time; a `null`
 * content deletes the file (an unlink is atomic too). Between two files a signal can stop it: every file is
 * then either old or new, and the error says how far it got.
 */
export async function writeSources(files: Array<{ file: string; content: string | null }>, signal?: AbortSignal): Promise<void> {
  for (const [i, f] of files.entries()) {
    await yieldToSignals(
      signal,
      `interrupted after writing ${i} of ${files.length} files; every file is either old or new. Run the same command again to finish: it rewrites only the files still old.`,
    );
    if (f.content === null) fs.rmSync(f.file, { force: true });
    else {
      fs.mkdirSync(path.dirname(f.file), { recursive: true });
      writeFileAtomic.sync(f.file, f.content);
    }
  }
}
