/**
 * The one list of transforms: a transform's name is its file name under `transforms/`. The CLI, config
 * validation, the schema and `--help` all read this list.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Migration } from './transform';

/** `transforms/` beside `src/`, in the sources (`.ts`, under jest) and in `dist/` (`.js`). */
const TRANSFORMS_DIR = path.join(__dirname, '..', 'transforms');

/** Names of all transforms, sorted. */
export function transformNames(): string[] {
  return fs
    .readdirSync(TRANSFORMS_DIR)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort();
}

/** The planning core of the transform `name`; `undefined` when there is no such transform. */
export function loadMigration(name: string): Migration | undefined {
  if (!transformNames().includes(name)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(TRANSFORMS_DIR, name)) as { migration?: Migration };
  return module.migration;
}
