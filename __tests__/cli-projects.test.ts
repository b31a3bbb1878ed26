/**
 * `canonize run` on small projects built for one question each: monorepo tsconfigs, ignored files, no git.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, writeFiles } from './support/project';

const MOVE_OLD_TO_NEW = {
  issues: [
    {
      id: 'moves',
      migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'packages/a/src/old.ts', to: 'packages/a/src/new.ts' }] } }],
    },
  ],
};

const tsconfig = (extra: object = {}) => JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', baseUrl: '.', paths: { '@/*': ['src/*'] }, ...extra } });

/**
 * A move, a file that needs it, and the same reference in a file .gitignore lists. The old module forwards to
 * the new one, so the move keeps what each import names and the run's proof lets it through.
 */
const WITH_IGNORED_FILE: Record<string, string> = {
    'canonize.config.json': JSON.stringify(MOVE_OLD_TO_NEW),
    '.gitignore': 'generated/\n',
    'packages/a/src/old.ts': "export * from './new';\n",
    'packages/a/src/new.ts': 'export const x = 1;\n',
    'packages/a/src/use.ts': "import { x } from './old';\n",
    'generated/use.ts': "import { x } from '../packages/a/src/old';\n",
};

let root: string;
afterEach(() => removeRepo(root));

it('resolves each file with the listed tsconfig that includes it, else the nearest one above it', () => {
  ({ root } = makeRepo({
    subdir: '.',
    files: {
      'canonize.config.json': JSON.stringify({ ...MOVE_OLD_TO_NEW, tsconfig: ['packages/a/tsconfig.json', 'packages/b/tsconfig.json'] }),
      'packages/a/tsconfig.json': tsconfig(),
      'packages/a/src/old.ts': "export * from './new';\n",
      'packages/a/src/new.ts': 'export const x = 1;\n',
      'packages/a/src/use.ts': "import { x } from '@/old';\nexport { x };\n",
      // The same spelling in package b means b's own old.ts: not moved.
      'packages/b/tsconfig.json': tsconfig(),
      'packages/b/src/old.ts': 'export const y = 1;\n',
      'packages/b/src/use.ts': "import { y } from '@/old';\nexport { y };\n",
      // c is not listed: its nearest tsconfig maps @a/* to package a.
      'packages/c/tsconfig.json': tsconfig({ paths: { '@a/*': ['../a/src/*'] } }),
      'packages/c/src/use.ts': "import { x } from '@a/old';\nexport { x };\n",
    },
  }));
  const result = canonize(root, 'run', '--write');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(fs.readFileSync(path.join(root, 'packages/a/src/use.ts'), 'utf8')).toBe("import { x } from '@/new';\nexport { x };\n");
  expect(fs.readFileSync(path.join(root, 'packages/b/src/use.ts'), 'utf8')).toBe("import { y } from '@/old';\nexport { y };\n");
  expect(fs.readFileSync(path.join(root, 'packages/c/src/use.ts'), 'utf8')).toBe("import { x } from '@a/new';\nexport { x };\n");
});

it('never reads files that git ignores or node_modules', () => {
  ({ root } = makeRepo({
    subdir: '.',
    files: WITH_IGNORED_FILE,
  }));
  fs.mkdirSync(path.join(root, 'node_modules', 'dep'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'dep', 'index.ts'), "import { x } from '../../packages/a/src/old';\n");
  const result = canonize(root, 'run', '--write');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^moves: 1 file changed, 1 reference rewritten, violations 1 -> 0$/m);
  expect(git(root, 'status', '--porcelain', '--untracked-files=no')).toBe(' M packages/a/src/use.ts\n');
});

it('works outside git: patch paths are relative to the config folder, and .gitignore is honoured', () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-nogit-'));
  writeFiles(root, WITH_IGNORED_FILE);
  const result = canonize(root, 'run');
  expect(result.status).toBe(0);
  expect(fs.readFileSync(path.join(root, 'canonize-out', 'moves.patch'), 'utf8')).toBe(
    [
      'diff --git a/packages/a/src/use.ts b/packages/a/src/use.ts',
      '--- a/packages/a/src/use.ts',
      '+++ b/packages/a/src/use.ts',
      '@@ -1,1 +1,1 @@',
      "-import { x } from './old';",
      "+import { x } from './new';",
      '',
    ].join('\n'),
  );
  expect(fs.readFileSync(path.join(root, 'packages/a/src/use.ts'), 'utf8')).toBe(WITH_IGNORED_FILE['packages/a/src/use.ts']);
});
