/**
 * Runs a migration as a plain jscodeshift transform. jscodeshift passes no config, so the options name the
 * canonize config: `jscodeshift -t transforms/canonical-imports.ts --config canonize.config.json [--issue id]`.
 * Every migration of this transform in the config (or in the one issue) runs, in config order.
 */
import * as path from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { readModuleFromDisk, type Migration } from '../../src/transform';

/** Prepared migrations are kept on jscodeshift's options object, which a worker reuses for every file. */
const PREPARED = Symbol('canonize.prepared');

type Holder = Options & { [PREPARED]?: unknown[] };

export function jscodeshiftAdapter<O, P>(name: string, migration: Migration<O, P>) {
  return function transform(file: FileInfo, _api: API, options: Options): string | undefined {
    const holder = options as Holder;
    holder[PREPARED] ??= prepareFromConfig(name, migration, options);
    let source = file.source;
    let changed = false;
    for (const prepared of holder[PREPARED] as P[]) {
      const outcome = migration.plan({ path: path.resolve(file.path), source }, prepared);
      if (outcome.source !== undefined) {
        source = outcome.source;
        changed = true;
      }
    }
    return changed ? source : undefined;
  };
}

function prepareFromConfig<O, P>(name: string, migration: Migration<O, P>, options: Options): P[] {
  // Loaded here, not at the top: the config reads the transform registry, which loads this module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadConfig } = require('../../src/config/load') as typeof import('../../src/config/load');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ModuleResolver } = require('../../src/resolve/resolver') as typeof import('../../src/resolve/resolver');
  const config = loadConfig(String(options.config ?? 'canonize.config.json'));
  const resolver = new ModuleResolver({ tsconfigs: config.tsconfigs, rootDir: config.rootDir });
  const env = { rootDir: config.rootDir, resolver, configFile: config.file, readModule: readModuleFromDisk };
  return config.issues
    .filter((issue) => options.issue === undefined || issue.id === options.issue)
    .flatMap((issue) => issue.migrations)
    .filter((m) => m.transform === name)
    .map((m) => migration.prepare(m.options as O, env, `${m.at}.options`));
}
