/**
 * Review at scale: `--split-by codeowners|dir`, `--diff`, `--json` and the progress bar, end to end in a
 * real git repository holding the bundled example and a CODEOWNERS file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, canonizeWithEnv, EXAMPLE, git, makeRepo, removeRepo, snapshot, writeFiles } from './support/project';

const CONFIG = 'acme-agents/canonize.config.json';
const ISSUES = ['import-fragmentation', 'old-utils', 'one-spelling', 'queue-consolidation', 'clickhouse-clients'];
const CODEOWNERS = ['# GitHub semantics: the last matching rule wins', '*                        @acme/platform', '/acme-agents/src/agents/  @acme/agents', '/acme-agents/src/api/     @acme/api @alice', ''].join('\n');

let root: string;
beforeEach(() => {
  ({ root } = makeRepo({ source: EXAMPLE }));
  writeFiles(root, { '.github/CODEOWNERS': CODEOWNERS });
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'owners');
});
afterEach(() => removeRepo(root));

const outFiles = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((f) => f !== '.gitignore').sort();
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Applies `patches` (paths relative to root) to a clean checkout and returns the tree. */
function applyOnClean(patches: string[]): Record<string, string> {
  git(root, 'checkout', '-q', '--', '.');
  for (const p of patches) git(root, 'apply', path.join(root, p));
  const tree = snapshot(root);
  git(root, 'checkout', '-q', '--', '.');
  return tree;
}

it('--split-by codeowners: one patch and summary per owner set; each part applies alone; together they equal the unsplit patch', () => {
  const split = canonize(root, 'run', '--config', CONFIG, '--split-by', 'codeowners', '--out', 'split');
  expect(split.stderr).toBe('');
  expect(split.status).toBe(0);
  expect(canonize(root, 'run', '--config', CONFIG, '--out', 'whole').status).toBe(0);
  const files = outFiles('split');
  expect(files.filter((f) => f.endsWith('.patch'))).toEqual([
    'clickhouse-clients.acme-platform.patch',
    'import-fragmentation.acme-agents.patch',
    'import-fragmentation.acme-api+alice.patch',
    'import-fragmentation.acme-platform.patch',
    'old-utils.acme-api+alice.patch',
    'old-utils.acme-platform.patch',
    'one-spelling.acme-agents.patch',
    'one-spelling.acme-api+alice.patch',
    'one-spelling.acme-platform.patch',
    'queue-consolidation.acme-platform.patch',
  ]);
  expect(files).not.toContain('import-fragmentation.patch');

  // Each part of the first issue applies alone on a clean checkout, in any order.
  const firstParts = files.filter((f) => f.startsWith('import-fragmentation.') && f.endsWith('.patch'));
  for (const part of firstParts) applyOnClean([`split/${part}`]);
  const forward = applyOnClean(firstParts.map((p) => `split/${p}`));
  const backward = applyOnClean([...firstParts].reverse().map((p) => `split/${p}`));
  expect(backward).toEqual(forward);
  expect(forward).toEqual(applyOnClean(['whole/import-fragmentation.patch']));

  // All parts, issue by issue in config order, equal all unsplit patches.
  const allParts = ISSUES.flatMap((id) => files.filter((f) => f.startsWith(`${id}.`) && f.endsWith('.patch')).map((f) => `split/${f}`));
  expect(applyOnClean(allParts)).toEqual(applyOnClean(ISSUES.map((id) => `whole/${id}.patch`)));

  // Summaries name the owners, so they can request review; later issues say which part to apply first.
  expect(read('split/import-fragmentation.acme-api+alice.md')).toContain('**Owners:** @acme/api @alice: please review the files you own.');
  expect(read('split/import-fragmentation.acme-agents.md')).toContain('# Import fragmentation: stop importing the deprecated engine shim (@acme/agents)');
  expect(read('split/old-utils.acme-api+alice.md')).toContain('it applies on top of `import-fragmentation.acme-api+alice.patch`');
  expect(read('split/old-utils.acme-api+alice.md')).toContain('git apply split/import-fragmentation.acme-api+alice.patch && git apply split/old-utils.acme-api+alice.patch');
});

