/**
 * Loading a user's jscodeshift transform module as jscodeshift's own worker does: the transform is
 * `module.default` when that is a function, else the module itself, and `parser` sits beside it. canonize also
 * reads `prefilter` (strings a file must contain for the transform to change it).
 *
 * jscodeshift compiles every transform with Babel (its `--babel` default) so that TypeScript, Flow and
 * `import`/`export` syntax load. canonize does the same with jscodeshift's own Babel hook, presets and plugins
 * (resolved from jscodeshift's install, so they are the versions jscodeshift itself would use), with two
 * differences that only save time: a module Node loads as it is (CommonJS, or ES modules through Node's
 * `require(esm)`) is not compiled, and the hook compiles only the transform's own code, never a package under
 * `node_modules` or canonize itself (jscodeshift's hook compiles everything a transform loads, which made a
 * run 30 times slower; see the README).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { API, FileInfo, Options, Parser } from 'jscodeshift';
import { CanonizeError } from '../errors';
import type { Prefilter } from '../files/prefilter';

/** A jscodeshift transform: the new source, or nothing (or the same source) when the file is unchanged. */
export type TransformFunction = (file: FileInfo, api: API, options: Options) => unknown;

/** What a transform module exports that canonize uses. */
export interface LoadedTransform {
  /** Absolute path of the module. */
  file: string;
  transform: TransformFunction;
  /** The module's `parser` export: a jscodeshift parser name or a parser object. */
  parser?: string | Parser;
  /** The module's `prefilter` export, as a text filter. */
  prefilter?: Prefilter;
}

/** The module did not load, or exports no transform function. The message says which and why. */
export class TransformLoadError extends CanonizeError {
  override name = 'TransformLoadError';
}

/** Node cannot load the module as it is: it needs compiling (TypeScript, Flow, `import` in a CommonJS `.js` file). */
const NEEDS_COMPILING = new Set(['ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE', 'ERR_UNKNOWN_FILE_EXTENSION']);

/** Loads the transform module at `file` (absolute). Throws {@link TransformLoadError}. */
export function loadTransform(file: string): LoadedTransform {
  return fromModule(requireTransform(file), file);
}

/** The transform of an already loaded module (a test that imports its transform); `label` names it in errors. */
export function fromModule(loaded: unknown, label: string): LoadedTransform {
  const module = loaded as { default?: unknown; parser?: unknown; prefilter?: unknown } | undefined;
  const candidate = typeof module?.default === 'function' ? module.default : module;
  if (typeof candidate !== 'function') {
    throw new TransformLoadError(`${label} exports no transform function (expected module.exports = function, or export default function), found ${describeExports(module)}`);
  }
  const parser = module!.parser;
  if (parser !== undefined && typeof parser !== 'string' && typeof (parser as Parser).parse !== 'function') {
    throw new TransformLoadError(`${label}: expected its parser export to be a parser name or an object with a parse method, found ${typeof parser}`);
  }
  return { file: label, transform: candidate as TransformFunction, parser: parser as string | Parser | undefined, prefilter: prefilterOf(module!.prefilter, label) };
}

/**
 * A `prefilter` export: a string or an array of strings (and regular expressions) a file must contain one of.
 * An empty array would skip every file: refused, as a mistake.
 */
function prefilterOf(value: unknown, label: string): Prefilter | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const needles = items.filter((v): v is string => typeof v === 'string' && v.length > 0);
  const patterns = items.filter((v): v is RegExp => v instanceof RegExp);
  if (items.length === 0 || needles.length + patterns.length !== items.length) {
    throw new TransformLoadError(`${label}: expected its prefilter export to be a non-empty string, or a non-empty array of non-empty strings and regular expressions, found ${JSON.stringify(value)}`);
  }
  return { needles, patterns };
}

function describeExports(module: unknown): string {
  if (module === null || typeof module !== 'object') return typeof module;
  const keys = Object.keys(module);
  return keys.length === 0 ? 'an empty module' : `an object with ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}

function requireTransform(file: string): unknown {
  if (path.extname(file) !== '.ts') {
    try {
      return require(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!(error instanceof SyntaxError) && !NEEDS_COMPILING.has(code)) throw loadFailure(file, error);
      forget(file);
    }
  }
  registerBabel(file);
  try {
    return require(file);
  } catch (error) {
    throw loadFailure(file, error);
  }
}

function loadFailure(file: string, error: unknown): TransformLoadError {
  const message = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
  return new TransformLoadError(`cannot load the transform ${file}: ${message}`);
}

/** A module that failed to load is left in require's cache only when it got as far as running. */
function forget(file: string): void {
  delete require.cache[file];
}

/** Transform folders the Babel hook compiles (a transform's own code), gathered as transforms are loaded. */
const compiledRoots = new Set<string>();
let registered = false;

/** canonize's own install: never compiled by the hook (its modules load lazily, after a transform). */
const CANONIZE_ROOT = nearestPackageRoot(__dirname);

/**
 * Installs jscodeshift's Babel hook, once per thread, for the folder of `file` (the transform and the helpers
 * beside it). The presets and plugins are those of jscodeshift's worker: TypeScript for `.ts` and `.tsx`
 * files, Flow for the others, ES module syntax to CommonJS.
 */
function registerBabel(file: string): void {
  compiledRoots.add(packageRootOf(file));
  if (registered) return;
  const fromJscodeshift = createRequire(require.resolve('jscodeshift/package.json'));
  const load = (name: string) => {
    const module = fromJscodeshift(name) as { default?: unknown };
    return module.default ?? module;
  };
  const { DEFAULT_EXTENSIONS } = fromJscodeshift('@babel/core') as { DEFAULT_EXTENSIONS: string[] };
  const register = fromJscodeshift('@babel/register') as (options: object) => void;
  register({
    configFile: false,
    babelrc: false,
    // The cache file lives in the user's home folder; a dry run writes nothing.
    cache: false,
    overrides: [
      { test: /\.tsx?$/, presets: [load('@babel/preset-typescript')] },
      { exclude: /\.tsx?$/, presets: [load('@babel/preset-flow')] },
    ],
    plugins: [
      load('@babel/plugin-transform-class-properties'),
      load('@babel/plugin-transform-nullish-coalescing-operator'),
      load('@babel/plugin-transform-optional-chaining'),
      load('@babel/plugin-transform-modules-commonjs'),
      load('@babel/plugin-transform-private-methods'),
    ],
    extensions: [...DEFAULT_EXTENSIONS, '.ts', '.tsx'],
    only: [(name: string) => isTransformCode(name)],
  });
  registered = true;
}

function isTransformCode(file: string): boolean {
  if (file.startsWith(CANONIZE_ROOT + path.sep)) return false;
  for (const root of compiledRoots) {
    if (file.startsWith(root + path.sep) && !file.slice(root.length).includes(`${path.sep}node_modules${path.sep}`)) return true;
  }
  return false;
}

/**
 * The folder whose code is the transform's own: the package it belongs to (a published codemod package, or
 * the user's project, whose helpers may sit anywhere in it).
 */
function packageRootOf(file: string): string {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return nearestPackageRoot(path.dirname(file));
  const rest = file.slice(at + marker.length).split(path.sep);
  const name = rest[0]!.startsWith('@') ? rest.slice(0, 2) : rest.slice(0, 1);
  return path.join(file.slice(0, at + marker.length), ...name);
}

/** The nearest folder at or above `dir` with a package.json; `dir` itself when there is none. */
function nearestPackageRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return dir;
  }
}
