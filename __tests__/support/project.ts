/**
 * Temporary projects for end-to-end tests: a copy of a folder inside a fresh git repository, and the real
 * CLI (the built `dist/bin/canonize.js`, as `npx canonize` runs it) spawned in it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.join(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'bin', 'canonize.js');
export const EXAMPLE = path.join(REPO, 'examples', 'acme-agents');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Writes `files` (relative path -> text) below `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

/** Runs a git command in `cwd` and returns its output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A git repository in a temporary folder holding a copy of `source` at `subdir`, committed, with the
 * toolkit's node_modules linked in (ignored by the example's .gitignore) so the copy type-checks.
 */
export function makeRepo(options: { source?: string; subdir?: string; files?: Record<string, string> } = {}): { root: string; project: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-e2e-'));
  const project = path.join(root, options.subdir ?? 'acme-agents');
  if (options.source !== undefined) fs.cpSync(options.source, project, { recursive: true });
  writeFiles(project, options.files ?? {});
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.email', 'e2e@canonize.test');
  git(root, 'config', 'user.name', 'canonize e2e');
  git(root, 'config', 'core.autocrlf', 'false');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'fixture');
  if (fs.existsSync(path.join(project, '.gitignore'))) fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(project, 'node_modules'));
  return { root, project };
}

/** Spawns the real CLI, with colours off. */
export function canonize(cwd: string, ...args: string[]): CliResult {
  return canonizeWithEnv(cwd, { NO_COLOR: '1' }, ...args);
}

/** Spawns the real CLI with `env` on top of this process's environment (`undefined` removes a variable). */
export function canonizeWithEnv(cwd: string, env: Record<string, string | undefined>, ...args: string[]): CliResult {
  const merged = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: merged });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `tsc --noEmit -p <project>`: the exit code and output. */
export function typecheck(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '-p', project], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Every tracked or untracked (not ignored) file below `dir` with its contents, for comparing trees. */
export function snapshot(root: string): Record<string, string> {
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean).sort();
  return Object.fromEntries(files.filter((f) => fs.existsSync(path.join(root, f))).map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));
}

export function removeRepo(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
