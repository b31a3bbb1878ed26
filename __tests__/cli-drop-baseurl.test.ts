/**
 * drop-baseurl end to end: a small project with `baseUrl: "src"`, a `paths` alias, a test tsconfig that
 * extends the main one, a folder named like an installed package (`src/diff/` beside the `diff` package), a
 * stylesheet, and a jest mock. After `run --write`, TypeScript 6.0 type-checks both tsconfigs without
 * `ignoreDeprecations`, and the summary states the resolution proof.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, REPO, typecheck } from './support/project';

/** TypeScript 6.0, installed beside canonize's own 5.9 as the devDependency alias `typescript6`. */
const TSC6 = path.join(REPO, 'node_modules', 'typescript6', 'bin', 'tsc');

const TSCONFIG = `{
  // Shop front end: bare imports start in src/.
  "compilerOptions": {
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": ["node"],
    "baseUrl": "src", /* TypeScript 6 deprecates this */
    "paths": {
      "@/*": ["*"],
      "@ui/*": ["components/ui/*"] // the design system
    }
  },
  "include": ["src"]
}
`;

const TSCONFIG_TEST = `{
  "extends": "./tsconfig.json",
  "compilerOptions": {
    "types": ["node", "jest"],
    "paths": {
      "@/*": ["*"],
      "@ui/*": ["components/ui/*"],
      "@test/*": ["../test/*"]
    }
  },
  "include": ["src", "test"]
}
`;

const FILES: Record<string, string> = {
  '.gitignore': 'node_modules/\ncanonize-out/\n',
  'package.json': `${JSON.stringify(
    {
      name: 'shop',
      private: true,
      jest: { roots: ['<rootDir>/src', '<rootDir>/test'], moduleDirectories: ['node_modules', 'src'], moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' } },
    },
    null,
    2,
  )}\n`,
  'tsconfig.json': TSCONFIG,
  'tsconfig.test.json': TSCONFIG_TEST,
  'canonize.config.json': `${JSON.stringify({ issues: [{ id: 'drop-baseurl', title: 'Retire baseUrl for TypeScript 6 and 7', migrations: [{ transform: 'drop-baseurl' }] }] }, null, 2)}\n`,
  'src/env.d.ts': "declare module '*.css';\n",
  'src/styles/app.css': 'body { margin: 0; }\n',
  'src/components/ui/Button.ts': 'export function Button(label: string): string {\n  return `[${label}]`;\n}\n',
  'src/utils/money.ts': 'export function money(cents: number): string {\n  return (cents / 100).toFixed(2);\n}\n',
  'src/components/cart/index.ts': [
    "import { Button } from 'components/ui/Button';",
    "import { money } from 'utils/money';",
    "import type { Change } from 'diff/types';",
    '',
    'export function total(items: number[]): string {',
    '  return Button(money(items.reduce((a, b) => a + b, 0)));',
    '}',
    '',
    'export const changes: Change[] = [];',
    '',
  ].join('\n'),
  'src/diff/index.ts': "export * from './types';\n",
  'src/diff/types.ts': 'export interface Change {\n  before: string;\n  after: string;\n}\n',
  // `diff` is also an installed package: this file means the package, and keeps it.
  'src/report.ts': "import * as jsdiff from 'diff';\n\nexport const patchOf = (a: string, b: string): string => jsdiff.createTwoFilesPatch('a', 'b', a, b);\n",
  'src/main.ts': [
    "import 'styles/app.css';",
    "import { total } from 'components/cart';",
    "export { Button } from '@ui/Button';",
    '',
    "export const lazyMoney = () => import('utils/money');",
    'export const page = total([100, 250]);',
    '',
  ].join('\n'),
  'test/render.ts': 'export function render(text: string): string {\n  return text.trim();\n}\n',
  'test/cart.test.ts': [
    "import { total } from 'components/cart';",
    "import { render } from '@test/render';",
    '',
    "jest.mock('utils/money', () => ({ money: () => '1.00' }));",
    '',
    "test('total', () => expect(render(total([1]))).toBe('[1.00]'));",
    '',
  ].join('\n'),
};

const tsc6 = (project: string, tsconfig: string) => {
  const result = spawnSync(process.execPath, [TSC6, '--noEmit', '-p', path.join(project, tsconfig)], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
};
const read = (project: string, file: string) => fs.readFileSync(path.join(project, file), 'utf8');

let root: string;
let project: string;
beforeEach(() => ({ root, project } = makeRepo({ subdir: 'shop', files: FILES })));
afterEach(() => removeRepo(root));

it('uses TypeScript 5.9 itself and has TypeScript 6.0 beside it for these tests', () => {
  expect(require('typescript').version).toMatch(/^5\.9\./);
  expect(JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'typescript6', 'package.json'), 'utf8')).version).toMatch(/^6\.0\./);
});

