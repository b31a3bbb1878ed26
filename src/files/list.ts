/**
 * Which files a run reads: the config's include/exclude globs, minus what git ignores and node_modules,
 * restricted to the paths given on the command line. The one place that decides inclusion.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../errors';
import { gitFiles } from './git';
import { isInside, relativeTo } from './paths';

export interface FileSelectionRequest {
  rootDir: string;
  include: string[];
  exclude: string[];
  /** The git work tree, when there is one: git then decides what is ignored. */
  gitRoot: string | undefined;
  /** Absolute files or folders the run is restricted to; empty means everything. */
  paths: string[];
  /** Folders never read (the output folder). */
  skipDirs: string[];
  /** When set, only these absolute files (e.g. changed since a git ref). */
  only?: Set<string>;
}

/** Absolute paths of the selected files, sorted, so every run sees them in the same order. */
export function selectFiles(request: FileSelectionRequest): string[] {
  const { rootDir, gitRoot } = request;
  checkPaths(request);
  const included = picomatch(request.include, { dot: true });
  const excluded = request.exclude.length > 0 ? picomatch(request.exclude, { dot: true }) : () => false;
  const candidates = gitRoot ? gitFiles(gitRoot, rootDir) : globFiles(rootDir, request.include);
  const selected = candidates.filter((file) => {
    const rel = relativeTo(rootDir, file);
    if (rel.startsWith('../') || rel.split('/').includes('node_modules')) return false;
    if (!included(rel) || excluded(rel)) return false;
    if (request.skipDirs.some((d) => isInside(d, file))) return false;
    if (request.only && !request.only.has(file)) return false;
    return request.paths.length === 0 || request.paths.some((p) => isInside(p, file));
  });
  return selected.sort();
}

/** Throws `UsageError` for a command-line path that does not exist or lies outside the project. */
export function checkPaths(request: Pick<FileSelectionRequest, 'rootDir' | 'gitRoot' | 'paths'>): void {
  const project = request.gitRoot ?? request.rootDir;
  for (const p of request.paths) {
    if (!fs.existsSync(p)) throw new UsageError(`path ${p} does not exist`);
    if (!isInside(project, p)) throw new UsageError(`path ${p} is outside the project (${project})`);
  }
}

/** Outside git: glob, then apply the root `.gitignore`. Loaded lazily: most runs are inside git. */
function globFiles(rootDir: string, include: string[]): string[] {
  const fg = require('fast-glob') as typeof import('fast-glob');
  const ignore = (require('ignore') as { default: typeof import('ignore') }).default;
  const found = fg.sync(include, { cwd: rootDir, ignore: ['**/node_modules/**'], dot: true, onlyFiles: true, followSymbolicLinks: false });
  const gitignore = path.join(rootDir, '.gitignore');
  const matcher = ignore();
  if (fs.existsSync(gitignore)) matcher.add(fs.readFileSync(gitignore, 'utf8'));
  return found.filter((rel) => !matcher.ignores(rel)).map((rel) => path.join(rootDir, rel));
}
