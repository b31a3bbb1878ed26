/**
 * Modules named in a config: a file path (relative to the config) or a bare package name, checked once when
 * the config is prepared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../../src/errors';
import { toPosix } from '../../src/files/paths';
import type { ModuleResolver } from '../../src/resolve/resolver';

export type ModuleName = { kind: 'file'; file: string } | { kind: 'package'; name: string };

const PROBE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'];
const PACKAGE_SPECIFIER = /^(@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*(\/[\w.~@-]+)*$/i;

/** A stable key: the absolute file, or `package:` and the name. */
export function moduleKey(module: ModuleName): string {
  return module.kind === 'file' ? module.file : `package:${module.name}`;
}

/** How a module reads in messages: the file relative to `rootDir`, or the package name. */
export function moduleLabel(module: ModuleName, rootDir: string): string {
  return module.kind === 'file' ? toPosix(path.relative(rootDir, module.file)) : module.name;
}

/**
 * Reads a module named in the config. A path must name an existing file (extensions and `index` files are
 * tried); anything else must be a package specifier. With `mayBeGone` (a move's `from`), a path with its
 * extension whose folder exists is accepted even when the file no longer does.
 * @example parseModuleName({ text: 'src/legacy/engine', rootDir, at }) => { kind: 'file', file: '/repo/src/legacy/engine.ts' }
 * @example parseModuleName({ text: 'old-utils', rootDir, at }) => { kind: 'package', name: 'old-utils' }
 */
export function parseModuleName(args: { text: string; rootDir: string; at: string; configFile: string; mayBeGone?: boolean }): ModuleName {
  const { text, rootDir, at, configFile } = args;
  const absolute = path.resolve(rootDir, text);
  const file = findSourceFile(absolute);
  if (file) return { kind: 'file', file };
  // With deleteUnusedShims, a moved-from file named with its extension may be gone already (a shim an
  // earlier run deleted): the move still stands, so references left to it are still found.
  if (args.mayBeGone && /\.[cm]?[jt]sx?$/.test(text) && fs.existsSync(path.dirname(absolute))) return { kind: 'file', file: absolute };
  const firstSegment = text.split('/')[0] ?? '';
  const looksLikePath =
    text.startsWith('.') || path.isAbsolute(text) || /\.[cm]?[jt]sx?$/.test(text) || fs.existsSync(path.resolve(rootDir, firstSegment));
  if (!looksLikePath && PACKAGE_SPECIFIER.test(text)) return { kind: 'package', name: text };
  throw new ConfigError(
    configFile,
    at,
    `expected an existing file (relative to ${toPosix(rootDir) || '.'}) or a package name, found ${JSON.stringify(text)}: ` +
      `no file ${toPosix(path.relative(rootDir, absolute))} (also tried ${PROBE_EXTENSIONS.join(', ')} and index files)`,
  );
}

/** Checks that a package a move points to can be imported from the config's folder. */
export function assertPackageResolves(args: { name: string; resolver: ModuleResolver; rootDir: string; at: string; configFile: string }): void {
  const probe = path.join(args.rootDir, '__canonize_probe__.ts');
  if (args.resolver.canResolve(args.name, probe)) return;
  throw new ConfigError(
    args.configFile,
    args.at,
    `expected a package that resolves from ${toPosix(args.rootDir)} (installed, or a tsconfig "paths" alias), found ${JSON.stringify(args.name)}, which does not resolve`,
  );
}

function findSourceFile(absolute: string): string | undefined {
  const candidates = [absolute, ...PROBE_EXTENSIONS.map((e) => absolute + e), ...PROBE_EXTENSIONS.map((e) => path.join(absolute, `index${e}`))];
  return candidates.find((c) => {
    try {
      return fs.statSync(c).isFile();
    } catch {
      return false;
    }
  });
}
