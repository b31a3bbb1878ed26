#!/usr/bin/env node
/**
 * The command line: argv -> typed options -> core -> print -> exit code. The only place that exits.
 * Exit codes: 0 success; 1 the run finished but some files could not be processed; 2 usage or config
 * error, or a refusal before anything was written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import yargs from 'yargs';
import { CanonizeError, ConfigError, ConfigErrors, UsageError } from '../src/errors';
import { loadConfig } from '../src/config/load';
import { planRun, type RunResult } from '../src/plan/run';
import { buildPatch } from '../src/report/patch';
import { issueLine, issueSummary } from '../src/report/summary';
import { writeArtifacts, writeSources } from '../src/apply/write';
import { transformNames } from '../src/registry';
import { configSchema } from '../src/config/schema';

const EXIT_OK = 0;
const EXIT_FILES_FAILED = 1;
const EXIT_USAGE = 2;

interface RunArgs {
  paths: string[];
  config?: string;
  issue: string[];
  write: boolean;
  out: string;
}

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel || '.';
}

/** `canonize run`: plan, write reports, and with --write the sources. Returns the exit code. */
function runCommand(args: RunArgs): number {
  const configFile = path.resolve(args.config ?? 'canonize.config.json');
  const config = loadConfig(configFile);
  const outDir = path.resolve(args.out);
  const result = planRun({ config, paths: args.paths.map((p) => path.resolve(p)), issueIds: args.issue, skipDirs: [outDir] });
  const context = { run: result, outDir: relative(outDir), configArg: args.config, pathArgs: args.paths };
  const artifacts = result.issues.flatMap((issue) => [
    { name: `${issue.id}.patch`, content: buildPatch(issue.changes) },
    { name: `${issue.id}.md`, content: issueSummary(issue, context) },
  ]);
  writeArtifacts(outDir, artifacts);
  if (args.write) writeSources(finalContents(result));
  printRun(result, outDir, args.write);
  return result.failures.length > 0 ? EXIT_FILES_FAILED : EXIT_OK;
}

/** The last issue's text for every file any issue changed. */
function finalContents(result: RunResult): Array<{ file: string; content: string }> {
  const last = new Map<string, string>();
  for (const issue of result.issues) for (const change of issue.changes) last.set(change.file, change.after);
  return [...last.entries()].map(([file, content]) => ({ file, content }));
}

function printRun(result: RunResult, outDir: string, wrote: boolean): void {
  for (const issue of result.issues) process.stdout.write(`${issueLine(issue)}\n`);
  const out = relative(outDir);
  process.stdout.write(
    `${result.filesRead} files read in ${(result.elapsedMs / 1000).toFixed(2)}s; ` +
      `patches and summaries in ${out}/${wrote ? '; sources written' : ' (dry run: no source file changed; add --write to apply)'}\n`,
  );
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
  if (error instanceof CanonizeError) {
    process.stderr.write(`canonize: ${error.message}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`canonize: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_FILES_FAILED;
}

async function main(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  const parser = yargs(argv)
    .scriptName('canonize')
    .usage('$0 <command> [options]\n\nMoves every reference to the canonical module and emits a patch and a PR summary per follow-up issue.')
    .command<RunArgs>(
      'run [paths..]',
      'Plan the migrations of every issue (dry run by default) and write <out>/<issue>.patch and <out>/<issue>.md',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: [], describe: 'Files or folders to restrict the run to (per-directory rewrites)' })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file [default: canonize.config.json]' })
          .option('issue', { alias: 'i', type: 'string', array: true, default: [], describe: 'Only these issue ids (repeatable); default: all, in config order' })
          .option('write', { alias: 'w', type: 'boolean', default: false, describe: 'Also write the result into the working tree' })
          .option('out', { alias: 'o', type: 'string', default: 'canonize-out', describe: 'Folder for patches and summaries' }) as never,
      (args) => {
        code = runCommand(args);
      },
    )
    .command(
      'schema',
      'Print the JSON Schema of canonize.config.json (the file shipped as canonize.schema.json)',
      (y) => y,
      () => {
        process.stdout.write(`${JSON.stringify(configSchema(), null, 2)}\n`);
      },
    )
    .epilogue(`Transforms: ${transformNames().join(', ')}\nExit codes: 0 success, 1 some files could not be processed, 2 usage or config error or a refusal.`)
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = printError(error);
  },
);
