/**
 * The CLI run by a user without root's rights, for the cases that only show there: a file nobody may read, a
 * folder nobody may write. CI runs as root, and root reads a `chmod 000` file and writes a `chmod 555` folder.
 *
 * Tried in order:
 * 1. the tests already run as an ordinary user: nothing to do;
 * 2. root switches to an unused user id (`setpriv --reuid`) when that user can run the built CLI (not when the
 *    checkout sits below root's private home);
 * 3. root gives up the capabilities that bypass permissions (`setpriv --bounding-set`): still uid 0, but the
 *    permission bits of the files it owns apply to it as to anyone.
 * When none works, the caller skips with the reason this module gives.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, type CliResult } from './project';

export interface Unprivileged {
  /** How the rights were dropped, for the test log. */
  how: string;
  /** Hands `dir` (with everything in it) to the user; call before running, with permissions already set. */
  own(dir: string): void;
  /** Hands `dir` back to the test's own user, for its assertions and clean-up. */
  disown(dir: string): void;
  /** Spawns the real CLI as that user. */
  canonize(cwd: string, ...args: string[]): CliResult;
}

/** An id no account of a usual system has. */
const UID = 64_999;

/** A user without root's rights, or why none can be had here. */
export function unprivileged(): Unprivileged | { skip: string } {
  if (process.getuid?.() !== 0) {
    return { how: `the tests' own user (uid ${process.getuid?.()})`, own: () => undefined, disown: () => undefined, canonize: (cwd, ...args) => spawnCli([], cwd, args) };
  }
  if (!hasSetpriv()) return { skip: 'the tests run as root and setpriv (util-linux) is missing, so no user without root rights can be made' };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-home-'));
  fs.chmodSync(home, 0o777);
  const asUser = ['setpriv', `--reuid=${UID}`, `--regid=${UID}`, '--clear-groups', '--'];
  // CANONIZE_TEST_UNPRIVILEGED=caps tries the second way first, to test it where the first works.
  if (process.env.CANONIZE_TEST_UNPRIVILEGED !== 'caps' && spawnCli(asUser, home, ['--version'], home).status === 0) {
    return {
      how: `setpriv --reuid=${UID} (an unused user id)`,
      own: (dir) => execFileSync('chown', ['-R', `${UID}:${UID}`, dir]),
      disown: (dir) => execFileSync('chown', ['-R', '0:0', dir]),
      canonize: (cwd, ...args) => spawnCli(asUser, cwd, args, home),
    };
  }
  const noBypass = ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--'];
  if (bypassGone(noBypass, home)) {
    return {
      how: 'root without the capabilities that bypass file permissions (setpriv --bounding-set)',
      own: () => undefined,
      disown: () => undefined,
      canonize: (cwd, ...args) => spawnCli(noBypass, cwd, args, home),
    };
  }
  return { skip: 'the tests run as root, the built CLI cannot be run by another user, and this system does not let root drop its capabilities' };
}

function hasSetpriv(): boolean {
  return spawnSync('setpriv', ['--version']).status === 0;
}

/** Whether a file with no permission bits is unreadable under `prefix`. */
function bypassGone(prefix: string[], dir: string): boolean {
  const probe = path.join(dir, 'probe');
  fs.writeFileSync(probe, 'x');
  fs.chmodSync(probe, 0o000);
  const result = spawnSync(prefix[0]!, [...prefix.slice(1), process.execPath, '-e', `require('fs').readFileSync(${JSON.stringify(probe)})`]);
  fs.rmSync(probe, { force: true });
  return result.status !== 0;
}

function spawnCli(prefix: string[], cwd: string, args: string[], home?: string): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...(home ? { HOME: home } : {}) };
  delete env.XDG_CONFIG_HOME;
  const [command, ...rest] = prefix.length > 0 ? [...prefix, process.execPath, CLI, ...args] : [process.execPath, CLI, ...args];
  const result = spawnSync(command!, rest, { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
