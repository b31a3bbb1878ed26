/**
 * `discover --emit-config` on a project shaped like the Next.js and Nx projects we measured: folders import
 * themselves and their subfolders relatively and reach the rest through `@/` (relative-below), a folder's
 * `index.ts` is its public API, and a Cypress folder uses the alias only for types. The proposal must be
 * what its reviewers would merge: their habit, scoped to what was found, no entry point retired, no runtime
 * alias in Cypress, and nothing found afterwards.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, typecheck } from './support/project';

let root: string;
afterEach(() => removeRepo(root));

const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', paths: { '@/*': ['./*'] } },
    include: ['**/*.ts'],
  }),
  'lib/format.ts': 'export const formatPrice = (n: number): string => n.toFixed(2);\n',
  // A real shim: it only forwards to one module and is imported by its own name.
  'lib/legacy-format.ts': "export * from './format';\n",
  'components/orders/index.ts': "export * from './order-list';\nexport * from './order-summary';\nexport * from './rows/row';\n",
  'components/orders/order-list.ts': "import { Row } from './rows/row';\nimport { formatPrice } from '@/lib/format';\n\nexport const orderList = (rows: Row[]): string[] => rows.map((r) => formatPrice(r.total));\n",
  'components/orders/order-summary.ts': "import type { Row } from '@/components/orders/rows/row';\n\nexport const summary = (rows: Row[]): number => rows.length;\n",
  'components/orders/rows/row.ts': "import { formatPrice } from '@/lib/format';\n\nexport interface Row { total: number }\nexport const label = (r: Row): string => formatPrice(r.total);\n",
  'components/orders/rows/cells.ts': "import { label, type Row } from './row';\nimport { formatPrice } from '../../../lib/format';\n\nexport const cells = (r: Row): string[] => [label(r), formatPrice(r.total)];\n",
  // A hooks folder whose queries reach their own tree through '../': its habit, kept with relativeWithin.
  'components/hooks/useApi.ts': "export const useApi = (): string => 'api';\n",
  'components/hooks/queries/useOrders.ts': "import { useApi } from '../useApi';\n\nexport const useOrders = (): string => useApi();\n",
  'components/hooks/queries/useUsers.ts': "import { useApi } from '../useApi';\n\nexport const useUsers = (): string => useApi();\n",
  'components/hooks/queries/useRoles.ts': "import { useApi } from '../useApi';\n\nexport const useRoles = (): string => useApi();\n",
  'components/hooks/queries/useTeams.ts': "import { useApi } from '@/components/hooks/useApi';\n\nexport const useTeams = (): string => useApi();\n",
  // The folder's public API: one re-export, imported by the folder's name from outside. Not a shim.
  'components/ui/value/index.ts': "export * from './value';\n",
  'components/ui/value/value.ts': 'export const Value = (v: number): string => String(v);\n',
  'app/page.ts': "import { orderList } from '@/components/orders';\nimport { Value } from '@/components/ui/value';\nimport { formatPrice } from '@/lib/format';\n\nexport const page = [orderList([]), Value(1), formatPrice(1)];\n",
  'app/settings/page.ts': "import { Value } from '@/components/ui/value';\nimport { formatPrice } from '../../lib/format';\n\nexport const settings = [Value(2), formatPrice(2)];\n",
  'app/about.ts': "import { formatPrice } from '@/lib/legacy-format';\n\nexport const about = formatPrice(3);\n",
  // Cypress bundles specs without the tsconfig's paths: `@/` only in a type import, relative at run time.
  'cypress/e2e/orders.cy.ts': "import type { Row } from '@/components/orders/rows/row';\nimport { login } from '../support/commands';\nimport { formatPrice } from '../../lib/format';\n\nexport const spec = (r: Row): string => login() + formatPrice(r.total);\n",
  'cypress/support/commands.ts': "import { formatPrice } from '../../lib/format';\n\nexport const login = (): string => formatPrice(0);\n",
  'cypress/support/e2e.ts': "import './commands';\n",
};

/** Commits the config discover emitted, as a user would after reviewing it, and runs it with --write. */
function runEmitted(cwd: string, config: string) {
  fs.writeFileSync(path.join(cwd, 'canonize.config.json'), config);
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-qm', 'config');
  return canonize(cwd, 'run', '--write');
}

function discoverJson(cwd: string) {
  const result = canonize(cwd, 'discover', '--format', 'json');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { findings: Array<Record<string, any>>; style: Record<string, any> };
}

