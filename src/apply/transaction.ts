/**
 * The only writer, all or nothing. A run's writes (its sources, then its reports) go through three steps:
 * 1. **check**: every target's folder can be written, every source still holds the text it was planned from,
 *    and nothing stands where a new file goes;
 * 2. **stage**: each new text is written to a temporary twin beside its target (same folder, so the rename
 *    is atomic), with the target's mode and owner, and flushed to disk;
 * 3. **commit**, synchronously, so no signal handler runs in the middle: each target gets a backup name (a
 *    hard link to its old content), then its twin is renamed over it; a deletion renames the file to its
 *    backup name. After the last one, the backups are removed.
 * Any failure puts back every file already replaced or deleted, removes the twins and the folders made for
 * new files, and throws a {@link WriteError} naming the file and the reason: the tree is as it was. A reader
 * of any one file sees the old or the new text, never half of one.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeSystemError as describeError, InterruptedError, WriteError } from '../errors';

/** One file a run writes. */
export interface PlannedWrite {
  /** Absolute path. */
  file: string;
  /** The new text; `null` deletes the file. */
  content: string | null;
  /**
   * What the file must hold right before it is replaced: the text the plan was made from, or `null` for a
   * file the run creates (nothing may stand there). `undefined`: not checked (reports).
   */
  expected?: string | null;
}

export interface WriteOutcome {
  /** Files written or created (absolute). */
  written: string[];
  /** Files deleted (absolute). */
  deleted: string[];
  /** Files their owner could not write (mode without `u+w`): replaced all the same, keeping that mode. */
  readOnly: string[];
  /** Backups that could not be removed after a successful commit (absolute); nothing else is affected. */
  leftovers: string[];
}

export interface WriteOptions {
  /** Stops the run while staging (Ctrl-C); nothing has changed then. */
  signal?: AbortSignal;
  /** How a file is named in messages (default: as given). */
  label?: (file: string) => string;
}

/** Between two staged files a signal can stop the run. */
const STAGE_SLICE = 64;

/** What a checked write needs to know about its target. */
interface Target extends PlannedWrite {
  index: number;
  /** The target as it is now; `undefined` when it does not exist. */
  stat: fs.Stats | undefined;
  /** A deletion of a file that is already gone: nothing to do. */
  noop: boolean;
}

/** One committed step, so it can be undone. */
type Done =
  | { kind: 'replaced'; file: string; backup: string; swapped: boolean }
  | { kind: 'deleted'; file: string; backup: string }
  | { kind: 'created'; file: string };

