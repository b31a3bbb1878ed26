/**
 * The fast path (src/syntax/specifiers.ts: oxc's module record instead of a Babel tree) lists exactly the
 * references Babel's tree gives, and the runs it speeds up plan exactly what they planned with Babel alone;
 * the proof's first step on other threads (src/verify/respelt-pool.ts) proves exactly what it proves alone.
 * Both halves run the built dist/ in a child process (`npm run build` first): oxc's ES module loads under
 * plain Node, not under jest's module runtime, where the fast path would quietly be Babel.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTree } from '../bench/generate';
import { canonizeWithEnv, EXAMPLE, git, makeRepo, removeRepo, REPO, writeFiles } from './support/project';

const COMPARE = path.join(__dirname, 'support', 'compare-specifiers.cjs');
const SOURCE = /\.(?:[mc]?[jt]sx?)$/;

interface Comparison {
  files: number;
  fast: number;
  failed: number;
  differences: unknown[];
  available: boolean;
}

function compare(files: string[], env: Record<string, string> = {}): Comparison {
  return JSON.parse(execFileSync(process.execPath, [COMPARE, ...files], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })) as Comparison;
}

function sourcesBelow(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => SOURCE.test(f) && !f.split(path.sep).includes('node_modules')).map((f) => path.join(dir, f));
}

/** Cases the generated tree and the fixtures may not hold: positions after wide characters, other line ends, errors. */
const TRICKY: Record<string, string> = {
  'unicode.ts': "// é ✓ 😀 — wide characters before the imports\nimport { a } from './a'; /* 😀 */ import b from \"./b\";\nexport * from './c';\n",
  'line-ends.ts': "import a from './a';\r\nimport b from './b';\rimport c from './c';\u2028import d from './d';\u2029export { e } from './e';\n",
  'types.ts': "import type { A } from './a';\nexport type { B } from './b';\nexport * as ns from './ns';\nexport { default, x as y } from './x';\nimport './side-effect';\nimport json from './data.json' with { type: 'json' };\n",
  'escapes.ts': "import a from './\\u0061';\nexport { b } from \"./b\\x62\";\n",
  'jsx-in.ts': "import React from 'react';\nimport { Button } from './button';\nexport const view = <Button />;\n",
  'cast.ts': "import { x } from './x';\nconst y = <string>x;\n",
  'script.js': "var a = 1;\nwith (Math) { a = max(1, 2); }\n",
  'broken.ts': "import { a } from './a';\nexport const = 1;\n",
  'broken-string.ts': "import { a } from './a\n",
  'decl.d.ts': "import type { A } from './a';\nexport declare const a: A;\nexport { B } from './b';\n",
  'deep.ts': "import a from './a';\nconst b = require('./b');\nexport const c = () => import('./c');\ntype D = import('./d').D;\n",
  'jsx.tsx': "import { Card } from './card';\nexport const view = () => <Card title=\"x\" />;\n",
  'module.mjs': "import a from './a.mjs';\nexport { b } from './b.mjs';\n",
  'required.tsx': "import { z } from 'zod';\nexport const schema = z.string().min(1, 'Title is required');\nexport const view = <input required data-require-name />;\n",
  'escaped-require.js': "import a from './a';\nconst b = \\u0072equire('./b');\n",
  'mocked.ts': "import { a } from './a';\njest\n  .mock('./b');\n",
  'commented.ts': "import { a } from './a';\nconst c = import /* lazy */ ('./c');\ndeclare module /* augment */ './a' { interface A { b: 1 } }\n",
  'await.mts': "import { a } from './a.mjs';\nawait a();\n",
  // The listing parses only as far as the last line that can hold an import (importsEnd): a beginning that does
  // not parse on its own (a template or a statement cut there) is parsed whole; an error there is still found.
  'broken-imports.ts': "import { a } from './a';\nimport { from './b';\nexport const c = 1;\n",
  'template-cut.ts': "import a from './a';\nconst t = `\nimport b from './b';\n`;\nexport { t };\n",
  'from-below.ts': "export { a }\n  from\n  './a';\nconst b = Array.from([1]);\nconst c = { from: 1 };\nexport { b, c };\n",
  'words-below.ts': "import { a } from './a';\n// data comes from the server, imported as is\nexport const b = a;\nconst c = import.meta.url;\n",
  // A `.ts` file that fails as TypeScript is read again as TSX, where a beginning with a `<` may mean
  // something else: an import inside a template after a cast, or JSX text that reads as an import.
  'cast-template.ts': "const x = <any>`\n</any>\nimport { a } from \"./old\"\n`\n// from\n`;\n",
  'cast-jsx-text.ts': "const x = <any>y\nimport a from './lib/a'\n</any>;\nexport { x };\n",
  'cast-reexport.mts': "const c = <any>z\nexport { a } from './a'\n</any>;\n",
  // oxc's module record leaves out a re-export that binds no name.
  'empty-reexport.ts': "export {} from './f';\nexport type {\n} from './g';\nexport {};\n",
  // oxc's parser does not check that a name is bound once; Babel does (TSX here, for the JSX below).
  'bound-twice.ts': "import { a } from './x';\nimport { a } from './y';\nexport const el = <div>{a}</div>;\n",
};

