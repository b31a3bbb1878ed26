/**
 * The formatters canonize can hand a file to, each run from the project's own installation with the
 * project's own config: prettier through its API, biome and dprint through their CLIs (stdin in, stdout out,
 * so nothing is written to the working tree).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toPosix } from '../files/paths';
import type { FormatterName, Installation } from './detect';

/** What formatting one file gave: its formatted text, or why it was left alone. */
export type FormatResult = { kind: 'formatted'; text: string } | { kind: 'ignored'; reason: string } | { kind: 'failed'; reason: string };

export interface Formatter {
  name: FormatterName;
  version: string;
  /** The config file it uses (absolute), if the project has one. */
  config: string | undefined;
  /** Formats `text` as the content of `file` (absolute); never writes anything. */
  format(file: string, text: string): Promise<FormatResult>;
  /**
   * Only sorts the imports (biome's organizeImports without its formatter), for a file that was not
   * formatted before the run: a moved import goes where it belongs, and no other line changes.
   */
  sortImports?(file: string, text: string): Promise<FormatResult>;
}

/** Makes the formatter for an installation; `config` is the config file found, `rootDir` the config's folder. */
export function makeFormatter(install: Installation, options: { config: string | undefined; rootDir: string }): Formatter {
  const base = { name: install.name, version: install.version, config: options.config };
  // The CLIs look for their config from the working folder up, as they do when the project runs them.
  const cwd = options.config ? path.dirname(options.config) : options.rootDir;
  switch (install.name) {
    case 'prettier':
      return { ...base, format: prettierFormat(install, options.rootDir) };
    case 'biome':
      return { ...base, format: (file, text) => biomeFormat(install, cwd, file, text, true), sortImports: (file, text) => biomeFormat(install, cwd, file, text, false) };
    case 'dprint': {
      // `dprint fmt --stdin` formats any path, excluded or not: the files its config matches are asked once.
      let matched: Promise<Set<string> | undefined> | undefined;
      const files = () => (matched ??= dprintFiles(install, cwd));
      return { ...base, format: async (file, text) => ((await files())?.has(path.resolve(file)) === false ? { kind: 'ignored', reason: 'not matched by the dprint config' } : dprintFormat(install, cwd, file, text)) };
    }
  }
}

/** The part of prettier's API canonize uses (the same in prettier 2 and 3; 3 returns promises). */
interface PrettierApi {
  getFileInfo(file: string, options: { ignorePath?: string; resolveConfig?: boolean }): Promise<{ ignored: boolean; inferredParser: string | null }> | { ignored: boolean; inferredParser: string | null };
  resolveConfig(file: string, options: { editorconfig: boolean }): Promise<Record<string, unknown> | null> | Record<string, unknown> | null;
  format(text: string, options: Record<string, unknown>): Promise<string> | string;
}

function prettierFormat(install: Installation, rootDir: string): Formatter['format'] {
  // The project's own prettier, loaded by path: its package.json "main" (index.cjs in prettier 3).
  const prettier = require(install.dir) as PrettierApi;
  // As the prettier CLI run from the project's folder: its .prettierignore.
  const ignorePath = path.join(rootDir, '.prettierignore');
  const ignore = fs.existsSync(ignorePath) ? { ignorePath } : {};
  return async (file, text) => {
    try {
      const info = await prettier.getFileInfo(file, { ...ignore, resolveConfig: false });
      if (info.ignored) return { kind: 'ignored', reason: 'ignored by .prettierignore' };
      if (!info.inferredParser) return { kind: 'ignored', reason: 'prettier has no parser for this file' };
      const config = (await prettier.resolveConfig(file, { editorconfig: true })) ?? {};
      return { kind: 'formatted', text: await prettier.format(text, { ...config, filepath: file }) };
    } catch (error) {
      return { kind: 'failed', reason: `prettier: ${firstLines(error instanceof Error ? error.message : String(error))}` };
    }
  };
}

/**
 * `biome check --write --linter-enabled=false`: formatting and import sorting (assist), never lint fixes;
 * without `formatter`, import sorting only.
 */
async function biomeFormat(install: Installation, cwd: string, file: string, text: string, formatter: boolean): Promise<FormatResult> {
  const major = Number(install.version.split('.')[0]);
  const minor = Number(install.version.split('.')[1]);
  // Biome before 1.8 called --write --apply.
  const write = major > 1 || (major === 1 && minor >= 8) ? '--write' : '--apply';
  const only = formatter ? [] : ['--formatter-enabled=false'];
  const result = await runNode(path.join(install.dir, 'bin', 'biome'), ['check', write, '--linter-enabled=false', ...only, '--colors=off', `--stdin-file-path=${toPosix(path.relative(cwd, file))}`], cwd, text);
  if (result.error || result.code !== 0) return { kind: 'failed', reason: `biome: ${firstLines(result.error ?? (result.stderr || `exit code ${result.code}`))}` };
  if (/is ignored/.test(result.stderr)) return { kind: 'ignored', reason: 'ignored by the biome config' };
  return { kind: 'formatted', text: result.stdout };
}

/** `dprint fmt --stdin <file>`. */
async function dprintFormat(install: Installation, cwd: string, file: string, text: string): Promise<FormatResult> {
  const result = await runNode(path.join(install.dir, 'bin.cjs'), ['fmt', '--stdin', toPosix(path.relative(cwd, file))], cwd, text);
  if (result.error || result.code !== 0) {
    const message = result.error ?? (result.stderr || `exit code ${result.code}`);
    if (/no plugin|not matched|excluded/i.test(message)) return { kind: 'ignored', reason: 'not matched by the dprint config' };
    return { kind: 'failed', reason: `dprint: ${firstLines(message)}` };
  }
  return { kind: 'formatted', text: result.stdout };
}

/** The files the dprint config matches (absolute), or `undefined` when dprint cannot say. */
async function dprintFiles(install: Installation, cwd: string): Promise<Set<string> | undefined> {
  const result = await runNode(path.join(install.dir, 'bin.cjs'), ['output-file-paths'], cwd, '');
  if (result.error || result.code !== 0) return undefined;
  return new Set(result.stdout.split('\n').filter(Boolean).map((f) => path.resolve(cwd, f.trim())));
}

/** Runs a Node script of the project's formatter with `input` on stdin. */
function runNode(script: string, args: string[], cwd: string, input: string): Promise<{ code: number | null; stdout: string; stderr: string; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.on('error', (error) => resolve({ code: null, stdout: '', stderr: '', error: error.message }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
    // A formatter that exits before reading all of stdin must not crash the run.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** The first meaningful lines of a formatter's message, on one line. */
function firstLines(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^[━─-]+$/.test(l))
    .slice(0, 3)
    .join(' ')
    .slice(0, 300);
}
