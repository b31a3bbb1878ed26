/**
 * Public entry points: modules that re-export on purpose, so discover never proposes them as shims to
 * retire. An entry point is
 * - an index file that files outside its folder import by the folder's name (`'@ghostfolio/ui/value'` for
 *   `libs/ui/src/lib/value/index.ts`): the folder's public API;
 * - a module a manifest names: tsconfig `paths`, package.json `main`/`exports`/`types`/..., jest's
 *   `moduleNameMapper`, an Nx library's `src/index.ts`, an Angular library's entry file.
 */
import * as path from 'node:path';
import { isInside, toPosix } from '../files/paths';
import { dropSourceExtension, isIndexFile } from '../resolve/extensions';
import type { NamedEntry } from '../resolve/manifests';
import type { ImportGraph } from './scan';

const NAMES_INDEX = /(^|\/)index(\.\w+)?$/;

export interface EntryPoints {
  /** Why `file` (absolute) is a public entry point, or `undefined` when it is not one. */
  why(file: string): string | undefined;
}

export function entryPoints(args: { graph: ImportGraph; rootDir: string; named: NamedEntry[] }): EntryPoints {
  const named = new Map<string, string>();
  for (const entry of args.named) {
    const stem = dropSourceExtension(entry.path);
    for (const key of [stem, path.join(entry.path, 'index')]) if (!named.has(key)) named.set(key, entry.why);
  }
  return {
    why(file) {
      const manifest = named.get(dropSourceExtension(file));
      if (manifest) return manifest;
      if (!isIndexFile(file)) return undefined;
      const folder = path.dirname(file);
      const outside = (args.graph.importers.get(file) ?? []).find((r) => !NAMES_INDEX.test(r.specifier) && !isInside(folder, r.from));
      return outside ? `the public API of \`${toPosix(path.relative(args.rootDir, folder))}/\`: imported by its folder's name ('${outside.specifier}') from outside it` : undefined;
    },
  };
}
