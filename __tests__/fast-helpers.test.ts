/**
 * Helpers rewritten for speed give the answers of what they replace: line starts scanned by character code
 * (src/syntax/lines.ts) against the regular expression, and relative paths compared by segment
 * (src/files/paths.ts) against `path.relative`, and edits ordered by a stable sort instead of a copy per edit
 * that carried its position (src/syntax/edits.ts).
 */
import * as path from 'node:path';
import { firstContaining, isInside, relativePath } from '../src/files/paths';
import { applyEdits, sharedEnds } from '../src/syntax/edits';
import { LINE_TERMINATORS, lineStarts } from '../src/syntax/lines';

function byRegex(source: string, terminator: RegExp): number[] {
  const starts = [0];
  const found = new RegExp(terminator.source, 'g');
  for (let m = found.exec(source); m; m = found.exec(source)) starts.push(m.index + m[0].length);
  return starts;
}

describe('lineStarts', () => {
  const texts = ['', 'a', '\n', '\r', '\r\n', '\n\r', '\r\r\n\n', 'a\nb\r\nc\rd\u2028e\u2029f', 'end\r', 'x\r\n\r\ny\n', '😀\r\n😀\u2028', 'no break at all'];
  // Every string of up to four characters drawn from the terminators and a letter.
  const alphabet = ['a', '\n', '\r', '\u2028', '\u2029'];
  const all = [...texts];
  const grow = (prefix: string, depth: number) => {
    all.push(prefix);
    if (depth > 0) for (const c of alphabet) grow(prefix + c, depth - 1);
  };
  grow('', 4);

  it.each([
    ['every terminator', LINE_TERMINATORS],
    ['\\n only', /\n/g],
    ['another expression', /;/g],
  ])('gives the regular expression answer (%s)', (_, terminator) => {
    for (const text of all) expect({ text, starts: lineStarts(text, terminator) }).toEqual({ text, starts: byRegex(text, terminator) });
  });
});

describe('relativePath', () => {
  const paths = ['/', '/a', '/a/b', '/a/b/c', '/a/bc', '/ab', '/a/b/c/d.ts', '/x/y', '/a/./b', '/a/../b', '/a//b', '/a/b/', '/a/.hidden/x', '/a/.', '/a/..', '/a/..b/c', '/a/.b', 'rel/a', '/a/b/c.d/e'];
  it('gives what path.relative gives, with forward slashes', () => {
    for (const from of paths) for (const to of paths) expect({ from, to, rel: relativePath(from, to) }).toEqual({ from, to, rel: path.relative(from, to) });
  });
});

describe('firstContaining', () => {
  const folders = ['/r/a', '/r/a/b', '/r', '/r/a/b', '/r/c/d.ts', '/', '/r/ab', '/x'];
  const files = ['/r/a/b/c.ts', '/r/a/x.ts', '/r/ab/y.ts', '/r/c/d.ts', '/r/c/e.ts', '/y/z.ts', '/r', '/', '/r/a/../c.ts', 'rel/a.ts'];
  it.each([
    ['in list order', folders],
    ['deepest first', [...folders].sort((a, b) => b.length - a.length)],
    ['without the root', folders.filter((f) => f !== '/' && f !== '/r')],
    ['with a folder that is not plain', [...folders, '/r/./a']],
  ])('answers as list.find with isInside (%s)', (_, list) => {
    const lookup = firstContaining(list, (f) => f);
    for (const file of files) expect({ file, found: lookup(file) }).toEqual({ file, found: list.find((f) => isInside(f, file)) });
  });
});

describe('applyEdits', () => {
  it('applies edits in offset order, and edits at the same offset in the order given (the sort is stable)', () => {
    const edits = [
      { start: 6, end: 7, text: 'Z' },
      { start: 0, end: 0, text: '1' },
      { start: 3, end: 3, text: 'b' },
      { start: 0, end: 0, text: '2' },
      { start: 3, end: 3, text: 'c' },
      { start: 0, end: 0, text: '3' },
    ];
    expect(applyEdits('abcdefg', edits)).toBe('123abcbcdefZ');
    // Many edits at one offset: a sort that is not stable past its small-array cut-off would reorder them.
    const many = Array.from({ length: 100 }, (_, i) => ({ start: 1, end: 1, text: `${i},` }));
    expect(applyEdits('[]', many)).toBe(`[${many.map((e) => e.text).join('')}]`);
    expect(() => applyEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])).toThrow('overlapping edits at offset 1');
  });
});

describe('sharedEnds', () => {
  it('measures the common beginning and ending, the ending never reaching into the beginning', () => {
    expect(sharedEnds("import a from './a';\nx", "import a from '@/a';\nx")).toEqual({ start: 15, end: 6 });
    expect(sharedEnds('abc', 'abXc')).toEqual({ start: 2, end: 1 });
    // A deletion in a repeat: what is left between the two ends is where the difference may lie.
    expect(sharedEnds('ab\nab', 'ab')).toEqual({ start: 2, end: 0 });
    expect(sharedEnds('same', 'same')).toEqual({ start: 4, end: 0 });
    expect(sharedEnds('', 'x')).toEqual({ start: 0, end: 0 });
  });

  it('finds what a walk character by character finds, across the blocks it compares at once', () => {
    const walk = (a: string, b: string) => {
      const most = Math.min(a.length, b.length);
      let start = 0;
      while (start < most && a[start] === b[start]) start++;
      let end = 0;
      while (end < most - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
      return { start, end };
    };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 3000; i++) {
      // Texts around a block's length and its multiples, differing at one place or none, sometimes by length.
      const a = Array.from({ length: random(600) }, () => 'ab\n'[random(3)]).join('');
      const at = random(a.length + 1);
      const b = [a, a.slice(0, at) + 'X' + a.slice(at + random(2)), a.slice(0, at) + a.slice(at + 1 + random(300)), a + a.slice(0, random(200))][random(4)]!;
      expect({ a, b, ends: sharedEnds(a, b) }).toEqual({ a, b, ends: walk(a, b) });
    }
  });
});
