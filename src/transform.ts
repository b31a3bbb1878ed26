/**
 * The contract between the runner and a transform. A transform module under `transforms/` exports:
 * - `default`: a jscodeshift transform (`(file, api, options) => string | undefined`), so it runs under
 *   plain `jscodeshift -t`;
 * - `parser = 'tsx'`;
 * - `migration`: a {@link Migration}, the pure planning core the runner calls.
 */
import type { JSONSchemaType } from 'ajv';
import type { Prefilter } from './files/prefilter';
import type { ModuleResolver } from './resolve/resolver';

/** What a transform may use besides the source text: nothing here touches the file system for writing. */
export interface TransformEnv {
  /** Absolute directory of the config file; relative paths in options are resolved from it. */
  rootDir: string;
  /** Module resolution shared by every file of the run. */
  resolver: ModuleResolver;
  /** The config file, named in `ConfigError`s. */
  configFile: string;
  /**
   * Another module's text as this migration sees it in the run: after the issues before this one (and the
   * migrations before this one in the same issue) rewrote it, or a module an earlier migration creates.
   * `undefined` when it does not exist or cannot be read. A transform reads every other module through this,
   * in `prepare` and in `plan`, never from disk: a later issue then sees what an earlier one changed. Outside
   * a run (plain jscodeshift, fixture tests) it reads the disk ({@link readModuleFromDisk}).
   */
  readModule(file: string): string | undefined;
  /**
   * Absolute paths of the files the run plans (its selection, before any text pre-filter), for a migration
   * whose verdict on one module depends on every file that imports it. Absent outside a run (plain
   * jscodeshift, fixture tests): such a migration then leaves what it cannot judge.
   */
  files?(): readonly string[];
  /**
   * Absolute paths of every file of the repository as git lists it (tracked, and untracked but not ignored;
   * outside node_modules), whether or not the run plans it: for a migration whose change to one module would
   * reach files the run does not plan (a script outside the tsconfig, an excluded test folder), so it can
   * refuse rather than break them. Outside git, the run's files. Absent outside a run.
   */
  repositoryFiles?(): readonly string[];
  /**
   * Whether `file`'s text as this migration sees it (see {@link readModule}) holds one of `needles`. Cheaper
   * than `readModule` for a scan of many files: a file no earlier step of the run can change (no earlier
   * migration's pre-filter matches it) is tested on its text on disk, neither kept nor planned. Absent outside
   * a run (then read the text through `readModule`).
   */
  holds?(file: string, needles: readonly string[]): boolean;
}

/** `TransformEnv.readModule` outside a run: the module as it is on disk. */
export { readModuleText as readModuleFromDisk } from './files/read';

/** One reference the transform rewrote. Lines and columns are 1-based. */
export interface Rewrite {
  kind: string;
  line: number;
  column: number;
  from: string;
  to: string;
  /** The canonical module the reference now names, as the config names it (keys the check baseline). */
  target: string;
  /**
   * `false`: a rewrite that follows from a violation without being one (a call through a merged client, a
   * use of a wrapper); it is listed with the rewrites but not counted or checked as a violation.
   */
  violation?: false;
}

/** One violation the transform leaves for a human, with the reason and what to do. */
export interface ManualItem {
  line: number;
  column: number;
  specifier: string;
  reason: string;
  /** The canonical module the reference should name. */
  target: string;
}

/** Something a reviewer should know about a rewrite (e.g. a symbol imported under its old name). */
export interface Note {
  line: number;
  column: number;
  text: string;
}

/** A module named in the config: its identity (absolute file or `package:name`), how it reads, and where. */
export interface NamedModule {
  key: string;
  label: string;
  at: string;
}

/** A module a migration replaces with another (see `Migration.replaces`). */
export interface Replacement {
  from: string;
  to: string;
  /** Exports that take another name in `to` (old name => new name). */
  names?: Record<string, string>;
}

/** The result of planning one file: never written anywhere by the transform itself. */
export interface FileOutcome {
  /** The new source, or `undefined` when nothing changed. */
  source: string | undefined;
  rewrites: Rewrite[];
  manual: ManualItem[];
  /** Things a reviewer should know about the rewrites. */
  notes?: Note[];
  /** Modules this migration moves references away from that the new text still references (module keys). */
  retained?: string[];
  /** This file may have become a pure re-export: the runner deletes it when nothing references it. */
  deletable?: boolean;
  /** A jscodeshift transform's `api.stats(name, quantity)` calls on this file, summed by name. */
  stats?: Record<string, number>;
  /** A jscodeshift transform's `api.report(message)` calls on this file, in order. */
  reports?: string[];
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  source: string;
}

/**
 * A transform's planning core. `prepare` turns validated options into what `plan` needs (resolved paths,
 * text needles) once per run; `plan` is called once per file and must be pure.
 */