describe('the fast path lists the references Babel lists', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-fast-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('on a generated monorepo', () => {
    const tree = generateTree(path.join(dir, 'tree'), 600, 3);
    const result = compare(sourcesBelow(path.join(tree.root, 'packages')));
    expect(result.available).toBe(true);
    expect(result.differences).toEqual([]);
    expect(result.files).toBeGreaterThanOrEqual(600);
    // Nearly all generated files hold only static imports and re-exports (a few use `import()`, which Babel lists).
    expect(result.fast).toBeGreaterThan(result.files * 0.95);
  });

  it('on the bundled example and every transform fixture', () => {
    const files = [...sourcesBelow(EXAMPLE), ...sourcesBelow(path.join(REPO, '__testfixtures__'))];
    const result = compare(files);
    expect(result.differences).toEqual([]);
    expect(result.files).toBe(files.length);
    expect(result.fast).toBeGreaterThan(files.length / 3);
  });

  it('on wide characters, every line terminator, type-only and escaped specifiers, JSX in .ts, scripts and syntax errors', () => {
    writeFiles(path.join(dir, 'tricky'), TRICKY);
    const result = compare(Object.keys(TRICKY).map((f) => path.join(dir, 'tricky', f)));
    // Two differences, both files Babel refuses and the fast path lists. By design, a syntax error below the
    // last import, which it does not read (see importsEnd in src/syntax/specifiers.ts). And a name two imports
    // bind, which oxc's parser does not check: here the file reaches Babel's second reading, as TSX, whose error
    // is that one; a file without JSX below is listed the same way whether its beginning or all of it is read.
    expect(result.differences).toEqual([
      {
        file: path.join(dir, 'tricky', 'broken.ts'),
        fast: { refs: [{ kind: 'import', specifier: './a', start: 19, end: 22, line: 1, column: 19 }] },
        babel: { error: { name: 'ParseError', line: 2, column: 14, reason: 'Unexpected token' } },
      },
      {
        file: path.join(dir, 'tricky', 'bound-twice.ts'),
        fast: { refs: [{ kind: 'import', specifier: './x', start: 19, end: 22, line: 1, column: 19 }, { kind: 'import', specifier: './y', start: 44, end: 47, line: 2, column: 19 }] },
        babel: { error: expect.objectContaining({ name: 'ParseError', line: 2 }) },
      },
    ]);
    expect(result.failed).toBe(4);
    // What oxc refuses (JSX in .ts, a script, the errors) and what a deep walk must find go to Babel.
    expect(result.fast).toBeGreaterThanOrEqual(9);
  });

  it('with CANONIZE_PARSER=babel, never', () => {
    const result = compare([path.join(EXAMPLE, 'src', 'main.ts')], { CANONIZE_PARSER: 'babel' });
    expect(result).toMatchObject({ available: false, fast: 0, differences: [] });
  });
});

