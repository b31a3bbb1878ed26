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

it('applies with git apply and reproduces every new text byte for byte', () => {
  const { root } = makeRepo({ subdir: '.', files: Object.fromEntries(Object.entries(CASES).map(([p, [before]]) => [`src/${p}`, before])) });
  try {
    const patch = buildPatch(Object.entries(CASES).map(([p, [before, after]]) => ({ path: `src/${p}`, before, after })));
    const patchFile = path.join(root, '..', `${path.basename(root)}.patch`);
    fs.writeFileSync(patchFile, patch);
    git(root, 'apply', '--check', patchFile);
    git(root, 'apply', patchFile);
    for (const [p, [, after]] of Object.entries(CASES)) expect(fs.readFileSync(path.join(root, 'src', p), 'utf8')).toBe(after);
    expect(patch.match(/^@@/gm)).toHaveLength(6);
    fs.rmSync(patchFile);
  } finally {
    removeRepo(root);
  }
});
