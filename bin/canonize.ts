#!/usr/bin/env node
/**
 * The command line: argv -> typed options -> core -> print -> exit code. The only place that exits.
 * Exit codes: 0 success; 1 the run finished but some files could not be processed (or `--write` could not
 * write and changed nothing); 2 usage or config error, or a refusal before anything was written; 70 an
 * internal error (a bug: please report it); 130/143 interrupted by SIGINT/SIGTERM.
 *
 * Signal handlers are installed before the core (and TypeScript) is loaded, so a Ctrl-C at any time stops
 * the run cleanly; the core is required lazily for the same reason, and so `--help` stays fast.
 */
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';

// Node 22.1+ keeps compiled code of the modules it loads (TypeScript is most of the start-up time) in a
// cache folder, as tsc itself does; older Node has no such API and loads as before.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

import yargs, { type Argv } from 'yargs';
import { CanonizeError, ConfigError, ConfigErrors, InterruptedError, UsageError, WriteError } from '../src/errors';
import { displayPath } from '../src/files/paths';
import { transformNames } from '../src/registry';
import type { RunResult } from '../src/plan/run';

const EXIT_OK = 0;
const EXIT_FILES_FAILED = 1;
const EXIT_USAGE = 2;
/** An internal error (a bug), apart from "files failed" and "violations found" so CI can tell a crash (EX_SOFTWARE). */
const EXIT_INTERNAL = 70;

/** Exit codes after a signal, as shells report them (128 + signal number). */
const EXIT_SIGNAL: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

interface RunArgs {
  paths: string[];
  config?: string;
  issue: string[];
  write: boolean;
  allowDirty: boolean;
  out?: string;
  splitBy?: string;
  diff: boolean;
  json: boolean;
  verbose: boolean;
  transform?: string;
  verify: boolean;
}

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function runCommand(args: RunArgs, argv: string[], signal: AbortSignal): Promise<number> {
  const { run } = require('../src/commands/run') as typeof import('../src/commands/run');
  const { issueLine } = require('../src/report/summary') as typeof import('../src/report/summary');
  if (args.json && args.diff) throw new UsageError('--diff prints the patches as text and --json prints one JSON object: use one of them (the JSON lists the patch files under "patches")');
  const adHoc = args.transform === undefined ? undefined : adHocRun(args, argv);
  if (adHoc) args.paths = adHoc.paths;
  const progress = args.verbose ? progressLines() : progressBar(!args.json);
  const { result, artifacts, applied } = await run(
    {
      paths: args.paths.map((p) => path.resolve(p)),
      // An ad hoc run needs no config; one named with --config selects its files.
      configFile: adHoc && args.config === undefined ? undefined : configFile(args.config),
      issueIds: args.issue,
      write: args.write,
      allowDirty: args.allowDirty,
      outDir: args.out === undefined ? undefined : path.resolve(args.out),
      splitBy: args.splitBy,
      verify: args.verify,
      onProgress: progress?.update,
      adHoc: adHoc && { transform: args.transform!, flags: adHoc.flags, options: adHoc.options, cwd: process.cwd() },
    },
    signal,
  ).finally(() => progress?.stop());
  const outDir = applied.outDir;
  if (args.json) {
    const { runJson } = require('../src/report/json') as typeof import('../src/report/json');
    process.stdout.write(runJson(result, artifacts, { outDir: displayPath(outDir), wrote: args.write, version: version() }));
  } else {
    const { proofLine } = require('../src/report/proof') as typeof import('../src/report/proof');
    for (const issue of result.issues) process.stdout.write(`${[issueLine(issue), proofLine(issue)].filter(Boolean).join('\n')}\n`);
    if (args.diff) printDiff(result);
    printFooter(result, displayPath(outDir), args.write);
  }
  printApplied(applied);
  return result.failures.length > 0 ? EXIT_FILES_FAILED : EXIT_OK;
}

/**
 * `run --transform`: yargs left the flags it does not know among the positionals (in order); they become the
 * transform's options, the rest are the paths.
 */
function adHocRun(args: RunArgs, argv: string[]): { paths: string[]; flags: string[]; options: Record<string, unknown> } {
  const { splitTransformArgs, transformOptions } = require('../src/custom/argv') as typeof import('../src/custom/argv');
  if (args.issue.length > 0) throw new UsageError('--issue does not apply with --transform: an ad hoc run has one issue, named after the transform');
  const { paths, flags } = splitTransformArgs(argv, args.paths);
  return { paths, flags, options: transformOptions(flags) };
}

/** The config file: `--config` (a file, or a folder holding one), else the nearest one above the working folder. */
function configFile(given: string | undefined): string {
  const { findConfig } = require('../src/config/find') as typeof import('../src/config/find');
  return findConfig(given, process.cwd());
}

