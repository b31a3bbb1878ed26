/**
 * Where a custom transform lives. A migration's `transform` is either a built-in transform's name or one of:
 * - a path starting with `./`, `../` or `/`, relative to the config's folder (`./codemods/rename-logger.js`);
 * - a package subpath, resolved as Node resolves it from the config's folder, the package's `exports`
 *   included (`@scope/codemods/transforms/x`, `react-codemod/transforms/rename-unsafe-lifecycles`).
 * The module is a jscodeshift transform written in JavaScript or TypeScript.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The module kinds a custom transform may be written as (TypeScript is compiled as jscodeshift compiles it). */
export const TRANSFORM_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts'];

/** Whether `spec` names a module rather than a built-in transform: a path, or a package subpath (`pkg/x`, `@scope/pkg/x`). */
export function isCustomTransform(spec: string): boolean {
  return isPathSpec(spec) || /^(@[^/\s]+\/)?[^@./\s][^/\s]*\/.+/.test(spec);
}

function isPathSpec(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || path.isAbsolute(spec);
}

/**
 * The absolute file of the custom transform `spec`, or why there is none (a sentence for a `ConfigError`).
 * A path without an extension is tried with each of {@link TRANSFORM_EXTENSIONS}, as `require` would.
 */
export function resolveTransform(spec: string, fromDir: string): { file: string } | { problem: string } {
  let file: string | undefined;
  if (isPathSpec(spec)) {
    const base = path.resolve(fromDir, spec);
    file = [base, ...TRANSFORM_EXTENSIONS.map((e) => base + e)].find((f) => isFile(f));
    if (!file) return { problem: `no such file: ${base}` };
  } else {
    try {
      file = require.resolve(spec, { paths: [fromDir] });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { problem: code === 'MODULE_NOT_FOUND' ? `no package provides it from ${fromDir} (is the package installed?)` : (error as Error).message.split('\n')[0]! };
    }
  }
  const extension = path.extname(file);
  if (!TRANSFORM_EXTENSIONS.includes(extension)) {
    return { problem: `${file} is not a JavaScript or TypeScript module; expected one of ${TRANSFORM_EXTENSIONS.join(', ')}` };
  }
  return { file };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
