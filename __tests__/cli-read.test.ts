/**
 * Nothing lost while reading: a file canonize cannot read fails the run (never a silent skip), a glob that
 * matches nothing is a config error, names like Next.js `[id]` and `(group)` folders match literally, the
 * config is found from any subfolder (JSON with comments), and JSX in a `.ts` file is parsed. Every test
 * spawns the real CLI in a real git repository; the permission cases run as a user without root's rights.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, writeFiles } from './support/project';
import { unprivileged } from './support/unprivileged';
import { CONFIG, MOVE, moveProject, NEW_IMPORT, OLD_IMPORT } from './support/move-project';

function project(extra: Record<string, string> = {}): Record<string, string> {
  return moveProject({ 'src/a.ts': OLD_IMPORT, 'src/secret.ts': OLD_IMPORT, ...extra });
}

let root: string;
afterEach(() => removeRepo(root));

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('a file canonize cannot read (unprivileged user)', () => {
  const user = unprivileged();

  it(`is a failure with its path and reason in run, check and --json, and the exit code is 1 (as ${'skip' in user ? 'nobody: skipped' : user.how})`, () => {
    if ('skip' in user) return console.warn(`skipped: ${user.skip}`);
    ({ root } = makeRepo({ subdir: '.', files: project() }));
    // An untracked file in a folder nobody may list: git itself cannot see it.
    writeFiles(root, { 'src/closed/d.ts': OLD_IMPORT });
    fs.chmodSync(path.join(root, 'src/secret.ts'), 0o000);
    fs.chmodSync(path.join(root, 'src/closed'), 0o000);
    user.own(root);
    const run = user.canonize(root, 'run');
    const json = user.canonize(root, 'run', '--json', '--out', 'json-out');
    const check = user.canonize(root, 'check');
    user.disown(root);
    fs.chmodSync(path.join(root, 'src/closed'), 0o755);

    expect(run.stderr).toBe(
      '2 file(s) could not be processed:\n' +
        'src/closed:1:1: cannot list this folder: permission denied; its untracked files were not read\n' +
        'src/secret.ts:1:1: cannot read: permission denied (EACCES)\n',
    );
    expect(run.status).toBe(1);
    // The rest of the run goes on.
    expect(run.stdout).toMatch(/^moves: 1 file changed, 1 reference rewritten, violations 1 -> 0, 2 files failed$/m);
    expect(read('canonize-out/moves.md')).toContain('## Files that could not be processed\n\n- `src/closed:1:1`: cannot list this folder');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).failures).toEqual([
      { path: 'src/closed', line: 1, column: 1, reason: 'cannot list this folder: permission denied; its untracked files were not read' },
      { path: 'src/secret.ts', line: 1, column: 1, reason: 'cannot read: permission denied (EACCES)' },
    ]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('src/secret.ts:1:1: cannot read: permission denied (EACCES)\n');
  });
});

describe('globs', () => {
  it.each([
    ['include', { include: ['scr/**/*.ts'] }, 'include[0]', 'scr/**/*.ts'],
    ['exclude', { exclude: ['src/generated/**'] }, 'exclude[0]', 'src/generated/**'],
  ])('an %s entry that matches no file is a config error naming it (exit 2)', (_kind, globs, at, pattern) => {
    ({ root } = makeRepo({ subdir: '.', files: project({ 'canonize.config.json': JSON.stringify({ ...globs, ...CONFIG }) }) }));
    for (const command of ['run', 'check', 'discover']) {
      const result = canonize(root, command);
      expect(result.stderr).toBe(
        `canonize: invalid config (1 problem):\n  ${path.join(root, 'canonize.config.json')}: ${at}: expected a glob that matches a file, found ${JSON.stringify(pattern)}, which matches none (globs start in ${root}; files git ignores and node_modules are never listed)\n`,
      );
      expect(result.status).toBe(2);
    }
    expect(fs.existsSync(path.join(root, 'canonize-out'))).toBe(false);
  });

  it('a canonical-specifiers "files" entry that matches no file is a config error too', () => {
    const config = { issues: [{ id: 'spell', migrations: [{ transform: 'canonical-specifiers', options: { style: 'relative', files: ['src/new.ts', 'src/nwe.ts'] } }] }] };
    ({ root } = makeRepo({ subdir: '.', files: project({ 'canonize.config.json': JSON.stringify(config) }) }));
    const result = canonize(root, 'check');
    expect(result.stderr).toContain(': issues[0].migrations[0].options.files[1]: expected a glob that matches a file, found "src/nwe.ts", which matches none');
    expect(result.status).toBe(2);
  });

  it('a pattern naming a Next.js route folder (`(main)`, `[id]`) matches it literally, in include and in files', () => {
    const page = "import { x } from '../../../../old';\nexport const y = x;\n";
    const config = {
      include: ['src/app/(main)/items/[id]/**', 'src/*.ts'],
      issues: [
        { id: 'moves', migrations: [MOVE] },
        { id: 'spell', migrations: [{ transform: 'canonical-specifiers', options: { style: 'alias', files: ['src/app/(main)/items/[id]/**'] } }] },
      ],
    };
    ({ root } = makeRepo({
      subdir: '.',
      files: project({
        'canonize.config.json': JSON.stringify(config),
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
        'src/app/(main)/items/[id]/page.ts': page,
        'src/app/(main)/items/[id]/view.ts': 'export const v = 1;\n',
        'src/route.ts': "import { v } from './app/(main)/items/[id]/view';\nexport const w = v;\n",
        // Read as glob syntax, `(main)` is a group and `[id]` a character class: the patterns would take these.
        'src/app/main/items/i/page.ts': page,
        'src/app/main/items/i/view.ts': 'export const v = 2;\n',
        'src/decoy.ts': "import { v } from './app/main/items/i/view';\nexport const w = v;\n",
      }),
    }));
    const result = canonize(root, 'check', '--format', 'json');
    const violations = JSON.parse(result.stdout).violations.map((v: { issue: string; path: string; specifier: string }) => `${v.issue} ${v.path} ${v.specifier}`);
    expect(violations).toEqual([
      'moves src/a.ts ./old',
      'moves src/app/(main)/items/[id]/page.ts ../../../../old',
      'moves src/secret.ts ./old',
      'spell src/route.ts ./app/(main)/items/[id]/view',
    ]);
    expect(result.status).toBe(1);
  });
});

