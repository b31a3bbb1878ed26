/** File-extension facts shared by resolution, spelling and file discovery. */
import * as path from 'node:path';

/** Extensions canonize reads as source, longest first so `.d.ts` wins over `.ts`. */
const SOURCE_EXTENSIONS = ['.d.mts', '.d.cts', '.d.ts', '.tsx', '.mts', '.cts', '.ts', '.jsx', '.mjs', '.cjs', '.js', '.json'];

/** The source extension `file` ends with (`.d.ts` counts as one), or `undefined`. */
export function sourceExtensionOf(file: string): string | undefined {
  return SOURCE_EXTENSIONS.find((ext) => file.endsWith(ext));
}

/** `a/b.tsx` => `a/b`; leaves other names alone. */
export function dropSourceExtension(file: string): string {
  const ext = sourceExtensionOf(file);
  return ext === undefined ? file : file.slice(0, -ext.length);
}

/** `index.ts`, `index.d.ts`, `index.js`, ...: a file a directory specifier can resolve to. */
export function isIndexFile(file: string): boolean {
  return dropSourceExtension(path.basename(file)) === 'index';
}

/** The extension a NodeNext-style specifier uses for `file`: `.ts`/`.tsx` => `.js`, `.mts` => `.mjs`, ... */
export function jsExtensionFor(file: string): string {
  const ext = sourceExtensionOf(file) ?? '';
  if (ext.endsWith('mts') || ext === '.mjs') return '.mjs';
  if (ext.endsWith('cts') || ext === '.cjs') return '.cjs';
  if (ext === '.json') return '.json';
  return '.js';
}
