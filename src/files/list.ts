/**
 * Which files a run reads: the config's include/exclude globs, minus what git ignores and node_modules,
 * restricted to the paths given on the command line. The one place that decides inclusion.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeSystemError, UsageError } from '../errors';
import { gitFiles } from './git';
import { globMatcher, literalPrefix } from './globs';
import { isInside, relativeTo, toPosix } from './paths';

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

/** The files a run reads, and what could not even be listed. */
export interface FileSelection {
  /** Absolute paths of the selected files, sorted, so every run sees them in the same order. */
  files: string[];
  /** Folders that could not be listed (no permission), absolute, with the reason: a failure, not a skip. */
  unlisted: Array<{ file: string; reason: string }>;
  /**
   * Every project file git lists (or the globs find outside git), relative to the config's folder, before
   * `include` and `exclude`: what a config's glob is checked against.
   */
  listed: string[];
}

/** The selected files; see {@link FileSelection}. */
export function selectFiles(request: FileSelectionRequest): FileSelection {
  const { rootDir, gitRoot } = request;
  checkPaths(request);
  const isIncluded = inclusionOf(request);
  const listing = gitRoot ? gitFiles(gitRoot, rootDir) : globFiles(rootDir, request.include);
  const wanted = (file: string) => {
    if (request.skipDirs.some((d) => isInside(d, file))) return false;
    if (request.only && !request.only.has(file)) return false;
    return request.paths.length === 0 || request.paths.some((p) => isInside(p, file) || isInside(file, p));
  };
  // Each file's project path once: the listing is the reading thread's first step, which the runner waits for.
  const files: string[] = [];
  const listed: string[] = [];
  for (const file of listing.files) {
    const rel = projectPath(rootDir, file);
    if (rel === undefined) continue;
    listed.push(rel);
    if (isIncluded(rel) && wanted(file)) files.push(file);
  }
  files.sort();
  const unlisted = listing.unlisted.filter((u) => isInside(rootDir, u.file) && !u.file.split(path.sep).includes('node_modules') && wanted(u.file));
  return { files, unlisted, listed };
}

/**
 * Whether the config's globs take an absolute file: below the config's folder, outside node_modules,
 * matched by `include` and not by `exclude`. (Whether git ignores it is decided by the listing.)
 */
export function inclusion(request: Pick<FileSelectionRequest, 'rootDir' | 'include' | 'exclude'>): (file: string) => boolean {
  const isIncluded = inclusionOf(request);
  return (file) => {
    const rel = projectPath(request.rootDir, file);
    return rel !== undefined && isIncluded(rel);
  };
}

/** {@link inclusion} of a project path (see {@link projectPath}). */
function inclusionOf(request: Pick<FileSelectionRequest, 'rootDir' | 'include' | 'exclude'>): (rel: string) => boolean {
  const included = globMatcher(request.include, request.rootDir);
  const excluded = globMatcher(request.exclude, request.rootDir);
  return (rel) => included(rel) && !excluded(rel);
}

/** `file` relative to `rootDir` when it is a project file (below it, outside node_modules). */
export function projectPath(rootDir: string, file: string): string | undefined {
  const rel = relativeTo(rootDir, file);
  return rel.startsWith('../') || (rel.includes('node_modules') && rel.split('/').includes('node_modules')) ? undefined : rel;
}

/** Throws `UsageError` for a command-line path that does not exist or lies outside the project. */
export function checkPaths(request: Pick<FileSelectionRequest, 'rootDir' | 'gitRoot' | 'paths'>): void {
  const project = request.gitRoot ?? request.rootDir;
  for (const p of request.paths) {
    if (!fs.existsSync(p)) throw new UsageError(`path ${p} does not exist`);
    if (!isInside(project, p)) throw new UsageError(`path ${p} is outside the project (${project})`);
  }
}

/**
 * Outside git: glob, then apply the root `.gitignore`. Loaded lazily: most runs are inside git. fast-glob
 * stops at the first folder it cannot open; that folder is then reported and the listing done again without it.
 */
function globFiles(rootDir: string, include: string[]): { files: string[]; unlisted: Array<{ file: string; reason: string }> } {
  const fg = require('fast-glob') as typeof import('fast-glob');
  const ignore = (require('ignore') as { default: typeof import('ignore') }).default;
  const unlisted: Array<{ file: string; reason: string }> = [];
  let found: string[];
  for (;;) {
    try {
      const skipped = unlisted.map((u) => `${fg.escapePath(toPosix(path.relative(rootDir, u.file)))}/**`);
      found = fg.sync(include.map((p) => literalPrefix(p, rootDir)), { cwd: rootDir, ignore: ['**/node_modules/**', ...skipped], dot: true, onlyFiles: true, followSymbolicLinks: false });
      break;
    } catch (error) {
      const { code, path: where } = error as NodeJS.ErrnoException;
      if ((code !== 'EACCES' && code !== 'EPERM') || !where || unlisted.some((u) => u.file === where) || !isInside(rootDir, where) || where === rootDir) throw error;
      unlisted.push({ file: where, reason: `cannot list this folder: ${describeSystemError(error)}; its files were not read` });
    }
  }
  const gitignore = path.join(rootDir, '.gitignore');
  const matcher = ignore();
  if (fs.existsSync(gitignore)) matcher.add(fs.readFileSync(gitignore, 'utf8'));
  return { files: found.filter((rel) => !matcher.ignores(rel)).map((rel) => path.join(rootDir, rel)), unlisted };
}
