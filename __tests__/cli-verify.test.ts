/**
 * The proof in every run, end to end: the summary and the terminal say what TypeScript proved; a change
 * that would change what a file means is blocked (not in the patch, not written, listed with the
 * difference), and a shim it still names is kept; `--no-verify` skips the proof.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, EXAMPLE, makeRepo, removeRepo, snapshot } from './support/project';

it('says what the proof checked on the bundled example, and --no-verify skips it', () => {
  const { root, project } = makeRepo({ source: EXAMPLE });
  try {
    const dry = canonize(project, 'run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^import-fragmentation: 11 files changed.*\n {2}proof: \d+ bindings and 11 export lists unchanged, checked by TypeScript 5\.9$/m);
    expect(dry.stdout).toMatch(/files read in [\d.]+s, proof in [\d.]+s;/);
    const summary = fs.readFileSync(path.join(project, 'canonize-out', 'import-fragmentation.md'), 'utf8');
    expect(summary).toMatch(/## Proof\n\n\*\*\d+ bindings and 11 export lists unchanged, checked by TypeScript 5\.9\.\*\*/);
    expect(summary).not.toContain('Blocked by the proof');
    const json = JSON.parse(canonize(project, 'run', '--json').stdout);
    expect(json.issues[0].proof).toMatchObject({ typescript: '5.9', exportLists: 11, blocked: [] });

    const skipped = canonize(project, 'run', '--no-verify');
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).not.toContain('proof');
    expect(fs.readFileSync(path.join(project, 'canonize-out', 'import-fragmentation.md'), 'utf8')).toContain('Not proven: this run skipped the check (`--no-verify`).');
  } finally {
    removeRepo(root);
  }
});

/**
 * The shim takes names from a package as well as from the target: what it exports cannot be read off the
 * syntax tree, so canonical-imports moves the import as a whole, and the proof sees `parse` vanish.
 */
const MIXED = {
  '.gitignore': 'node_modules\n',
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true }, include: ['src'] }),
  'src/format.ts': 'export function format(value: number): string {\n  return value.toFixed(2);\n}\n',
  'src/shim.ts': "export * from 'jsonc-parser';\nexport { format } from './format';\n",
  'src/good.ts': "import { format } from './shim';\nexport const a = format(1);\n",
  'src/mixed.ts': "import { format, parse } from './shim';\nexport const b = parse(format(2));\n",
  'canonize.config.json': JSON.stringify({
    include: ['src/**/*.ts'],
    issues: [{ id: 'retire', migrations: [{ transform: 'canonical-imports', options: { deleteUnusedShims: true, moves: [{ from: 'src/shim.ts', to: 'src/format.ts' }] } }] }],
  }),
};

it('blocks a change that changes meaning: not in the patch, not written, listed with the difference; the shim it names stays', () => {
  const { root, project } = makeRepo({ files: MIXED, subdir: '.' });
  try {
    const before = snapshot(root);
    const result = canonize(project, 'run', '--write');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^retire: 1 file changed, 1 reference rewritten, violations 2 -> 1 \(1 left for a human\)\n {2}proof: 1 binding and 1 export list unchanged, checked by TypeScript 5\.9; 1 file blocked \(see the summary\)$/m);
    const after = snapshot(root);
    expect(after['src/good.ts']).toBe("import { format } from './format';\nexport const a = format(1);\n");
    expect(after['src/mixed.ts']).toBe(before['src/mixed.ts']);
    expect(after['src/shim.ts']).toBe(before['src/shim.ts']);
    const patch = fs.readFileSync(path.join(project, 'canonize-out', 'retire.patch'), 'utf8');
    expect(patch).not.toContain('src/mixed.ts');
    expect(patch).not.toContain('deleted file');
    const summary = fs.readFileSync(path.join(project, 'canonize-out', 'retire.md'), 'utf8');
    expect(summary).toContain('### Blocked by the proof');
    expect(summary).toMatch(/- `src\/mixed.ts`\n {2}- line 1: `import parse`: was `node_modules\/jsonc-parser\/[\w./]+#parse \(value\)`, now nothing TypeScript can resolve/);
    expect(summary).toContain('- `src/mixed.ts:1:31` `./shim`: left: the proof found that this change would change what the file means');
    expect(summary).toContain('- `src/shim.ts`: kept: `src/mixed.ts` still references it (its change was blocked by the proof)');
  } finally {
    removeRepo(root);
  }
});
