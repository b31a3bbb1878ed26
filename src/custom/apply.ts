/**
 * Running a jscodeshift transform on one file, with the API jscodeshift's worker gives it: `api.jscodeshift`
 * (and `api.j`) bound to the parser, `api.stats` and `api.report`. The jscodeshift used is the one canonize
 * depends on, its own modules (core and parsers), so the text a transform returns is byte for byte what
 * `jscodeshift -t` returns with the same parser and options: printing happens inside the transform, through
 * jscodeshift's recast.
 */
import * as path from 'node:path';
import type { API, Options, Parser } from 'jscodeshift';
import type { LoadedTransform } from './load';

/** jscodeshift's parser names (`--parser`). */
export const PARSER_NAMES = ['babel', 'babylon', 'flow', 'ts', 'tsx'];

/** What one transform did to one file. */
export interface TransformRun {
  /** The new source; `undefined` when jscodeshift would call the file unchanged (nothing, '' or the same text). */
  output: string | undefined;
  /** `api.stats(name, quantity)`, summed by name. */
  stats: Record<string, number>;
  /** `api.report(message)`, in order. */
  reports: string[];
}

/**
 * The parser for a file when the transform exports none and the options name none: `tsx` for `.tsx`, `ts` for
 * `.ts`, `.mts` and `.cts`, `babel` (jscodeshift's default) for everything else.
 */
export function parserForFile(file: string): string {
  const extension = path.extname(file);
  if (extension === '.tsx') return 'tsx';
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') return 'ts';
  return 'babel';
}

/**
 * The parser a file is read with, as jscodeshift chooses it (the transform's `parser` export wins over
 * `--parser`), except that without either canonize chooses per file ({@link parserForFile}) where
 * jscodeshift would use `babel` for every file.
 */
export function parserFor(transform: LoadedTransform, options: Options, file: string): string | Parser {
  if (transform.parser !== undefined) return transform.parser;
  return typeof options.parser === 'string' ? options.parser : parserForFile(file);
}

/**
 * Runs `transform` on one file. `options` reach the transform as jscodeshift's options; `parser` is set to the
 * parser's name when neither the options nor the transform name one, as `jscodeshift --parser=<name>` would.
 * Returns at once for a synchronous transform, and a promise for an `async` one (as jscodeshift awaits it).
 * A transform that throws, or gives something other than a string, throws (or rejects).
 */
export function runTransform(transform: LoadedTransform, file: { path: string; source: string }, options: Options): TransformRun | Promise<TransformRun> {
  // Loaded on first use: a run without custom transforms never loads jscodeshift.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jscodeshift = require('jscodeshift') as typeof import('jscodeshift');
  const parser = parserFor(transform, options, file.path);
  const stats: Record<string, number> = {};
  const reports: string[] = [];
  const j = jscodeshift.withParser(parser);
  const api: API = {
    j,
    jscodeshift: j,
    stats: (name: string, quantity?: number) => {
      stats[name] = (stats[name] ?? 0) + (typeof quantity === 'number' ? quantity : 1);
    },
    report: (message: unknown) => {
      reports.push(typeof message === 'string' ? message : JSON.stringify(message) ?? String(message));
    },
  };
  const passed = transform.parser === undefined && options.parser === undefined ? { ...options, parser } : options;
  const finish = (out: unknown): TransformRun => {
    if (out !== undefined && out !== null && typeof out !== 'string') {
      throw new TypeError(`the transform returned ${Array.isArray(out) ? 'an array' : typeof out}; expected the new source as a string, or nothing when the file is unchanged`);
    }
    return { output: out && out !== file.source ? out : undefined, stats, reports };
  };
  const out = transform.transform({ path: file.path, source: file.source }, api, passed);
  return isPromise(out) ? out.then(finish) : finish(out);
}

export function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
