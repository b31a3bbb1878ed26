/**
 * Modules that project manifests name by path: package.json entry points, tsconfig `paths` targets, jest
 * `moduleNameMapper` targets, an Nx library's public API and an Angular library's entry file. Such a module
 * is a public entry point: code outside the project may reach it without an import canonize can see, so it
 * is never proposed for retirement (discover) nor deleted (run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { jestMappers } from '../discover/jest';
import { dropSourceExtension } from './extensions';

/** The manifest file names this module reads, as globs for `gitFilesNamed`. */
export const MANIFEST_NAMES = ['package.json', 'tsconfig*.json', 'jest.config.json', 'project.json', 'ng-package.json'];

export interface NamedEntry {
  /** Absolute, as the manifest names it: possibly without an extension, or a folder (its index). */
  path: string;
  /** Where it is named, for a reader: "named by `libs/ui/package.json` \"main\"". */
  why: string;
}

/** Every module path the given manifests (repository-relative) name, with where. */
export function manifestEntries(repoRoot: string, manifests: string[]): NamedEntry[] {
  const out: NamedEntry[] = [];
  for (const rel of manifests) {
    const base = path.posix.basename(rel);
    const absolute = path.join(repoRoot, rel);
    const dir = path.dirname(absolute);
    if (base === 'package.json') {
      const pkg = readJson(absolute) as Record<string, unknown> | undefined;
      for (const field of ['main', 'module', 'types', 'typings', 'browser', 'exports', 'bin']) {
        for (const value of strings(pkg?.[field])) out.push({ path: path.resolve(dir, value), why: `named by \`${rel}\` "${field}"` });
      }
    }
    if (base === 'package.json' || base === 'jest.config.json') {
      for (const mapper of jestMappers(dir)) {
        if (mapper.target !== undefined) out.push({ path: mapper.target, why: `named by the jest moduleNameMapper "${mapper.pattern}" in \`${rel}\`` });
      }
    }
    if (/^tsconfig.*\.json$/.test(base)) {
      const config = readJson(absolute) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, unknown> } } | undefined;
      const root = path.resolve(dir, config?.compilerOptions?.baseUrl ?? '.');
      for (const [alias, targets] of Object.entries(config?.compilerOptions?.paths ?? {})) {
        for (const target of strings(targets)) {
          if (!target.includes('*')) out.push({ path: path.resolve(root, target), why: `the target of the paths alias "${alias}" in \`${rel}\`` });
        }
      }
    }
    if (base === 'project.json') {
      // Nx: a library's public API is `<sourceRoot>/index.ts`; sourceRoot is relative to the workspace.
      const project = readJson(absolute) as { name?: string; projectType?: string; sourceRoot?: string } | undefined;
      if (project?.projectType === 'library') {
        const sourceRoot = project.sourceRoot ? path.resolve(repoRoot, project.sourceRoot) : path.join(dir, 'src');
        out.push({ path: path.join(sourceRoot, 'index'), why: `the public API of the Nx library ${JSON.stringify(project.name ?? path.basename(dir))} (\`${rel}\`)` });
      }
    }
    if (base === 'ng-package.json') {
      const ng = readJson(absolute) as { lib?: { entryFile?: string } } | undefined;
      out.push({ path: path.resolve(dir, ng?.lib?.entryFile ?? 'src/public-api.ts'), why: `the entry file of the Angular library in \`${rel}\`` });
    }
  }
  return out;
}

/**
 * A lookup from a named path to the one of `files` it names: the same file with or without its extension, or
 * a folder's index file.
 */
export function namedFileLookup(files: Iterable<string>): (named: string) => string | undefined {
  const byStem = new Map<string, string>();
  for (const file of files) byStem.set(dropSourceExtension(file), file);
  return (named) => byStem.get(dropSourceExtension(named)) ?? byStem.get(path.join(named, 'index'));
}

function readJson(file: string): unknown {
  try {
    return parseJsonc(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every string in a JSON value (exports maps nest conditions). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