export interface Migration<Options = unknown, Prepared = unknown> {
  /** One line for `--help`, the README table and the summary. */
  description: string;
  /** JSON Schema of `options`; also merged into the shipped `canonize.schema.json`. */
  optionsSchema: JSONSchemaType<Options> | Record<string, unknown>;
  /**
   * Checks what the schema cannot (files exist, no cycles) and precomputes. Throws `ConfigErrors` whose paths
   * start with `at` (e.g. `issues[0].migrations[1].options`).
   */
  prepare(options: Options, env: TransformEnv, at: string): Prepared;
  /**
   * Modules this migration moves references away from, and modules it points references at, each with the
   * config path that names it. The runner refuses a config where a later migration points references at a
   * module an earlier one moves away: the second run would undo the first.
   */
  modules?(prepared: Prepared): { retired: NamedModule[]; introduced: NamedModule[] };
  /**
   * Files this migration deletes once nothing references them (absolute paths); the runner decides after
   * planning every file, with a referrer check (see src/plan/shims.ts). A shim must only re-export; a
   * `wrapper` (a hand-written client wrapper whose uses moved) may hold code.
   */
  shims?(prepared: Prepared): Array<{ file: string; wrapper?: boolean }>;
  /** Files this migration creates (absolute path and text), such as a scaffolded canonical module. */
  creates?(prepared: Prepared): Array<{ file: string; content: string }>;
  /**
   * What a file's text must hold for `plan` to change or report anything in it. The runner plans only files
   * that match some migration's filter, and `plan` must return nothing for a file that does not match
   * (transforms check it with `mayMatch` before parsing). Without it (or when it returns `undefined`), every
   * file is planned.
   */
  prefilter?(prepared: Prepared): Prefilter | undefined;
  /**
   * `true`: `plan` reads files through `listSpecifiers` or `fastSpecifiers` (src/syntax/specifiers.ts). The
   * runner then has the specifiers of each file that passes the pre-filter listed while it is read, on the
   * reading thread, and hands them over: the answer is the same, the parse overlaps planning. It pays where
   * the runner's thread is the busier one: the whole-tree spelling job, and a move of a module with a common
   * name (at 50,000 files, `check` 2.64 -> 2.34 s and `run` 4.21 -> 4.00 s, medians of 3 alternating; equal
   * at 10,000). An earlier measurement, when the runner's thread mostly waited for reading, found the move
   * slower with it (4.2 -> 4.6 s).
   */
  listsSpecifiers?: boolean;
  /**
   * Globs in the options (relative to the config's folder) that name files, each with its config path. An
   * entry that matches no file of the project is a config error: a typo there would silently do nothing.
   */
  globs?(prepared: Prepared): Array<{ pattern: string; at: string }>;
  /**
   * After every file of the run is planned (and the shims judged): what the migration concludes about
   * the run as a whole. It may change files that are not planned sources (a tsconfig), prove something over
   * every file, and say so in the summary. `check` does not call it: it counts per-file violations only.
   */
  finish?(prepared: Prepared, run: RunView): RunEnd;
  /**
   * Modules this migration replaces with another on purpose, as module keys (absolute file or
   * `package:<name>`): a diverged copy retired in favour of the canonical module, an old package. The proof
   * after planning accepts a name that stood for a declaration of `from` itself and now stands for the export
   * of the same name (or `names[old]`) of `to`: the config says that one replaces it.
   */
  replaces?(prepared: Prepared): Replacement[];
  /** Markdown lines saying what this migration does, for the summary. */
  describe(prepared: Prepared): string[];
  plan(file: SourceFile, prepared: Prepared): FileOutcome;
}

/** What the runner shows a migration's `finish`: the run's files and their texts around this issue. */
export interface RunView {
  /** Every file the run listed (absolute, sorted): the included files, whether or not a filter let them through. */
  files: readonly string[];
  /**
   * A file's text as this issue found it (what earlier issues left, else the disk's); `null` when an earlier
   * issue deletes it, `undefined` when it cannot be read.
   */
  textBefore(file: string): string | null | undefined;
  /** A file's text after this planning; `null` when deleted, `undefined` when it cannot be read. */
  textAfter(file: string): string | null | undefined;
  /** What this migration rewrote in the planned files (`path` relative to the repository root). */
  rewrites: ReadonlyArray<Rewrite & { path: string }>;
}

/** What a migration's `finish` adds to its issue. */
export interface RunEnd {
  /** Files changed besides the planned sources (absolute path and whole new text), in the patch. */
  edits?: Array<{ file: string; content: string }>;
  /** Markdown for the summary, under its own `##` headings (what was proven, what was kept and why). */
  summary?: string[];
  /** Things a reviewer should know, at a place in any file (a jest setting in package.json). */
  notes?: Array<Note & { file: string }>;
}
