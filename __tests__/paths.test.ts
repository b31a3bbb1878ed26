/** isInside's string comparison agrees with the path.relative definition it short-cuts. */
import * as path from 'node:path';
import { isInside } from '../src/files/paths';

const byRelative = (parent: string, child: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

const PATHS = ['/', '/a', '/a/', '/a/b', '/a/b/c.ts', '/ab', '/ab/c', '/a/../a/b', '/a/./b', '/a//b', '/a/.hidden/x', '/a/..b/x', 'a/b', 'a', '.', '/b/a'];

it.each(PATHS.flatMap((parent) => PATHS.map((child) => [parent, child] as const)))('isInside(%j, %j) as path.relative says', (parent, child) => {
  expect(isInside(parent, child)).toBe(byRelative(parent, child));
});

it('says yes below and at the folder, no beside it', () => {
  expect(isInside('/p/src', '/p/src/a.ts')).toBe(true);
  expect(isInside('/p/src', '/p/src')).toBe(true);
  expect(isInside('/p/src', '/p/srcx/a.ts')).toBe(false);
  expect(isInside('/p/src', '/p/a.ts')).toBe(false);
});
