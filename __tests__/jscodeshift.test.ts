/** canonical-imports also runs under plain `jscodeshift -t`, reading its moves from the canonize config (all its migrations, in config order). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { canonize, EXAMPLE, git, makeRepo, REPO, removeRepo, snapshot } from './support/project';

it('gives the same result as canonize run --write', () => {
  const { root } = makeRepo({ source: EXAMPLE });
  try {
    const jscodeshift = spawnSync(
      process.execPath,
      [
        path.join(REPO, 'node_modules/jscodeshift/bin/jscodeshift.js'),
        '-t', path.join(REPO, 'dist/transforms/canonical-imports.js'),
        '--no-babel', '--extensions=ts,tsx', '--parser=tsx', '--run-in-band', '--silent',
        '--config=acme-agents/canonize.config.json',
        'acme-agents/src', 'acme-agents/packages',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(jscodeshift.status).toBe(0);
    const viaJscodeshift = snapshot(root);
    expect(git(root, 'diff', '--name-only').trim().split('\n')).toHaveLength(14);
    git(root, 'checkout', '--', '.');
    const issues = ['import-fragmentation', 'old-utils', 'queue-consolidation'].flatMap((id) => ['--issue', id]);
    expect(canonize(root, 'run', '--config', 'acme-agents/canonize.config.json', ...issues, '--write', '--out', 'out').status).toBe(0);
    const viaCanonize = snapshot(root);
    delete viaCanonize['out/.gitignore'];
    // A jscodeshift transform returns a file's new text; it cannot delete the unused shim canonize deletes.
    expect(viaCanonize['acme-agents/src/legacy/queues.ts']).toBeUndefined();
    delete viaJscodeshift['acme-agents/src/legacy/queues.ts'];
    expect(viaCanonize).toEqual(viaJscodeshift);
  } finally {
    removeRepo(root);
  }
});
