/**
 * Robustness: random valid configs over a generated corpus of real-world-shaped files (odd line endings,
 * BOMs, tabs, trailing spaces, no final newline, non-ASCII text, every reference kind and spelling) plus the
 * bundled example. For every seed: the output parses; its AST differs from the input only in module
 * references (each now naming the canonical module) and in how import statements are grouped; a changed
 * file differs only on lines that hold references; a second run changes nothing; `git apply` of the patches
 * reproduces `--write`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as t from '@babel/types';
import { diffArrays } from 'diff';
import { loadConfig } from '../src/config/load';
import { planRun, type RunResult } from '../src/plan/run';
import { buildPatch } from '../src/report/patch';
import { ModuleResolver } from '../src/resolve/resolver';
import { parseSource } from '../src/syntax/parse';
import { findReferences } from '../src/syntax/references';
import { prng } from '../bench/generate';
import { EXAMPLE, git, makeRepo, removeRepo, snapshot, writeFiles } from './support/project';

const MODULES = ['lib/alpha', 'lib/beta', 'lib/gamma/index', 'core/delta', 'core/epsilon', 'core/zeta/index', 'feature/eta', 'feature/theta'];
const CONSUMER_DIRS = ['app', 'app/pages', 'core', 'feature/deep/er', 'lib'];

/** A specifier for `module` from a file in `fromDir`, in one of the spellings projects use. */
function spelling(rng: ReturnType<typeof prng>, fromDir: string, module: string): string {
  const target = module.endsWith('/index') && rng.chance(0.7) ? module.slice(0, -'/index'.length) : module;
  const style = rng.int(3);
  if (style === 0) return `@/${target}`;
  if (style === 1) return target;
  const rel = path.posix.relative(fromDir, target);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function exportsOf(module: string): string {
  const name = `v_${module.replace(/\W/g, '_')}`;
  return `export const ${name} = 1;\nexport type T_${name} = number;\nexport default ${name};\n`;
}

/** One consumer file: a random mix of reference kinds and odd formatting. */
function consumer(rng: ReturnType<typeof prng>, dir: string, index: number): string {
  const eol = rng.chance(0.3) ? '\r\n' : '\n';
  const q = rng.chance(0.3) ? '"' : "'";
  const lines: string[] = [];
  if (rng.chance(0.15)) lines.push('\uFEFF// café ünïcode header');
  const used = new Set<string>();
  for (let i = 0; i < 2 + rng.int(5); i++) {
    const module = rng.pick(MODULES);
    const spec = `${q}${spelling(rng, dir, module)}${q}`;
    const name = `v_${module.replace(/\W/g, '_')}`;
    const kind = rng.int(10);
    const alias = `${name}_${i}`;
    if (kind === 0 && !used.has(name)) {
      used.add(name);
      lines.push(`import { ${name} } from ${spec};${rng.chance(0.3) ? '   ' : ''}`);
    } else if (kind === 1) lines.push(`import ${alias}d from ${spec}; // default`);
    else if (kind === 2) lines.push(`import * as ${alias}ns from ${spec};`);
    else if (kind === 3) lines.push(`import type { T_${name} as ${alias}T } from ${spec};`);
    else if (kind === 4) lines.push(`export { ${name} as ${alias}e } from ${spec};`);
    else if (kind === 5) lines.push(`const ${alias}r = require(${spec});`);
    else if (kind === 6) lines.push(`export const ${alias}l = () => import(${spec});`);
    else if (kind === 7) lines.push(`export type ${alias}X = import(${spec}).T_${name};`);
    else if (kind === 8) lines.push(`jest.mock(${spec}, () => ({ ${name}: 2 }));`);
    else lines.push(`import ${spec};`);
  }
  lines.push(`\tconst naïve_${index} = "ß∂ƒ ${index}";\t`, `export default naïve_${index};`);
  const text = lines.join(eol);
  return rng.chance(0.2) ? text : text + eol;
}

function generateCorpus(seed: number): Record<string, string> {
  const rng = prng(seed);
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', baseUrl: 'src', paths: { '@/*': ['*'] } } }),
  };
  for (const module of MODULES) files[`src/${module}.ts`] = exportsOf(module);
  for (let i = 0; i < 40; i++) {
    const dir = rng.pick(CONSUMER_DIRS);
    files[`src/${dir}/c${i}.${rng.chance(0.2) ? 'tsx' : 'ts'}`] = consumer(rng, dir, i);
  }
  return files;
}

/** Random moves between existing modules, in two issues; chains are allowed, cycles are not. */
function randomConfig(seed: number, modules: string[]): object {
  const rng = prng(seed * 7919);
  const order = [...modules].sort(() => rng.int(3) - 1);
  const issue = (id: string, from: string[], order: string[]) => ({
    id,
    migrations: [
      {
        transform: 'canonical-imports',
        options: { moves: from.map((f) => ({ from: f, to: order[order.indexOf(f) + 1 + rng.int(order.length - order.indexOf(f) - 1)]! })) },
      },
    ],
  });
  const candidates = order.slice(0, -1);
  const first = candidates.filter(() => rng.chance(0.4));
  // A later issue may not move references onto a module an earlier one retires (a config error): the
  // second issue's moves come from, and go to, the part of the order the first issue leaves alone.
  const tail = order.slice(Math.max(...first.map((f) => order.indexOf(f)), 0) + 1);
  const second = tail.slice(0, -1).filter(() => rng.chance(0.4));
  return {
    include: ['**/*.{ts,tsx}'],
    tsconfig: [...new Set(modules.map((m) => (m.startsWith('example/') ? 'example/tsconfig.json' : 'tsconfig.json')))],
    issues: [issue('first', first.length ? first : [candidates[0]!], order), ...(second.length ? [issue('second', second, tail)] : [])],
  };
}

const STRIP = new Set(['start', 'end', 'loc', 'extra', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'tokens']);

/** The AST as plain data, with positions and comments dropped. */
function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => !STRIP.has(k)).map(([k, v]) => [k, shape(v)]));
}