/** Applies `writes` all or nothing; see the module comment. Throws `WriteError` or `InterruptedError`. */
export async function applyWrites(writes: PlannedWrite[], options: WriteOptions = {}): Promise<WriteOutcome> {
  const label = options.label ?? ((file: string) => file);
  const token = `${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const targets = writes.map((w, index) => checkTarget(w, index, label));
  const readOnly = targets.filter((t) => t.stat && t.content !== null && (t.stat.mode & 0o200) === 0).map((t) => t.file);

  const twins = new Map<number, string>();
  const madeDirs: string[] = [];
  const undoStaging = () => {
    for (const twin of twins.values()) fs.rmSync(twin, { force: true });
    for (const dir of madeDirs.reverse()) tryRmdir(dir);
  };
  for (const target of targets) {
    if (options.signal && target.index % STAGE_SLICE === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal.aborted) {
        undoStaging();
        throw new InterruptedError(
          `interrupted while preparing the writes (${target.index} of ${targets.length} files); nothing was changed and no temporary file is left`,
          String(options.signal.reason ?? 'SIGINT'),
        );
      }
    }
    if (target.content === null) continue;
    try {
      madeDirs.push(...makeDirs(path.dirname(target.file)));
      twins.set(target.index, stage(target, twinName(target.file, token, target.index, 'tmp')));
    } catch (error) {
      undoStaging();
      throw new WriteError(`could not write ${label(target.file)}: ${describeError(error)}. Nothing was changed.`, target.file);
    }
  }

  const done: Done[] = [];
  for (const target of targets) {
    if (target.noop) continue;
    try {
      commit(target, twins, done, twinName(target.file, token, target.index, 'bak'));
    } catch (error) {
      const notRestored = rollBack(done);
      undoStaging();
      const undone = done.filter((d) => d.kind !== 'replaced' || d.swapped).length - notRestored.length;
      const back = undone > 0 ? ` ${undone} file(s) already replaced or deleted were put back.` : '';
      const lost = notRestored.length > 0
        ? ` But ${notRestored.length} file(s) could not be put back; their old content is kept beside them:\n${notRestored.map((n) => `  ${label(n.file)} <- ${label(n.backup)}`).join('\n')}`
        : ` Nothing was changed.${back}`;
      throw new WriteError(`could not ${target.content === null ? 'delete' : 'write'} ${label(target.file)}: ${describeError(error)}.${lost}`, target.file, notRestored);
    }
  }
  const leftovers: string[] = [];
  for (const step of done) {
    if (step.kind === 'created') continue;
    try {
      fs.unlinkSync(step.backup);
    } catch {
      leftovers.push(step.backup);
    }
  }
  return {
    written: done.filter((d) => d.kind !== 'deleted').map((d) => d.file),
    deleted: done.filter((d) => d.kind === 'deleted').map((d) => d.file),
    readOnly,
    leftovers,
  };
}

/** Step 1 for one write: what can be known before anything is written. Throws `WriteError`. */
function checkTarget(write: PlannedWrite, index: number, label: (file: string) => string): Target {
  const fail = (why: string) => new WriteError(`cannot write ${label(write.file)}: ${why}. Nothing was changed.`, write.file);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(write.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(describeError(error));
  }
  if (stat && !stat.isFile()) throw fail(stat.isSymbolicLink() ? 'it is now a symbolic link' : 'it is not a regular file');
  if (write.expected === null && stat) throw fail('a file appeared there since canonize planned to create it');
  if (typeof write.expected === 'string') {
    if (!stat) throw fail('it was deleted since canonize read it');
    let now: string;
    try {
      now = fs.readFileSync(write.file, { encoding: 'utf8', flag: (fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW) as unknown as string });
    } catch (error) {
      throw fail(`cannot read it again to check it: ${describeError(error)}`);
    }
    if (now !== write.expected) throw fail('it changed since canonize read it (run canonize again)');
  }
  const noop = write.content === null && !stat;
  if (!noop) {
    const folder = nearestExisting(path.dirname(write.file));
    if (!fs.statSync(folder).isDirectory()) throw fail(`${label(folder)} is not a folder`);
    try {
      fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
    } catch (error) {
      throw fail(`the folder ${label(folder)} is not writable: ${describeError(error)}`);
    }
  }
  return { ...write, index, stat, noop };
}

/** Step 2 for one write: the new text in a twin beside the target, with the target's mode and owner. */
function stage(target: Target, twin: string): string {
  const fd = fs.openSync(twin, 'wx', 0o666);
  try {
    fs.writeFileSync(fd, target.content!);
    if (target.stat) {
      fs.fchmodSync(fd, target.stat.mode & 0o7777);
      if (process.getuid?.() === 0 && (target.stat.uid !== 0 || target.stat.gid !== 0)) fs.fchownSync(fd, target.stat.uid, target.stat.gid);
    }
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(twin, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return twin;
}

/** Step 3 for one write; records what it did in `done` before each change, so a failure can be undone. */
function commit(target: Target, twins: Map<number, string>, done: Done[], backup: string): void {
  const { file } = target;
  if (target.content === null) {
    fs.renameSync(file, backup);
    done.push({ kind: 'deleted', file, backup });
    return;
  }
  const twin = twins.get(target.index)!;
  if (target.stat) {
    keepOld(file, backup);
    const step: Done = { kind: 'replaced', file, backup, swapped: false };
    done.push(step);
    fs.renameSync(twin, file);
    step.swapped = true;
  } else {
    // A link fails if something appeared at the target meanwhile, where a rename would replace it.
    fs.linkSync(twin, file);
    done.push({ kind: 'created', file });
    fs.unlinkSync(twin);
  }
  twins.delete(target.index);
}

/** The old content under a backup name: a hard link costs no space; a copy where links are not supported. */
function keepOld(file: string, backup: string): void {
  try {
    fs.linkSync(file, backup);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw error;
    fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  }
}

/** Undoes `done`, last first. Returns the files that could not be put back, with their backups. */
function rollBack(done: Done[]): Array<{ file: string; backup: string }> {
  const failed: Array<{ file: string; backup: string }> = [];
  for (const step of [...done].reverse()) {
    try {
      if (step.kind === 'created') fs.unlinkSync(step.file);
      else if (step.kind === 'replaced' && !step.swapped) fs.unlinkSync(step.backup);
      else fs.renameSync(step.backup, step.file);
    } catch {
      if (step.kind !== 'created') failed.push({ file: step.file, backup: step.backup });
    }
  }
  return failed;
}

/** Creates the missing folders of `dir`; returns those it made, outermost first. */
function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) fs.mkdirSync(d);
  return missing;
}

function nearestExisting(dir: string): string {
  let d = dir;
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

function tryRmdir(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (something else was put there meanwhile): it stays.
  }
}

/**
 * A hidden name beside `file`, unique to this run and this write. The file's own name is shortened so the
 * twin's name stays under the usual 255-byte limit.
 */
function twinName(file: string, token: string, index: number, kind: 'tmp' | 'bak'): string {
  const base = path.basename(file);
  return path.join(path.dirname(file), `.${base.length > 120 ? base.slice(0, 120) : base}.canonize-${token}-${index}.${kind}`);
}
