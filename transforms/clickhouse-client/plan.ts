/**
 * One file's plan: parsed once, then each concern in turn (constructions and their calls, error codes,
 * client imports, wrapper uses), then the canonical import. Pure: source in, new source and counts out.
 */
import type * as t from '@babel/types';
import { mayMatch } from '../../src/files/prefilter';
import type { FileOutcome, SourceFile } from '../../src/transform';
import { applyEdits, lineTerminatorOf } from '../../src/syntax/edits';
import { emptyPlan, parseFile, placeOf, sortItems, type FilePlan } from './file';
import type { PreparedClickHouse } from './prepare';
import { OFFICIAL, OLD, OTHER_CLIENTS } from './packages';
import { clientImports, findConstructions, planConstructions } from './constructions';
import { planErrorCodes } from './error-codes';
import { existingCanonicalImport, removeUnusedClientImports, spellCanonical } from './imports';
import { planWrappers } from './wrappers';
import { planImporter } from './exported';
import type { TextEdit } from '../../src/syntax/edits';
import type { FileContext } from './file';

export function plan(file: SourceFile, prepared: PreparedClickHouse): FileOutcome {
  const unchanged: FileOutcome = { source: undefined, rewrites: [], manual: [] };
  if (file.path === prepared.canonicalFile || !mayMatch(file.source, prepared.prefilter)) return unchanged;
  const context = parseFile(file.path, file.source, prepared);
  const { ast, source, target } = context;
  const p = emptyPlan();
  const wrapper = prepared.wrappers.find((w) => w.file === file.path);

  let workspaceOld: boolean | undefined;
  const oldIsProjectCode = () => (workspaceOld ??= prepared.resolver.isRepositoryCode(OLD, file.path));
  const imports = clientImports(ast, oldIsProjectCode);
  const constructions = findConstructions(context, imports);
  // Once per file, whichever old clients merge: `Number(e.code)` holds for both kinds of code.
  const errorCodes = constructions.some((c) => c.kind === 'old') ? planErrorCodes(context.program, source) : undefined;
  const { oldMerged, oldLeft } = planConstructions(context, p, constructions, errorCodes);
  // Calls through an old client another module exports (judged across files: see exported.ts).
  const importerConverted = planImporter(context, p);
  if (oldMerged || importerConverted) {
    // Once per file: `Number(e.code)` holds for both kinds of code.
    const codes = errorCodes ?? planErrorCodes(context.program, source);
    p.edits.push(...codes.edits);
    for (const n of codes.notes) p.notes.push({ ...n.at, text: n.reason });
  }
  // Once every old client of the file is merged, the old class named as a type names the official client's.
  const typeEdits = oldMerged && oldLeft === 0 ? oldTypeReferences(context, imports.old) : [];
  if (typeEdits.length > 0) {
    p.edits.push(...typeEdits);
    p.needsClientType = true;
  }

  // Imports of the constructors that no longer have a use go; an old-package import left is a violation.
  const removedImports = removeUnusedClientImports(ast, source, p.edits, oldIsProjectCode, typeEdits);
  for (const statement of imports.oldImports) {
    const name = statement.type === 'ImportDeclaration' ? statement.source.value : OTHER_CLIENTS.find((n) => source.slice(statement.start!, statement.end!).includes(n)) ?? OLD;
    if (removedImports.has(statement)) p.rewrites.push({ kind: 'old-import', ...placeOf(statement), from: name, to: `${OFFICIAL} through ${target}`, target });
    else p.manual.push({ ...placeOf(statement), specifier: name, target, reason: `the old "${name}" package is still imported here: it goes once the clients above are merged` });
  }

  // The canonical client may be imported here already: wrapper uses take that name, and it is not imported twice.
  const existingLocal = existingCanonicalImport(ast, file.path, prepared);
  planWrappers(context, p, existingLocal ?? prepared.exportName);

  if (p.edits.length === 0) return { ...unchanged, manual: sortItems(p.manual), ...(p.retained.size > 0 ? { retained: [...p.retained] } : {}) };
  const specifier = spellCanonical(file.path, prepared);
  if (specifier === undefined) {
    return { ...unchanged, manual: sortItems([...p.manual, { line: 1, column: 1, specifier: target, target, reason: `no specifier written from this file resolves to ${target}` }]) };
  }
  addCanonicalImports(context.ast, source, p, { specifier, existingLocal, exportName: prepared.exportName });
  const deletable = wrapper === undefined && constructions.length > 0 && p.manual.length === 0;
  return {
    source: applyEdits(source, p.edits),
    rewrites: sortItems(p.rewrites),
    manual: sortItems(p.manual),
    ...(p.retained.size > 0 ? { retained: [...p.retained] } : {}),
    ...(deletable ? { deletable: true } : {}),
    ...(p.notes.length > 0 ? { notes: p.notes } : {}),
  };
}

/** The canonical client's import (and the client type's) where the file's imports start. */
function addCanonicalImports(ast: t.File, source: string, p: FilePlan, options: { specifier: string; existingLocal: string | undefined; exportName: string }): void {
  const { specifier, existingLocal, exportName } = options;
  const imports: string[] = [];
  const names = [...p.canonicalLocals].filter((l) => l !== existingLocal).map((l) => (l === exportName ? l : `${exportName} as ${l}`));
  if (names.length > 0) imports.push(`import { ${names.join(', ')} } from '${specifier}';`);
  if (p.needsClientType && !importsClientType(ast)) imports.push(`import type { ClickHouseClient } from '${OFFICIAL}';`);
  if (imports.length === 0) return;
  // New imports go where the imports start (first in the edit list: an import removed there is removed after).
  const firstImport = ast.program.body.find((s) => s.type === 'ImportDeclaration');
  const eol = lineTerminatorOf(source);
  const at = firstImport ? source.lastIndexOf('\n', firstImport.start! - 1) + 1 : 0;
  p.edits.unshift({ start: at, end: at, text: imports.join(eol) + eol });
}

/** Whether the file imports the official client's type already (a second import of it would not compile). */
function importsClientType(ast: t.File): boolean {
  return ast.program.body.some((s) => s.type === 'ImportDeclaration' && s.source.value === OFFICIAL && s.specifiers.some((sp) => sp.type === 'ImportSpecifier' && sp.local.name === 'ClickHouseClient'));
}

/** `ClickHouse` (the old class) in type positions => `ClickHouseClient` (`declare const global: { ch: ClickHouse }`). */
function oldTypeReferences(context: FileContext, oldLocals: Set<string>): TextEdit[] {
  const edits: TextEdit[] = [];
  context.program.traverse({
    TSTypeReference(path) {
      const name = path.node.typeName;
      // The imported class, not a local type of the same name.
      if (name.type === 'Identifier' && oldLocals.has(name.name) && path.scope.getBinding(name.name)?.kind === 'module') edits.push({ start: name.start!, end: name.end!, text: 'ClickHouseClient' });
    },
  });
  return edits;
}
