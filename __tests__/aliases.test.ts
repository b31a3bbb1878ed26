/**
 * AliasOrder (src/resolve/aliases.ts) finds the aliases that may spell a file by the folder their substitution
 * names: it must give exactly the aliases, in exactly the order, that testing each one in turn gives.
 */
import { AliasOrder, aliasTable, reverseAlias } from '../src/resolve/aliases';

const paths: Record<string, string[]> = {
  '@/*': ['src/*'],
  '@app/*': ['src/app/*', 'src/app-legacy/*'],
  '@ui': ['src/ui/index.ts'],
  '@ui/*': ['src/ui/*'],
  '@x-*': ['src/x-*'],
  '@gen/*': ['generated/*/index'],
  ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`@pkg${i}/*`, [`packages/pkg${i}/src/*`]])),
};

function bySpecificity() {
  return aliasTable('/repo', paths).sort((a, b) => b.literal - a.literal || b.keyPrefix - a.keyPrefix);
}

describe('AliasOrder', () => {
  const forms = [
    '/repo/src/app/main',
    '/repo/src/app-legacy/old',
    '/repo/src/ui/index',
    '/repo/src/ui/button',
    '/repo/src/x-tools',
    '/repo/generated/api/index',
    '/repo/packages/pkg7/src/deep/file',
    '/repo/packages/pkg17/src/file',
    '/repo/packages/pkg1/src/file',
    '/repo/other/file',
    '/elsewhere/src/app/main',
  ];

  it('gives the aliases that spell each file in the order testing all of them gives', () => {
    const entries = bySpecificity();
    const order = new AliasOrder(entries);
    for (const form of forms) {
      const spellings = order.thatMaySpell(form).flatMap((alias) => reverseAlias(alias, form) ?? []);
      const expected = entries.flatMap((alias) => reverseAlias(alias, form) ?? []);
      expect(spellings).toEqual(expected);
    }
    expect(order.thatMaySpell('/repo/src/app/main').map((a) => a.key)).toEqual(expect.arrayContaining(['@app/*', '@/*']));
    expect(order.thatMaySpell('/repo/packages/pkg7/src/deep/file').flatMap((a) => reverseAlias(a, '/repo/packages/pkg7/src/deep/file') ?? [])).toEqual(['@pkg7/deep/file']);
  });

  it('tests fewer aliases than the table holds for a file below one package', () => {
    const order = new AliasOrder(bySpecificity());
    expect(order.thatMaySpell('/repo/packages/pkg7/src/deep/file').length).toBeLessThan(5);
  });
});