/** `check --format json` and `run --no-verify`'s patches and summaries, with the fast path and with Babel only. */
function plans(project: string, config: string, parser: 'fast' | 'babel'): { check: string; run: Record<string, string> } {
  const env = parser === 'babel' ? { CANONIZE_PARSER: 'babel' } : { CANONIZE_PARSER: undefined };
  const check = canonizeWithEnv(project, env, 'check', '--config', config, '--format', 'json');
  expect(check.stderr).not.toMatch(/Error|failed/);
  const out = path.join(os.tmpdir(), `canonize-fast-out-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  const run = canonizeWithEnv(project, env, 'run', '--config', config, '--no-verify', '--out', out);
  expect(run.status).toBe(0);
  const outputs = Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
  fs.rmSync(out, { recursive: true, force: true });
  return { check: check.stdout, run: outputs };
}

/**
 * Makes a repository of `repo` (see makeRepo), plans `config` in it with the fast path, lets `expectFast` look
 * at that plan, and expects the same plan from Babel alone.
 */
function plansTheSame(repo: Parameters<typeof makeRepo>[0], expectFast: (fast: ReturnType<typeof plans>) => void): void {
  const { root, project } = makeRepo(repo);
  try {
    const fast = plans(project, 'canonize.config.json', 'fast');
    expectFast(fast);
    expect(fast).toEqual(plans(project, 'canonize.config.json', 'babel'));
  } finally {
    removeRepo(root);
  }
}

describe('runs plan the same with the fast path as with Babel alone', () => {
  it('on a generated monorepo: the whole-tree spelling job and the common-name move', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-fast-plan-'));
    try {
      const tree = generateTree(root, 600, 5);
      git(root, 'init', '-q', '-b', 'main');
      git(root, 'add', '-A');
      git(root, '-c', 'user.email=e2e@canonize.test', '-c', 'user.name=e2e', 'commit', '-qm', 'tree');
      for (const config of [tree.spellingConfig, tree.commonNameConfig, tree.config]) {
        const fast = plans(root, config, 'fast');
        expect(JSON.parse(fast.check).violations.length).toBeGreaterThan(0);
        expect(Object.keys(fast.run).some((f) => f.endsWith('.patch'))).toBe(true);
        expect(fast).toEqual(plans(root, config, 'babel'));
      }
    } finally {
      removeRepo(root);
    }
  });

  // canonical-imports plans a file from its specifiers alone when only they change; every other case here
  // (a merge, a name the old module lacks, a narrower shim, a default taken between braces) goes to the tree.
  it('on module moves that keep or change what each import names', () => {
    plansTheSame(
      {
        files: {
          'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, include: ['src'] }),
          'canonize.config.json': JSON.stringify({
            include: ['src/**/*.ts'],
            issues: [{ id: 'moves', migrations: [{ transform: 'canonical-imports', options: { moves: [
              { from: 'src/old.ts', to: 'src/new.ts' },
              { from: 'src/narrow.ts', to: 'src/new.ts' },
              { from: 'src/old-default.ts', to: 'src/with-default.ts' },
            ] } }] }],
          }),
          'src/new.ts': 'export const a = 1;\nexport const b = 2;\nexport type T = number;\n',
          'src/old.ts': "export * from './new';\n",
          'src/narrow.ts': "export { a } from './new';\n",
          'src/with-default.ts': 'export const c = 3;\nexport default function d() {}\n',
          'src/old-default.ts': "export * from './with-default';\nexport { default } from './with-default';\n",
          'src/named.ts': "import { a, type T } from './old';\nimport type { T as U } from './old';\nexport const x: T | U = a;\n",
          'src/merged.ts': "import { a } from './old';\nimport { b } from './new';\nexport const y = a + b;\n",
          'src/type-and-value.ts': "import { a } from './old';\nimport type { T } from './new';\nexport const z: T = a;\n",
          'src/missing.ts': "import { a, gone } from './old';\nexport const w = [a, gone];\n",
          'src/reexports.ts': "export * from './old';\nexport * as ns from './old';\nexport { a as renamed, type T } from './old';\n",
          'src/namespace.ts': "import * as NS from './old';\nimport './old';\nexport const v = NS.a;\n",
          'src/narrowed.ts': "import * as N from './narrow';\nimport { a } from './narrow';\nexport const u = [N.a, a];\n",
          'src/defaults.ts': "import d, { c } from './old-default';\nexport { default as e } from './old-default';\nexport const t = [d, c];\n",
          'src/braced-default.ts': "import { default as d2 } from './old-default';\nexport const s = d2;\n",
          'src/default-named-type.ts': "import type from './old-default';\nimport { c } from './with-default';\nexport const r = [type, c];\n",
          'src/commented.ts': "import /* the value */ { a } from './old';\nimport type { T } from './new';\nexport const q: T = a;\n",
        },
      },
      (fast) => expect(JSON.parse(fast.check).violations.length).toBeGreaterThan(10),
    );
  });

  // Found by review: a beginning that reads as a cast in TypeScript hid an import the whole file, read as TSX,
  // holds; the move left it and deleted the shim it still imports.
  it('on a .ts file whose imports only TSX reads, with a shim to delete', () => {
    plansTheSame(
      {
        files: {
          'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', noEmit: true, jsx: 'react-jsx' }, include: ['src'] }),
          'canonize.config.json': JSON.stringify({
            include: ['src/**/*.ts'],
            issues: [{ id: 'moves', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/old.ts', to: 'src/new.ts' }], deleteUnusedShims: true } }] }],
          }),
          'src/new.ts': 'export const a = 1;\n',
          'src/old.ts': "export * from './new';\n",
          'src/hidden.ts': 'const x = <any>`\n</any>\nimport { a } from "./old"\n`\n// from\n`;\n',
        },
      },
      (fast) => {
        expect(JSON.parse(fast.check).violations).toHaveLength(1);
        expect(fast.run['moves.patch']).toContain('+import { a } from "./new"');
      },
    );
  });

  it('on the bundled example', () => {
    plansTheSame({ source: EXAMPLE }, (fast) => expect(JSON.parse(fast.check).violations.length).toBeGreaterThan(0));
  });
});

