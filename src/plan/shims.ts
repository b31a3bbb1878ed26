/**
 * Deleting shims: a moved-from module whose whole body only re-exports, once no file references it any
 * more. "No file" is checked wider than the run: the included files (what the run planned), every other
 * file of the tsconfig programs, and every tracked manifest that names a module by path (package.json entry
 * points, tsconfig `paths` targets, jest `moduleNameMapper`, Nx and Angular library entry files). A shim still named anywhere is kept, and the
 * verdict says where.
 */
import * as path from 'node:path';
import type * as t from '@babel/types';
import { parseSource } from '../syntax/parse';
import { findReferences, resolutionKind } from '../syntax/references';
import { dropSourceExtension, isIndexFile } from '../resolve/extensions';
import type { ModuleResolver } from '../resolve/resolver';
import { readSource } from '../files/read';
import { relativeTo } from '../files/paths';
import { manifestEntries, namedFileLookup } from '../resolve/manifests';

export interface ShimVerdict {
  /** Absolute path. */
  file: string;
  /** Repository-relative, forward slashes. */
  path: string;
  deleted: boolean;
  /** Why it was deleted or kept, for the summary. */
  reason: string;
}

export interface ShimContext {
  repoRoot: string;
  resolver: ModuleResolver;
  /** Absolute paths of the files the run planned. */
  included: ReadonlySet<string>;
  /** The shim's text after this issue (`undefined`: unreadable). */
  textOf(file: string): string | undefined;
  /** Included files that still reference each moved-from module after this issue (module key => paths). */
  retained: ReadonlyMap<string, ReadonlySet<string>>;
  /** Tracked files of the repository (repository-relative), or `undefined` outside git. */
  tracked: string[] | undefined;
  maxFileSize: number;
}

/** Decides, for each candidate, whether it is deleted, and why. */
export function judgeShims(shims: Array<{ file: string; wrapper?: boolean }>, context: ShimContext): ShimVerdict[] {
  const candidates = shims.map((s) => s.file);
  const outside = outsideReferrers(candidates, context);
  return shims.map(({ file, wrapper }) => {
    const rel = relativeTo(context.repoRoot, file);
    const verdict = (deleted: boolean, reason: string): ShimVerdict => ({ file, path: rel, deleted, reason });
    if (!context.included.has(file)) return verdict(false, 'kept: not among the files this run reads');
    const text = context.textOf(file);
    if (text === undefined) return verdict(false, 'kept: could not be read');
    const code = wrapper ? undefined : ownCode(text, file);
    if (code !== undefined) return verdict(false, `kept: not a shim, it has code of its own (line ${code})`);
    const users = context.retained.get(file);
    if (users && users.size > 0) {
      const list = [...users].sort();
      return verdict(false, `kept: still referenced by ${list.slice(0, 5).map((u) => `\`${u}\``).join(', ')}${list.length > 5 ? ` and ${list.length - 5} more` : ''} (listed below as left for a human)`);
    }
    const named = outside.get(file);
    if (named) return verdict(false, `kept: ${named}`);
    return verdict(true, wrapper ? 'deleted: a client wrapper no file uses any more' : 'deleted: it only re-exports, and no file references it any more');
  });
}

/** The line of the first statement that is not an import or a re-export, or `undefined` for a shim. */
function ownCode(text: string, file: string): number | undefined {
  let ast: t.File;
  try {
    ast = parseSource(text, file);
  } catch {
    return 1;
  }
  const imported = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const s of statement.specifiers) imported.add(s.local.name);
      continue;
    }
    if (statement.type === 'ExportAllDeclaration' || statement.type === 'EmptyStatement') continue;
    if (statement.type === 'ExportNamedDeclaration' && !statement.declaration) {
      if (statement.source || statement.specifiers.every((s) => s.type === 'ExportSpecifier' && s.local.type === 'Identifier' && imported.has(s.local.name))) continue;
    }
    if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'Identifier' && imported.has(statement.declaration.name)) continue;
    return statement.loc?.start.line ?? 1;
  }
  return undefined;
}

/** For each candidate named from outside the included files, where. */
function outsideReferrers(candidates: string[], context: ShimContext): Map<string, string> {
  const found = new Map<string, string>();
  const note = (file: string, why: string) => {
    if (!found.has(file)) found.set(file, why);
  };
  const byStem = new Map(candidates.map((c) => [dropSourceExtension(c), c]));
  const named = namedFileLookup(candidates);

  // 1. Files of the tsconfig programs that the run did not plan.
  const needles = [...new Set(candidates.flatMap((c) => [path.basename(dropSourceExtension(c)), ...(isIndexFile(c) ? [path.basename(path.dirname(c))] : [])]))];
  for (const file of context.resolver.programFiles()) {
    if (context.included.has(file) || byStem.has(dropSourceExtension(file))) continue;
    const text = readSource(file, context.maxFileSize);
    if (typeof text !== 'string' || !needles.some((n) => text.includes(n))) continue;
    let references;
    try {
      references = findReferences(parseSource(text, file), text);
    } catch {
      continue;
    }
    for (const ref of references) {
      const resolved = context.resolver.resolve(ref.specifier, file, resolutionKind(ref));
      if (resolved && candidates.includes(resolved)) {
        note(resolved, `still imported by \`${relativeTo(context.repoRoot, file)}\`:${ref.line}, which the tsconfig program includes but this run does not`);
      }
    }
  }

  // 2. Tracked manifests that name modules by path (entry points, aliases, mappers, library APIs).
  for (const entry of manifestEntries(context.repoRoot, context.tracked ?? [])) {
    const hit = named(entry.path);
    if (hit) note(hit, entry.why);
  }
  return found;
}
