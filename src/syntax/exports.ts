/**
 * What a module exports, read off its syntax tree: each exported name with the declaration it stands for
 * (followed through re-exports and imported bindings to the module that declares it), and whether it is only
 * a type. Enough to tell whether a shim exports exactly what its target exports, under which names, without
 * a type checker; the proof after a run (src/verify/) checks the same with TypeScript's.
 *
 * @example
 * // old.ts: export { run, default as Tool } from './new';  export type { Options } from './new';
 * exportsOf('old.ts') => Map { run => new.ts#run, Tool => new.ts#default, Options => new.ts#Options (type) }
 */
import type * as t from '@babel/types';
import type { ResolutionKind } from '../resolve/resolver';
import { parseSource } from './parse';
import { nameOf } from './references';

/** Where an exported name is declared. */
export interface ExportOrigin {
  /**
   * The declaring module: an absolute file, or `module:<specifier>` for one outside the project (a package,
   * or a specifier that does not resolve), as named from the file that re-exports it.
   */
  module: string;
  /** Its name there: `default` for a default export, `*` for the module's namespace (`export * as ns`). */
  name: string;
  /** Only a type (an interface, a type alias, `export type`): it has no value at run time. */
  typeOnly: boolean;
}

/** A module's exports in the order it declares them. */
export interface ExportTable {
  names: Map<string, ExportOrigin>;
  /**
   * `false` when some names could not be known: an `export *` from a module outside the project or one that
   * cannot be read, `export =`, CommonJS `module.exports`. The names listed are still right.
   */
  complete: boolean;
  /** Names the module exports itself or by name (not through `export *`): these win over any `export *`. */
  explicit: Set<string>;
}

export interface ExportTablesOptions {
  /** Resolves a specifier to an absolute project file, `undefined` for a package or an unresolved one. */
  resolve(specifier: string, fromFile: string, kind: ResolutionKind): string | undefined;
  /** A module's text (through the run: see `TransformEnv.readModule`). */
  read(file: string): string | undefined;
}

/** The key that says two exports are the same declaration. */
export function originKey(origin: ExportOrigin): string {
  return `${origin.module}#${origin.name}`;
}

/** Export tables of modules, each computed once (texts do not change while one is in use). */
export class ExportTables {
  private readonly tables = new Map<string, ExportTable | undefined>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly options: ExportTablesOptions) {}

  /** The exports of `file`, or `undefined` when it cannot be read or parsed. */
  of(file: string): ExportTable | undefined {
    if (this.tables.has(file)) return this.tables.get(file);
    // A cycle of `export *`: the module is being read further up; it adds nothing new here.
    if (this.inProgress.has(file)) return { names: new Map(), complete: true, explicit: new Set() };
    this.inProgress.add(file);
    try {
      const text = this.options.read(file);
      const table = text === undefined ? undefined : this.ofText(file, text);
      this.tables.set(file, table);
      return table;
    } finally {
      this.inProgress.delete(file);
    }
  }

  /**
   * The exports of `file` if its text were `text` (the file a transform is planning); not remembered, the
   * modules it re-exports are.
   */
  ofText(file: string, text: string): ExportTable | undefined {
    let ast: t.File;
    try {
      ast = parseSource(text, file);
    } catch {
      return undefined;
    }
    const body = ast.program.body;
    const locals = localDeclarations(body);
    const imports = importedBindings(body);
    const names = new Map<string, ExportOrigin>();
    let complete = true;
    const moduleOf = (specifier: string): string => this.options.resolve(specifier, file, 'import') ?? `module:${specifier}`;
    /** The origin of `name` exported by module `module` (a key from moduleOf). */
    const through = (module: string, name: string, typeOnly: boolean): ExportOrigin => {
      if (name === '*' || module.startsWith('module:')) return { module, name, typeOnly };
      const found = this.of(module)?.names.get(name);
      return found ? { ...found, typeOnly: found.typeOnly || typeOnly } : { module, name, typeOnly };
    };
    const ofLocal = (local: string, typeOnly: boolean): ExportOrigin => {
      const imported = imports.get(local);
      if (imported) return through(moduleOf(imported.specifier), imported.name, typeOnly || imported.typeOnly);
      return { module: file, name: local, typeOnly: typeOnly || locals.get(local) === 'type' };
    };
    const starred: Array<{ module: string; typeOnly: boolean }> = [];
    for (const statement of body) {
      switch (statement.type) {
        case 'ExportNamedDeclaration': {
          const typeOnly = statement.exportKind === 'type';
          if (statement.declaration) {
            // A name declared as a value and as a type (`const V` and `type V`) is a value.
            for (const [name, kind] of declaredNames(statement.declaration)) names.set(name, { module: file, name, typeOnly: kind === 'type' && names.get(name)?.typeOnly !== false });
            break;
          }
          const source = statement.source ? moduleOf(statement.source.value) : undefined;
          for (const s of statement.specifiers) {
            const specifierType = typeOnly || (s as { exportKind?: string }).exportKind === 'type';
            if (s.type === 'ExportNamespaceSpecifier') {
              if (source) names.set(s.exported.name, { module: source, name: '*', typeOnly: specifierType });
            } else if (s.type === 'ExportDefaultSpecifier') {
              if (source) names.set(s.exported.name, through(source, 'default', specifierType));
            } else {
              const exported = nameOf(s.exported);
              const local = nameOf(s.local);
              names.set(exported, source ? through(source, local, specifierType) : ofLocal(local, specifierType));
            }
          }
          break;
        }
        case 'ExportAllDeclaration': {
          const source = moduleOf(statement.source.value);
          const typeOnly = statement.exportKind === 'type';
          const exported = (statement as { exported?: t.Identifier | null }).exported;
          if (exported) names.set(exported.name, { module: source, name: '*', typeOnly });
          else starred.push({ module: source, typeOnly });
          break;
        }
        case 'ExportDefaultDeclaration': {
          // Named after the declaration it stands for, so `export default X` and `export { X }` are one.
          const d = statement.declaration;
          const declared = d.type === 'Identifier' ? d.name : (d as { id?: t.Identifier | null }).id?.name;
          if (declared !== undefined && (imports.has(declared) || locals.has(declared))) names.set('default', ofLocal(declared, false));
          else names.set('default', { module: file, name: 'default', typeOnly: false });
          break;
        }
        case 'TSExportAssignment':
          complete = false;
          break;
        case 'ExpressionStatement':
          if (isCommonJsExport(statement.expression)) complete = false;
          break;
        default:
      }
    }
    // `export *` adds every name but `default` that no explicit export names; a name two of them give with
    // different declarations is ambiguous and exported by neither (what TypeScript and Node do).
    const fromStars = new Map<string, ExportOrigin | null>();
    for (const star of starred) {
      const table = star.module.startsWith('module:') ? undefined : this.of(star.module);
      if (!table || !table.complete) complete = false;
      for (const [name, origin] of table?.names ?? []) {
        if (name === 'default' || names.has(name)) continue;
        const candidate = { ...origin, typeOnly: origin.typeOnly || star.typeOnly };
        const seen = fromStars.get(name);
        if (seen === undefined) fromStars.set(name, candidate);
        else if (seen !== null && originKey(seen) !== originKey(candidate)) fromStars.set(name, null);
      }
    }
    const explicit = new Set(names.keys());
    for (const [name, origin] of fromStars) if (origin) names.set(name, origin);
    return { names, complete, explicit };
  }
}