it('proposes the habit that rewrites the fewest, scoped to the findings, keeps entry points and Cypress relative, and leaves nothing to find', () => {
  ({ root } = makeRepo({ subdir: '.', files: { ...PROJECT, '.gitignore': 'node_modules\ncanonize-out\n' } }));
  expect(typecheck(root)).toEqual({ status: 0, output: '' });

  const { findings, style } = discoverJson(root);
  expect(style.rule).toEqual({ style: 'relative-below', extension: 'none', index: 'drop' });
  // Measured, not guessed: every other style would rewrite more of the project's references.
  expect(style.counts['relative-below']).toBeLessThan(Math.min(style.counts['alias-outside-folder'], style.counts.alias, style.counts.relative));
  expect(style.areas).toEqual([
    expect.objectContaining({ folder: 'components/hooks', rule: { style: 'relative-below', extension: 'none', index: 'drop' }, relativeWithin: 'components/hooks', rewrites: 1, rewritesUnderProjectRule: 3 }),
    expect.objectContaining({ folder: 'cypress', rule: { style: 'relative', extension: 'none', index: 'drop' }, why: 'its files use no alias at run time', rewrites: 1 }),
  ]);
  expect(findings.map((f) => `${f.kind} ${f.module}`)).toEqual([
    'spellings lib/format.ts',
    'spellings components/orders/rows/row.ts',
    'spellings components/hooks/useApi.ts',
    'shim lib/legacy-format.ts',
  ]);
  const spellings = findings.filter((f) => f.kind === 'spellings');
  expect(spellings.map((f) => f.toRewrite)).toEqual([2, 2, 1]);

  const emitted = canonize(root, 'discover', '--emit-config');
  expect(emitted.status).toBe(0);
  const proposal = JSON.parse(emitted.stdout);
  expect(proposal.$schema).toBeUndefined();
  expect(proposal.issues).toEqual([
    {
      id: 'retire-shims',
      title: expect.any(String),
      migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'lib/legacy-format.ts', to: 'lib/format.ts' }] } }],
    },
    {
      id: 'one-spelling',
      title: 'One spelling per module',
      migrations: [
        {
          transform: 'canonical-specifiers',
          options: {
            style: 'relative-below',
            extension: 'none',
            index: 'drop',
            files: ['components/hooks/useApi.ts', 'components/orders/rows/row.ts', 'lib/format.ts'],
            overrides: [
              { importers: ['components/hooks/**'], relativeWithin: 'components/hooks' },
              { importers: ['cypress/**'], style: 'relative' },
            ],
          },
        },
      ],
    },
  ]);

  const run = runEmitted(root, emitted.stdout);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  // The summary's count is the findings' count (the moved reference already follows its file's habit).
  expect(run.stdout).toMatch(/^retire-shims: 1 file changed, 1 reference rewritten/m);
  expect(run.stdout).toMatch(/^one-spelling: 5 files changed, 5 references rewritten/m);
  // The summary says which rule holds where: the overrides name the importing files.
  const summary = fs.readFileSync(path.join(root, 'canonize-out', 'one-spelling.md'), 'utf8');
  expect(summary).toContain('- one spelling per module for modules matching `components/hooks/useApi.ts`, `components/orders/rows/row.ts`, `lib/format.ts`: style `relative-below`, extension `none`, index `drop` (canonical-specifiers)');
  expect(summary).toContain('- imports in `components/hooks/**`: style `relative-below` (relative within `components/hooks/`), extension `none`, index `drop` (canonical-specifiers)');
  expect(summary).toContain('- imports in `cypress/**`: style `relative`, extension `none`, index `drop` (canonical-specifiers)');

  const diff = git(root, 'diff', '-U0', 'HEAD', '--', '.', ':(exclude)canonize.config.json');
  const added = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
  expect(added.sort()).toEqual(
    [
      "+import { formatPrice } from '@/lib/format';", // app/about.ts, through the shim before
      "+import { formatPrice } from '@/lib/format';", // app/settings/page.ts: ../../ becomes the alias
      "+import { formatPrice } from '@/lib/format';", // components/orders/rows/cells.ts
      "+import type { Row } from './rows/row';", // order-summary: its own subfolder, relative
      "+import type { Row } from '../../components/orders/rows/row';", // Cypress: relative, even for types
      "+import { useApi } from '../useApi';", // the hooks folder's own habit
    ].sort(),
  );
  // The barrel still imports its children relatively, the entry point is untouched, Cypress has no alias.
  expect(fs.readFileSync(path.join(root, 'components/orders/index.ts'), 'utf8')).toBe(PROJECT['components/orders/index.ts']);
  expect(fs.existsSync(path.join(root, 'components/ui/value/index.ts'))).toBe(true);
  for (const file of ['cypress/e2e/orders.cy.ts', 'cypress/support/commands.ts']) expect(fs.readFileSync(path.join(root, file), 'utf8')).not.toContain("'@/");
  expect(typecheck(root)).toEqual({ status: 0, output: '' });

  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'migrated');
  expect(discoverJson(root).findings).toEqual([]);
});

