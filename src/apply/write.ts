/**
 * The only writer. Every file is written atomically (a temporary file in the same folder, then a rename),
 * keeping the file's mode, so a reader never sees half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

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

/** Writes new contents of source files in place (absolute paths). */
export function writeSources(files: Array<{ file: string; content: string }>): void {
  for (const f of files) writeFileAtomic.sync(f.file, f.content);
}
