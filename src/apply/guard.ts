/**
 * The dirty-tree guard (cargo fix's convention): `--write` refuses to touch a file with uncommitted changes,
 * because a half-applied migration mixed with someone's unsaved work cannot be undone cleanly.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { RefusalError } from '../errors';
import { toPosix } from '../files/paths';

/** Paths (relative to `repoRoot`) with staged, unstaged or untracked changes, from `git status`. */
export function uncommittedPaths(repoRoot: string): Set<string> {
  const out = execFileSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const paths = new Set<string>();
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    paths.add(entry.slice(3));
    // A rename or copy is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') paths.add(entries[++i]!);
  }
  return paths;
}

/**
 * Throws a {@link RefusalError} naming every file to be written that has uncommitted changes, or every file
 * when there is no git repository, unless `allowDirty`.
 */
export function assertCleanForWrite(args: { repoRoot: string; inGit: boolean; files: string[]; allowDirty: boolean }): void {
  if (args.allowDirty || args.files.length === 0) return;
  if (!args.inGit) {
    throw new RefusalError(
      `refusing to --write outside a git repository: nothing could undo the change. Commit the project to git first, or pass --allow-dirty. Nothing was written.`,
    );
  }
  const dirty = uncommittedPaths(args.repoRoot);
  const blocked = args.files.map((f) => toPosix(path.relative(args.repoRoot, f))).filter((p) => dirty.has(p)).sort();
  if (blocked.length === 0) return;
  throw new RefusalError(
    `refusing to --write: ${blocked.length} file(s) it would change have uncommitted changes:\n` +
      blocked.map((p) => `  ${p}`).join('\n') +
      `\nCommit or stash them first, or pass --allow-dirty. Nothing was written.`,
  );
}
