/**
 * Per file: every specifier that reaches its file through `baseUrl` alone (it resolves to another file, or
 * to none, once the tsconfigs are edited) is rewritten to a `paths` alias that reaches the same file, else to
 * a relative specifier, checked under every program that holds the file, before and after the edit.
 */
import * as path from 'node:path';
import type * as t from '@babel/types';
import { isBuiltin } from 'node:module';
import { toPosix } from '../../src/files/paths';
import type { ModuleResolver, ResolutionKind } from '../../src/resolve/resolver';
import { applyEdits, type TextEdit } from '../../src/syntax/edits';
import { parseSource } from '../../src/syntax/parse';
import { findReferences, resolutionKind } from '../../src/syntax/references';
import type { FileOutcome, ManualItem, Rewrite, SourceFile } from '../../src/transform';
import type { Program } from './programs';

export interface RewriteContext {
  /** `alias`: the most specific `paths` alias that reaches the file, else relative; `relative`: always relative. */
  prefer: 'alias' | 'relative';
  /** Targets are named relative to this (the config's folder). */
  rootDir: string;
  /** The programs that hold a file (none: the file is not drop-baseurl's business). */
  programsOf(file: string): Program[];
  /** Whether an alias spelling may be written in `file` (the project's jest config maps it, or none applies). */
  aliasRuns(specifier: string, file: string): boolean;
}

/**
 * The file a specifier names under one resolver: TypeScript's answer (libraries included), else a file of
 * exactly that name (a stylesheet or an image, which bundlers resolve the same way).
 */
export function moduleFile(resolver: ModuleResolver, specifier: string, fromFile: string, kind: ResolutionKind): string | undefined {
  return resolver.resolveFile(specifier, fromFile, kind) ?? resolver.literalFile(specifier, fromFile);
}

/** Relative and absolute specifiers never go through `baseUrl`. */
export function isBare(specifier: string): boolean {
  return !(specifier.startsWith('.') || specifier.startsWith('/') || path.isAbsolute(specifier));
}

/** A file with an import or export at top level is a module: its `declare module 'x'` augments a resolved module. */
export function isModuleFile(ast: t.File): boolean {
  return ast.program.body.some((s) => /^(Import|Export)|^TSImportEquals|^TSExportAssignment/.test(s.type));
}

/** Plans one file. */
export function rewriteFile(file: SourceFile, context: RewriteContext): FileOutcome {
  const programs = context.programsOf(file.path);
  const none: FileOutcome = { source: undefined, rewrites: [], manual: [] };
  if (programs.length === 0) return none;
  const ast = parseSource(file.source, file.path);
  const module = isModuleFile(ast);
  const edits: TextEdit[] = [];
  const rewrites: Rewrite[] = [];
  const manual: ManualItem[] = [];
  const labelOf = (target: string) => toPosix(path.relative(context.rootDir, target));
  for (const ref of findReferences(ast, file.source)) {
    const { specifier } = ref;
    if (!isBare(specifier) || (ref.kind === 'declare-module' && !module)) continue;
    const kind = resolutionKind(ref);
    const before = programs.map((p) => moduleFile(p.before, specifier, file.path, kind));
    const after = programs.map((p) => moduleFile(p.after, specifier, file.path, kind));
    if (before.every((b, i) => b === after[i])) continue;
    const target = before[0];
    const place = { line: ref.line, column: ref.column, specifier };
    // Resolved before under some program only: nothing to keep there; the proof lists it.
    if (before.some((b) => b === undefined)) continue;
    if (before.some((b) => b !== target)) {
      const where = programs.map((p, i) => `${labelOf(before[i]!)} under ${p.label}`).join(', ');
      manual.push({ ...place, target: labelOf(target!), reason: `resolves to different files depending on the tsconfig (${where}); no one specifier keeps all of them; left as written` });
      continue;
    }
    const label = labelOf(target!);
    const resolver = programs[0]!.before;
    if (takenByPackage({ resolver, specifier, fromFile: file.path, after })) {
      manual.push({ ...place, target: label, reason: packageReason(specifier, label) });
      continue;
    }
    const literal = resolver.resolveFile(specifier, file.path, kind) === undefined;
    const spelled = resolver.spellIn({
      fromFile: file.path,
      target: target!,
      like: specifier,
      kind,
      literal,
      styles: context.prefer === 'alias' ? ['alias', 'relative'] : ['relative'],
      accept: (candidate) =>
        (!isBare(candidate) || context.aliasRuns(candidate, file.path)) &&
        programs.every((p) => moduleFile(p.before, candidate, file.path, kind) === target && moduleFile(p.after, candidate, file.path, kind) === target),
    });
    if (spelled === undefined) {
      manual.push({ ...place, target: label, reason: `no ${context.prefer === 'alias' ? 'alias or relative' : 'relative'} specifier from this file reaches ${label} under ${programs.map((p) => p.label).join(' and ')}; left as written` });
      continue;
    }
    edits.push({ start: ref.start, end: ref.end, text: spelled });
    rewrites.push({ kind: ref.kind, line: ref.line, column: ref.column, from: specifier, to: spelled, target: label });
  }
  return { source: edits.length > 0 ? applyEdits(file.source, edits) : undefined, rewrites, manual };
}

/**
 * A bare specifier that names a Node built-in, or an installed package that provides it (without baseUrl it
 * resolves into that package): at run time the package loads, so it is left as the package. A subpath the
 * package does not provide (`diff/types` beside `src/diff/types.ts`) can only mean the project file.
 */
export function takenByPackage(args: { resolver: ModuleResolver; specifier: string; fromFile: string; after: Array<string | undefined> }): boolean {
  const { resolver, specifier, fromFile, after } = args;
  if (!resolver.namesPackage(specifier, fromFile)) return false;
  const name = specifier.startsWith('node:') ? specifier : specifier.split('/')[0]!;
  return isBuiltin(name) || after.every((file) => file !== undefined && file.split(path.sep).includes('node_modules'));
}

/** Why a baseUrl specifier that names a package is left: at run time the package is what loads. */
function packageReason(specifier: string, label: string): string {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  const what = isBuiltin(name) ? `Node's built-in module \`${name}\`` : `the installed package \`${name}\``;
  return `names ${what}, which loads at run time, while TypeScript resolves it through baseUrl to ${label}; left as the package (without baseUrl TypeScript resolves it to the package too). If ${label} is meant, write a relative specifier`;
}
