import * as path from 'node:path';

/** Forward slashes, as in specifiers, patches and globs. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** `child` is `parent` or lies below it. */
export function isInside(parent: string, child: string): boolean {
  // Absolute POSIX paths as the file lists and the resolver give them compare as strings: discover asks this
  // of every reference several times, and `path.relative` resolves both paths each time.
  if (isPlainAbsolute(parent) && isPlainAbsolute(child)) {
    if (parent === '/') return true;
    return child === parent || (child.startsWith(parent) && child[parent.length] === '/');
  }
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * `(file) => list.find((item) => isInside(folderOf(item), file))`, answered in the time of the file's depth:
 * the folders are indexed once, and each of the file's folders (and the file itself) is looked up, the first
 * in list order winning. discover asks it of every file against hundreds of folders (areas, relative trees).
 * Paths that are not plain absolute POSIX ones are compared one by one, as `isInside` does.
 */
export function firstContaining<T>(list: readonly T[], folderOf: (item: T) => string): (file: string) => T | undefined {
  const index = new Map<string, number>();
  let plain = true;
  list.forEach((item, i) => {
    const folder = folderOf(item);
    if (!isPlainAbsolute(folder)) plain = false;
    if (!index.has(folder)) index.set(folder, i);
  });
  const scan = (file: string) => list.find((item) => isInside(folderOf(item), file));
  if (!plain) return scan;
  return (file) => {
    if (!isPlainAbsolute(file)) return scan(file);
    let best = -1;
    for (let dir = file; ; ) {
      const i = index.get(dir);
      if (i !== undefined && (best < 0 || i < best)) best = i;
      if (dir === '/') break;
      const slash = dir.lastIndexOf('/');
      dir = slash === 0 ? '/' : dir.slice(0, slash);
    }
    return best < 0 ? undefined : list[best];
  };
}

/** An absolute POSIX path with nothing to normalise: no `.` or `..` segment, no doubled or trailing slash. */
export function isPlainAbsolute(p: string): boolean {
  return path.sep === '/' && p.startsWith('/') && !p.includes('/.') && !p.includes('//') && (p === '/' || !p.endsWith('/'));
}

/** `path.resolve(p)`, without its work when `p` is already plain and absolute (what resolvers mostly answer). */
export function resolvedPath(p: string): string {
  return isPlainAbsolute(p) ? p : path.resolve(p);
}

/**
 * `path.relative(from, to)` with forward slashes. Plain absolute POSIX paths (what the file lists and the
 * resolver give) are compared segment by segment: `path.relative` resolves both paths first, and the
 * spelling job asks this of every reference and every candidate spelling.
 */
export function relativePath(from: string, to: string): string {
  if (!isPlainAbsolute(from) || !isPlainAbsolute(to)) return toPosix(path.relative(from, to));
  if (from === to) return '';
  if (from === '/') return to.slice(1);
  if (to.startsWith(from) && to[from.length] === '/') return to.slice(from.length + 1);
  const a = from.slice(1).split('/');
  const b = to === '/' ? [] : to.slice(1).split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const up = a.length - common;
  let out = '';
  for (let i = 0; i < up; i++) out += i === 0 ? '..' : '/..';
  for (let i = common; i < b.length; i++) out += out === '' ? b[i] : `/${b[i]}`;
  return out;
}

/**
 * `file` relative to `root`, with forward slashes. Files listed under the root (the common case, once per
 * file of a run) are sliced instead of going through `path.relative`.
 */
export function relativeTo(root: string, file: string): string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return toPosix(file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(root, file));
}

/** How a file is shown to the user: relative to the working folder when below it, else absolute. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel || '.';
}

/** A glob that matches exactly `rel` (a relative path): `app/(auth)/[id]/page.tsx` stays one file. */
export function escapeGlob(rel: string): string {
  return rel.replace(/[*?[\]{}()!+@\\]/g, (c) => `\\${c}`);
}