/** `run`'s patches and summaries with the proof, its first step on `workers` threads (0: none). */
function proven(project: string, config: string, workers: number): Record<string, string> {
  const out = path.join(os.tmpdir(), `canonize-proven-out-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  const run = canonizeWithEnv(project, { CANONIZE_WORKERS: String(workers) }, 'run', '--config', config, '--out', out);
  expect(run.status).toBe(0);
  const outputs = Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
  fs.rmSync(out, { recursive: true, force: true });
  return outputs;
}

describe('the proof proves the same with its first step on a thread while the run plans', () => {
  it('on a generated monorepo (the whole-tree spelling job) and on the bundled example', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-proven-'));
    const { root: exampleRoot, project } = makeRepo({ source: EXAMPLE });
    try {
      const tree = generateTree(root, 600, 7);
      git(root, 'init', '-q', '-b', 'main');
      git(root, 'add', '-A');
      git(root, '-c', 'user.email=e2e@canonize.test', '-c', 'user.name=e2e', 'commit', '-qm', 'tree');
      for (const [where, config] of [[root, tree.spellingConfig], [project, 'canonize.config.json']] as const) {
        const threaded = proven(where, config, 1);
        const summaries = Object.entries(threaded).filter(([f]) => f.endsWith('.md'));
        expect(summaries.some(([, text]) => /bindings? and \d+ export lists? unchanged/.test(text))).toBe(true);
        expect(threaded).toEqual(proven(where, config, 0));
      }
    } finally {
      removeRepo(root);
      removeRepo(exampleRoot);
    }
  });
});

describe('discover finds the same with its files analysed on the reading thread', () => {
  it('on a generated monorepo and on the bundled example (CANONIZE_READ_THREAD=0: analysed on the runner thread)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-analysed-'));
    const { root: exampleRoot, project } = makeRepo({ source: EXAMPLE });
    try {
      generateTree(root, 600, 9);
      git(root, 'init', '-q', '-b', 'main');
      git(root, 'add', '-A');
      git(root, '-c', 'user.email=e2e@canonize.test', '-c', 'user.name=e2e', 'commit', '-qm', 'tree');
      for (const where of [root, project]) {
        const threaded = canonizeWithEnv(where, {}, 'discover', '--format', 'json');
        const inline = canonizeWithEnv(where, { CANONIZE_READ_THREAD: '0' }, 'discover', '--format', 'json');
        expect(threaded.status).toBe(0);
        const findings = JSON.parse(threaded.stdout) as { findings: unknown[] };
        expect(findings.findings.length).toBeGreaterThan(0);
        expect(threaded.stdout).toEqual(inline.stdout);
      }
    } finally {
      removeRepo(root);
      removeRepo(exampleRoot);
    }
  });
});
