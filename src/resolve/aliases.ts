/**
 * tsconfig `paths` as a table of absolute substitutions, and the pattern matching both directions need: which
 * alias a specifier uses, and which specifier an alias gives for a file.
 */
import * as path from 'node:path';
import { toPosix } from '../files/paths';
import { dropSourceExtension } from './extensions';

/** One (key, substitution) of a tsconfig's `paths`, made absolute. */
export interface AliasEntry {
  key: string;
  /** Absolute, forward slashes, may hold one `*`. */
  substitution: string;
  /** Length of the substitution's literal part: longer is more specific. */
  literal: number;
  keyPrefix: number;
  /** The substitution and the key split at their `*` (tail `undefined`: no `*`), split once, not per call. */
  subHead: string;
  subTail: string | undefined;
  keyHead: string;
  keyTail: string | undefined;
}

/** Every (key, substitution) of a project's `paths`, resolved from `base` (where substitutions are read from). */
export function aliasTable(base: string | undefined, paths: Readonly<Record<string, readonly string[]>> | undefined): AliasEntry[] {
  if (!base) return [];
  return Object.entries(paths ?? {}).flatMap(([key, substitutions]) =>
    substitutions.map((substitution) => {
      const absolute = toPosix(path.resolve(base, substitution));
      const [subHead, subTail] = splitAtStar(absolute);
      const [keyHead, keyTail] = splitAtStar(key);
      return { key, substitution: absolute, literal: subHead.length, keyPrefix: keyHead.length, subHead, subTail, keyHead, keyTail };
    }),
  );
}

/** The `*` match of `pattern` against `text`, or `undefined` when it does not match. */
export function matchPattern(pattern: string, text: string): string | undefined {
  const [head, tail] = splitAtStar(pattern);
  if (tail === undefined) return pattern === text ? '' : undefined;
  return matchSplit(head, tail, text);
}

/** What `*` stands for when `text` is `head*tail`, else `undefined`. */
function matchSplit(head: string, tail: string, text: string): string | undefined {
  if (text.length < head.length + tail.length || !text.startsWith(head) || !text.endsWith(tail)) return undefined;
  return text.slice(head.length, text.length - tail.length);
}

/** `text` before and after its first `*`; after is `undefined` when there is none. */
function splitAtStar(text: string): [string, string | undefined] {
  const star = text.indexOf('*');
  return star < 0 ? [text, undefined] : [text.slice(0, star), text.slice(star + 1)];
}

/** The specifier through `alias` (key -> absolute substitution) that names `form`, if any. */
export function reverseAlias(alias: AliasEntry, form: string): string | undefined {
  if (alias.subTail === undefined) {
    if (alias.keyTail !== undefined) return undefined;
    return alias.substitution === form || dropSourceExtension(alias.substitution) === form ? alias.key : undefined;
  }
  const match = matchSplit(alias.subHead, alias.subTail, toPosix(form));
  // The `*` must stand for at least one character.
  if (match === undefined || match === '' || alias.keyTail === undefined) return undefined;
  return alias.keyHead + match + alias.keyTail;
}
