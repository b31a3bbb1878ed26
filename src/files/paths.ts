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

/** An absolute POSIX path with nothing to normalise: no `.` or `..` segment, no doubled or trailing slash. */
function isPlainAbsolute(p: string): boolean {
  return path.sep === '/' && p.startsWith('/') && !p.includes('/.') && !p.includes('//') && (p === '/' || !p.endsWith('/'));
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
