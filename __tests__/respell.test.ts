/**
 * What the runner knows of a file's references without parsing it (src/syntax/specifiers.ts): the listing the
 * reading thread hands over, and the listing `respell` derives for a text it makes. A derived listing must be
 * exactly what a parse of the new text lists; where that cannot be sure, nothing is derived.
 */
import { fastSpecifiers, listSpecifiers, planningWith, respell, type SpecifierReference } from '../src/syntax/specifiers';

/** Respells every reference whose specifier `rename` maps, inside a planning scope; returns the new text and what the scope knew of it. */
function respellAll(file: string, source: string, rename: (specifier: string) => string | undefined): { after: string; known: SpecifierReference[] | undefined } {
  return planningWith(file, source, undefined, () => {
    const references = listSpecifiers(source, file);
    const replacements = new Map(references.flatMap((r) => (rename(r.specifier) === undefined ? [] : [[r, rename(r.specifier)!] as const])));
    const after = respell(file, source, references, replacements);
    return { after, known: fastSpecifiers(after, file) };
  });
}

const CASES: Array<{ name: string; file: string; source: string }> = [
  { name: 'several on one line', file: '/p/a.ts', source: `import a from './a'; import b from "./b"; export * from './c';\nexport { d } from './d';\n` },
  { name: 'CRLF and a BOM-less unicode line', file: '/p/b.ts', source: `// héllo wörld ✓\r\nimport { x } from './x';\r\nconst s = 'é';\r\nimport y from './y';\r\n` },
  { name: 'require, dynamic import, a template and a mock (Babel lists them)', file: '/p/c.ts', source: "const a = require('./a');\nconst b = import(`./b`);\njest.mock('./c');\ntype T = import('./d').T;\nimport e from './e';\n" },
  { name: 'declare module and a type-only import', file: '/p/d.ts', source: "import type { T } from './t';\ndeclare module './m' {}\nexport type { U } from './u';\n" },
  { name: 'JSX around the imports', file: '/p/e.tsx', source: "import React from 'react';\nimport { B } from './button';\nexport const A = () => <B label={'./not-a-module'} />;\n" },
];

