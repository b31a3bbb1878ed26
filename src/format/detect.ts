/**
 * Which formatter a project uses: its config files (from the config's folder up to the repository root) and
 * its own installation (a `node_modules` at or above the config's folder). canonize never bundles a
 * formatter; it only runs the one the project installed, with the project's config.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../files/paths';

export const FORMATTERS = ['prettier', 'biome', 'dprint'] as const;
export type FormatterName = (typeof FORMATTERS)[number];

/** `--formatter`: one formatter by name, or `auto` for the one the project uses. */
export type FormatterChoice = FormatterName | 'auto';

const CONFIG_FILES: Record<FormatterName, string[]> = {
  prettier: [
    '.prettierrc',
    '.prettierrc.json',
    '.prettierrc.json5',
    '.prettierrc.yaml',
    '.prettierrc.yml',
    '.prettierrc.toml',
    '.prettierrc.js',
    '.prettierrc.cjs',
    '.prettierrc.mjs',
    '.prettierrc.ts',
    '.prettierrc.cts',
    '.prettierrc.mts',
    'prettier.config.js',
    'prettier.config.cjs',
    'prettier.config.mjs',
    'prettier.config.ts',
    'prettier.config.cts',
    'prettier.config.mts',
  ],
  biome: ['biome.json', 'biome.jsonc'],
  dprint: ['dprint.json', '.dprint.json', 'dprint.jsonc', '.dprint.jsonc'],
};

/** The npm package that holds each formatter (its own API or CLI is used from there). */
export const PACKAGES: Record<FormatterName, string> = { prettier: 'prettier', biome: '@biomejs/biome', dprint: 'dprint' };

export interface FormatterConfig {
  name: FormatterName;
  /** Absolute; for prettier possibly a package.json with a "prettier" key. */
  file: string;
}

export interface Installation {
  name: FormatterName;
  /** The package's folder, absolute. */
  dir: string;
  version: string;
}

/** Formatter configs from `rootDir` up to `stopAt` (the repository root), nearest first. */
export function findFormatterConfigs(rootDir: string, stopAt: string = rootDir): FormatterConfig[] {
  const found: FormatterConfig[] = [];
  for (let dir = rootDir; ; dir = path.dirname(dir)) {
    for (const name of FORMATTERS) {
      if (found.some((f) => f.name === name)) continue;
      const file = CONFIG_FILES[name].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
      if (file) found.push({ name, file });
      else if (name === 'prettier' && hasPackageKey(path.join(dir, 'package.json'), 'prettier')) found.push({ name, file: path.join(dir, 'package.json') });
    }
    if (dir === stopAt || !isInside(stopAt, dir) || path.dirname(dir) === dir) return found;
  }
}

/** The formatter's package as installed for `rootDir` (the nearest node_modules that has it), or `undefined`. */
export function findInstallation(name: FormatterName, rootDir: string): Installation | undefined {
  for (let dir = rootDir; ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', PACKAGES[name]);
    const pkg = readJson(path.join(pkgDir, 'package.json')) as { version?: string } | undefined;
    if (pkg?.version) return { name, dir: pkgDir, version: pkg.version };
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The formatter `auto` picks: among configs whose formatter is installed, the one the project's scripts run
 * (package.json `scripts` that mention it), else the nearest config. `undefined` when there is none.
 */
export function pickFormatter(configs: FormatterConfig[], rootDir: string, stopAt: string = rootDir): FormatterConfig | undefined {
  const installed = configs.filter((c) => findInstallation(c.name, rootDir) !== undefined);
  const scripts = scriptsText(rootDir, stopAt);
  const command: Record<FormatterName, RegExp> = { prettier: /\bprettier\b/, biome: /\bbiome\s+(format|check|ci)\b/, dprint: /\bdprint\s+(fmt|check)\b/ };
  return installed.find((c) => command[c.name].test(scripts)) ?? installed[0];
}

/** Every package.json `scripts` value from `rootDir` up to `stopAt`, one string. */
function scriptsText(rootDir: string, stopAt: string): string {
  const parts: string[] = [];
  for (let dir = rootDir; ; dir = path.dirname(dir)) {
    const pkg = readJson(path.join(dir, 'package.json')) as { scripts?: Record<string, string> } | undefined;
    parts.push(...Object.values(pkg?.scripts ?? {}));
    if (dir === stopAt || !isInside(stopAt, dir) || path.dirname(dir) === dir) return parts.join('\n');
  }
}

function hasPackageKey(file: string, key: string): boolean {
  const pkg = readJson(file) as Record<string, unknown> | undefined;
  return pkg !== undefined && pkg[key] !== undefined;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
