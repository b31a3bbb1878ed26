/** The few questions canonize asks git. */
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { UsageError } from '../errors';

const MAX_BUFFER = 512 * 1024 * 1024;

/** The top of the git work tree holding `dir`, or `undefined` outside a repository. */
export function gitRoot(dir: string): string | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return path.resolve(out.trim());
  } catch {
    return undefined;
  }
}

/**
 * Tracked and untracked-but-not-ignored files below `dir` (absolute paths), as git sees them, and the folders
 * git could not open to look for untracked files (absolute, with git's reason): their files are unknown.
 */
export function gitFiles(root: string, dir: string): { files: string[]; unlisted: Array<{ file: string; reason: string }> } {
  const rel = path.relative(root, dir) || '.';
  const result = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', rel], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`git ls-files failed (exit code ${result.status}): ${result.stderr.trim()}`);
  // git prints normalized paths with forward slashes: joining by hand spares a path.join per file.
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const files = [...new Set(result.stdout.split('\0').filter(Boolean))].map((f) => prefix + (path.sep === '/' ? f : f.split('/').join(path.sep)));
  // git lists what it cannot open as a warning and goes on; canonize reports it.
  const unlisted = [...result.stderr.matchAll(/^warning: could not open directory '(.+?)\/?': (.+)$/gm)].map((m) => ({
    file: path.join(root, m[1]!),
    reason: `cannot list this folder: ${m[2]!.toLowerCase()}; its untracked files were not read`,
  }));
  return { files, unlisted };
}

/**
 * Every file of the repository at `root` (absolute), tracked or untracked but not ignored, outside
 * node_modules: what a change to one module may reach beyond a run's files. `undefined` outside git.
 */
export function repositoryFiles(root: string | undefined): string[] | undefined {
  if (root === undefined) return undefined;
  const modules = `${path.sep}node_modules${path.sep}`;
  return gitFiles(root, root).files.filter((file) => !file.includes(modules));
}

/** Files git knows (tracked or untracked, not ignored) whose name matches one of `names` (globs), repository-relative. */
export function gitFilesNamed(root: string, names: string[]): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...names.map((n) => `:(glob)**/${n}`)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return [...new Set(out.split('\0').filter(Boolean))];
}

/**
 * Files changed since `ref` (committed, staged, unstaged or untracked), absolute; for fast pull-request
 * checks. Throws `UsageError` for a ref git does not know.
 */
export function changedSince(root: string, ref: string): Set<string> {
  const run = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: MAX_BUFFER, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--since ${ref}: git knows no such commit (try a branch, a tag or a SHA, e.g. origin/main)`);
  }
  const changed = run(['diff', '--name-only', '-z', '--no-renames', ref, '--']).split('\0');
  const untracked = run(['ls-files', '-z', '--others', '--exclude-standard']).split('\0');
  return new Set([...changed, ...untracked].filter(Boolean).map((f) => path.join(root, f)));
}
