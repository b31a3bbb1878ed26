/**
 * Merging a rewritten import into an import of the same module the file already has, so no module is
 * imported twice and no name is imported twice.
 */
import type * as t from '@babel/types';
import { statementRemoval, lineTerminatorOf, type TextEdit } from '../../src/syntax/edits';
import { nameOf } from '../../src/syntax/references';

/** An import statement and the module it will name after the rewrite. */
export interface PlannedImport {
  declaration: t.ImportDeclaration;
  /** Identity of the module after the rewrite (absolute file or `package:name`). */
  targetKey: string;
  rewritten: boolean;
}

/**
 * For each rewritten import whose module the file already imports the same way (value or type), moves its
 * names into that import and removes it. Returns the edits and the statements it removed.
 * @example
 * import { A } from './agents/engine';  import { B } from './legacy/engine';  (legacy -> agents)
 * => import { A, B } from './agents/engine';
 */
export function mergeImports(args: { source: string; imports: PlannedImport[]; additions?: Map<t.ImportDeclaration, string[]> }): { edits: TextEdit[]; merged: Set<t.ImportDeclaration> } {
  const { source, imports } = args;
  const additions = new Map(args.additions ?? []);
  const edits: TextEdit[] = [];
  const merged = new Set<t.ImportDeclaration>();
  const groups = new Map<string, PlannedImport[]>();
  for (const entry of imports) {
    const key = `${entry.declaration.importKind ?? 'value'}\0${entry.targetKey}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((g) => g.rewritten)) continue;
    const keeper = group.find((g) => !g.rewritten && mergeable(g.declaration)) ?? group.find((g) => mergeable(g.declaration));
    if (!keeper) continue;
    const names = new SpecifierSet(keeper.declaration);
    const added: string[] = [];
    let addedDefault: string | undefined;
    for (const entry of group) {
      if (entry === keeper || !entry.rewritten || !mergeable(entry.declaration) || hasOwnComments(source, entry.declaration)) continue;
      const plan = names.planAdd(entry.declaration, source, addedDefault);
      if (!plan) continue;
      added.push(...plan.named);
      addedDefault = plan.defaultLocal ?? addedDefault;
      merged.add(entry.declaration);
      edits.push(statementRemoval(source, entry.declaration.start!, entry.declaration.end!));
    }
    const extra = additions.get(keeper.declaration) ?? [];
    additions.delete(keeper.declaration);
    edits.push(...insertSpecifiers(source, keeper.declaration, [...added, ...extra.filter((e) => !added.includes(e))], addedDefault));
  }
  for (const [declaration, named] of additions) edits.push(...insertSpecifiers(source, declaration, [...new Set(named)], undefined));
  return { edits, merged };
}

/** A statement with a comment before it or after it on its line keeps its own line, so the comment stays put. */
function hasOwnComments(source: string, declaration: t.ImportDeclaration): boolean {
  if ((declaration.leadingComments?.length ?? 0) > 0) return true;
  const lineEnd = source.indexOf('\n', declaration.end!);
  return source.slice(declaration.end!, lineEnd < 0 ? source.length : lineEnd).trim() !== '';
}

/** Only default and named imports merge; namespace imports, side-effect imports and attributes do not. */
export function mergeable(declaration: t.ImportDeclaration): boolean {
  const attributes = (declaration as { attributes?: unknown[] }).attributes;
  return (
    declaration.specifiers.length > 0 &&
    declaration.specifiers.every((s) => s.type !== 'ImportNamespaceSpecifier') &&
    (attributes === undefined || attributes.length === 0)
  );
}

/** The names an import statement binds, to decide what merging may add. */
class SpecifierSet {
  private readonly byLocal = new Map<string, string>();
  private defaultLocal: string | undefined;
  constructor(declaration: t.ImportDeclaration) {
    for (const s of declaration.specifiers) {
      if (s.type === 'ImportDefaultSpecifier') this.defaultLocal = s.local.name;
      else if (s.type === 'ImportSpecifier') this.byLocal.set(s.local.name, nameOf(s.imported));
    }
  }

  /** The specifier texts to add for `declaration`, or `undefined` when a name would clash. */
  planAdd(declaration: t.ImportDeclaration, source: string, pendingDefault: string | undefined): { named: string[]; defaultLocal?: string } | undefined {
    const named: string[] = [];
    let defaultLocal: string | undefined;
    const local = new Map(this.byLocal);
    for (const s of declaration.specifiers) {
      if (s.type === 'ImportDefaultSpecifier') {
        const existing = this.defaultLocal ?? pendingDefault;
        if (existing !== undefined && existing !== s.local.name) return undefined;
        if (existing === undefined) defaultLocal = s.local.name;
      } else if (s.type === 'ImportSpecifier') {
        const already = local.get(s.local.name);
        if (already !== undefined && already !== nameOf(s.imported)) return undefined;
        if (already === undefined) {
          named.push(source.slice(s.start!, s.end!));
          local.set(s.local.name, nameOf(s.imported));
        }
      }
    }
    for (const [k, v] of local) this.byLocal.set(k, v);
    return { named, defaultLocal };
  }
}


/** Edits that add named specifiers (and a default) to an existing import, following its layout. */
function insertSpecifiers(source: string, declaration: t.ImportDeclaration, named: string[], defaultLocal: string | undefined): TextEdit[] {
  const edits: TextEdit[] = [];
  const namedSpecifiers = declaration.specifiers.filter((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier');
  const defaultSpecifier = declaration.specifiers.find((s) => s.type === 'ImportDefaultSpecifier');
  const first = namedSpecifiers[0];
  if (defaultLocal !== undefined && first) {
    const brace = source.lastIndexOf('{', first.start!);
    edits.push({ start: brace, end: brace, text: `${defaultLocal}, ` });
  }
  if (named.length === 0) return edits;
  const last = namedSpecifiers[namedSpecifiers.length - 1];
  if (!last) {
    const anchor = defaultSpecifier ? defaultSpecifier.end! : declaration.start! + 'import'.length;
    const text = defaultSpecifier || defaultLocal === undefined ? `, { ${named.join(', ')} }` : ` { ${named.join(', ')} }`;
    edits.push({ start: anchor, end: anchor, text: defaultSpecifier ? text : `${defaultLocal !== undefined ? ` ${defaultLocal},` : ''}${text}` });
    return edits;
  }
  const multiline = source.slice(declaration.start!, last.end!).includes('\n');
  if (!multiline) {
    edits.push({ start: last.end!, end: last.end!, text: `, ${named.join(', ')}` });
    return edits;
  }
  const eol = lineTerminatorOf(source);
  const lineStart = source.lastIndexOf('\n', last.start!) + 1;
  const indent = source.slice(lineStart, last.start!);
  let after = last.end!;
  while (after < source.length && /[ \t]/.test(source[after]!)) after++;
  if (source[after] === ',') {
    edits.push({ start: after + 1, end: after + 1, text: named.map((n) => `${eol}${indent}${n},`).join('') });
  } else {
    edits.push({ start: last.end!, end: last.end!, text: named.map((n) => `,${eol}${indent}${n}`).join('') });
  }
  return edits;
}