/** Local top-level declarations: `value` when the name has a run-time value, else `type`. */
function localDeclarations(body: t.Statement[]): Map<string, 'value' | 'type'> {
  const out = new Map<string, 'value' | 'type'>();
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    for (const [name, kind] of declaredNames(declaration as t.Node)) if (out.get(name) !== 'value') out.set(name, kind);
  }
  return out;
}

/** Names a declaration introduces, with whether each is a value or only a type. */
function declaredNames(node: t.Node): Array<[string, 'value' | 'type']> {
  switch (node.type) {
    case 'VariableDeclaration':
      return node.declarations.flatMap((d) => patternNames(d.id)).map((n) => [n, 'value']);
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'TSDeclareFunction':
      return node.id ? [[node.id.name, 'value']] : [];
    case 'TSEnumDeclaration':
      return [[node.id.name, 'value']];
    case 'TSModuleDeclaration':
      return node.id.type === 'Identifier' ? [[node.id.name, 'value']] : [];
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
      return [[node.id.name, 'type']];
    default:
      return [];
  }
}

function patternNames(node: t.Node): string[] {
  switch (node.type) {
    case 'Identifier':
      return [node.name];
    case 'ObjectPattern':
      return node.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return node.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'AssignmentPattern':
      return patternNames(node.left);
    case 'RestElement':
      return patternNames(node.argument);
    default:
      return [];
  }
}

/** Local names bound by imports: which module and which of its exports each stands for. */
function importedBindings(body: t.Statement[]): Map<string, { specifier: string; name: string; typeOnly: boolean }> {
  const out = new Map<string, { specifier: string; name: string; typeOnly: boolean }>();
  for (const statement of body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const declarationType = statement.importKind === 'type';
    for (const s of statement.specifiers) {
      const specifier = statement.source.value;
      if (s.type === 'ImportDefaultSpecifier') out.set(s.local.name, { specifier, name: 'default', typeOnly: declarationType });
      else if (s.type === 'ImportNamespaceSpecifier') out.set(s.local.name, { specifier, name: '*', typeOnly: declarationType });
      else out.set(s.local.name, { specifier, name: nameOf(s.imported), typeOnly: declarationType || s.importKind === 'type' });
    }
  }
  return out;
}

/** `module.exports = …`, `module.exports.x = …` or `exports.x = …`. */
function isCommonJsExport(expression: t.Expression): boolean {
  if (expression.type !== 'AssignmentExpression') return false;
  let target: t.Node = expression.left;
  while (target.type === 'MemberExpression') target = target.object;
  return target.type === 'Identifier' && (target.name === 'module' || target.name === 'exports');
}