it('rewrites every baseUrl specifier, edits both tsconfigs, proves resolution unchanged, and TypeScript 6.0 then type-checks without ignoreDeprecations', () => {
  // Before: TypeScript 6.0 stops at the deprecated option. 5.9 resolves the package name `diff` through
  // baseUrl to the folder src/diff, which has no createTwoFilesPatch: the one error of the project.
  const before6 = tsc6(project, 'tsconfig.json');
  expect(before6.status).not.toBe(0);
  expect(before6.output).toContain('TS5101');
  expect(tsc6(project, 'tsconfig.test.json').output).toContain('TS5101');
  const before5 = typecheck(path.join(project, 'tsconfig.json')).output.trim().split('\n');
  expect(before5).toEqual([expect.stringMatching(/src\/report\.ts\(3,65\): error TS2339: Property 'createTwoFilesPatch' does not exist on type 'typeof import\(".*\/src\/diff\/index"\)'/)]);

  const check = canonize(project, 'check', '--format', 'json');
  expect(check.status).toBe(1);
  const violations = JSON.parse(check.stdout).violations as Array<{ path: string; specifier: string; fixable: boolean }>;
  expect(violations.map((v) => `${v.path} ${v.specifier} ${v.fixable}`).sort()).toEqual([
    'shop/src/components/cart/index.ts components/ui/Button true',
    'shop/src/components/cart/index.ts diff/types true',
    'shop/src/components/cart/index.ts utils/money true',
    'shop/src/main.ts components/cart true',
    'shop/src/main.ts styles/app.css true',
    'shop/src/main.ts utils/money true',
    'shop/src/report.ts diff false',
    'shop/test/cart.test.ts components/cart true',
    'shop/test/cart.test.ts utils/money true',
  ]);

  const run = canonize(project, 'run', '--write');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^drop-baseurl: 5 files changed, 8 references rewritten, violations 9 -> 1 \(1 left for a human\)$/m);

  // `@ui/` is the most specific alias, but the project's jest config maps only `@/`: jest must load this file.
  expect(read(project, 'src/components/cart/index.ts')).toContain("import { Button } from '@/components/ui/Button';\nimport { money } from '@/utils/money';\nimport type { Change } from '@/diff/types';");
  expect(read(project, 'src/main.ts')).toBe(
    ["import '@/styles/app.css';", "import { total } from '@/components/cart';", "export { Button } from '@ui/Button';", '', "export const lazyMoney = () => import('@/utils/money');", 'export const page = total([100, 250]);', ''].join('\n'),
  );
  expect(read(project, 'src/report.ts')).toBe(FILES['src/report.ts']);
  expect(read(project, 'test/cart.test.ts')).toContain("import { total } from '@/components/cart';\nimport { render } from '@test/render';\n\njest.mock('@/utils/money',");

  // The tsconfigs lose baseUrl, their paths values now start at the file, and every comment stays.
  expect(read(project, 'tsconfig.json')).toBe(
    TSCONFIG.replace('    "baseUrl": "src", /* TypeScript 6 deprecates this */\n', '').replace('"@/*": ["*"]', '"@/*": ["./src/*"]').replace('["components/ui/*"]', '["./src/components/ui/*"]'),
  );
  expect(read(project, 'tsconfig.test.json')).toBe(
    TSCONFIG_TEST.replace('["*"]', '["./src/*"]').replace('["components/ui/*"]', '["./src/components/ui/*"]').replace('["../test/*"]', '["./test/*"]'),
  );

  // TypeScript 6.0 type-checks both programs with no ignoreDeprecations anywhere; 5.9 still does.
  expect(read(project, 'tsconfig.json') + read(project, 'tsconfig.test.json')).not.toContain('ignoreDeprecations');
  expect(tsc6(project, 'tsconfig.json')).toEqual({ status: 0, output: '' });
  expect(tsc6(project, 'tsconfig.test.json')).toEqual({ status: 0, output: '' });
  expect(typecheck(path.join(project, 'tsconfig.json')).output).toBe('');
  expect(typecheck(path.join(project, 'tsconfig.test.json')).output).toBe('');

  const summary = read(project, 'canonize-out/drop-baseurl.md');
  expect(summary).toContain('| `tsconfig.json` | 8 | 9 | 8 | 1 |\n| `tsconfig.test.json` | 10 | 12 | 11 | 1 |');
  expect(summary).toContain('**19 of 21 specifier resolutions (10 files) resolve to the same file before and after; 2 name a package and now resolve to it (below).**');
  expect(summary).toContain('- `tsconfig.json`: `baseUrl` removed; 2 `paths` values rewritten relative to the file.');
  expect(summary).toContain('- `tsconfig.test.json`: 3 `paths` values rewritten relative to the file.');
  expect(summary).toContain('`shop/src/report.ts:1:25` `diff`: names the installed package `diff`');
  expect(summary).toContain('- `shop/package.json:6:7`: jest `roots` names `<rootDir>/src` (src/): jest looks for tests and `__mocks__` there');
  expect(summary).toContain('- `shop/package.json:11:7`: jest `moduleDirectories` names `src` (src/): jest also resolves bare specifiers below it');
  expect(summary).not.toContain('moduleNameMapper` entry maps');
  expect(summary).toContain('out of canonize\'s reach');

  // The patch applies to the tree as it was and gives what --write wrote; a second run finds nothing left.
  const patch = path.join(root, 'drop-baseurl.patch');
  fs.copyFileSync(path.join(project, 'canonize-out', 'drop-baseurl.patch'), patch);
  const written = git(root, 'diff');
  git(root, 'stash', '-q');
  git(root, 'apply', patch);
  expect(git(root, 'diff')).toBe(written);
  expect(canonize(project, 'run').stdout).toMatch(/^drop-baseurl: 0 files changed, 0 references rewritten, violations 0 -> 0$/m);
  expect(canonize(project, 'check').status).toBe(0);
});

