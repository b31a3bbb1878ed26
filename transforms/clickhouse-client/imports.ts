/** Imports: the canonical client's, and the client packages' once nothing uses them. */
import type * as t from '@babel/types';
import { removeListItem, removeStatement, type TextEdit } from '../../src/syntax/edits';
import { nameOf } from '../../src/syntax/references';
import type { PreparedClickHouse } from './prepare';
import { OFFICIAL, OLD, OTHER_CLIENTS, isRequireOf } from './packages';

/** The local name under which this file already imports the canonical client, if it does. */
export function existingCanonicalImport(ast: t.File, file: string, prepared: PreparedClickHouse): string | undefined {
  for (const statement of ast.program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    if (prepared.resolver.resolve(statement.source.value, file) !== prepared.canonicalFile) continue;
    const spec = statement.specifiers.find((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier' && nameOf(s.imported) === prepared.exportName);
    if (spec) return spec.local.name;
  }
  return undefined;
}

export function spellCanonical(file: string, prepared: PreparedClickHouse): string | undefined {
  // Alias outside the file's folder, `./x` inside it; each candidate is resolved again before it is used.
  return prepared.resolver.spellCanonical({ fromFile: file, target: prepared.canonicalFile, style: 'alias-outside-folder', extension: 'none', index: 'drop', kind: 'import' });
}

/**
 * Imports of the two client packages whose names no longer appear outside the code this plan removes go:
 * the specifier, or the whole statement. Names are matched as written (a shadowing local keeps the import).
 */
export function removeUnusedClientImports(ast: t.File, source: string, edits: TextEdit[], oldIsProjectCode: () => boolean, replaced: TextEdit[] = []): Set<t.Node> {
  const gone = new Set<t.Node>();
  // `replaced`: names this plan rewrites to another (the old class as a type), which no longer need the import.
  const removed = [...edits.filter((e) => e.end > e.start && e.text.trim() === '' || /^export \{ [\w$]+ \};$/.test(e.text)), ...replaced];
  const inRemoved = (node: t.Node) => removed.some((e) => node.start! >= e.start && node.end! <= e.end);
  const names = new Map<string, number[]>();
  const everywhere = new Map<string, number[]>();
  const { traverseFast } = require('@babel/types') as typeof import('@babel/types');
  traverseFast(ast.program, (node) => {
    if (node.type !== 'Identifier' && node.type !== 'JSXIdentifier') return;
    everywhere.set(node.name, [...(everywhere.get(node.name) ?? []), node.start!]);
    if (!inRemoved(node)) names.set(node.name, [...(names.get(node.name) ?? []), node.start!]);
  });
  const onlyIn = (positions: Map<string, number[]>, s: { node: t.Node; local: string }) => (positions.get(s.local) ?? []).every((at) => at >= s.node.start! && at < s.node.end!);
  for (const statement of ast.program.body) {
    let specifiers: Array<{ node: t.Node; local: string }> = [];
    if (statement.type === 'ImportDeclaration' && (statement.source.value === OFFICIAL || (statement.source.value === OLD && !oldIsProjectCode()) || OTHER_CLIENTS.includes(statement.source.value))) {
      specifiers = statement.specifiers.map((s) => ({ node: s, local: s.local.name }));
    } else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1 && statement.declarations[0]!.id.type === 'Identifier' && OTHER_CLIENTS.some((n) => isRequireOf(statement.declarations[0]!.init, n))) {
      specifiers = [{ node: statement.declarations[0]!, local: (statement.declarations[0]!.id as t.Identifier).name }];
    } else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1 && isRequireOf(statement.declarations[0]!.init, OLD) && statement.declarations[0]!.id.type === 'ObjectPattern') {
      specifiers = (statement.declarations[0]!.id as t.ObjectPattern).properties.flatMap((pr) => (pr.type === 'ObjectProperty' && pr.value.type === 'Identifier' ? [{ node: pr as t.Node, local: pr.value.name }] : []));
    } else {
      continue;
    }
    if (specifiers.length === 0 || inRemoved(statement)) continue;
    // Unused now: the name is written nowhere but in the specifier itself; an import that was unused before
    // this plan (or one that only loads the module) is none of its business.
    const unused = specifiers.filter((s) => onlyIn(names, s) && !onlyIn(everywhere, s));
    if (unused.length === 0) continue;
    if (unused.length === specifiers.length) {
      edits.push(removeStatement(source, statement));
      gone.add(statement);
      continue;
    }
    for (const u of unused) edits.push(removeListItem(source, u.node));
  }
  return gone;
}
