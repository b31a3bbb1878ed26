/**
 * deleteUnusedShims end to end: a shim nothing references any more is deleted in the patch (which git
 * applies, equal to --write); a shim named from outside the included files, still referenced, or with code
 * of its own is kept, and the summary says why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonize, git, makeRepo, removeRepo, snapshot } from './support/project';

/** A project of six shims: one unused, five still named somewhere. */
const FIXTURE = path.join(__dirname, '..', '__testfixtures__', 'canonical-imports', '_shims');

it('deletes the unused shim, keeps the ones still named, and the patch equals --write', () => {
  const { root } = makeRepo({ source: FIXTURE, subdir: '.' });
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
    expect(summary).toContain('- `src/old/f.ts`: kept: named by the jest moduleNameMapper "^#legacy-f$" in `package.json`');

    // Without the augmentation, d is still imported by scripts/, which the tsconfig program includes.
    fs.writeFileSync(path.join(root, 'src/app.ts'), fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8').replace("declare module './old/d' {}\n", ''));
    git(root, 'commit', '-qam', 'drop the augmentation');
    expect(canonize(root, 'run').status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'canonize-out', 'retire.md'), 'utf8')).toContain(
      '- `src/old/d.ts`: kept: still imported by `scripts/tool.ts`:1, which the tsconfig program includes but this run does not',
    );

    // --json says the same: which files the patch deletes, and every candidate's verdict.
    const json = JSON.parse(canonize(root, 'run', '--json').stdout).issues[0];
    expect(json.filesDeleted).toEqual(['src/old/a.ts']);
    expect(json.shims.map((v: { path: string; deleted: boolean }) => [v.path, v.deleted])).toEqual([
      ['src/old/a.ts', true], ['src/old/b.ts', false], ['src/old/c.ts', false], ['src/old/d.ts', false], ['src/old/e.ts', false], ['src/old/f.ts', false],
    ]);

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