/** What the writes did that the user should hear about, on stderr (also with --json). */
function printApplied(applied: import('../src/commands/run').RunApplied): void {
  if (applied.readOnly.length > 0) {
    process.stderr.write(`canonize: ${applied.readOnly.length} read-only file(s) replaced, keeping their mode (their owner had no write permission):\n`);
    for (const f of applied.readOnly) process.stderr.write(`  ${f}\n`);
  }
  if (applied.leftovers.length > 0) {
    process.stderr.write(`canonize: every file was written, but ${applied.leftovers.length} backup(s) of the old contents could not be removed; delete them:\n`);
    for (const f of applied.leftovers) process.stderr.write(`  ${f}\n`);
  }
}

/** The patches on the terminal, coloured when it shows colours (plain when piped or with NO_COLOR). */
function printDiff(result: RunResult): void {
  const { buildPatch } = require('../src/report/patch') as typeof import('../src/report/patch');
  const { colorPatch } = require('../src/report/diff') as typeof import('../src/report/diff');
  const colors = require('picocolors') as typeof import('picocolors');
  for (const issue of result.issues) {
    const patch = buildPatch(issue.changes);
    process.stdout.write(`\n${colors.bold(`# ${issue.id}`)}\n${patch ? colorPatch(patch, colors) : '(no change)\n'}`);
  }
  process.stdout.write('\n');
}

/** `--verbose`: one line per slice of files on stderr, for logs and for scripts that watch a run. */
function progressLines(): { update: (done: number, total: number) => void; stop: () => void } {
  return {
    update: (done, total) => process.stderr.write(`canonize: planned ${done} of ${total} files\n`),
    stop: () => undefined,
  };
}

/** A progress bar on an interactive terminal; none in CI, when piped, or for --json. */
function progressBar(wanted: boolean): { update: (done: number, total: number) => void; stop: () => void } | undefined {
  if (!wanted || !process.stderr.isTTY || process.env.CI) return undefined;
  const { SingleBar } = require('cli-progress') as typeof import('cli-progress');
  const started = Date.now();
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'planning [{bar}] {value}/{total} files | {speed} files/s | ETA {eta_formatted}',
    clearOnComplete: true,
    hideCursor: true,
  });
  let running = false;
  return {
    update(done, total) {
      const speed = Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
      if (!running) (bar.start(total, done, { speed }), (running = true));
      else bar.update(done, { speed });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

interface CheckArgs {
  paths: string[];
  config?: string;
  issue: string[];
  since?: string;
  format: 'text' | 'json' | 'sarif';
  baseline?: string;
  updateBaseline: boolean;
  force: boolean;
}

async function checkCommand(args: CheckArgs, signal: AbortSignal): Promise<number> {
  const { check } = require('../src/commands/check') as typeof import('../src/commands/check');
  const report = require('../src/report/check') as typeof import('../src/report/check');
  const outcome = await check(
    {
      paths: args.paths.map((p) => path.resolve(p)),
      configFile: configFile(args.config),
      issueIds: args.issue,
      since: args.since,
      baseline: args.baseline === undefined ? undefined : path.resolve(args.baseline),
      updateBaseline: args.updateBaseline,
      force: args.force,
    },
    signal,
  );
  const data = {
    run: outcome.run,
    violations: outcome.violations,
    increases: outcome.increases,
    baseline: outcome.baselineFile && displayPath(outcome.baselineFile),
    version: version(),
  };
  const format = { text: report.checkText, json: report.checkJson, sarif: report.checkSarif }[args.format];
  process.stdout.write(format(data));
  if (args.updateBaseline) {
    process.stderr.write(`baseline ${data.baseline} ${outcome.baselineWritten ? 'written' : 'unchanged'}${outcome.increases?.length ? `; ${outcome.increases.length} count(s) went up and were not raised (pass --force to record them)` : ''}\n`);
  }
  for (const f of outcome.run.failures) process.stderr.write(`${f.path}:${f.line}:${f.column}: ${f.reason}\n`);
  if (outcome.run.failures.length > 0) return EXIT_FILES_FAILED;
  if (outcome.increases !== undefined) return outcome.increases.length > 0 ? EXIT_FILES_FAILED : EXIT_OK;
  return outcome.violations.length > 0 ? EXIT_FILES_FAILED : EXIT_OK;
}

interface DiscoverArgs {
  paths: string[];
  config?: string;
  format: 'text' | 'json';
  emitConfig: boolean;
}

async function discoverCommand(args: DiscoverArgs, signal: AbortSignal): Promise<number> {
  const { discover } = require('../src/commands/discover') as typeof import('../src/commands/discover');
  const report = require('../src/report/discover') as typeof import('../src/report/discover');
  const { nearestConfig } = require('../src/config/find') as typeof import('../src/config/find');
  // `discover --emit-config > canonize.config.json` creates that file empty before discover runs: a config
  // found by default is not read when emitting one.
  const config = args.config !== undefined ? configFile(args.config) : !args.emitConfig ? nearestConfig(process.cwd()) : undefined;
  const outcome = await discover({ paths: args.paths.map((p) => path.resolve(p)), configFile: config, cwd: process.cwd() }, signal);
  if (args.emitConfig) {
    process.stdout.write(`${JSON.stringify(outcome.proposal, null, 2)}\n`);
    process.stderr.write(`${outcome.findings.length} finding(s); the config above proposes a migration for each kind of finding it can fix\n`);
  } else {
    process.stdout.write((args.format === 'json' ? report.discoverJson : report.discoverText)(outcome));
  }
  if (outcome.unreadable.length > 0) {
    process.stderr.write(`${outcome.unreadable.length} file(s) could not be read; findings may be missing:\n`);
    for (const f of outcome.unreadable) process.stderr.write(`${f.path}: ${f.reason}\n`);
    return EXIT_FILES_FAILED;
  }
  return EXIT_OK;
}

/** ", proof in 0.31s" when the proof ran. */
function proofTime(result: RunResult): string {
  const proofs = result.issues.map((i) => i.proof).filter((p) => p !== undefined);
  return proofs.length === 0 ? '' : `, proof in ${(proofs.reduce((sum, p) => sum + p.elapsedMs, 0) / 1000).toFixed(2)}s`;
}

function printFooter(result: RunResult, out: string, wrote: boolean): void {
  process.stdout.write(
    `${result.filesRead} files read in ${(result.elapsedMs / 1000).toFixed(2)}s${proofTime(result)}; ` +
      `patches and summaries in ${out}/${wrote ? '; sources written' : ' (dry run: no source file changed; add --write to apply)'}\n`,
  );
  if (result.skipped.length > 0) {
    process.stderr.write(`${result.skipped.length} file(s) skipped:\n`);
    for (const f of result.skipped) process.stderr.write(`${f.path}: ${f.reason}\n`);
  }
  if (result.failures.length > 0) {
    process.stderr.write(`${result.failures.length} file(s) could not be processed:\n`);
    for (const f of result.failures) process.stderr.write(`${f.path}:${f.line}:${f.column}: ${f.reason}\n`);
  }
}

function printError(error: unknown): number {
  if (error instanceof ConfigErrors) {
    process.stderr.write(`canonize: invalid config (${error.errors.length} problem${error.errors.length === 1 ? '' : 's'}):\n`);
    for (const e of error.errors) process.stderr.write(`  ${e.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`canonize: invalid config: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof InterruptedError) {
    process.stderr.write(`canonize: ${error.message}\n`);
    return EXIT_SIGNAL[error.signal] ?? EXIT_SIGNAL.SIGINT!;
  }
  if (error instanceof WriteError) {
    process.stderr.write(`canonize: ${error.message}\n`);
    return EXIT_FILES_FAILED;
  }
  if (error instanceof CanonizeError) {
    process.stderr.write(`canonize: ${error.message}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`canonize: internal error (please report it, exit code ${EXIT_INTERNAL}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_INTERNAL;
}

/** What run and check share: the paths, the config and the issues to work on. */
function selection(y: Argv, pathsHelp: string) {
  return y
    .positional('paths', { type: 'string', array: true, default: [], describe: pathsHelp })
    .option('config', { alias: 'c', type: 'string', describe: 'Config file, or a folder holding one [default: the nearest canonize.config.json(c) in this folder or above, up to the repository root]' })
    .option('issue', { alias: 'i', type: 'string', array: true, default: [], describe: 'Only these issue ids (repeatable); default: all, in config order' });
}

/** `canonize run --transform …` (or `-t`). */
function isAdHocRun(argv: string[]): boolean {
  return argv[0] === 'run' && argv.some((a) => a === '-t' || a === '--transform' || a.startsWith('--transform=') || a.startsWith('-t='));
}

async function main(argv: string[], signal: AbortSignal): Promise<number> {
  let code = EXIT_OK;
  const parser = yargs(argv)
    // An ad hoc run passes the flags canonize does not know to the transform (see runCommand).
    .parserConfiguration({ 'unknown-options-as-args': isAdHocRun(argv) })
    .scriptName('canonize')
    .usage('$0 <command> [options]\n\nMoves every reference to the canonical module and emits a patch and a PR summary per follow-up issue.')
    .command<RunArgs>(
      'run [paths..]',
      'Plan the migrations of every issue (dry run by default) and write <out>/<issue>.patch and <out>/<issue>.md',
      (y) =>
        selection(y, 'Files or folders to restrict the run to (per-directory rewrites)')
          .option('write', { alias: 'w', type: 'boolean', default: false, describe: 'Also write the result into the working tree' })
          .option('allow-dirty', { type: 'boolean', default: false, describe: 'With --write: also change files with uncommitted changes, or outside git' })
          .option('out', { alias: 'o', type: 'string', describe: "Folder for patches and summaries, canonize's own [default: canonize-out beside the config]" })
          .option('split-by', { type: 'string', describe: 'One patch and summary per part: codeowners, dir or dir:<depth>' })
          .option('diff', { type: 'boolean', default: false, describe: 'Print the patches (coloured on a terminal, plain when piped)' })
          .option('json', { type: 'boolean', default: false, describe: 'Print the whole run as one JSON object (see the README)' })
          .option('verify', { type: 'boolean', default: true, describe: 'Prove with TypeScript that every changed file keeps its bindings and export list; --no-verify skips it' })
          .option('verbose', { type: 'boolean', default: false, describe: 'Log planning progress to stderr, one line per 256 files (instead of the progress bar)' })
          .option('transform', {
            alias: 't',
            type: 'string',
            describe: 'Ad hoc run: this jscodeshift transform (a path, or a package subpath) as the only issue; flags canonize does not know become its options',
          }) as never,
      async (args) => {
        code = await runCommand(args, argv, signal);
      },
    )
    .command<CheckArgs>(
      'check [paths..]',
      'Count the violations run would fix and those it would leave for a human, without rewriting anything',
      (y) =>
        selection(y, 'Files or folders to restrict the count to')
          .option('since', { type: 'string', describe: 'Only files changed since this git ref (committed, staged, unstaged or untracked)' })
          .option('format', { alias: 'f', choices: ['text', 'json', 'sarif'], default: 'text', describe: 'Output format' })
          .option('baseline', { alias: 'b', type: 'string', describe: 'Fail only where a count went up against this baseline file' })
          .option('update-baseline', { type: 'boolean', default: false, describe: 'Create the baseline (default canonize-baseline.json beside the config) or lower its counts' })
          .option('force', { type: 'boolean', default: false, describe: 'With --update-baseline: also raise counts' }) as never,
      async (args) => {
        code = await checkCommand(args, signal);
      },
    )
    .command<DiscoverArgs>(
      'discover [paths..]',
      'Find fragmentation nobody configured: modules reached through several spellings, shims still imported, diverged copies, duplicate ClickHouse clients',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: [], describe: 'Files or folders to look at' })
          .option('config', { alias: 'c', type: 'string', describe: 'Take files and tsconfigs from this config [default: the nearest canonize.config.json(c), if any]' })
          .option('format', { alias: 'f', choices: ['text', 'json'], default: 'text', describe: 'Output format' })
          .option('emit-config', { type: 'boolean', default: false, describe: 'Print a canonize.config.json proposal for what was found' }) as never,
      async (args) => {
        code = await discoverCommand(args, signal);
      },
    )
    .command(
      'schema',
      'Print the JSON Schema of canonize.config.json (the file shipped as canonize.schema.json)',
      (y) => y,
      () => {
        const { configSchema } = require('../src/config/schema') as typeof import('../src/config/schema');
        process.stdout.write(`${JSON.stringify(configSchema(), null, 2)}\n`);
      },
    )
    .epilogue(`Transforms: ${transformNames().join(', ')}\nExit codes (run): 0 success, 1 some files could not be processed or --write changed nothing after a write error, 2 usage or config error or a refusal, 70 internal error, 130/143 interrupted.\nExit codes (check): 0 no violations (or none above the baseline), 1 violations (or a count above the baseline, or a file that could not be processed), 2 usage or config error, 70 internal error.`)
    .demandCommand(1, 'Name a command: canonize run')
    .strict()
    .help()
    .alias('h', 'help')
    .version(version())
    .alias('v', 'version')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(`${message}\nRun canonize --help for usage.`);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    return printError(error);
  }
  return code;
}

// `canonize run | head`: once the reader is gone, output is dropped and the run finishes its work (never a
// crash halfway through writing files).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}

// Ctrl-C and SIGTERM stop the run between two files; a second one exits at once.
const controller = new AbortController();
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    if (controller.signal.aborted) process.exit(EXIT_SIGNAL[name]);
    controller.abort(name);
  });
}

// Node ignores SIGXFSZ, so a write past the file-size limit fails with EFBIG and --write puts everything back;
// a listener keeps it so once signal-exit (the write lock's) listens to that signal too, which would kill the run.
process.on('SIGXFSZ', () => undefined);

// An error thrown outside the run's promise chain (a timer, a stream) is an internal error too, not Node's exit 1.
process.on('uncaughtException', (error) => process.exit(printError(error)));

main(process.argv.slice(2), controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = printError(error);
  },
);
