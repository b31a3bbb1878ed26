/**
 * Moves keep meaning: a reference to a moved-from module is rewritten so it names exactly what it named
 * before. A shim rarely passes on everything its target exports under the same names: it re-exports a
 * subset, renames, turns a default into a named export, or keeps types apart. So each name is mapped to the
 * target's export for the same declaration, and the reference is written to match:
 *
 * @example
 * // tool.types.ts: export * from './tool'; export { default as ToolUtils } from './tool';
 * import { ToolUtils, run } from './tool.types'   => import ToolUtils, { run } from './tool'
 * // agent.types.ts: export { a, b } from './agent-types';  export type { T } from './agent-types';
 * export * from './agent.types'                   => export { a, b, type T } from './agent-types'
 *
 * What cannot be written that way (a namespace of a module that exports only some of the target's names, a
 * name the target does not export) is left and reported.
 */
import type * as t from '@babel/types';
import { originKey, type ExportTable } from '../../src/syntax/exports';
import { lineTerminatorOf, type TextEdit } from '../../src/syntax/edits';
import { nameOf, type ModuleReference } from '../../src/syntax/references';
import type { BoundName } from '../../src/syntax/specifiers';

/** How the names of a moved-from module map onto its target's. */
export interface NameMapping {
  /** The target's name for what `name` names in the old module; `undefined` when the target has none. */
  nameIn(name: string): string | undefined;
  /** Whether the old module's export of `name` is only a type. */
  typeOnly(name: string): boolean;
  /**
   * The old module and the target export the same names for the same declarations, apart from a `default`
   * only the target has (`export *` never passes a default on): a namespace of one is a namespace of the other.
   */
  sameNamespace: boolean;
  /** `export * from` the old module and from the target pass on the same names and declarations. */
  sameStar: boolean;
  /** The old module's exports. */
  from: ExportTable;
}

/**
 * Maps each export of `from` onto an export of `to` for the same declaration (the same name first, then
 * `default`, then any other). An export `from` declares itself (a copy being retired in favour of `to`) maps
 * to `to`'s export of the same name: the config says that one replaces it. `undefined` when either table is
 * incomplete: nothing can be said, and the reference is rewritten as a whole.
 */
export function mapNames(from: ExportTable | undefined, to: ExportTable | undefined, fromFile: string): NameMapping | undefined {
  if (!from || !to || !from.complete || !to.complete) return undefined;
  const byOrigin = new Map<string, string[]>();
  for (const [name, origin] of to.names) byOrigin.set(originKey(origin), [...(byOrigin.get(originKey(origin)) ?? []), name]);
  const nameIn = (name: string): string | undefined => {
    const origin = from.names.get(name);
    if (!origin) return undefined;
    const same = byOrigin.get(originKey(origin)) ?? [];
    if (same.includes(name)) return name;
    if (same.includes('default')) return 'default';
    if (same.length > 0) return same[0];
    return origin.module === fromFile && to.names.has(name) ? name : undefined;
  };
  const mapsToItself = (names: Iterable<string>) => [...names].every((n) => n === 'default' || nameIn(n) === n);
  const without = (table: ExportTable) => [...table.names.keys()].filter((n) => n !== 'default');
  const sameStar = mapsToItself(from.names.keys()) && without(to).every((n) => from.names.has(n));
  return {
    nameIn,
    typeOnly: (name) => from.names.get(name)?.typeOnly ?? false,
    sameStar,
    sameNamespace: sameStar && (!from.names.has('default') || nameIn('default') === 'default'),
    from,
  };
}

/**
 * Whether {@link keepMeaning} plans no edit and nothing for a human for a reference of `kind` (an import or a
 * re-export) that binds `names`, read from the names alone, without the statement's tree: the old module and
 * the target export the same names for the same declarations, and the old one exports each name bound. A
 * default imported between braces (`import { default as D }`) is written as a default import, an edit: no.
 */
export function keepsMeaningAsWritten(mapping: NameMapping, kind: ModuleReference['kind'], names: readonly BoundName[]): boolean {
  if (!mapping.sameNamespace) return false;
  return names.every((n) => n.kind === 'all' || (mapping.from.names.has(n.name) && !(kind === 'import' && n.kind === 'named' && n.name === 'default')));
}

/** What a reference needs beyond its new specifier: edits, or why it is left for a human. */
export type MeaningPlan = { edits: TextEdit[]; renames: boolean } | { manual: string };