/**
 * A file's AST with every module reference replaced by the module it names (after `canonical`), and its
 * import statements turned into a sorted list of bindings, since merging regroups them.
 */
function normalized(file: string, source: string, resolver: ModuleResolver, canonical: (f: string) => string, leftLines: Set<number>): { body: unknown; imports: string[] } {
  const ast = parseSource(source, file);
  const refs = findReferences(ast, source);
  const identity = new Map<number, string>();
  for (const ref of refs) {
    const resolved = resolver.resolve(ref.specifier, file, ref.kind === 'require' ? 'require' : 'import');
    // References the transform reports for a human keep naming the module they named.
    const left = ref.kind === 'declare-module' || leftLines.has(ref.line);
    identity.set(ref.start - 1, resolved ? (left ? resolved : canonical(resolved)) : ref.specifier);
  }
  const rename = (node: t.Node): void => {
    if (node.type === 'StringLiteral' && identity.has(node.start!)) (node as { value: string }).value = `<${identity.get(node.start!)}>`;
    if (node.type === 'TemplateLiteral' && identity.has(node.start!)) node.quasis[0]!.value = { raw: identity.get(node.start!)!, cooked: identity.get(node.start!)! };
  };
  require('@babel/types').traverseFast(ast.program, rename);
  const imports: string[] = [];
  const body = ast.program.body.filter((statement) => {
    if (statement.type !== 'ImportDeclaration' || statement.specifiers.length === 0) return true;
    for (const s of statement.specifiers) imports.push(JSON.stringify([statement.source.value, statement.importKind ?? 'value', shape(s)]));
    return false;
  });
  return { body: shape(body), imports: imports.sort() };
}

/** Line numbers (0-based) of `source` that hold a module reference or belong to an import statement. */
function referenceLines(file: string, source: string): Set<number> {
  const ast = parseSource(source, file);
  const lines = new Set<number>();
  for (const ref of findReferences(ast, source)) {
    const from = ref.declaration ? ref.declaration.loc!.start.line : ref.line;
    const to = ref.declaration ? ref.declaration.loc!.end.line : ref.line;
    for (let l = from; l <= to; l++) lines.add(l - 1);
  }
  for (const s of ast.program.body) if (s.type === 'ImportDeclaration') for (let l = s.loc!.start.line; l <= s.loc!.end.line; l++) lines.add(l - 1);
  return lines;
}

