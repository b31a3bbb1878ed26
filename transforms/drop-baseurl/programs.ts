/**
 * The programs whose resolution drop-baseurl must keep: every tsconfig that sets or inherits `baseUrl` and
 * names files of its own, each with its files and two resolvers, one reading the tsconfigs as they are and one
 * reading them as edited. A file in several programs is checked under each.
 */
import * as path from 'node:path';
import { toPosix } from '../../src/files/paths';
import { sourceExtensionOf } from '../../src/resolve/extensions';
import { ModuleResolver } from '../../src/resolve/resolver';
import { readTsconfig } from '../../src/resolve/tsconfig';
import type { TsconfigFacts } from './tsconfigs';

export interface Program {
  /** The tsconfig, absolute. */
  tsconfig: string;
  /** The tsconfig relative to the config's folder, for messages. */
  label: string;
  /** Its source files (absolute), as TypeScript lists them. */
  files: ReadonlySet<string>;
  /** Resolution with the tsconfigs as they are. */
  before: ModuleResolver;
  /** Resolution with the tsconfigs as edited (no baseUrl). */
  after: ModuleResolver;
}

/** Extensions of files whose references canonize reads (JSON files a program lists have none). */
export const PARSED = new Set(['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.d.mts', '.d.cts', '.js', '.jsx', '.mjs', '.cjs']);

/**
 * One program per affected tsconfig that names its own files, or that nothing else extends, or that the run
 * was given: a base only other tsconfigs extend is checked through them.
 */
export function programsOf(args: { affected: TsconfigFacts[]; listed: readonly string[]; rootDir: string; texts: ReadonlyMap<string, string> }): Program[] {
  const { affected, rootDir } = args;
  const extended = new Set(affected.flatMap((c) => c.extends));
  return affected
    .filter((c) => c.ownScope || !extended.has(c.file) || args.listed.includes(c.file))
    .map((c) => {
      const before = new ModuleResolver({ tsconfigs: [c.file], rootDir });
      const files = readTsconfig(c.file, { withFiles: true }).fileNames.map((f) => path.resolve(f)).filter((f) => PARSED.has(sourceExtensionOf(f) ?? ''));
      return { tsconfig: c.file, label: toPosix(path.relative(rootDir, c.file)), files: new Set(files), before, after: before.withTexts(args.texts) };
    });
}