export interface MeaningInput {
  ref: ModuleReference;
  source: string;
  mapping: NameMapping;
  /** How the target reads in messages. */
  targetLabel: string;
  /**
   * For `export *`: of `names`, those the file exports through this statement today (explicit exports win
   * over it), and those it exports through none because another `export *` gives them with a different
   * declaration (TS2308): listing those would export them.
   */
  starNames?: (names: string[]) => { names: string[]; ambiguous: string[] };
}

/** Plans the edits (besides the specifier) that keep a reference meaning what it meant. */
export function keepMeaning(input: MeaningInput): MeaningPlan {
  const { ref, mapping, targetLabel } = input;
  const owner = ref.owner;
  const none: MeaningPlan = { edits: [], renames: false };
  const namespace = (what: string): MeaningPlan =>
    mapping.sameNamespace ? none : { manual: `${what} of a module that does not export the same names as ${targetLabel}; name what it uses from ${targetLabel} by hand` };
  switch (ref.kind) {
    case 'import':
      return importDeclaration(input, ref.declaration!);
    case 'export-from':
      if (owner.type === 'ExportAllDeclaration') return exportStar(input, owner);
      if (owner.type === 'ExportNamedDeclaration') return exportNamed(input, owner);
      return none;
    case 'import-equals':
      return namespace('an `import = require()`');
    case 'require':
      return namespace('a `require()`');
    case 'dynamic-import':
      return namespace('an `import()`');
    case 'import-type': {
      const qualifier = (owner as t.TSImportType).qualifier;
      const first = qualifier ? firstName(qualifier) : undefined;
      if (first === undefined) return namespace('an `import()` type');
      const mapped = mapping.nameIn(first);
      if (mapped === first) return none;
      return { manual: `\`${first}\` is ${mapped === undefined ? `not exported by ${targetLabel}` : `\`${mapped}\` in ${targetLabel}`}; rewrite this type by hand` };
    }
    default:
      // Mocks follow the module the code now imports; require.resolve and `declare module` are judged elsewhere.
      return none;
  }
}

function firstName(node: t.TSEntityName): string {
  return node.type === 'Identifier' ? node.name : node.type === 'TSQualifiedName' ? firstName(node.left) : 'this';
}

/** A name as a specifier list writes it. */
function written(name: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : JSON.stringify(name);
}

function missing(name: string, targetLabel: string): MeaningPlan {
  return { manual: `\`${name}\` is not exported by ${targetLabel} (the old module takes it from elsewhere); import it from where it is declared by hand` };
}

/**
 * `import D, { a, b as c } from 'old'`: each name becomes the target's name for the same declaration.
 * A named import of what the target exports as its default becomes the default import, and the reverse.
 */
function importDeclaration(input: MeaningInput, declaration: t.ImportDeclaration): MeaningPlan {
  const { source, mapping, targetLabel } = input;
  let defaultLocal: string | undefined;
  const named: string[] = [];
  const edits: TextEdit[] = [];
  let restructure = false;
  for (const s of declaration.specifiers) {
    if (s.type === 'ImportNamespaceSpecifier') {
      return mapping.sameNamespace ? { edits: [], renames: false } : { manual: `a namespace import of a module that does not export the same names as ${targetLabel}; import the names it uses from ${targetLabel} by hand` };
    }
    const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : nameOf(s.imported);
    const mapped = mapping.nameIn(imported);
    if (mapped === undefined) return missing(imported, targetLabel);
    const typePrefix = s.type === 'ImportSpecifier' && s.importKind === 'type' ? 'type ' : '';
    const local = s.local.name;
    if (mapped === 'default') {
      if (s.type !== 'ImportDefaultSpecifier') restructure = true;
      if (defaultLocal !== undefined || typePrefix) named.push(`${typePrefix}default as ${local}`);
      else defaultLocal = local;
      continue;
    }
    const text = mapped === local ? `${typePrefix}${written(mapped)}` : `${typePrefix}${written(mapped)} as ${local}`;
    named.push(text);
    if (s.type === 'ImportDefaultSpecifier') restructure = true;
    else if (mapped !== imported) edits.push({ start: s.start!, end: s.end!, text });
  }
  if (!restructure) return { edits, renames: edits.length > 0 };
  // `import type D, { a }` is not allowed: a type-only import takes its default inside the braces.
  if (declaration.importKind === 'type' && defaultLocal !== undefined && named.length > 0) {
    named.unshift(`default as ${defaultLocal}`);
    defaultLocal = undefined;
  }
  // The default moves in or out of the braces: the clause is written again.
  const first = declaration.specifiers[0]!;
  const last = declaration.specifiers[declaration.specifiers.length - 1]!;
  const hasBraces = declaration.specifiers.some((s) => s.type === 'ImportSpecifier');
  const start = first.type === 'ImportSpecifier' ? source.lastIndexOf('{', first.start!) : first.start!;
  const end = hasBraces ? source.indexOf('}', last.end!) + 1 : last.end!;
  const clause = [defaultLocal, named.length > 0 ? `{ ${named.join(', ')} }` : undefined].filter(Boolean).join(', ');
  return { edits: [{ start, end, text: clause }], renames: true };
}

/** `export { a, default as B } from 'old'`: each name becomes the target's name for the same declaration. */
function exportNamed(input: MeaningInput, statement: t.ExportNamedDeclaration): MeaningPlan {
  const { mapping, targetLabel } = input;
  const edits: TextEdit[] = [];
  for (const s of statement.specifiers) {
    if (s.type === 'ExportNamespaceSpecifier') {
      if (!mapping.sameNamespace) return { manual: `\`export * as ${s.exported.name}\` of a module that does not export the same names as ${targetLabel}; re-export what it should hold by hand` };
      continue;
    }
    const local = s.type === 'ExportDefaultSpecifier' ? 'default' : nameOf(s.local);
    const exported = s.type === 'ExportDefaultSpecifier' ? s.exported.name : nameOf(s.exported);
    const mapped = mapping.nameIn(local);
    if (mapped === undefined) return missing(local, targetLabel);
    if (mapped === local) continue;
    if (s.type === 'ExportDefaultSpecifier') return { manual: `\`export ${exported} from\` names a default that ${targetLabel} exports as \`${mapped}\`; rewrite it by hand` };
    const typePrefix = (s as { exportKind?: string }).exportKind === 'type' ? 'type ' : '';
    edits.push({ start: s.start!, end: s.end!, text: mapped === exported ? `${typePrefix}${written(mapped)}` : `${typePrefix}${written(mapped)} as ${written(exported)}` });
  }
  return { edits, renames: edits.length > 0 };
}

/**
 * `export * from 'old'`: the same statement when the target passes on the same names, else a list of exactly
 * the names it exported, from the target, types marked `type`.
 */
function exportStar(input: MeaningInput, statement: t.ExportAllDeclaration): MeaningPlan {
  const { source, mapping, targetLabel } = input;
  const exported = (statement as { exported?: t.Identifier | null }).exported;
  if (exported) {
    return mapping.sameNamespace ? { edits: [], renames: false } : { manual: `\`export * as ${exported.name}\` of a module that does not export the same names as ${targetLabel}; re-export what it should hold by hand` };
  }
  if (mapping.sameStar) return { edits: [], renames: false };
  const candidates = [...mapping.from.names.keys()].filter((n) => n !== 'default');
  const { names, ambiguous } = input.starNames ? input.starNames(candidates) : { names: candidates, ambiguous: [] };
  if (ambiguous.length > 0) {
    const list = ambiguous.map((n) => `\`${n}\``).join(', ');
    return { manual: `${list} ${ambiguous.length === 1 ? 'is' : 'are'} exported by two \`export *\` here with different declarations, so by neither (TS2308); a list of names from ${targetLabel} would export ${ambiguous.length === 1 ? 'it' : 'them'}. Resolve the clash by hand` };
  }
  const items: Array<{ text: string; type: boolean }> = [];
  for (const name of names) {
    const mapped = mapping.nameIn(name);
    if (mapped === undefined) return missing(name, targetLabel);
    items.push({ text: mapped === name ? written(name) : `${written(mapped)} as ${written(name)}`, type: mapping.typeOnly(name) || statement.exportKind === 'type' });
  }
  if (items.length === 0) return { manual: `every name this \`export *\` passed on is exported here some other way; remove it by hand` };
  const allTypes = items.every((i) => i.type);
  const list = items.map((i) => (i.type && !allTypes ? `type ${i.text}` : i.text));
  const head = `export ${allTypes ? 'type ' : ''}`;
  const specifierStart = statement.source.start!;
  const oneLine = `${head}{ ${list.join(', ')} } from `;
  const eol = lineTerminatorOf(source);
  const text = oneLine.length + (statement.source.end! - specifierStart) <= 100 ? oneLine : `${head}{${eol}${list.map((l) => `  ${l},${eol}`).join('')}} from `;
  return { edits: [{ start: statement.start!, end: specifierStart, text }], renames: true };
}
