/**
 * The one list of transforms: a built-in transform's name is its file name under `transforms/`, or its
 * folder's name when the transform is a folder of modules with an `index`. The CLI, config validation, the
 * schema and `--help` all read this list. A migration may also name a user's jscodeshift transform module
 * (see src/custom/): {@link migrationFor} gives either kind to the runner.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Migration } from './transform';

/** `transforms/` beside `src/`, in the sources (`.ts`, under jest) and in `dist/` (`.js`). */
const TRANSFORMS_DIR = path.join(__dirname, '..', 'transforms');

/** Names of all built-in transforms, sorted. */
export function transformNames(): string[] {
  const names = fs
    .readdirSync(TRANSFORMS_DIR, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isDirectory()) return ['index.ts', 'index.js'].some((f) => fs.existsSync(path.join(TRANSFORMS_DIR, entry.name, f))) ? [entry.name] : [];
      return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [entry.name.replace(/\.(ts|js)$/, '')] : [];
    });
  return [...new Set(names)].sort();
}

/** The planning core of the built-in transform `name`; `undefined` when there is no such transform. */
export function loadMigration(name: string): Migration | undefined {
  if (!transformNames().includes(name)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(TRANSFORMS_DIR, name)) as { migration?: Migration };
  return module.migration;
}

/**
 * The migration a config entry names: a built-in transform by name, or, when the config resolved a module
 * for it (`module`, absolute), that jscodeshift transform. The module itself is loaded by `prepare`.
 */
export function migrationFor(entry: { transform: string; module?: string }): Migration {
  if (entry.module === undefined) return loadMigration(entry.transform)!;
  // Loaded here, not at the top: runs without custom transforms never load jscodeshift.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { customMigration } = require('./custom/migration') as typeof import('./custom/migration');
  return customMigration(entry.transform, entry.module) as Migration;
}
