/**
 * A user's jscodeshift transform as a migration of the runner: it gets patches per issue, summaries, dry runs,
 * splits, `--json` and `check` like the built-in transforms. Each file it changes counts as one rewrite (one
 * violation for `check`), placed at the first changed line; its `api.stats` and `api.report` calls are kept.
 *
 * The runner plans file by file, synchronously. A custom transform's outcome for a file is usually planned
 * ahead (see ahead.ts: on a worker pool, and for `async` transforms), and `plan` takes it when its input is
 * the text that was planned ahead; otherwise it runs the transform here.
 */
import type { Options } from 'jscodeshift';
import { ConfigError, ParseError } from '../errors';
import { mayMatch } from '../files/prefilter';
import type { FileOutcome, Migration, SourceFile } from '../transform';
import { isPromise, PARSER_NAMES, runTransform, type TransformRun } from './apply';
import { loadTransform, TransformLoadError, type LoadedTransform } from './load';

/** The rewrite kind of a file a custom transform changed. */
export const CUSTOM_REWRITE = 'transformed';

/** What planning one file gave: the outcome, or the error the runner reports for the file. */
export type AheadResult = { outcome: FileOutcome } | { error: unknown };

const CUSTOM = Symbol('canonize.custom');

export interface CustomPrepared {
  [CUSTOM]: true;
  /** The transform as the config names it. */
  spec: string;
  transform: LoadedTransform;
  options: Options;
  /** Outcomes planned ahead, per file and input text; the runner drops a file's once it is recorded. */
  ahead: Map<string, Array<{ input: string; result: AheadResult }>>;
}

/** Whether a step's prepared value is a custom transform's. */
export function isCustomPrepared(prepared: unknown): prepared is CustomPrepared {
  return typeof prepared === 'object' && prepared !== null && CUSTOM in prepared;
}

/**
 * The migration for the transform module `file`, named `spec` in the config. `prepare` loads the module (a
 * module that does not load, or exports no function, is a `ConfigError` at the migration's `transform`).
 */
export function customMigration(spec: string, file: string): Migration<Options, CustomPrepared> {
  return {
    description: `the jscodeshift transform ${spec}`,
    optionsSchema: { type: 'object', description: "The transform's options, as jscodeshift passes them." },
    prepare(options, env, at) {
      const migrationAt = at.replace(/\.options$/, '');
      if (options.parser !== undefined && !PARSER_NAMES.includes(options.parser as string)) {
        throw new ConfigError(env.configFile, `${at}.parser`, `expected one of ${PARSER_NAMES.map((p) => JSON.stringify(p)).join(', ')} (jscodeshift's parsers), found ${JSON.stringify(options.parser)}`);
      }
      try {
        return { [CUSTOM]: true, spec, transform: loadTransform(file), options, ahead: new Map() };
      } catch (error) {
        if (error instanceof TransformLoadError) throw new ConfigError(env.configFile, `${migrationAt}.transform`, error.message);
        throw error;
      }
    },
    prefilter: (prepared) => prepared.transform.prefilter,
    describe(prepared) {
      const { transform, options } = prepared;
      const parser = typeof transform.parser === 'string' ? `its own parser, ${transform.parser}` : transform.parser ? 'its own parser' : typeof options.parser === 'string' ? `the ${options.parser} parser` : 'the parser of each file (tsx, ts, or babel for JavaScript)';
      const given = Object.keys(options).length > 0 ? ` with options \`${JSON.stringify(options)}\`` : '';
      const filter = transform.prefilter ? `, on files that contain ${[...transform.prefilter.needles.map((n) => JSON.stringify(n)), ...(transform.prefilter.patterns ?? []).map(String)].join(' or ')}` : '';
      return [`Ran the jscodeshift transform${given}, reading files with ${parser}${filter}; each changed file counts as one rewrite`];
    },
    plan(file, prepared) {
      const ahead = prepared.ahead.get(file.path)?.find((entry) => entry.input === file.source);
      if (ahead) {
        if ('error' in ahead.result) throw ahead.result.error;
        return ahead.result.outcome;
      }
      if (!mayMatch(file.source, prepared.transform.prefilter)) return unchanged();
      const run = attempt(() => runTransform(prepared.transform, file, prepared.options), file.path);
      if (isPromise(run)) {
        run.catch(() => undefined);
        throw new Error('the transform is async, and its input here was not planned ahead (an earlier step changed the file, or a transform read it): canonize runs an async transform only on text it can plan ahead');
      }
      return outcomeOf(run, file, prepared.spec);
    },
  };
}

/**
 * One file through the transform, awaiting an `async` transform: what the planner stores ahead. Never
 * rejects: a failure is the result's `error`.
 */
export async function planAheadOnce(file: SourceFile, prepared: CustomPrepared): Promise<AheadResult> {
  if (!mayMatch(file.source, prepared.transform.prefilter)) return { outcome: unchanged() };
  try {
    const run = await attempt(() => runTransform(prepared.transform, file, prepared.options), file.path);
    return { outcome: outcomeOf(run, file, prepared.spec) };
  } catch (error) {
    return { error: asParseError(error, file.path) ?? error };
  }
}

function unchanged(): FileOutcome {
  return { source: undefined, rewrites: [], manual: [] };
}

/** Runs `run`, turning a parse error (thrown, or a rejection) into a `ParseError`. */
function attempt<T>(run: () => T | Promise<T>, file: string): T | Promise<T> {
  try {
    const result = run();
    return isPromise(result)
      ? result.catch((error: unknown) => {
          throw asParseError(error, file) ?? error;
        })
      : result;
  } catch (error) {
    throw asParseError(error, file) ?? error;
  }
}

function outcomeOf(run: TransformRun, file: SourceFile, spec: string): FileOutcome {
  const outcome: FileOutcome = { source: run.output, rewrites: [], manual: [], stats: run.stats, reports: run.reports };
  if (run.output !== undefined) {
    const at = firstChange(file.source, run.output);
    outcome.rewrites.push({ kind: CUSTOM_REWRITE, line: at.line, column: 1, from: at.from, to: at.to, target: spec });
  }
  return outcome;
}

/** Babel's parser errors carry `loc` (1-based line, 0-based column) and a reason code. */
function asParseError(error: unknown, file: string): ParseError | undefined {
  if (error instanceof ParseError) return error;
  const e = error as { loc?: { line?: unknown; column?: unknown }; message?: unknown };
  if (!(error instanceof SyntaxError) || typeof e.loc?.line !== 'number' || typeof e.loc.column !== 'number') return undefined;
  return new ParseError(file, e.loc.line, e.loc.column + 1, String(e.message).replace(/ \(\d+:\d+\)$/, ''));
}

const EXCERPT = 80;

/** The first line where `before` and `after` differ (1-based), and that line on each side, trimmed. */
export function firstChange(before: string, after: string): { line: number; from: string; to: string } {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const excerpt = (line: string | undefined) => {
    const text = (line ?? '').trim();
    return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
  };
  return { line: Math.min(i, a.length - 1) + 1, from: excerpt(a[i]), to: excerpt(b[i]) };
}