it('keeps the tsconfig when files outside the run still need baseUrl, and lists them', () => {
  const run = canonize(project, 'run', 'src/components', '--write');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^drop-baseurl: 1 file changed, 3 references rewritten/m);
  expect(read(project, 'tsconfig.json')).toBe(TSCONFIG);
  expect(read(project, 'tsconfig.test.json')).toBe(TSCONFIG_TEST);
  const summary = read(project, 'canonize-out/drop-baseurl.md');
  expect(summary).toContain('- `tsconfig.json`: **kept as it is** (baseUrl stays): 3 specifiers of its files would resolve to another file (listed below).');
  expect(summary).toContain('- `src/main.ts:2:23` `components/cart`: src/components/cart/index.ts before, unresolved after (the file is not among the files this run reads: run over it too)');
  // What was rewritten still resolves with the tsconfig as it is: the one error is the one from before.
  expect(typecheck(path.join(project, 'tsconfig.json')).output).toContain("report.ts(3,65): error TS2339: Property 'createTwoFilesPatch'");
  expect(typecheck(path.join(project, 'tsconfig.json')).output.trim().split('\n')).toHaveLength(1);
});

it('discover reports the tsconfig that still sets baseUrl and proposes the issue', () => {
  const text = canonize(project, 'discover');
  expect(text.status).toBe(0);
  expect(text.stdout).toMatch(/^ +\d+\. baseurl tsconfig\.json sets baseUrl "src" \(8 references through it\): TypeScript 6\.0 deprecates baseUrl and 7\.0 removes it; the drop-baseurl transform retires it$/m);
  const proposal = JSON.parse(canonize(project, 'discover', '--emit-config').stdout);
  expect(proposal.issues.at(-1)).toEqual({
    id: 'drop-baseurl',
    title: 'Retire tsconfig baseUrl (deprecated in TypeScript 6.0, removed in 7.0)',
    migrations: [{ transform: 'drop-baseurl', options: { prefer: 'alias' } }],
  });
  expect(canonize(project, 'run', '--write').status).toBe(0);
  expect(JSON.parse(canonize(project, 'discover', '--format', 'json').stdout).findings.filter((f: { kind: string }) => f.kind === 'baseurl')).toEqual([]);
});

it('lists specifiers in build output a program reaches for rebuilding, without keeping the tsconfig for them, and names component files it does not read', () => {
  // A declaration emitted from the old text (git ignores dist/), reached through the package's own name.
  removeRepo(root);
  ({ root, project } = makeRepo({
    subdir: 'shop',
    files: {
      ...FILES,
      '.gitignore': 'node_modules/\ncanonize-out/\ndist/\n',
      'tsconfig.json': TSCONFIG.replace('"@ui/*": ["components/ui/*"] // the design system', '"@ui/*": ["components/ui/*"], // the design system\n      "@shop/dist/*": ["../dist/*"]'),
      'dist/cart.d.ts': "import type { Change } from 'diff/types';\nexport declare const changes: Change[];\n",
      'src/history.ts': "import type { changes } from '@shop/dist/cart';\n\nexport type History = typeof changes;\n",
      'src/components/Badge.vue': "<script setup lang=\"ts\">\nimport { money } from 'utils/money';\n</script>\n",
    },
  }));
  expect(git(root, 'ls-files', 'shop/dist')).toBe('');
  const run = canonize(project, 'run', '--write');
  expect(run.status).toBe(0);
  expect(read(project, 'tsconfig.json')).not.toContain('baseUrl');
  expect(read(project, 'tsconfig.json')).toContain('"@shop/dist/*": ["./dist/*"]');
  const summary = read(project, 'canonize-out/drop-baseurl.md');
  expect(summary).toContain('### In build output or generated files (rebuild or regenerate them)');
  expect(summary).toContain('- `dist/cart.d.ts:1:29` `diff/types`: src/diff/types.ts before, unresolved after');
  expect(summary).toMatch(/; 1 is in build output or generated files \(below\)\.\*\*/);
  // A component file is not parsed: the summary says so, by name.
  expect(summary).toContain('### Not read: 1 component file');
  expect(summary).toContain('make sure none imports through baseUrl (a bare specifier such as `components/Button`): `src/components/Badge.vue`.');
});