/** Lines with their terminators, so CRLF and a missing final newline count as differences. */
const splitLines = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function changedLineNumbers(before: string, after: string): { removed: number[]; added: number[] } {
  const removed: number[] = [];
  const added: number[] = [];
  let b = 0;
  let a = 0;
  for (const part of diffArrays(splitLines(before), splitLines(after))) {
    for (let i = 0; i < part.value.length; i++) {
      if (part.removed) removed.push(b++);
      else if (part.added) added.push(a++);
      else (b++, a++);
    }
  }
  return { removed, added };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe.each(SEEDS)('seed %i', (seed) => {
  let root: string;
  afterAll(() => removeRepo(root));

  it('keeps every invariant', async () => {
    const corpus = generateCorpus(seed);
    ({ root } = makeRepo({ subdir: '.', files: corpus }));
    fs.cpSync(EXAMPLE, path.join(root, 'example'), { recursive: true });
    const exampleModules = ['example/src/legacy/engine', 'example/src/agents/execution-engine', 'example/src/models/job', 'example/src/lib/logger'];
    const modules = seed % 2 === 0 ? [...MODULES.map((m) => `src/${m}`), ...exampleModules] : MODULES.map((m) => `src/${m}`);
    writeFiles(root, { 'canonize.config.json': JSON.stringify(randomConfig(seed, modules)) });
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'corpus');

    const config = loadConfig(path.join(root, 'canonize.config.json'));
    const result: RunResult = await planRun({ config, paths: [], issueIds: [] });
    expect(result.failures).toEqual([]);
    const resolver = new ModuleResolver({ tsconfigs: config.tsconfigs, rootDir: root });
    const changed = result.issues.reduce((n, i) => n + i.changes.length, 0);
    expect(changed).toBeGreaterThan(0);

    for (const [i, issue] of result.issues.entries()) {
      const moves = new Map<string, string>();
      for (const m of (config.issues[i]!.migrations[0]!.options as { moves: Array<{ from: string; to: string }> }).moves) {
        moves.set(resolver.resolve(`./${m.from}`, path.join(root, 'x.ts'))!, resolver.resolve(`./${m.to}`, path.join(root, 'x.ts'))!);
      }
      const canonical = (f: string): string => (moves.has(f) ? canonical(moves.get(f)!) : f);
      for (const change of issue.changes) {
        // These configs never delete a shim: every change has a new text.
        if (change.after === null) throw new Error(`${change.path} was deleted`);
        const left = new Set(issue.manual.filter((m) => m.path === change.path).map((m) => m.line));
        const before = normalized(change.file, change.before, resolver, canonical, left);
        const after = normalized(change.file, change.after, resolver, (f) => f, new Set());
        expect({ file: change.path, ...after }).toEqual({ file: change.path, ...before });

        const { removed, added } = changedLineNumbers(change.before, change.after);
        const beforeRefs = referenceLines(change.file, change.before);
        const afterRefs = referenceLines(change.file, change.after);

        expect({ file: change.path, lines: removed.filter((l) => !beforeRefs.has(l)) }).toEqual({ file: change.path, lines: [] });
        expect({ file: change.path, lines: added.filter((l) => !afterRefs.has(l)) }).toEqual({ file: change.path, lines: [] });
        expect(change.after.startsWith('\uFEFF')).toBe(change.before.startsWith('\uFEFF'));
      }
    }

    // git apply of the patches, in order, reproduces the final texts; a second run then changes nothing.
    const patches = result.issues.map((issue, i) => {
      const file = path.join(root, '..', `${path.basename(root)}-${i}.patch`);
      fs.writeFileSync(file, buildPatch(issue.changes));
      return file;
    });
    for (const patch of patches) git(root, 'apply', patch);
    const applied = snapshot(root);
    patches.forEach((p) => fs.rmSync(p));
    for (const issue of result.issues) for (const change of issue.changes) expect(applied[path.relative(root, change.file)]).toBeDefined();
    const last = new Map<string, string | null>();
    for (const issue of result.issues) for (const c of issue.changes) last.set(path.relative(root, c.file), c.after);
    for (const [file, text] of last) expect(applied[file]).toBe(text ?? undefined);

    const again = await planRun({ config: loadConfig(path.join(root, 'canonize.config.json')), paths: [], issueIds: [] });
    expect(again.issues.map((i) => i.changes.length)).toEqual(again.issues.map(() => 0));
  });
});
