/**
 * A team's own jscodeshift transforms through the runner, end to end: the real CLI on a small project inside a
 * real git repository, with transforms written for these tests (`__tests__/support/codemods/`). What canonize
 * writes must be byte for byte what `jscodeshift -t` writes with the same transform, parser and options.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, canonizeWithEnv, git, makeRepo, REPO, removeRepo, snapshot } from './support/project';

const JSCODESHIFT = path.join(REPO, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const CODEMODS = path.join(__dirname, 'support', 'codemods');

/** A small project: TypeScript with generics and casts, TSX with JSX, JavaScript, and files the transforms leave alone. */
const PROJECT: Record<string, string> = {
  'package.json': '{ "name": "demo", "private": true }\n',
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "jsx": "react-jsx", "module": "ESNext", "moduleResolution": "Bundler" }, "include": ["src"] }\n',
  'src/generic.ts': [
    '// Loads the polyfill first: this comment leads the first import.',
    "import 'old-polyfill';",
    "import log from 'old-logger';",
    "import type { Item } from './lib/types';",
    '',
    'export function first<T extends { id: string }>(items: ReadonlyArray<T>): T | undefined {',
    '  const head = items[0] as unknown as T;',
    '  const legacy = <Item>(<unknown>head);',
    "  log.warn<string>('first', legacy.id);",
    '  return head satisfies T;',
    '}',
    '',
    'export abstract class Repo<K extends string, V = unknown> implements Iterable<[K, V]> {',
    '  private readonly map = new Map<K, V>();',
    '  abstract load(key: K): Promise<V>;',
    '  get(key: K): V | undefined { return this.map.get(key)!; }',
    '  *[Symbol.iterator]() { yield* this.map; }',
    '}',
    '',
    'export enum Level { Info = 1, Warn }',
    "export const pick = <T, K extends keyof T>(o: T, k: K): T[K] => (log.warn('pick'), o[k]);",
    '',
  ].join('\n'),
  'src/view.tsx': [
    'import log from "old-logger";',
    "import React from 'react';",
    '// TODO: move to the design system',
    'export const List = <T,>({ items, render }: { items: T[]; render: (item: T) => React.ReactNode }) => {',
    "  if (items.length === 0) log.warn('empty');",
    '  return (',
    '    <>',
    '      <ul className="list" {...{ role: "list" }}>',
    '        {items.map((item, i) => <li key={i}>{render(item)}</li>)}',
    '      </ul>',
    '      {items.length > 10 && <p>{`${items.length} items`}</p>}',
    '    </>',
    '  );',
    '};',
    '',
  ].join('\n'),
  'src/plain.js': "const log = require('old-logger');\nlog.warn('plain', { a: 1 });\n",
  'src/lib/types.ts': 'export interface Item {\n  id: string;\n}\n',
  'src/lib/legacy-logger.ts': "export { default } from './logger';\n",
  'src/lib/logger.ts': 'export default { warn(...args: unknown[]) { console.warn(...args); } };\n',
  'src/legacy-user.ts': "import log from './lib/legacy-logger';\nlog.warn('legacy');\n",
  'src/boom.ts': "// BOOM: this file makes throws-on-boom throw\nimport log from 'old-logger';\nlog.warn('boom');\n",
};

function config(issues: Array<{ id: string; migrations: Array<{ transform: string; options?: object }> }>): string {
  return `${JSON.stringify({ include: ['src/**/*.{ts,tsx,js}'], issues }, null, 2)}\n`;
}

const RENAME = { transform: './codemods/rename-logger.ts', options: { to: '@acme/logger' } };

let root: string;
let project: string;
afterEach(() => removeRepo(root));

function setup(configText: string, extra: Record<string, string> = {}): void {
  const codemods = Object.fromEntries(fs.readdirSync(CODEMODS).filter((f) => fs.statSync(path.join(CODEMODS, f)).isFile()).map((f) => [`codemods/${f}`, fs.readFileSync(path.join(CODEMODS, f), 'utf8')]));
  ({ root, project } = makeRepo({ subdir: 'demo', files: { ...PROJECT, ...codemods, 'canonize.config.json': configText, ...extra } }));
}

function read(file: string): string {
  return fs.readFileSync(path.join(project, file), 'utf8');
}

function jscodeshift(...args: string[]): void {
  const result = spawnSync(process.execPath, [JSCODESHIFT, ...args], { cwd: project, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).not.toMatch(/ ERR /);
}

/** The project's sources (codemods and canonize's output left out). */
function sources(): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(root)).filter(([file]) => file.startsWith('demo/src/')));
}

