/**
 * A user's jscodeshift transform as a migration of the runner: it gets patches per issue, summaries, dry runs,
 * splits, `--json` and `check` like the built-in transforms. Each file it changes counts as one rewrite (one
 * violation for `check`), placed at the first changed line; its `api.stats` and `api.report` calls are kept.
 */
import type { Options } from 'jscodeshift';
import { ConfigError, ParseError } from '../errors';
import { mayMatch } from '../files/prefilter';
import type { AsyncMigration, FileOutcome, SourceFile } from '../transform';
import { PARSER_NAMES, runTransform } from './apply';
import { loadTransform, TransformLoadError, type LoadedTransform } from './load';

/** The rewrite kind of a file a custom transform changed. */
export const CUSTOM_REWRITE = 'transformed';

export interface CustomPrepared {
  /** The transform as the config names it. */
  spec: string;
  transform: LoadedTransform;
  options: Options;
}

/**
 * The migration for the transform module `file`, named `spec` in the config. `prepare` loads the module (a
 * module that does not load, or exports no function, is a `ConfigError` at the migration's `transform`).
 */
export function customMigration(spec: string, file: string): AsyncMigration<Options, CustomPrepared> {
  return {
    description: `the jscodeshift transform ${spec}`,
    optionsSchema: { type: 'object', description: "The transform's options, as jscodeshift passes them." },
    prepare(options, env, at) {
      const migrationAt = at.replace(/\.options$/, '');
      if (options.parser !== undefined && !PARSER_NAMES.includes(options.parser as string)) {
        throw new ConfigError(env.configFile, `${at}.parser`, `expected one of ${PARSER_NAMES.map((p) => JSON.stringify(p)).join(', ')} (jscodeshift's parsers), found ${JSON.stringify(options.parser)}`);
      }
      try {
        return { spec, transform: loadTransform(file), options };
      } catch (error) {
        if (error instanceof TransformLoadError) throw new ConfigError(env.configFile, `${migrationAt}.transform`, error.message);
        throw error;
      }
    },
    prefilter: (prepared) => prepared.transform.prefilter,
    describe(prepared) {
      const parser = typeof prepared.transform.parser === 'string' ? `its own parser, ${prepared.transform.parser}` : prepared.transform.parser ? 'its own parser' : typeof prepared.options.parser === 'string' ? `the ${prepared.options.parser} parser` : 'the parser of each file (tsx, ts, or babel for JavaScript)';
      const options = Object.keys(prepared.options).length > 0 ? ` with options \`${JSON.stringify(prepared.options)}\`` : '';
      const filter = prepared.transform.prefilter ? `, on files that contain ${[...prepared.transform.prefilter.needles.map((n) => JSON.stringify(n)), ...(prepared.transform.prefilter.patterns ?? []).map(String)].join(' or ')}` : '';
      return [`Ran the jscodeshift transform${options}, reading files with ${parser}${filter}; each changed file counts as one rewrite`];
    },
    plan: (file, prepared) => planCustom(file, prepared),
  };
}

/** One file through the transform: the outcome the runner records. Parse errors become `ParseError`s. */
export async function planCustom(file: SourceFile, prepared: CustomPrepared): Promise<FileOutcome> {
  if (!mayMatch(file.source, prepared.transform.prefilter)) return { source: undefined, rewrites: [], manual: [] };
  let run;
  try {
    run = await runTransform(prepared.transform, file, prepared.options);
  } catch (error) {
    throw asParseError(error, file.path) ?? error;
  }
  const outcome: FileOutcome = { source: run.output, rewrites: [], manual: [], stats: run.stats, reports: run.reports };
  if (run.output !== undefined) {
    const at = firstChange(file.source, run.output);
    outcome.rewrites.push({ kind: CUSTOM_REWRITE, line: at.line, column: 1, from: at.from, to: at.to, target: prepared.spec });
  }
  return outcome;
}

/** Babel's parser errors carry `loc` (1-based line, 0-based column) and a reason code. */
function asParseError(error: unknown, file: string): ParseError | undefined {
  const e = error as { loc?: { line?: unknown; column?: unknown }; reasonCode?: unknown; message?: unknown };
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