it('--split-by dir:3 splits by the first three folders', () => {
  const result = canonize(root, 'run', '--config', CONFIG, '--split-by', 'dir:3', '--out', 'split');
  expect(result.status).toBe(0);
  const patches = outFiles('split').filter((f) => f.startsWith('old-utils.'));
  expect(patches).toEqual(['old-utils.acme-agents-src-api.md', 'old-utils.acme-agents-src-api.patch', 'old-utils.acme-agents-src-lib.md', 'old-utils.acme-agents-src-lib.patch', 'old-utils.acme-agents-src-models.md', 'old-utils.acme-agents-src-models.patch']);
  expect(read('split/old-utils.acme-agents-src-lib.patch')).toMatch(/^diff --git a\/acme-agents\/src\/lib\/logger.ts/);
});

it.each([
  [['--split-by', 'owners'], /--split-by: expected codeowners, dir or dir:<depth>, found "owners"/],
  [['--split-by', 'dir:0'], /the depth must be 1 or more/],
])('exits 2 for a bad --split-by: %j', (args, message) => {
  const result = canonize(root, 'run', '--config', CONFIG, ...args);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
});

it('--split-by codeowners without a CODEOWNERS file exits 2', () => {
  fs.rmSync(path.join(root, '.github'), { recursive: true });
  const result = canonize(root, 'run', '--config', CONFIG, '--split-by', 'codeowners');
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('no CODEOWNERS file in .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS');
});

it('--diff prints the patches plain when piped, coloured when colours are forced', () => {
  const plain = canonize(root, 'run', '--config', CONFIG, '--diff');
  expect(plain.status).toBe(0);
  expect(plain.stdout).toContain("\n-import { ExecutionEngine } from '@/legacy/engine';\n");
  expect(plain.stdout).toContain('# old-utils\ndiff --git a/acme-agents/src/api/routes.ts');
  expect(plain.stdout).not.toMatch(/\u001b\[/);
  const coloured = canonizeWithEnv(root, { FORCE_COLOR: '1', NO_COLOR: undefined }, 'run', '--config', CONFIG, '--diff');
  expect(coloured.stdout).toMatch(/\u001b\[31m-import \{ ExecutionEngine \} from '@\/legacy\/engine';\u001b\[39m/);
});

it('--json prints the whole run as one JSON object, and nothing else', () => {
  const result = canonize(root, 'run', '--config', CONFIG, '--json', '--split-by', 'codeowners');
  expect(result.status).toBe(0);
  const doc = JSON.parse(result.stdout);
  expect(doc).toMatchObject({ version: 1, outDir: 'acme-agents/canonize-out', wrote: false, filesRead: 41, skipped: [], failures: [] });
  expect(doc.issues.map((i: { id: string }) => i.id)).toEqual(ISSUES);
  const first = doc.issues[0];
  expect(first).toMatchObject({ references: 15, violationsBefore: 16, violationsAfter: 1, appliesAfter: [] });
  expect(first.rewrites[0]).toEqual({
    path: 'acme-agents/src/__tests__/planner.test.ts',
    line: 2,
    column: 30,
    kind: 'import',
    from: '../legacy/engine',
    to: '../agents/execution-engine',
    target: 'src/agents/execution-engine.ts',
    transform: 'canonical-imports',
  });
  expect(first.parts.find((p: { key: string }) => p.key === 'acme-api+alice')).toEqual({
    key: 'acme-api+alice',
    label: '@acme/api @alice',
    owners: ['@acme/api', '@alice'],
    files: ['acme-agents/src/api/handlers.ts', 'acme-agents/src/api/routes.ts', 'acme-agents/src/api/types.ts'],
    patch: 'import-fragmentation.acme-api+alice.patch',
    summary: 'import-fragmentation.acme-api+alice.md',
  });
});

it('shows no progress bar when stderr is not a terminal', () => {
  const result = canonize(root, 'run', '--config', CONFIG);
  expect(result.stderr).toBe('');
});