describe('a custom transform in the config', () => {
  it('writes byte for byte what jscodeshift -t writes, per parser (.ts with generics and casts, .tsx with JSX, .js)', () => {
    setup(config([{ id: 'logger', migrations: [RENAME] }]));
    const before = sources();
    const run = canonize(project, 'run', '--write', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const viaCanonize = sources();
    git(root, 'checkout', '--', '.');
    expect(sources()).toEqual(before);

    // jscodeshift with the parser canonize picks per extension; the same options.
    jscodeshift('-t', 'codemods/rename-logger.ts', '--extensions=ts', '--parser=ts', '--to=@acme/logger', 'src');
    jscodeshift('-t', 'codemods/rename-logger.ts', '--extensions=tsx', '--parser=tsx', '--to=@acme/logger', 'src');
    jscodeshift('-t', 'codemods/rename-logger.ts', '--extensions=js', '--parser=babel', '--to=@acme/logger', 'src');
    expect(viaCanonize).toEqual(sources());

    // What changed, recast's habits included: the comment that led the removed first import went with it.
    expect(viaCanonize['demo/src/generic.ts']).toMatch(/^import log from "@acme\/logger";\nimport type \{ Item \}/);
    expect(viaCanonize['demo/src/generic.ts']).toContain("log.warning<string>('first', legacy.id);");
    expect(viaCanonize['demo/src/generic.ts']).toContain('const legacy = <Item>(<unknown>head);');
    expect(viaCanonize['demo/src/view.tsx']).toContain("if (items.length === 0) log.warning('empty');");
    expect(viaCanonize['demo/src/plain.js']).toBe(before['demo/src/plain.js']!.replace('log.warn', 'log.warning'));
    expect(viaCanonize['demo/src/lib/types.ts']).toBe(before['demo/src/lib/types.ts']);

    // Stats and reports are collected with --write too, and go into --json and the summary.
    const issue = JSON.parse(run.stdout).issues[0];
    expect(issue.filesChanged).toEqual(['demo/src/boom.ts', 'demo/src/generic.ts', 'demo/src/legacy-user.ts', 'demo/src/plain.js', 'demo/src/view.tsx']);
    expect(issue.stats).toEqual([
      { transform: './codemods/rename-logger.ts', migration: 0, name: 'imports moved', count: 3 },
      { transform: './codemods/rename-logger.ts', migration: 0, name: 'calls renamed', count: 6 },
      { transform: './codemods/rename-logger.ts', migration: 0, name: 'polyfills dropped', count: 1 },
    ]);
    expect(issue.reports).toEqual([{ path: 'demo/src/view.tsx', transform: './codemods/rename-logger.ts', migration: 0, message: 'still has a TODO' }]);
    expect(issue.rewrites).toContainEqual({ path: 'demo/src/view.tsx', line: 1, column: 1, kind: 'transformed', from: 'import log from "old-logger";', to: 'import log from "@acme/logger";', target: './codemods/rename-logger.ts', transform: './codemods/rename-logger.ts' });
    expect(issue).toMatchObject({ references: 5, violationsBefore: 5, violationsAfter: 0 });
    const summary = read('canonize-out/logger.md');
    expect(summary).toContain('| ./codemods/rename-logger.ts | calls renamed | 6 |');
    expect(summary).toContain('- `demo/src/view.tsx`: still has a TODO (./codemods/rename-logger.ts)');
  });

  it('plans on a worker pool with the same result, errors included (CANONIZE_WORKERS=2)', () => {
    setup(
      config([
        { id: 'logger', migrations: [RENAME, { transform: './codemods/to-legacy-logger.cjs' }] },
        { id: 'mark', migrations: [{ transform: './codemods/throws-on-boom.mjs' }, { transform: './codemods/which-thread.cjs' }] },
      ]),
    );
    const inline = canonizeWithEnv(project, { NO_COLOR: '1', CANONIZE_WORKERS: '0' }, 'run', '--json', '--out', '../inline');
    const pooled = canonizeWithEnv(project, { NO_COLOR: '1', CANONIZE_WORKERS: '2' }, 'run', '--json', '--out', '../pooled');
    expect(pooled.stderr).toBe('');
    expect(pooled.status).toBe(1);
    const [a, b] = [JSON.parse(inline.stdout), JSON.parse(pooled.stdout)];
    expect(a.issues[1].reports.map((r: { message: string }) => r.message)).toEqual(Array(7).fill('main thread'));
    expect(b.issues[1].reports.map((r: { message: string }) => r.message)).toEqual(Array(7).fill('worker thread'));
    // The same files, changes, failures (a parse error keeps its position across threads), stats and order.
    const strip = (doc: { elapsedMs: number; outDir: string; issues: Array<{ reports: unknown }> }) => ({ ...doc, elapsedMs: 0, outDir: '', issues: doc.issues.map((i) => ({ ...i, reports: [] })) });
    expect(strip(b)).toEqual(strip(a));
    expect(a.failures.map((f: { path: string; line: number }) => `${f.path}:${f.line}`)).toEqual(['demo/src/boom.ts:1', 'demo/src/generic.ts:11']);
    for (const name of ['logger.patch', 'mark.patch', 'logger.md']) {
      expect(fs.readFileSync(path.join(root, 'pooled', name), 'utf8').replaceAll('pooled/', 'inline/')).toBe(fs.readFileSync(path.join(root, 'inline', name), 'utf8'));
    }
  });

  it('runs an async transform on the exact text earlier issues left, with or without the pool', () => {
    setup(
      config([
        { id: 'moves', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/lib/legacy-logger.ts', to: 'src/lib/logger.ts' }] } }] },
        { id: 'banner', migrations: [{ transform: './codemods/async-banner.mjs' }] },
      ]),
    );
    for (const workers of ['0', '2']) {
      const run = canonizeWithEnv(project, { NO_COLOR: '1', CANONIZE_WORKERS: workers }, 'run', '--out', `../out-${workers}`);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      // The banner names the import as the first issue rewrote it.
      expect(fs.readFileSync(path.join(root, `out-${workers}`, 'banner.patch'), 'utf8')).toContain('+// first import: ./lib/logger\n import log from \'./lib/logger\';');
    }
    expect(fs.readFileSync(path.join(root, 'out-2', 'banner.patch'), 'utf8')).toBe(fs.readFileSync(path.join(root, 'out-0', 'banner.patch'), 'utf8'));
  });

  it('mixes with built-in transforms in one issue, each seeing the previous output; patches apply in order', () => {
    setup(
      config([
        {
          id: 'logger',
          migrations: [
            { transform: './codemods/to-legacy-logger.cjs' },
            { transform: 'canonical-imports', options: { moves: [{ from: 'src/lib/legacy-logger.ts', to: 'src/lib/logger.ts' }] } },
          ],
        },
        { id: 'mark', migrations: [{ transform: './codemods/throws-on-boom.mjs' }] },
      ]),
    );
    const run = canonize(project, 'run', '--json');
    expect(run.status).toBe(1);
    const [logger, mark] = JSON.parse(run.stdout).issues;
    expect(mark.failures).toEqual([{ path: 'demo/src/boom.ts', line: 1, column: 1, reason: 'the transform failed: cannot handle boom.ts' }]);
    // The custom transform moved old-logger to ./lib/legacy-logger; canonical-imports then moved that on.
    const patch = read('canonize-out/logger.patch');
    expect(patch).toContain("-import log from 'old-logger';\n+import log from './lib/logger';");
    expect(patch).toContain("-import log from './lib/legacy-logger';\n+import log from './lib/logger';");
    expect(logger.migrations.map((m: { transform: string }) => m.transform)).toEqual(['./codemods/to-legacy-logger.cjs', 'canonical-imports']);
    // The proof sees the import now resolve (old-logger had no types): a change of meaning, but the custom
    // transform's own, so it stays and is listed for the reviewer rather than blocked.
    expect(logger.proof.blocked).toEqual([]);
    expect(logger.proof.intended.map((i: { path: string }) => i.path)).toEqual(['demo/src/boom.ts', 'demo/src/view.tsx']);
    expect(read('canonize-out/logger.md')).toContain("### Changed in meaning by a jscodeshift transform\n\nA transform of yours changed what these files import or export. That is the transform's to decide, so the changes stay; check them.\n\n- `demo/src/boom.ts`");
    expect(logger.rewrites.filter((r: { path: string }) => r.path === 'demo/src/view.tsx').map((r: { transform: string; kind: string }) => `${r.transform}:${r.kind}`)).toEqual([
      './codemods/to-legacy-logger.cjs:transformed',
      'canonical-imports:import',
    ]);
    // This transform exports parser = 'tsx', which reads `<Item>value` as JSX (unclosed by line 13): jscodeshift fails on the file too.
    expect(logger.failures).toEqual([{ path: 'demo/src/generic.ts', line: 13, column: expect.any(Number), reason: expect.stringMatching(/^cannot parse: /) }]);
    expect(mark.filesChanged).not.toContain('demo/src/boom.ts');
    git(root, 'apply', path.join(project, 'canonize-out/logger.patch'));
    git(root, 'apply', path.join(project, 'canonize-out/mark.patch'));
    expect(read('src/generic.ts')).toMatch(/^\/\/ reviewed\n\/\/ Loads the polyfill first/);
  });
});

describe('stats and reports of an issue that changed nothing', () => {
  it('are collected and shown, with --write too', () => {
    const countOnly = "module.exports = (file, api) => {\n  api.stats('files seen');\n  if (file.source.includes('TODO')) api.report('has a TODO');\n};\n";
    setup(config([{ id: 'survey', migrations: [{ transform: './codemods/count-only.cjs' }] }]), { 'codemods/count-only.cjs': countOnly });
    for (const args of [[], ['--write']]) {
      const run = canonize(project, 'run', '--json', ...args);
      expect(run.status).toBe(0);
      const issue = JSON.parse(run.stdout).issues[0];
      expect(issue.filesChanged).toEqual([]);
      expect(issue.stats).toEqual([{ transform: './codemods/count-only.cjs', migration: 0, name: 'files seen', count: 8 }]);
      expect(issue.reports).toEqual([{ path: 'demo/src/view.tsx', transform: './codemods/count-only.cjs', migration: 0, message: 'has a TODO' }]);
      expect(read('canonize-out/survey.md')).toContain('| ./codemods/count-only.cjs | files seen | 8 |');
      expect(read('canonize-out/survey.md')).toContain('- `demo/src/view.tsx`: has a TODO (./codemods/count-only.cjs)');
    }
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});

describe('a transform that throws or does not load', () => {
  it('throws on one file: that file is reported and left, the other files and issues go on and are written, exit 1', () => {
    setup(config([{ id: 'mark', migrations: [{ transform: './codemods/throws-on-boom.mjs' }] }, { id: 'logger', migrations: [RENAME] }]));
    const run = canonize(project, 'run', '--write');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^mark: 7 files changed, 7 references rewritten, violations 7 -> 7, 1 file failed$/m);
    expect(run.stderr).toContain('1 file(s) could not be processed:\ndemo/src/boom.ts:1:1: the transform failed: cannot handle boom.ts');
    expect(read('canonize-out/mark.md')).toContain('## Files that could not be processed\n\n- `demo/src/boom.ts:1:1`: the transform failed: cannot handle boom.ts');
    // mark left boom.ts as it was; logger, the next issue, still moved its import.
    expect(read('src/boom.ts')).toBe(PROJECT['src/boom.ts']!.replace("'old-logger'", '"@acme/logger"').replace('log.warn', 'log.warning'));
    expect(read('src/view.tsx')).toMatch(/^\/\/ reviewed\nimport log from "@acme\/logger";/);
  });

  it('a module that does not load or exports no function is a config error naming it; nothing is read or written (exit 2)', () => {
    setup(config([{ id: 'bad', migrations: [{ transform: './codemods/not-a-transform.cjs' }, { transform: './codemods/does-not-parse.js' }] }]));
    const run = canonize(project, 'run', '--write');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('canonize: invalid config (2 problems):');
    expect(run.stderr).toContain(`issues[0].migrations[0].transform: ${path.join(fs.realpathSync(project), 'codemods/not-a-transform.cjs')} exports no transform function (expected module.exports = function, or export default function), found an object with "transform"`);
    expect(run.stderr).toMatch(/issues\[0\]\.migrations\[1\]\.transform: cannot load the transform \S+does-not-parse\.js: /);
    expect(fs.existsSync(path.join(project, 'canonize-out'))).toBe(false);
    expect(git(root, 'status', '--porcelain')).toBe('');
  });

  it('a module that is not there is a config error before anything is read (exit 2)', () => {
    setup(config([{ id: 'bad', migrations: [{ transform: './codemods/missing.js' }, { transform: '@acme/codemods/transforms/x' }, { transform: 'canonical-import' }] }]));
    const run = canonize(project, 'run');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('issues[0].migrations[0].transform: expected a jscodeshift transform module (.js, .cjs, .mjs, .ts), found "./codemods/missing.js": no such file');
    expect(run.stderr).toContain('issues[0].migrations[1].transform: expected a jscodeshift transform module (.js, .cjs, .mjs, .ts), found "@acme/codemods/transforms/x": no package provides it');
    expect(run.stderr).toContain('issues[0].migrations[2].transform: expected one of "canonical-imports"');
  });
});

describe('ad hoc runs: canonize run --transform', () => {
  it('runs one issue named after the file, dry by default; unknown flags become options as in jscodeshift', () => {
    setup(config([{ id: 'unused', migrations: [RENAME] }]));
    const run = canonize(project, 'run', '-t', 'codemods/options-echo.js', '--only', 'generic.ts,view.tsx', '--level', 'info', '--retries=3', '--moves', '[{"from":"a"}]', '--strict', '--out', 'out', 'src');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^options-echo: 2 files changed, 2 references rewritten, violations 2 -> 2$/m);
    expect(git(root, 'status', '--porcelain')).toBe('');
    const patch = read('out/options-echo.patch');
    expect(patch).toContain('+// options: {"only":"generic.ts,view.tsx","level":"info","retries":3,"moves":[{"from":"a"}],"strict":true,"parser":"ts"}');
    expect(patch).toContain('+// options: {"only":"generic.ts,view.tsx","level":"info","retries":3,"moves":[{"from":"a"}],"strict":true,"parser":"tsx"}');
    const summary = read('out/options-echo.md');
    expect(summary).toContain('# jscodeshift transform codemods/options-echo.js');
    // From the repository's root, as the summary's other commands.
    expect(summary).toContain(`npx canonize run --transform ./demo/codemods/options-echo.js --only generic.ts,view.tsx --level info --retries=3 --moves '[{"from":"a"}]' --strict demo/src --write`);

    // The summary's command writes the same change.
    const again = canonize(project, 'run', '--transform', 'codemods/options-echo.js', '--only', 'generic.ts,view.tsx', '--level', 'info', '--retries=3', '--moves', '[{"from":"a"}]', '--strict', 'src', '--write');
    expect(again.status).toBe(0);
    git(root, 'add', '-A', 'demo/src');
    expect(git(root, 'diff', '--cached', '--name-only').trim().split('\n')).toEqual(['demo/src/generic.ts', 'demo/src/view.tsx']);
  });

  it("the runner's flags work for it: --diff, --split-by, --json; --issue is refused; a bad module exits 2", () => {
    setup(config([{ id: 'unused', migrations: [RENAME] }]));
    const diff = canonize(project, 'run', '-t', './codemods/rename-logger.ts', '--to', '@acme/log', '--diff', '--split-by', 'dir:2', 'src');
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('+import log from "@acme/log";');
    expect(fs.readdirSync(path.join(project, 'canonize-out')).filter((f) => f.endsWith('.patch')).sort()).toEqual(['rename-logger.demo-src.patch']);
    expect(canonize(project, 'run', '-t', './codemods/rename-logger.ts', '--issue', 'x').stderr).toContain('--issue does not apply with --transform');
    const bad = canonize(project, 'run', '-t', 'codemods/not-a-transform.cjs');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^canonize: --transform codemods\/not-a-transform\.cjs: \S+not-a-transform\.cjs exports no transform function/);
    const parser = canonize(project, 'run', '-t', 'codemods/rename-logger.ts', '--parser', 'typescript');
    expect(parser.status).toBe(2);
    expect(parser.stderr).toContain('--transform codemods/rename-logger.ts: --parser: expected one of "babel", "babylon", "flow", "ts", "tsx"');
  });
});

describe('check with a custom transform', () => {
  it("counts the files the transform would change as violations, at each file's first changed line", () => {
    setup(config([{ id: 'logger', migrations: [RENAME] }]));
    const check = canonize(project, 'check');
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('logger: 5 violations (5 fixable by canonize run, 0 for a human)');
    // The first changed line: recast dropped the comment above the removed import.
    expect(check.stdout).toContain('  demo/src/generic.ts:1:1 "// Loads the polyfill first: this comment leads the first import." -> ./codemods/rename-logger.ts');
    expect(check.stdout).toContain('  demo/src/plain.js:2:1 "log.warn(\'plain\', { a: 1 });" -> ./codemods/rename-logger.ts');
    expect(git(root, 'status', '--porcelain')).toBe('');
  });
});
