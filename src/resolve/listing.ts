/**
 * Existence checks answered from one listing per folder. Module resolution asks whether `x.ts`, `x.tsx`,
 * `x.d.ts`, `x/index.ts`... exist, from every file of a tree: on the whole-tree spelling job at 50,000 files
 * that was about 55,000 `stat` calls (1.5 s of the main thread). A folder is listed once (`readdir` with
 * entry types) and every question about its entries is answered from the list.
 *
 * The answers are the ones `ts.sys` gives: a name that is no plain file or folder (a symbolic link, whose
 * target decides) is asked of `ts.sys`, and so is everything where names are not case-sensitive (on such a
 * file system `stat` finds `Foo.ts` for `foo.ts`, a listing would not), every folder that cannot be listed,
 * and every path that is not absolute and normal (TypeScript asks with normal ones).
 */
import * as fs from 'node:fs';
import type * as TS from 'typescript';
import { isPlainAbsolute } from '../files/paths';

/** What a folder holds, by name; `null`: the folder does not exist; `undefined` (in the cache): not listed yet. */
type Entries = Map<string, fs.Dirent> | null;

/** Missing folders as `readdir` reports them. */
const MISSING = new Set(['ENOENT', 'ENOTDIR']);

export class DirectoryListing {
  private readonly folders = new Map<string, Entries | 'unlistable'>();

  constructor(private readonly sys: Pick<TS.System, 'fileExists' | 'directoryExists' | 'useCaseSensitiveFileNames'>) {}

  fileExists(file: string): boolean {
    const entry = this.entry(file);
    if (entry === 'ask') return this.sys.fileExists(file);
    return entry !== undefined && (entry.isFile() || (entry.isSymbolicLink() && this.sys.fileExists(file)));
  }

  directoryExists(dir: string): boolean {
    const entry = this.entry(dir);
    if (entry === 'ask') return this.sys.directoryExists(dir);
    return entry !== undefined && (entry.isDirectory() || (entry.isSymbolicLink() && this.sys.directoryExists(dir)));
  }

  /** The folder entry of `name`'s last segment: `undefined` when absent, `'ask'` when the listing cannot say. */
  private entry(name: string): fs.Dirent | undefined | 'ask' {
    if (!this.sys.useCaseSensitiveFileNames) return 'ask';
    // A path that is not absolute and normal (`a.ts/`, `x/../a.ts`) means to `stat` what its text says; `/` has no folder.
    if (!isPlainAbsolute(name) || name === '/') return 'ask';
    const slash = name.lastIndexOf('/');
    const entries = this.list(slash === 0 ? '/' : name.slice(0, slash));
    if (entries === 'unlistable') return 'ask';
    return entries?.get(name.slice(slash + 1));
  }

  private list(folder: string): Entries | 'unlistable' {
    let entries = this.folders.get(folder);
    if (entries === undefined) {
      try {
        entries = new Map(fs.readdirSync(folder, { withFileTypes: true }).map((d) => [d.name, d]));
      } catch (error) {
        entries = MISSING.has((error as NodeJS.ErrnoException).code ?? '') ? null : 'unlistable';
      }
      this.folders.set(folder, entries);
    }
    return entries;
  }
}
