/**
 * `--formatter <auto|prettier|biome|dprint>` to a formatter, or a clear refusal before anything is planned;
 * without the flag, what the summary says about the project's formatter.
 */
import { UsageError } from '../errors';
import { relativeTo } from '../files/paths';
import { findFormatterConfigs, findInstallation, pickFormatter, PACKAGES, type FormatterChoice, type FormatterName } from './detect';
import { makeFormatter, type Formatter } from './formatter';

/** What the run says about formatting when `--formatter` was not given: the config it found, if any. */
export interface FormatterHint {
  name: FormatterName;
  /** Repository-relative. */
  config: string;
  installed: boolean;
}

/**
 * The formatter to run. `auto` picks the one the project uses (`undefined` when it has none); a formatter
 * named explicitly must be installed in the project, else a `UsageError` says how to install it.
 */
export function chooseFormatter(choice: FormatterChoice, args: { rootDir: string; repoRoot: string }): { formatter: Formatter; config: string | undefined } | undefined {
  const configs = findFormatterConfigs(args.rootDir, args.repoRoot);
  const picked = choice === 'auto' ? pickFormatter(configs, args.rootDir, args.repoRoot) : { name: choice, file: configs.find((c) => c.name === choice)?.file };
  if (!picked) return undefined;
  const install = findInstallation(picked.name, args.rootDir);
  if (!install) {
    throw new UsageError(
      `--formatter ${choice}: ${picked.name} is not installed in this project (no node_modules/${PACKAGES[picked.name]} at or above ${args.rootDir}); install it (npm i -D ${PACKAGES[picked.name]}) or leave --formatter out. canonize runs the project's own formatter and bundles none`,
    );
  }
  const config = picked.file === undefined ? undefined : relativeTo(args.repoRoot, picked.file);
  return { formatter: makeFormatter(install, { config: picked.file, rootDir: args.rootDir }), config };
}

/** The formatter config the project has (the one `auto` would pick, else the nearest), for the summary. */
export function formatterHint(args: { rootDir: string; repoRoot: string }): FormatterHint | undefined {
  const configs = findFormatterConfigs(args.rootDir, args.repoRoot);
  const picked = pickFormatter(configs, args.rootDir, args.repoRoot) ?? configs[0];
  if (!picked) return undefined;
  return { name: picked.name, config: relativeTo(args.repoRoot, picked.file), installed: findInstallation(picked.name, args.rootDir) !== undefined };
}

/** What a run did about formatting, for the summary, the terminal and --json. */
export type Formatting =
  | { kind: 'formatted'; report: import('./changes').FormatReport }
  /** `--formatter auto` and the project has no formatter config with its formatter installed. */
  | { kind: 'none-found' }
  /** No `--formatter`: the config the project has, so the summary can say to run it. */
  | { kind: 'hint'; hint: FormatterHint };
