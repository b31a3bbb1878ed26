/** The few questions canonize asks git. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

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

/** Tracked and untracked-but-not-ignored files below `dir` (absolute paths), as git sees them. */
export function gitFiles(root: string, dir: string): string[] {
  const rel = path.relative(root, dir) || '.';
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', rel], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: MAX_BUFFER,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return [...new Set(out.split('\0').filter(Boolean))].map((f) => path.join(root, f));
}
