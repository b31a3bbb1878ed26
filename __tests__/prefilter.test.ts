/**
 * The text pre-filter never hides a violation: on a generated monorepo (the benchmark's generator) and on
 * the bundled example, planning with the filter gives exactly what parsing every file gives.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTree } from '../bench/generate';
import { loadConfig } from '../src/config/load';
import { prepareRun } from '../src/plan/run';
import { selectFiles } from '../src/files/list';
import { mayMatch } from '../src/files/prefilter';
import type { Migration } from '../src/transform';
import type { PreparedCanonicalImports } from '../transforms/canonical-imports';
import { EXAMPLE } from './support/project';

function compare(configFile: string, rewriteConfig?: (moves: unknown[]) => void): { files: number; parsedByFilter: number; violations: number } {
  const config = loadConfig(configFile);
  if (rewriteConfig) rewriteConfig((config.issues[0]!.migrations[0]!.options as { moves: unknown[] }).moves);
  const { prepared } = prepareRun({ config, paths: [], issueIds: [] });
  const { files } = selectFiles({ rootDir: config.rootDir, include: config.include, exclude: config.exclude, gitRoot: undefined, paths: [], skipDirs: [] });
  let parsedByFilter = 0;
  let violations = 0;
  for (const step of prepared.flat().filter((s) => s.transform === 'canonical-imports')) {
    const filtered = step.prepared as PreparedCanonicalImports;
    const migration = step.migration as Migration;
    // An empty needle occurs in every text: every file is parsed and every specifier resolved.
    const everything: PreparedCanonicalImports = { ...filtered, prefilter: { needles: [''] }, specifierFilter: { needles: [''] } };
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      const full = migration.plan({ path: file, source }, everything);
      const fast = migration.plan({ path: file, source }, filtered);
      expect({ file, ...fast }).toEqual({ file, ...full });
      if (mayMatch(source, filtered.prefilter)) parsedByFilter++;
      violations += full.rewrites.length + full.manual.length;
    }
  }
  return { files: files.length, parsedByFilter, violations };
}

it('finds every violation parsing every file would find, on a generated monorepo', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-prefilter-'));
  try {
    const tree = generateTree(root, 2000, 7);
    const result = compare(path.join(root, tree.config));
    expect(result.violations).toBeGreaterThan(10);
    expect(result.parsedByFilter).toBeLessThan(result.files / 4);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

it('finds every violation parsing every file would find, for a move of a module with a common name', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-prefilter-'));
  try {
    const tree = generateTree(root, 2000, 7);
    const result = compare(path.join(root, tree.commonNameConfig));
    // Every import of the moved module is found, and the files that only mention the name pass the filter too.
    expect(result.violations).toBe(tree.metrics.affected);
    expect(result.parsedByFilter).toBeGreaterThanOrEqual(tree.metrics.mention);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

it('finds every violation parsing every file would find, on the bundled example, for a move of every module', () => {
  const config = path.join(EXAMPLE, 'canonize.config.json');
  const modules = ['src/models/job.ts', 'src/lib/index.ts', 'src/lib/logger.ts', 'src/agents/index.ts', 'src/models/index.ts', 'packages/utils/src/strings.ts'];
  for (const from of modules) {
    const result = compare(config, (moves) => moves.splice(0, moves.length, { from, to: 'src/main.ts' }));
    expect(result.violations).toBeGreaterThan(0);
  }
});
