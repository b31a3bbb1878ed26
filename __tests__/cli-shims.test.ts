/**
 * deleteUnusedShims end to end: a shim nothing references any more is deleted in the patch (which git
 * applies, equal to --write); a shim named from outside the included files, still referenced, or with code
 * of its own is kept, and the summary says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, snapshot } from './support/project';

const shim = (target: string) => `export * from '${target}';\n`;

it('deletes the unused shim, keeps the ones still named, and the patch equals --write', () => {
  const { root } = makeRepo({
    subdir: '.',
    files: {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, paths: { '#old-b': ['./src/old/b.ts'] } }, include: ['src', 'scripts'] }),
      'package.json': JSON.stringify({ name: 'shims', main: 'src/old/c.ts' }),
      'src/new/a.ts': 'export const a = 1;\n',
      'src/new/b.ts': 'export const b = 2;\n',
      'src/new/c.ts': 'export const c = 3;\n',
      'src/new/d.ts': 'export const d = 4;\n',
      'src/new/e.ts': 'export const e = 5;\n',
      'src/old/a.ts': shim('../new/a'),
      'src/old/b.ts': shim('../new/b'),
      'src/old/c.ts': shim('../new/c'),
      'src/old/d.ts': shim('../new/d'),
      'src/old/e.ts': `${shim('../new/e')}export const own = true;\n`,
      'src/app.ts': "import { a } from './old/a';\nimport { c } from './old/c';\nimport { e } from './old/e';\nexport const sum = a + c + e;\ndeclare module './old/d' {}\n",
      'scripts/tool.ts': "import { d } from '../src/old/d';\nexport const x = d;\n",
      'canonize.config.json': JSON.stringify({
        include: ['src/**/*.ts'],
        tsconfig: 'tsconfig.json',
        issues: [
          {
            id: 'retire',
            migrations: [
              {
                transform: 'canonical-imports',
                options: {
                  deleteUnusedShims: true,
                  moves: ['a', 'b', 'c', 'd', 'e'].map((m) => ({ from: `src/old/${m}.ts`, to: `src/new/${m}.ts` })),
                },
              },
            ],
          },
        ],
      }),
    },
  });
  try {
    const dry = canonize(root, 'run');
    expect(dry.status).toBe(0);
    const patch = path.join(root, 'canonize-out', 'retire.patch');
    const summary = fs.readFileSync(path.join(root, 'canonize-out', 'retire.md'), 'utf8');
    expect(fs.readFileSync(patch, 'utf8')).toContain('diff --git a/src/old/a.ts b/src/old/a.ts\ndeleted file mode 100644\n');
    expect(summary).toContain('- `src/old/a.ts`: deleted: it only re-exports, and no file references it any more');
    expect(summary).toContain('- `src/old/b.ts`: kept: the target of the paths alias "#old-b" in `tsconfig.json`');
    expect(summary).toContain('- `src/old/c.ts`: kept: named by `package.json` "main"');
    expect(summary).toContain('- `src/old/d.ts`: kept: still referenced by `src/app.ts`');
    expect(summary).toContain('- `src/old/e.ts`: kept: not a shim, it has code of its own (line 2)');

    // Without the augmentation, d is still imported by scripts/, which the tsconfig program includes.
    fs.writeFileSync(path.join(root, 'src/app.ts'), fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8').replace("declare module './old/d' {}\n", ''));
    git(root, 'commit', '-qam', 'drop the augmentation');
    expect(canonize(root, 'run').status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'canonize-out', 'retire.md'), 'utf8')).toContain(
      '- `src/old/d.ts`: kept: still imported by `scripts/tool.ts`:1, which the tsconfig program includes but this run does not',
    );

    git(root, 'apply', '--check', patch);
    git(root, 'apply', patch);
    const applied = snapshot(root);
    expect(applied['src/old/a.ts']).toBeUndefined();
    git(root, 'checkout', '--', '.');
    expect(canonize(root, 'run', '--write').status).toBe(0);
    expect(snapshot(root)).toEqual(applied);

    // The config still loads once the shim is gone, and a second run has nothing left to do.
    const again = canonize(root, 'run', '--json');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).issues[0]).toMatchObject({ filesDeleted: [], references: 0 });
  } finally {
    removeRepo(root);
  }
});
