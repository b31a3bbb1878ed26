/**
 * The proof in process (src/verify/): what it accepts (respelt specifiers, a copy the config replaces), and
 * what it blocks (an export list that shrank), on small projects planned by the real runner.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../src/config/load';
import { planRun, type RunResult } from '../src/plan/run';
import { ModuleResolver } from '../src/resolve/resolver';
import { proveRun } from '../src/verify/prove';
import { REPO } from './support/project';

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, paths: { '@/*': ['./src/*'] } }, include: ['src'] });

async function proven(files: Record<string, string>, issues: unknown[]): Promise<RunResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'canonize-verify-'));
  try {
    for (const [name, text] of Object.entries({ 'tsconfig.json': TSCONFIG, 'canonize.config.json': JSON.stringify({ include: ['src/**/*.ts'], issues }), ...files })) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
    const config = loadConfig(path.join(root, 'canonize.config.json'));
    const result = await planRun({ config, paths: [], issueIds: [] });
    proveRun(result, { resolver: new ModuleResolver({ tsconfigs: config.tsconfigs, rootDir: config.rootDir }), rootDir: config.rootDir });
    return result;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

it('proves respelt specifiers without the checker, and counts their bindings', async () => {
  const result = await proven(
    {
      'src/lib/format.ts': 'export function format(n: number): string {\n  return String(n);\n}\nexport type Unit = "ms";\n',
      'src/app/use.ts': "import { format, type Unit } from '../lib/format';\nexport const u: Unit = 'ms';\nexport const a = format(1);\n",
    },
    [{ id: 'spell', migrations: [{ transform: 'canonical-specifiers', options: { style: 'alias' } }] }],
  );
  const [issue] = result.issues;
  expect(issue!.changes.map((c) => c.after)).toEqual(["import { format, type Unit } from '@/lib/format';\nexport const u: Unit = 'ms';\nexport const a = format(1);\n"]);
  expect(issue!.proof).toMatchObject({ bindings: 2, exportLists: 1, replaced: 0, blocked: [] });
});

it('accepts what the config replaces: a copy retired in favour of its canonical module', async () => {
  const result = await proven(
    {
      'src/lib/format.ts': 'export function format(n: number): string {\n  return n.toFixed(1);\n}\n',
      'src/lib/old-format.ts': 'export function format(n: number): string {\n  return n.toFixed(2);\n}\n',
      'src/app/use.ts': "import { format } from '../lib/old-format';\nexport const a = format(1);\n",
    },
    [{ id: 'copies', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/lib/old-format.ts', to: 'src/lib/format.ts' }] } }] }],
  );
  const [issue] = result.issues;
  expect(issue!.changes.map((c) => c.path)).toEqual(['src/app/use.ts']);
  expect(issue!.proof).toMatchObject({ bindings: 0, replaced: 1, exportLists: 1, blocked: [] });
});

it('blocks a barrel whose export list would shrink, and keeps its text', async () => {
  // The shim also passes a package's names on, so what it exports cannot be read off the syntax tree:
  // canonical-imports moves `export *` as a whole, and the barrel would lose `parse`.
  const barrel = "export * from './shim';\n";
  const result = await proven(
    {
      'src/lib/format.ts': 'export function format(n: number): string {\n  return String(n);\n}\n',
      'src/lib/shim.ts': "export * from 'jsonc-parser';\nexport { format } from './format';\n",
      'src/lib/index.ts': barrel,
    },
    [{ id: 'retire', migrations: [{ transform: 'canonical-imports', options: { moves: [{ from: 'src/lib/shim.ts', to: 'src/lib/format.ts' }] } }] }],
  );
  const [issue] = result.issues;
  expect(issue!.changes).toEqual([]);
  expect(issue!.proof!.blocked.map((b) => b.path)).toEqual(['src/lib/index.ts']);
  expect(issue!.proof!.blocked[0]!.differences.map((d) => d.what)).toContainEqual(expect.stringMatching(/^export list: `parse` is gone \(was `node_modules\/jsonc-parser\/.*#parse \(value\)`\)$/));
  expect(issue!.manual.map((m) => [m.path, m.line, m.reason.slice(0, 40)])).toEqual([['src/lib/index.ts', 1, 'left: the proof found that this change w']]);
});