describe('respell', () => {
  it.each(CASES)('derives exactly what a parse lists: $name', ({ file, source }) => {
    for (const rename of [(s: string) => (s.startsWith('./') ? `@/lib/${s.slice(2)}-longer-name` : undefined), (s: string) => (s.startsWith('./') ? s.slice(1, 2) : undefined)]) {
      const { after, known } = respellAll(file, source, rename);
      expect(after).not.toBe(source);
      expect(known).toEqual(listSpecifiers(after, file));
    }
  });

  it('derives nothing for a replacement that would change the token (quote, backslash, line break, substitution)', () => {
    const file = '/p/a.ts';
    const source = "import a from './a';\nimport b from './b';\n";
    for (const bad of ["x'y", 'x"y', 'x`y', 'x\\y', 'x\ny', 'x${y}', 'x\u2028y']) {
      const { after, known } = respellAll(file, source, (s) => (s === './a' ? bad : undefined));
      expect(after).toContain(bad);
      // Outside a planning scope, and here without oxc (jest), nothing is known without a parse.
      expect(known).toBeUndefined();
    }
  });

  it('derives nothing when the new text would take another path through a parse (its words turn the deep walk on or off)', () => {
    // A specifier's own text can hold the words that decide the walk: found in review, where a derived list
    // missed `import/**/('./b')` once `./api` became `@/mocks/api`, and kept a mock once `../mocks/a` became `./a`.
    const flips = [
      { file: '/p/src/h.ts', source: "import a from './require';\nexport const b = 1;\n", from: './require', to: '@/a' },
      { file: '/p/src/h.ts', source: "import a from './a';\nexport const b = 1;\n", from: './a', to: '@/require/a' },
      { file: '/p/src/mocks/h.test.ts', source: "import a from '../jest/a';\nexport default a;\n", from: '../jest/a', to: './a' },
    ];
    for (const { file, source, from, to } of flips) {
      const { after, known } = respellAll(file, source, (s) => (s === from ? to : undefined));
      expect(after).toContain(to);
      expect(known).toBeUndefined();
    }
    // Where the words stay, the derived list is the parse's, deep references included.
    const { after, known } = respellAll('/p/src/h.ts', "import api from './api';\nconst b = import/**/('./b');\n", (s) => (s === './api' ? '@/jest/api' : undefined));
    expect(known).toHaveLength(2);
    expect(known).toEqual(listSpecifiers(after, '/p/src/h.ts'));
  });

  it('knows nothing outside a planning scope, for another file, or under CANONIZE_PARSER=babel', () => {
    const source = "import a from './a';\n";
    const references = listSpecifiers(source, '/p/a.ts');
    const replacements = new Map([[references[0]!, '@/a']]);
    const outside = respell('/p/a.ts', source, references, replacements);
    expect(fastSpecifiers(outside, '/p/a.ts')).toBeUndefined();
    planningWith('/p/other.ts', source, undefined, () => {
      const after = respell('/p/a.ts', source, references, replacements);
      expect(fastSpecifiers(after, '/p/a.ts')).toBeUndefined();
    });
    const was = process.env.CANONIZE_PARSER;
    process.env.CANONIZE_PARSER = 'babel';
    try {
      planningWith('/p/a.ts', source, references, () => {
        expect(fastSpecifiers(source, '/p/a.ts')).toBeUndefined();
        expect(fastSpecifiers(respell('/p/a.ts', source, references, replacements), '/p/a.ts')).toBeUndefined();
      });
    } finally {
      if (was === undefined) delete process.env.CANONIZE_PARSER;
      else process.env.CANONIZE_PARSER = was;
    }
  });

  it('derives nothing where the new texts are not planned again (check), and still makes the same text', () => {
    const file = '/p/a.ts';
    const source = "import a from './a';\nimport b from './b';\n";
    const references = listSpecifiers(source, file);
    const replacements = new Map([[references[0]!, '@/a']]);
    const derived = planningWith(file, source, references, () => {
      const after = respell(file, source, references, replacements);
      return { after, known: fastSpecifiers(after, file) };
    });
    expect(derived.known).toEqual(listSpecifiers(derived.after, file));
    planningWith(
      file,
      source,
      references,
      () => {
        const after = respell(file, source, references, replacements);
        expect(after).toBe(derived.after);
        expect(fastSpecifiers(after, file)).toBeUndefined();
        // The listing handed over for the text as it is stays known.
        expect(fastSpecifiers(source, file)).toEqual(references);
      },
      false,
    );
  });

  it('restores the outer scope when planning nests', () => {
    const source = "import a from './a';\n";
    const listed = listSpecifiers(source, '/p/a.ts');
    planningWith('/p/a.ts', source, listed, () => {
      planningWith('/p/b.ts', source, undefined, () => undefined);
      expect(fastSpecifiers(source, '/p/a.ts')).toEqual(listed);
    });
  });

  it('hands over the listing the reading thread made, as a copy, for that text only', () => {
    const source = "import a from './a';\n";
    const listed = listSpecifiers(source, '/p/a.ts');
    planningWith('/p/a.ts', source, listed, () => {
      const got = fastSpecifiers(source, '/p/a.ts')!;
      expect(got).toEqual(listed);
      expect(got).not.toBe(listed);
      expect(fastSpecifiers(`${source}\n`, '/p/a.ts')).toBeUndefined();
    });
    expect(fastSpecifiers(source, '/p/a.ts')).toBeUndefined();
  });
});

describe('the deep walk', () => {
  it('finds references written with comments, escapes or members whose names hold no lowercase "mock"', () => {
    const source = "const b = import/**/('./b');\nconst c = \\u0072equire('./c');\njest.doMock('./d');\nvi.importActual('./e');\ndeclare module /* x */ './f' {}\n";
    expect(listSpecifiers(source, '/p/a.ts').map((r) => [r.kind, r.specifier])).toEqual([
      ['dynamic-import', './b'],
      ['require', './c'],
      ['mock', './d'],
      ['mock', './e'],
      ['declare-module', './f'],
    ]);
  });
});
