/**
 * Which config a command uses when `--config` does not name one: the nearest `canonize.config.json` or
 * `canonize.config.jsonc`, looking in the working folder and then each folder above it, up to the root of
 * the git repository (outside git, up to the file system's root), as eslint and prettier find theirs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../errors';
import { gitRoot } from '../files/git';

/** The config's file names, in the order they are looked for. */
export const CONFIG_NAMES = ['canonize.config.json', 'canonize.config.jsonc'];

/**
 * The config file to read: `given` (a file, or a folder holding one of {@link CONFIG_NAMES}) when set, else
 * the nearest one above `cwd`. Throws `ConfigError` when there is none, or when one folder holds both names.
 */
export function findConfig(given: string | undefined, cwd: string): string {
  if (given !== undefined) {
    const absolute = path.resolve(cwd, given);
    if (!isDirectory(absolute)) return absolute;
    const inFolder = configIn(absolute);
    if (!inFolder) throw new ConfigError(absolute, '', `expected a config file, found a folder without ${CONFIG_NAMES.join(' or ')}`);
    return inFolder;
  }
  const found = nearestConfig(cwd);
  if (found) return found;
  const top = gitRoot(cwd);
  throw new ConfigError(
    path.join(cwd, CONFIG_NAMES[0]!),
    '',
    `no such file: no ${CONFIG_NAMES.join(' or ')} in ${cwd}${top && top !== cwd ? ` or any folder above it up to the repository root ${top}` : top ? '' : ' or any folder above it'} (pass --config <file>)`,
  );
}

/** The nearest config in `cwd` or a folder above it, up to the repository root; `undefined` when none. */
export function nearestConfig(cwd: string): string | undefined {
  const top = gitRoot(cwd);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const found = configIn(dir);
    if (found) return found;
    if (dir === top || path.dirname(dir) === dir || (top !== undefined && realpath(dir) === top)) return undefined;
  }
}

/** The config in `dir`, if it holds one; both names in one folder is an error (which one is meant?). */
function configIn(dir: string): string | undefined {
  const present = CONFIG_NAMES.map((name) => path.join(dir, name)).filter((file) => fs.existsSync(file));
  if (present.length > 1) {
    throw new ConfigError(present[0]!, '', `expected one config in ${dir}, found ${present.map((f) => path.basename(f)).join(' and ')}; keep one`);
  }
  return present[0];
}

function realpath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
