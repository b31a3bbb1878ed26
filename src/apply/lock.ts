/**
 * One `--write` run at a time per working tree. The lock is taken when the run starts, before planning: a
 * lock only around the writes would let a second run plan from files the first is about to replace, and
 * then refuse (or worse, write) against a tree that is no longer the one it read.
 *
 * The lock is proper-lockfile's: a folder created atomically (`mkdir`), kept fresh while the run lives and
 * removed when it ends, also on a crash or a second Ctrl-C. A lock whose run was killed outright (kill -9)
 * goes stale and is taken over after {@link STALE_MS}. It lives in the git folder, where git keeps its own
 * locks, so it never shows in `git status`; outside git, in the system's temporary folder, named after the
 * project's real path.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as lockfile from 'proper-lockfile';
import { describeSystemError, RefusalError } from '../errors';

/** A lock not refreshed for this long belongs to a run that no longer exists. */
export const STALE_MS = 30_000;

export interface WriteLock {
  /** The lock folder (absolute). */
  file: string;
  /** Gives the lock up; safe to call twice. */
  release(): Promise<void>;
}

/** What the holder records beside its lock, for the message a second run prints. */
interface Holder {
  pid: number;
  started: string;
}

/** Where the lock of the tree holding `dir` lives. */
export function lockPathFor(dir: string): string {
  try {
    const gitDir = execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return path.join(gitDir, 'canonize-write.lock');
  } catch {
    const id = crypto.createHash('sha1').update(fs.realpathSync(dir)).digest('hex').slice(0, 16);
    return path.join(os.tmpdir(), `canonize-write-${id}.lock`);
  }
}

/**
 * Takes the write lock of the tree holding `dir`, or throws a {@link RefusalError} saying that another
 * canonize run is writing there (exit code 2: nothing was read or written).
 */
export async function takeWriteLock(dir: string): Promise<WriteLock> {
  const file = lockPathFor(dir);
  const holderFile = `${file}.json`;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path.dirname(file), {
      lockfilePath: file,
      realpath: false,
      stale: STALE_MS,
      // A run whose lock went stale (its event loop stalled past STALE_MS) has lost it: another run may take
      // it over. Keeping quiet here is safe because the writes check every file against what was read.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
      throw new RefusalError(`cannot take the write lock ${file}: ${describeSystemError(error)}. Nothing was written.`);
    }
    throw new RefusalError(
      `another canonize run is writing in this working tree${describeHolder(holderFile)}. Wait for it to finish, then run again; nothing was written. ` +
        `(If no canonize run is going on, a run that was killed left its lock ${file}: it expires ${STALE_MS / 1000} s after that run stopped.)`,
    );
  }
  fs.writeFileSync(holderFile, JSON.stringify({ pid: process.pid, started: new Date().toISOString() } satisfies Holder));
  let released = false;
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      fs.rmSync(holderFile, { force: true });
      await release();
    },
  };
}

function describeHolder(holderFile: string): string {
  try {
    const holder = JSON.parse(fs.readFileSync(holderFile, 'utf8')) as Holder;
    return ` (process ${holder.pid}, started ${holder.started})`;
  } catch {
    return '';
  }
}
