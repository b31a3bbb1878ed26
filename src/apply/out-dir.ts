/**
 * The output folder is canonize's own: this run's patches and summaries, and a `.gitignore` of `*` that keeps
 * them out of `git status` and marks the folder as canonize's. A run leaves nothing else there: the files of
 * an earlier run that this one does not write again (a part of a split that no longer exists) are removed,
 * so a script that applies `<out>/*.patch` applies this run's patches only.
 *
 * Because a run may remove what it finds there, a folder canonize did not make is refused when it holds
 * anything: tracked or included files above all (`--out src` would mix reports with sources and stop reading
 * them), and someone else's files. A folder canonize made is refused when it holds anything but patches,
 * summaries and the `.gitignore`: a note someone saved there is never removed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeSystemError as describeError, RefusalError, UsageError } from '../errors';
import { isInside } from '../files/paths';
import type { PlannedWrite } from './transaction';

/** The first line of the `.gitignore` canonize writes; earlier versions wrote the same line. */
export const OUT_MARKER = '# written by canonize: reports, not sources';
const GITIGNORE = `${OUT_MARKER}\n*\n`;

/** How many offending files a refusal names. */
const NAMED = 5;

export interface OutDirCheck {
  /** Absolute output folder. */
  outDir: string;
  /** As the user should read it. */
  label: string;
  /** Folders the output folder must not hold: the config's folder, the repository root. */
  projectDirs: string[];
  /** The git work tree, when there is one. */
  gitRoot: string | undefined;
  /** Whether the config's globs take a file (absolute path). */
  isIncluded: (file: string) => boolean;
}

/**
 * Throws `UsageError` when `--out` names something that is not a folder (`/dev/null`), and `RefusalError`
 * when the folder holds the project, tracked or included files, or files canonize did not write.
 */
export function checkOutDir(check: OutDirCheck): void {
  const { outDir, label } = check;
  const stat = statOf(outDir, label);
  if (!stat) {
    let parent = path.dirname(outDir);
    while (!fs.existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
    if (!fs.statSync(parent).isDirectory()) throw new UsageError(`--out ${label}: expected a folder, but ${parent} is ${kindOf(fs.statSync(parent))}`);
    return;
  }
  if (!stat.isDirectory()) throw new UsageError(`--out ${label}: expected a folder, found ${kindOf(stat)}`);
  const own = 'name a folder of its own (the default is canonize-out beside the config)';
  for (const dir of check.projectDirs) {
    if (isInside(outDir, dir)) throw new RefusalError(`--out ${label} holds the project (${dir}): the output folder is canonize's own; ${own}. Nothing was written.`);
  }
  if (check.gitRoot && isInside(check.gitRoot, outDir)) {
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--', path.relative(check.gitRoot, outDir)], {
      cwd: check.gitRoot,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .split('\0')
      .filter(Boolean);
    if (tracked.length > 0) throw new RefusalError(`--out ${label} holds ${tracked.length} file(s) tracked by git (${named(tracked)}): the output folder is canonize's own; ${own}. Nothing was written.`);
  }
  const entries = fs.readdirSync(outDir, { withFileTypes: true });
  if (entries.length === 0) return;
  const notCanonizes = (names: string[]) =>
    new RefusalError(
      `--out ${label} holds files canonize did not write (${named(names.sort())}): the output folder is canonize's own, and a run removes what an earlier run left there; ${own}. Nothing was written.`,
    );
  if (!isCanonizes(outDir)) throw notCanonizes(entries.map((entry) => entry.name));
  const included = (fs.readdirSync(outDir, { recursive: true }) as string[]).map((rel) => path.join(outDir, rel)).filter((file) => check.isIncluded(file) && fs.statSync(file).isFile());
  if (included.length > 0) {
    throw new RefusalError(`--out ${label} holds ${included.length} file(s) the config includes (${named(included.map((f) => path.relative(outDir, f)).sort())}): the output folder is canonize's own; ${own}. Nothing was written.`);
  }
  // In a folder canonize marked, only what a run writes may be there: anything else is someone's, and a run
  // would remove it.
  const foreign = entries.filter((entry) => entry.name !== '.gitignore' && !isOutput(entry));
  if (foreign.length > 0) throw notCanonizes(foreign.map((entry) => entry.name));
}

/**
 * The writes that leave `outDir` holding exactly `outputs` (file names in it) and the `.gitignore`: the
 * outputs, the `.gitignore` when missing, and the removal of every other file an earlier run left at its top.
 */
export function outputWrites(outDir: string, outputs: Array<{ name: string; content: string }>): PlannedWrite[] {
  const writes: PlannedWrite[] = outputs.map((o) => ({ file: path.join(outDir, o.name), content: o.content }));
  const ignoreFile = path.join(outDir, '.gitignore');
  if (!fs.existsSync(ignoreFile)) writes.push({ file: ignoreFile, content: GITIGNORE });
  if (fs.existsSync(outDir) && isCanonizes(outDir)) {
    const keep = new Set([...outputs.map((o) => o.name), '.gitignore']);
    for (const entry of fs.readdirSync(outDir, { withFileTypes: true })) {
      if (isOutput(entry) && !keep.has(entry.name)) writes.push({ file: path.join(outDir, entry.name), content: null });
    }
  }
  return writes;
}

/**
 * A file a run writes: a patch or a summary (`<issue>[.<part>].patch`, `.md`), or the temporary twin or backup
 * of one that a killed run left. Only these are removed from the output folder; anything else there is refused.
 */
function isOutput(entry: fs.Dirent): boolean {
  return entry.isFile() && /\.(patch|md)$|\.canonize-[^/]*\.(tmp|bak)$/.test(entry.name);
}

/** The folder carries canonize's `.gitignore`. */
function isCanonizes(outDir: string): boolean {
  try {
    return fs.readFileSync(path.join(outDir, '.gitignore'), 'utf8').split('\n')[0] === OUT_MARKER;
  } catch {
    return false;
  }
}

function statOf(outDir: string, label: string): fs.Stats | undefined {
  try {
    return fs.statSync(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new UsageError(`--out ${label}: expected a folder, but a part of its path is a file`);
    throw new UsageError(`--out ${label}: cannot use it: ${describeError(error)}`);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFile()) return 'a file';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a folder';
}

function named(list: string[]): string {
  return list.length > NAMED ? `${list.slice(0, NAMED).join(', ')} and ${list.length - NAMED} more` : list.join(', ');
}
