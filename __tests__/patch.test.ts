/** Patches are exact: `git apply` reproduces the new text for odd files too. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPatch, filePatch } from '../src/report/patch';
import { git, makeRepo, removeRepo } from './support/project';

const CASES: Record<string, [string, string]> = {
  'plain.ts': ["import a from './a';\nexport { a };\n", "import a from './b';\nexport { a };\n"],
  'no-final-newline.ts': ["import a from './a';\nexport { a };", "import a from './b';\nexport { a };"],
  'crlf.ts': ["import a from './a';\r\nexport { a };\r\n", "import a from './b';\r\nexport { a };\r\n"],
  'bom-and-tabs.ts': ["\uFEFFimport a from './a';\n\tconst é = 'ü';  \n", "\uFEFFimport a from './b';\n\tconst é = 'ü';  \n"],
  'far-apart.ts': [
    ['import a from "./a";', ...Array.from({ length: 20 }, (_, i) => `const v${i} = ${i};`), 'export * from "./a";', ''].join('\n'),
    ['import a from "./b";', ...Array.from({ length: 20 }, (_, i) => `const v${i} = ${i};`), 'export * from "./b";', ''].join('\n'),
  ],
};

it('is empty for equal texts', () => {
  expect(filePatch({ path: 'x.ts', before: 'a', after: 'a' })).toBe('');
});

it('lists files in path order whatever the input order', () => {
  const changes = Object.entries(CASES).map(([p, [before, after]]) => ({ path: `src/${p}`, before, after }));
  expect(buildPatch([...changes].reverse())).toBe(buildPatch(changes));
});

const DELETED: Record<string, string> = {
  'src/shim.ts': "export * from './real';\n",
  'src/shim-crlf-no-newline.ts': "export * from './real';\r\nexport * from './other';",
};

it('applies with git apply and reproduces every new text byte for byte, deletions included', () => {
  const { root } = makeRepo({ subdir: '.', files: { ...Object.fromEntries(Object.entries(CASES).map(([p, [before]]) => [`src/${p}`, before])), ...DELETED } });
  try {
    const patch = buildPatch([
      ...Object.entries(CASES).map(([p, [before, after]]) => ({ path: `src/${p}`, before, after })),
      ...Object.entries(DELETED).map(([p, before]) => ({ path: p, before, after: null })),
    ]);
    expect(patch).toContain('diff --git a/src/shim.ts b/src/shim.ts\ndeleted file mode 100644\n--- a/src/shim.ts\n+++ /dev/null\n@@ -1,1 +0,0 @@\n');
    const patchFile = path.join(root, '..', `${path.basename(root)}.patch`);
    fs.writeFileSync(patchFile, patch);
    git(root, 'apply', '--check', patchFile);
    git(root, 'apply', patchFile);
    for (const [p, [, after]] of Object.entries(CASES)) expect(fs.readFileSync(path.join(root, 'src', p), 'utf8')).toBe(after);
    for (const p of Object.keys(DELETED)) expect(fs.existsSync(path.join(root, p))).toBe(false);
    expect(patch.match(/^@@/gm)).toHaveLength(8);
    fs.rmSync(patchFile);
  } finally {
    removeRepo(root);
  }
});
