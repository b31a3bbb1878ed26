/**
 * `canonize run --formatter`: the changed files go through the project's own formatter (prettier and biome
 * installed in the test project's node_modules, linked from canonize's dev dependencies), and the patches and
 * `--write` hold the formatted result. Files that were not formatted before, that the formatter ignores, or
 * on which it fails are left as rewritten and reported. Without the flag, the summary names the config.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, snapshot, typecheck } from './support/project';

let root: string;
afterEach(() => removeRepo(root));

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', paths: { '@/*': ['./src/*'] } }, include: ['src'] });
const FORMAT = 'export const formatPrice = (n: number): string => n.toFixed(2);\nexport const formatTotal = (n: number): string => n.toFixed(0);\n';

/** Runs a formatter's own CLI from the project's node_modules, as the project's CI would. */
function tool(cwd: string, bin: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(cwd, 'node_modules', bin), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Applies each patch in order to a clean checkout of HEAD and returns the resulting tree. */
function applied(patches: string[]): Record<string, string> {
  const copy = fs.mkdtempSync(path.join(path.dirname(root), 'canonize-apply-'));
  try {
    git(path.dirname(copy), 'clone', '-q', root, copy);
    for (const patch of patches) git(copy, 'apply', patch);
    return snapshot(copy);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

describe('with prettier', () => {
  const files: Record<string, string> = {
    '.gitignore': 'node_modules\ncanonize-out\n',
    'tsconfig.json': TSCONFIG,
    // One file gets a parser that cannot read TypeScript: prettier fails on it.
    '.prettierrc': JSON.stringify({ printWidth: 80, singleQuote: true, overrides: [{ files: 'src/broken.ts', options: { parser: 'json' } }] }),
    '.prettierignore': 'src/ignored.ts\n',
    'src/shared/format.ts': FORMAT,
    'src/shared/labels.ts': "export const label = 'total';\n",
    'src/lib/money/format-currency-for-display.ts': FORMAT,
    'src/lib/text/labels-for-the-order-list-screen.ts': "export const label = 'total';\n",
    // Formatted; after both moves its imports pass the print width and prettier wraps them.
    'src/features/orders/order-list.ts':
      "import { formatPrice, formatTotal } from '../../shared/format';\nimport { label } from '../../shared/labels';\n\nexport const list = [label, formatPrice(1), formatTotal(2)];\n",
    // Not formatted before the run (double quotes, no semicolon): only its specifier changes.
    'src/unformatted.ts': 'import { formatPrice } from "./shared/format";\nexport const x = formatPrice(1)\n',
    'src/ignored.ts': "import { formatPrice } from './shared/format';\n\nexport const y = formatPrice(1);\n",
    'src/broken.ts': "import { formatPrice } from './shared/format';\n\nexport const z = formatPrice(1);\n",
    'canonize.config.json': JSON.stringify({
      issues: [
        { id: 'money', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/shared/format.ts', to: 'src/lib/money/format-currency-for-display.ts' }] } }] },
        { id: 'labels', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/shared/labels.ts', to: 'src/lib/text/labels-for-the-order-list-screen.ts' }] } }] },
      ],
    }),
  };

  beforeEach(() => {
    ({ root } = makeRepo({ subdir: '.', files }));
  });

  it('formats the changed files with the project prettier and config; patches in order equal --write; check failures do not grow', () => {
    const checkBefore = tool(root, 'prettier/bin/prettier.cjs', '--check', 'src');
    expect(checkBefore.output).toMatch(/src\/broken\.ts/);
    expect(checkBefore.output).toMatch(/src\/unformatted\.ts/);

    const dry = canonize(root, 'run', '--formatter', 'auto');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('formatter: prettier 3.');
    expect(dry.stdout).toMatch(/\(\.prettierrc\): 1 file formatted further, 0 already formatted; 1 file not formatted before the run, left as rewritten; 1 ignored by its config; 1 failed/);

    const money = fs.readFileSync(path.join(root, 'canonize-out', 'money.patch'), 'utf8');
    expect(money).toContain("+import {\n+  formatPrice,\n+  formatTotal,\n+} from '../../lib/money/format-currency-for-display';\n");
    // The second issue's patch starts from the first issue's formatted text.
    const labels = fs.readFileSync(path.join(root, 'canonize-out', 'labels.patch'), 'utf8');
    expect(labels).toContain("-import { label } from '../../shared/labels';\n+import { label } from '../../lib/text/labels-for-the-order-list-screen';\n");
    // Left as rewritten: the unformatted file keeps its double quotes and missing semicolon.
    expect(money).toContain('-import { formatPrice } from "./shared/format";\n+import { formatPrice } from "./lib/money/format-currency-for-display";\n export const x = formatPrice(1)\n');

    const summary = fs.readFileSync(path.join(root, 'canonize-out', 'money.md'), 'utf8');
    expect(summary).toContain("## Formatting\n\nThe changed files went through the project's prettier 3.");
    expect(summary).toContain('- Not formatted before this run, so left as rewritten (formatting them would add unrelated lines): `src/unformatted.ts`.');
    expect(summary).toContain('- `src/ignored.ts`: ignored by .prettierignore; left as rewritten.');
    expect(summary).toMatch(/- `src\/broken\.ts`: the formatter failed \(prettier: .*\); the unformatted rewrite stays\./);
    expect(summary).toContain('--issue money --formatter auto --write');

    const patches = ['money', 'labels'].map((id) => path.join(root, 'canonize-out', `${id}.patch`));
    const fromPatches = applied(patches);
    const write = canonize(root, 'run', '--formatter', 'auto', '--write');
    expect(write.status).toBe(0);
    expect(snapshot(root)).toEqual(fromPatches);
    expect(fs.readFileSync(path.join(root, 'src/features/orders/order-list.ts'), 'utf8')).toBe(
      "import {\n  formatPrice,\n  formatTotal,\n} from '../../lib/money/format-currency-for-display';\nimport { label } from '../../lib/text/labels-for-the-order-list-screen';\n\nexport const list = [label, formatPrice(1), formatTotal(2)];\n",
    );
    const checkAfter = tool(root, 'prettier/bin/prettier.cjs', '--check', 'src');
    const failing = (output: string) => output.split('\n').filter((l) => /^\[(warn|error)\] src\/\S+\.ts/.test(l)).map((l) => l.replace(/^\[\w+\] (src\/\S+\.ts).*$/, '$1'));
    expect([...new Set(failing(checkAfter.output))].sort()).toEqual([...new Set(failing(checkBefore.output))].sort());
    expect(typecheck(root).status).toBe(0);
  });

  it('without --formatter, names the config found and says to run it', () => {
    const run = canonize(root, 'run');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('formatter: this project has a prettier config (.prettierrc); the rewrite is not reformatted: run prettier on the changed files, or add --formatter auto');
    const summary = fs.readFileSync(path.join(root, 'canonize-out', 'money.md'), 'utf8');
    expect(summary).toContain('This project has a prettier config (`.prettierrc`). The rewrite is not reformatted');
    // Not formatted: the long import stays on one line.
    expect(fs.readFileSync(path.join(root, 'canonize-out', 'money.patch'), 'utf8')).toContain("+import { formatPrice, formatTotal } from '../../lib/money/format-currency-for-display';\n");
    const json = JSON.parse(canonize(root, 'run', '--json').stdout);
    expect(json.formatting).toEqual({ kind: 'hint', hint: { name: 'prettier', config: '.prettierrc', installed: true } });
  });

  it('refuses a formatter the project has not installed, before anything is written', () => {
    // The test project's node_modules is canonize's, which has every formatter: this project has none.
    fs.rmSync(path.join(root, 'node_modules'));
    const before = snapshot(root);
    const run = canonize(root, 'run', '--formatter', 'prettier', '--write');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--formatter prettier: prettier is not installed in this project');
    expect(fs.existsSync(path.join(root, 'canonize-out'))).toBe(false);
    expect(snapshot(root)).toEqual(before);
  });
});

it('with biome: the project biome sorts a moved import into its place, and biome check passes after', () => {
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      '.gitignore': 'node_modules\ncanonize-out\n',
      'tsconfig.json': TSCONFIG,
      'biome.json': JSON.stringify({
        formatter: { indentStyle: 'space', lineWidth: 80 },
        javascript: { formatter: { quoteStyle: 'single' } },
        assist: { actions: { source: { organizeImports: 'on' } } },
      }),
      'src/alpha.ts': 'export const a = 1;\n',
      'src/middle.ts': 'export const m = 3;\n',
      'src/aardvark.ts': 'export const m = 3;\n',
      'src/use.ts': "import { a } from '@/alpha';\nimport { m } from '@/middle';\n\nexport const both = [a, m];\n",
      // Not formatted before (spacing, no semicolon) but its imports are in order: only they are sorted.
      'src/other.ts': "import { a } from '@/alpha';\nimport { m } from '@/middle';\n\nexport const other = [a,m]\n",
      'canonize.config.json': JSON.stringify({ issues: [{ id: 'aardvark', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/middle.ts', to: 'src/aardvark.ts' }] } }] }] }),
    },
  }));
  expect(tool(root, '@biomejs/biome/bin/biome', 'check', '--formatter-enabled=false', 'src').status).toBe(0);
  expect(tool(root, '@biomejs/biome/bin/biome', 'check', 'src/use.ts').status).toBe(0);
  expect(tool(root, '@biomejs/biome/bin/biome', 'check', 'src/other.ts').status).not.toBe(0);
  const unformatted = canonize(root, 'run');
  expect(unformatted.stdout).toContain('formatter: this project has a biome config (biome.json)');
  // Unformatted, the moved import breaks biome's import order.
  expect(fs.readFileSync(path.join(root, 'canonize-out', 'aardvark.patch'), 'utf8')).toContain(" import { a } from '@/alpha';\n-import { m } from '@/middle';\n+import { m } from '@/aardvark';\n");

  const run = canonize(root, 'run', '--formatter', 'biome', '--write');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^formatter: biome 2\.\S+ \(biome\.json\): 1 file formatted further, 0 already formatted; 1 file not formatted before the run, imports sorted only$/m);
  expect(fs.readFileSync(path.join(root, 'canonize-out', 'aardvark.patch'), 'utf8')).toContain("+import { m } from '@/aardvark';\n import { a } from '@/alpha';\n-import { m } from '@/middle';\n");
  expect(fs.readFileSync(path.join(root, 'src/use.ts'), 'utf8')).toBe("import { m } from '@/aardvark';\nimport { a } from '@/alpha';\n\nexport const both = [a, m];\n");
  expect(fs.readFileSync(path.join(root, 'src/other.ts'), 'utf8')).toBe("import { m } from '@/aardvark';\nimport { a } from '@/alpha';\n\nexport const other = [a,m]\n");
  expect(fs.readFileSync(path.join(root, 'canonize-out', 'aardvark.md'), 'utf8')).toContain('- Not formatted before this run, but their imports were in order: only the imports were sorted: `src/other.ts`.');
  // biome's import order holds everywhere; only the file that was not formatted before still fails its format check.
  expect(tool(root, '@biomejs/biome/bin/biome', 'check', '--formatter-enabled=false', 'src')).toEqual({ status: 0, output: expect.any(String) });
  expect(tool(root, '@biomejs/biome/bin/biome', 'check', 'src/use.ts', 'src/alpha.ts', 'src/aardvark.ts')).toEqual({ status: 0, output: expect.any(String) });
});

it('--formatter auto in a project with no formatter config formats nothing and says so', () => {
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      'tsconfig.json': TSCONFIG,
      'src/a.ts': 'export const a = 1;\n',
      'src/b.ts': 'export const a = 1;\n',
      'src/use.ts': "import { a } from './a';\nexport const x = a;\n",
      'canonize.config.json': JSON.stringify({ issues: [{ id: 'b', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/a.ts', to: 'src/b.ts' }] } }] }] }),
    },
  }));
  const run = canonize(root, 'run', '--formatter', 'auto');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('formatter: --formatter auto found no formatter config with its formatter installed; nothing reformatted');
});