it('never proposes a module a manifest names as a shim: an Nx library index, an Angular entry file, a paths target, a package main', () => {
  // Each of these only re-exports one module and is imported by a path (not by its folder's name), so only
  // its manifest says it is a public entry point. The last one has no manifest: a shim, proposed.
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      '.gitignore': 'node_modules\ncanonize-out\n',
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', paths: { '@acme/pay': ['./libs/pay/src/pay.ts'] } },
        include: ['**/*.ts'],
      }),
      'libs/ui/project.json': JSON.stringify({ name: 'ui', projectType: 'library', sourceRoot: 'libs/ui/src' }),
      'libs/ui/src/index.ts': "export * from './lib/button';\n",
      'libs/ui/src/lib/button.ts': "export const button = 'button';\n",
      'libs/cards/ng-package.json': JSON.stringify({ lib: { entryFile: 'src/public-api.ts' } }),
      'libs/cards/src/public-api.ts': "export * from './lib/card';\n",
      'libs/cards/src/lib/card.ts': "export const card = 'card';\n",
      'libs/pay/src/pay.ts': "export * from './impl';\n",
      'libs/pay/src/impl.ts': "export const pay = 'pay';\n",
      'packages/old/package.json': JSON.stringify({ name: 'old', main: './src/main.ts' }),
      'packages/old/src/main.ts': "export * from './strings';\n",
      'packages/old/src/strings.ts': "export const upper = (s: string): string => s.toUpperCase();\n",
      'apps/web/legacy-button.ts': "export * from '../../libs/ui/src/lib/button';\n",
      'apps/web/main.ts':
        "import { button } from '../../libs/ui/src/index';\nimport { card } from '../../libs/cards/src/public-api';\nimport { pay } from '@acme/pay';\nimport { upper } from '../../packages/old/src/main';\nimport { button as b } from './legacy-button';\n\nexport const all = [button, card, pay, upper('x'), b];\n",
    },
  }));
  expect(typecheck(root)).toEqual({ status: 0, output: '' });
  expect(discoverJson(root).findings.filter((f) => f.kind === 'shim').map((f) => f.module)).toEqual(['apps/web/legacy-button.ts']);
  const proposal = JSON.parse(canonize(root, 'discover', '--emit-config').stdout);
  expect(proposal.issues[0]).toEqual(
    expect.objectContaining({ id: 'retire-shims', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'apps/web/legacy-button.ts', to: 'libs/ui/src/lib/button.ts' }] } }] }),
  );
});

it('in an Nx-shaped workspace, a config file no tsconfig includes does not make apps/ a folder without alias', () => {
  // Found on ghostfolio: each app's `eslint.config.cjs` requires the root one relatively; Node resolves it,
  // no tsconfig includes it, and its folder `apps/` was taken for a folder whose files use no alias, so the
  // whole workspace was measured as empty and proposed `relative`.
  const base = { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022' };
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      '.gitignore': 'node_modules\ncanonize-out\n',
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { ...base, paths: { '@acme/web/*': ['./apps/web/src/*'], '@acme/ui/*': ['./libs/ui/src/*'] } } }),
      'apps/web/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src/**/*.ts'] }),
      'libs/ui/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src/**/*.ts'] }),
      'eslint.config.cjs': 'module.exports = [];\n',
      'apps/web/eslint.config.cjs': "const base = require('../../eslint.config.cjs');\n\nmodule.exports = [...base];\n",
      'libs/ui/eslint.config.cjs': "const base = require('../../eslint.config.cjs');\n\nmodule.exports = [...base];\n",
      'libs/ui/src/button.ts': "export const button = 'button';\n",
      'libs/ui/src/card/card.ts': "import { button } from '@acme/ui/button';\n\nexport const card = `card ${button}`;\n",
      'apps/web/src/orders/rows/row.ts': "import { button } from '@acme/ui/button';\n\nexport const row = button;\n",
      'apps/web/src/orders/list.ts': "import { row } from './rows/row';\nimport { button } from '@acme/ui/button';\nimport { card } from '@acme/ui/card/card';\n\nexport const list = [row, button, card];\n",
      'apps/web/src/main.ts': "import { list } from './orders/list';\nimport { button } from '@acme/ui/button';\n\nexport const main = [list, button];\n",
      'apps/web/src/pages/home.ts': "import { button } from '../../../../libs/ui/src/button';\nimport { list } from '@acme/web/orders/list';\n\nexport const home = [button, list];\n",
    },
  }));
  expect(typecheck(path.join(root, 'apps/web'))).toEqual({ status: 0, output: '' });

  const { findings, style } = discoverJson(root);
  expect(style.rule).toEqual({ style: 'relative-below', extension: 'none', index: 'drop' });
  expect(style.counts['relative-below']).toBe(1);
  expect(style.areas.map((a: { folder: string }) => a.folder)).not.toEqual(expect.arrayContaining(['apps', 'libs']));
  expect(findings).toEqual([expect.objectContaining({ kind: 'spellings', module: 'libs/ui/src/button.ts', toRewrite: 1 })]);

  const emitted = canonize(root, 'discover', '--emit-config');
  const run = runEmitted(root, emitted.stdout);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const diff = git(root, 'diff', '-U0', 'HEAD', '--', '.', ':(exclude)canonize.config.json');
  expect(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual(["-import { button } from '../../../../libs/ui/src/button';", "+import { button } from '@acme/ui/button';"]);
  expect(typecheck(path.join(root, 'apps/web'))).toEqual({ status: 0, output: '' });
});
