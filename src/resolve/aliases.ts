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

/**
 * A project's aliases, most specific first, and which of them can spell a given file. A monorepo's tsconfig
 * often names an alias per package (50 in the bench's tree at 50,000 files, a hundred or more in some
 * workspaces), and a whole-tree job asks, for every reference, which alias spells it: testing each was a
 * tenth of the runner's thread in the spelling check at 50,000 files. An alias whose substitution is a folder
 * followed by `*` is found by that folder; the few others are always tested.
 */
export class AliasOrder {
  /** By the folder a `folder/*` substitution names (with its slash): the aliases' places in `entries`. */
  private readonly byFolder = new Map<string, number[]>();
  private readonly others: number[] = [];

  constructor(readonly entries: readonly AliasEntry[]) {
    entries.forEach((alias, i) => {
      if (alias.subTail === undefined || !alias.subHead.endsWith('/')) this.others.push(i);
      else this.byFolder.set(alias.subHead, [...(this.byFolder.get(alias.subHead) ?? []), i]);
    });
  }

  /** The aliases {@link reverseAlias} may spell `form` (absolute, forward slashes) with, in their order. */
  thatMaySpell(form: string): readonly AliasEntry[] {
    if (this.byFolder.size === 0) return this.entries;
    const posix = toPosix(form);
    const found = [...this.others];
    for (let slash = posix.indexOf('/'); slash >= 0; slash = posix.indexOf('/', slash + 1)) {
      const here = this.byFolder.get(posix.slice(0, slash + 1));
      if (here) found.push(...here);
    }
    return found.sort((a, b) => a - b).map((i) => this.entries[i]!);
  }
}

