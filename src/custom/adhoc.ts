/**
 * The config of an ad hoc run (`canonize run --transform ./codemods/x.js [--<option> value]… [paths..]`): one
 * issue named after the transform's file, running that transform with those options. The files are those of
 * `--config` when one is named (its include, exclude, tsconfig and folder), else every source file below the
 * working directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CanonizeConfig } from '../config/load';
import { DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE } from '../config/schema';
import { ConfigError, ConfigErrors, UsageError } from '../errors';
import { resolveTransform, TRANSFORM_EXTENSIONS } from './resolve';

/** An ad hoc run as the command line gives it. */
export interface AdHocRun {
  /** The transform as typed: a path (relative to `cwd`) or a package subpath. */
  transform: string;
  /** The transform's flags as typed (they became `options`). */
  flags: string[];
  options: Record<string, unknown>;
  cwd: string;
}

export interface AdHocRequest extends AdHocRun {
  /** The config named with `--config`, for its file selection; its issues are not run. */
  base?: CanonizeConfig;
}

/** Where the one migration of an ad hoc run sits, as config errors name it. */
const AT = 'issues[0].migrations[0]';

/** The in-memory config of an ad hoc run. Throws `UsageError` when the transform cannot be found. */
export function adHocConfig(request: AdHocRequest): CanonizeConfig {
  const { transform, cwd } = request;
  // On the command line a path needs no `./` (as with jscodeshift -t): a file there wins over a package.
  const asPath = /^\.{0,2}\//.test(transform) || path.isAbsolute(transform) ? transform : `./${transform}`;
  let resolved = resolveTransform(asPath, cwd);
  if (!('file' in resolved) && !fs.existsSync(path.resolve(cwd, transform))) resolved = resolveTransform(transform, cwd);
  if (!('file' in resolved)) {
    throw new UsageError(`--transform ${transform}: expected a jscodeshift transform module (${TRANSFORM_EXTENSIONS.join(', ')}): ${resolved.problem}`);
  }
  const id = issueIdFor(resolved.file);
  const tsconfig = path.join(cwd, 'tsconfig.json');
  const files = request.base ?? {
    file: path.join(cwd, '(no config)'),
    rootDir: cwd,
    include: DEFAULT_INCLUDE,
    includeGiven: false,
    exclude: [],
    tsconfigs: fs.existsSync(tsconfig) ? [tsconfig] : [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  };
  return {
    file: files.file,
    rootDir: files.rootDir,
    include: files.include,
    includeGiven: files.includeGiven,
    exclude: files.exclude,
    tsconfigs: files.tsconfigs,
    maxFileSize: files.maxFileSize,
    issues: [{ id, title: `jscodeshift transform ${transform}`, migrations: [{ transform, module: resolved.file, options: request.options, at: AT }] }],
  };
}

/** The issue id (and so the patch's name) for a transform file: its name without the extension, in safe characters. */
export function issueIdFor(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return base || 'transform';
}

/** Config problems of an ad hoc run (the transform does not load, a bad `--parser`) said in terms of its flags. */
export function asAdHocError(error: ConfigErrors | ConfigError, transform: string): UsageError {
  const errors = error instanceof ConfigErrors ? error.errors : [error];
  const lines = errors.map((e) => {
    const where = e.path.startsWith(AT) ? e.path.slice(AT.length).replace(/^\./, '') : e.path;
    return where === 'transform' || where === '' ? e.detail : `--${where.replace(/^options\./, '')}: ${e.detail}`;
  });
  return new UsageError(`--transform ${transform}: ${lines.join('; ')}`);
}

/**
 * The command that recomputes an ad hoc run from the repository root (where the summary's commands run): the
 * transform (a path relative to the root, or the package subpath as typed), its flags, the config and paths
 * as `shown`. Without `--write`; the summary adds it when there is something to write.
 */
export function adHocRerun(adHoc: AdHocRun & { module: string }, where: { configArg: string | undefined; pathArgs: string[]; shown: (file: string) => string }): string {
  const typedAsPath = /^\.{0,2}\//.test(adHoc.transform) || path.isAbsolute(adHoc.transform) || fs.existsSync(path.resolve(adHoc.cwd, adHoc.transform));
  const shownModule = where.shown(adHoc.module);
  const transform = !typedAsPath ? adHoc.transform : path.isAbsolute(shownModule) || shownModule.startsWith('.') ? shownModule : `./${shownModule}`;
  const words = ['npx', 'canonize', 'run', '--transform', transform, ...adHoc.flags, ...(where.configArg === undefined ? [] : ['--config', where.configArg]), ...where.pathArgs];
  return words.map(shellWord).join(' ');
}

/** A word as a POSIX shell reads it back. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
