/**
 * The config's globs that must each match a file, and the scan that checks them. A glob that matches nothing
 * (a typo in `include`, a folder since renamed) would make a run read nothing and pass; it is a config error
 * naming the entry instead. The files are listed on the reading thread, so the check happens there, once
 * the listing is known and before any file is handed over for planning.
 */
import { ConfigError, ConfigErrors } from '../errors';
import { UnmatchedGlobs, type Scan } from '../files/scan';
import type { Migration } from '../transform';
import type { CanonizeConfig } from './load';

/** A glob of the config with its config path, e.g. `include[1]` or `issues[0].migrations[0].options.files[2]`. */
export interface ConfigGlob {
  pattern: string;
  at: string;
}

/** `include` (unless it is the default), `exclude`, and the globs the prepared migrations name. */
export function configGlobs(config: CanonizeConfig, steps: Array<{ migration: Migration; prepared: unknown }> = []): ConfigGlob[] {
  return [
    ...(config.includeGiven ? config.include.map((pattern, i) => ({ pattern, at: `include[${i}]` })) : []),
    ...config.exclude.map((pattern, i) => ({ pattern, at: `exclude[${i}]` })),
    ...steps.flatMap((step) => step.migration.globs?.(step.prepared) ?? []),
  ];
}

/**
 * `scan`, whose `candidates` also checks `globs` against the listed files: it throws `ConfigErrors` naming
 * every entry that matches none, before handing over any file.
 */
export function checkingGlobs(scan: Scan, globs: ConfigGlob[], config: Pick<CanonizeConfig, 'file' | 'rootDir'>): Scan {
  if (globs.length === 0) return scan;
  return {
    ...scan,
    async *candidates(filter, signal, options) {
      try {
        yield* scan.candidates(filter, signal, { ...options, check: globs.map((g) => g.pattern) });
      } catch (error) {
        if (!(error instanceof UnmatchedGlobs)) throw error;
        throw new ConfigErrors(
          error.indexes.map(
            (i) =>
              new ConfigError(
                config.file,
                globs[i]!.at,
                `expected a glob that matches a file, found ${JSON.stringify(globs[i]!.pattern)}, which matches none (globs start in ${config.rootDir}; files git ignores and node_modules are never listed)`,
              ),
          ),
        );
      }
    },
  };
}