describe('finding the config', () => {
  it('from a subfolder, run finds the nearest config above and writes its output beside the config', () => {
    ({ root } = makeRepo({ subdir: '.', files: project({ 'src/deep/er/c.ts': "import { x } from '../../old';\n" }) }));
    const result = canonize(path.join(root, 'src/deep/er'), 'run');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^moves: 3 files changed/m);
    expect(fs.readdirSync(path.join(root, 'canonize-out')).sort()).toEqual(['.gitignore', 'moves.md', 'moves.patch']);
    expect(fs.existsSync(path.join(root, 'src/deep/er/canonize-out'))).toBe(false);
  });

  it('stops at the repository root, and says where it looked', () => {
    ({ root } = makeRepo({ subdir: 'repo', files: { 'src/x.ts': 'export const x = 1;\n' } }));
    const repo = path.join(root, 'repo');
    fs.renameSync(path.join(root, '.git'), path.join(repo, '.git'));
    // A config above the repository is not this repository's: not found.
    writeFiles(root, { 'canonize.config.json': JSON.stringify(CONFIG) });
    const result = canonize(path.join(repo, 'src'), 'check');
    expect(result.stderr).toBe(
      `canonize: invalid config: ${path.join(repo, 'src', 'canonize.config.json')}: no such file: no canonize.config.json or canonize.config.jsonc in ${path.join(repo, 'src')} or any folder above it up to the repository root ${repo} (pass --config <file>)\n`,
    );
    expect(result.status).toBe(2);
  });

  it('reads canonize.config.jsonc, with comments and trailing commas', () => {
    const jsonc = `// the team's migrations\n{\n  /* one issue */\n  "issues": [\n    { "id": "moves", "migrations": [${JSON.stringify(MOVE)},], },\n  ],\n}\n`;
    const files = project({ 'canonize.config.jsonc': jsonc });
    delete files['canonize.config.json'];
    ({ root } = makeRepo({ subdir: '.', files }));
    const result = canonize(path.join(root, 'src'), 'run', '--write');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(read('src/a.ts')).toBe(NEW_IMPORT);
  });

  it('refuses a folder that holds both canonize.config.json and canonize.config.jsonc', () => {
    ({ root } = makeRepo({ subdir: '.', files: project({ 'canonize.config.jsonc': JSON.stringify(CONFIG) }) }));
    const result = canonize(root, 'run');
    expect(result.stderr).toBe(`canonize: invalid config: ${path.join(root, 'canonize.config.json')}: expected one config in ${root}, found canonize.config.json and canonize.config.jsonc; keep one\n`);
    expect(result.status).toBe(2);
  });
});

it('a .ts file that holds JSX (a test written as .ts) is parsed as TSX: migrated and counted, not a failure', () => {
  const test = "import { x } from './old';\nimport { render } from './render';\n\nrender(<div title={String(x)} />);\nexport const n = x as number;\n";
  ({ root } = makeRepo({ subdir: '.', files: project({ 'src/widget.test.ts': test, 'src/render.ts': 'export const render = (x: unknown) => x;\n' }) }));
  const check = canonize(root, 'check');
  expect(check.stderr).toBe('');
  expect(check.stdout).toContain('src/widget.test.ts:1:19 "./old" -> src/new.ts');
  expect(check.status).toBe(1);
  const run = canonize(root, 'run', '--write');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(read('src/widget.test.ts')).toBe(test.replace("'./old'", "'./new'"));
  expect(git(root, 'status', '--porcelain')).toBe(' M src/a.ts\n M src/secret.ts\n M src/widget.test.ts\n');
});
