/**
 * Globs as users write them about real folder names. Next.js names folders `[id]`, `(group)` and `@modal`,
 * which glob syntax reads as a character class, a group and an extglob, so `src/app/(main)/items/[id]/**`
 * would match nothing. Here a pattern's leading segments that name an existing path are taken literally,
 * and only the rest is a glob. Matching itself is picomatch's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Characters picomatch gives a meaning; a backslash before one makes it literal. */
const SPECIAL = /[*?[\](){}!+@|\\]/g;
const MAGIC = /[*?[\](){}!+@|\\]/;

/**
 * `pattern` with its longest leading run of segments that names an existing path (below `rootDir`) escaped,
 * when that run holds glob syntax: `src/app/(main)/[id]/**` => `src/app/\(main\)/\[id\]/**` when the folder
 * `src/app/(main)/[id]` exists. Other patterns come back as they are.
 */
export function literalPrefix(pattern: string, rootDir: string): string {
  if (!MAGIC.test(pattern)) return pattern;
  const segments = pattern.split('/');
  let existing = 0;
  for (let i = 1; i <= segments.length; i++) {
    if (!fs.existsSync(path.join(rootDir, ...segments.slice(0, i)))) break;
    existing = i;
  }
  const literal = segments.slice(0, existing);
  if (!literal.some((s) => MAGIC.test(s))) return pattern;
  return [...literal.map((s) => s.replace(SPECIAL, (c) => `\\${c}`)), ...segments.slice(existing)].join('/');
}

/** A matcher of paths relative to `rootDir` (forward slashes) for `patterns`, each read as {@link literalPrefix} says. */
export function globMatcher(patterns: string[], rootDir: string): (relativePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  return picomatch(
    patterns.map((p) => literalPrefix(p, rootDir)),
    { dot: true },
  );
}

/**
 * The indexes of `patterns` that match none of `relativePaths` (relative to `rootDir`). One pass over the
 * paths, testing only the patterns not matched yet, and it stops once every pattern has matched.
 */
export function unmatchedPatterns(patterns: string[], rootDir: string, relativePaths: Iterable<string>): number[] {
  const open = new Map(patterns.map((p, i) => [i, globMatcher([p], rootDir)]));
  for (const rel of relativePaths) {
    if (open.size === 0) break;
    for (const [i, matches] of open) if (matches(rel)) open.delete(i);
  }
  return [...open.keys()];
}
