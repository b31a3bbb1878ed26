/**
 * The house's layering, held by a test rather than by habit: the core (`src/`) never imports from
 * `transforms/` or `bin/`, and transforms never import from `bin/`. TypeScript's own pre-processor lists each
 * file's imports, so comments and strings that merely mention a path do not count.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Imports of `file` that land in one of `forbidden` (folders relative to the repository root). */
function crossings(file: string, forbidden: string[]): string[] {
  const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .filter((spec) => {
      const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
      return forbidden.some((dir) => target === dir || target.startsWith(`${dir}${path.sep}`));
    })
    .map((spec) => `${file} imports ${spec}`);
}

describe('layering', () => {
  it('the core imports neither transforms nor the CLI', () => {
    expect(sourceFiles('src').flatMap((f) => crossings(f, ['transforms', 'bin']))).toEqual([]);
  });

  it('transforms do not import the CLI', () => {
    expect(sourceFiles('transforms').flatMap((f) => crossings(f, ['bin']))).toEqual([]);
  });
});
