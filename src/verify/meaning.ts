/**
 * What a file's names mean, as TypeScript's checker resolves them: each import and re-export binding, each
 * reference to a whole module (`require()`, `import()`, import types), and the module's own export list,
 * every name followed to the declaration it stands for, with whether it is a value, a type or a namespace.
 * Two such readings of a file, before and after a run, are compared by src/verify/prove.ts.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';

/** What one name stands for: a declaration ("src/a.ts#run (value)"), or nothing TypeScript can find. */
export type Meaning = string;
export const UNRESOLVED: Meaning = 'unresolved';

/**
 * A module's exports: name => meaning; a namespace export (`export * as ns`) holds the namespace's own
 * export list, one level deep (below that, where it is declared).
 */
export type ExportList = Map<string, Meaning | { namespace: ExportList }>;

/** One binding of a file: a name it imports or re-exports, or a reference to a whole module. */
export interface Binding {
  /** How the binding is paired between readings: `import x`, `export x`, `require #1`. */
  key: string;
  /** 1-based line in the file. */
  line: number;
  /**
   * A single declaration, or a whole module (namespace import, `export * as`, `require()`). `values`: only
   * the module's run-time values count (`require()`, `import()` and `typeof import()` load a module object,
   * which holds no types).
   */
  meaning: { declaration: Meaning } | { module: ExportList | undefined; values?: true };
}

/** A file as the checker reads it: its bindings, and its export list when it is a module. */
export interface FileReading {
  bindings: Binding[];
  exports: ExportList | undefined;
}

/** A module the program does not load: its file (as meanings name it), and why it need not be loaded. */
export interface NotLoaded {
  location: string;
  kind: 'package' | 'unchanged';
}

/** Reads files of one program; module export lists are computed once per program. */
export class MeaningReader {
  private readonly checker: TS.TypeChecker;
  private readonly lists = new Map<TS.Symbol, ExportList>();
  private readonly nestedLists = new Map<TS.Symbol, ExportList>();

  constructor(
    private readonly program: TS.Program,
    private readonly ts: typeof TS,
    /** Paths in meanings are relative to this. */
    private readonly root: string,
    /**
     * The module a specifier of a file names when the program does not load it, and why: a package's file
     * (the run never changes a package), or a project module the proof found the change did not touch
     * (src/verify/closure.ts). A name from it is read as that name of that file. `undefined`: loaded.
     */
    private readonly packageOf: (source: TS.SourceFile, literal: TS.StringLiteralLike) => NotLoaded | undefined = () => undefined,
  ) {
    this.checker = program.getTypeChecker();
  }

  read(file: string): FileReading | undefined {
    const { ts } = this;
    const source = this.program.getSourceFile(file);
    if (!source) return undefined;
    const bindings: Binding[] = [];
    const line = (node: TS.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    // A name from a module not loaded is its name in that file: the run changes neither a package nor an untouched module.
    const fromPackage = (specifier: TS.Expression | undefined) => (specifier && ts.isStringLiteralLike(specifier) ? this.packageOf(source, specifier) : undefined);
    const single = (key: string, node: TS.Node, name: TS.Node, pkg: NotLoaded | undefined, imported: string) =>
      bindings.push({ key, line: line(node), meaning: pkg ? { declaration: packageMeaning(pkg, imported) } : this.bindingMeaning(name) });
    const packageStars: NotLoaded[] = [];
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) && statement.importClause) {
        const pkg = fromPackage(statement.moduleSpecifier);
        const clause = statement.importClause;
        if (clause.name) single(`import ${clause.name.text}`, statement, clause.name, pkg, 'default');
        const named = clause.namedBindings;
        if (named && ts.isNamespaceImport(named)) single(`import ${named.name.text}`, statement, named.name, pkg, '*');
        else if (named) for (const element of named.elements) single(`import ${element.name.text}`, statement, element.name, pkg, moduleExportName(element.propertyName ?? element.name));
      } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
        single(`import ${statement.name.text}`, statement, statement.name, fromPackage(statement.moduleReference.expression), '=');
      } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
        const pkg = fromPackage(statement.moduleSpecifier);
        const clause = statement.exportClause;
        if (!clause) {
          if (pkg) packageStars.push(pkg);
        } else if (ts.isNamespaceExport(clause)) single(`export ${moduleExportName(clause.name)}`, statement, clause.name, pkg, '*');
        else for (const element of clause.elements) single(`export ${moduleExportName(element.name)}`, statement, element.name, pkg, moduleExportName(element.propertyName ?? element.name));
      }
    }
    const ordinals = new Map<string, number>();
    const visit = (node: TS.Node): void => {
      const reference = this.moduleReference(node, source);
      if (reference) {
        const n = (ordinals.get(reference.kind) ?? 0) + 1;
        ordinals.set(reference.kind, n);
        bindings.push({ key: `${reference.kind} #${n}`, line: line(node), meaning: reference.meaning });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    const moduleSymbol = this.checker.getSymbolAtLocation(source);
    let exports = moduleSymbol ? this.exportList(moduleSymbol) : undefined;
    // What `export *` passes on from a module not loaded is not read: the list names that module instead.
    if (exports && packageStars.length > 0) {
      exports = new Map(exports);
      packageStars.forEach((pkg, i) => exports!.set(`export * #${i + 1}`, packageMeaning(pkg, '*')));
    }
    return { bindings, exports };
  }

  /** What a name declared by an import or re-export stands for: a declaration, or a whole module. */
  private bindingMeaning(name: TS.Node): Binding['meaning'] {
    const symbol = this.checker.getSymbolAtLocation(name);
    if (!symbol) return { declaration: UNRESOLVED };
    const target = this.resolve(symbol);
    if (target && this.isModule(target)) return { module: this.exportList(target) };
    return { declaration: target ? this.meaningOfResolved(target) : UNRESOLVED };
  }

  /** `require('m')`, `import('m')`, `import('m').T`: the module they load (its export list). */
  private moduleReference(node: TS.Node, source: TS.SourceFile): { kind: string; meaning: Binding['meaning'] } | undefined {
    const { ts } = this;
    let literal: TS.Expression | undefined;
    let kind: string | undefined;
    let member: string | undefined;
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) kind = 'import()';
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') kind = 'require()';
      literal = node.arguments[0];
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      kind = 'import() type';
      literal = node.argument.literal;
      member = node.qualifier ? firstName(node.qualifier, ts) : undefined;
    }
    if (kind === undefined || !literal || !ts.isStringLiteralLike(literal)) return undefined;
    const pkg = this.packageOf(source, literal);
    if (pkg) return { kind, meaning: { declaration: packageMeaning(pkg, member ?? '*') } };
    const moduleSymbol = this.checker.getSymbolAtLocation(literal);
    const list = moduleSymbol ? this.exportList(this.resolve(moduleSymbol) ?? moduleSymbol) : undefined;
    if (member !== undefined) {
      const entry = list?.get(member);
      return { kind, meaning: entry !== undefined && typeof entry !== 'string' ? { module: entry.namespace } : { declaration: entry ?? UNRESOLVED } };
    }
    return { kind, meaning: { module: list, values: true } };
  }

  /** A module's exports, each followed to its declaration. */
  exportList(moduleSymbol: TS.Symbol, nested = false): ExportList {
    const cache = nested ? this.nestedLists : this.lists;
    let list = cache.get(moduleSymbol);
    if (list) return list;
    list = new Map();
    cache.set(moduleSymbol, list);
    for (const exported of this.checker.getExportsOfModule(moduleSymbol)) {
      const target = this.resolve(exported);
      if (!target) list.set(exported.name, UNRESOLVED);
      else if (!this.isModule(target)) list.set(exported.name, this.meaningOfResolved(target));
      else list.set(exported.name, nested ? `namespace ${this.location(target)}` : { namespace: this.exportList(target, true) });
    }
    return list;
  }

  /** The symbol an alias finally stands for; `undefined` when TypeScript cannot find it. */
  private resolve(symbol: TS.Symbol): TS.Symbol | undefined {
    const target = symbol.flags & this.ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    return target.declarations && target.declarations.length > 0 ? target : undefined;
  }

  private isModule(symbol: TS.Symbol): boolean {
    const { ts } = this;
    return (symbol.flags & ts.SymbolFlags.ValueModule) !== 0 && symbol.declarations!.some((d) => ts.isSourceFile(d) || (ts.isModuleDeclaration(d) && ts.isStringLiteral(d.name)));
  }

  /** "src/tools/tool.ts#Tool (value+type)". */
  private meaningOfResolved(symbol: TS.Symbol): Meaning {
    const { SymbolFlags } = this.ts;
    const kinds = [symbol.flags & SymbolFlags.Value ? 'value' : '', symbol.flags & SymbolFlags.Type ? 'type' : '', symbol.flags & SymbolFlags.Namespace ? 'namespace' : ''].filter(Boolean);
    return `${this.location(symbol)} (${kinds.join('+') || 'other'})`;
  }

  /** Where a symbol is declared: its files, and its name inside them. */
  private location(symbol: TS.Symbol): string {
    const files = [...new Set(symbol.declarations!.map((d) => locationOf(d.getSourceFile().fileName, this.root)))].sort();
    const qualified = this.checker.getFullyQualifiedName(symbol);
    // Module members read `"/abs/path/file".Name`: the path is already in `files`.
    const name = qualified.startsWith('"') ? qualified.slice(qualified.indexOf('"', 1) + 2) : qualified;
    return `${files.join(',')}#${name}`;
  }
}

function moduleExportName(name: TS.ModuleExportName): string {
  return name.text;
}

function firstName(name: TS.EntityName, ts: typeof TS): string {
  return ts.isIdentifier(name) ? name.text : firstName(name.left, ts);
}

/** A file as meanings name it: relative to `root`, or from `node_modules/` for a package's. */
export function locationOf(file: string, root: string): string {
  const posix = file.split(path.sep).join('/');
  const packaged = posix.lastIndexOf('/node_modules/');
  return packaged >= 0 ? posix.slice(packaged + 1) : path.relative(root, file).split(path.sep).join('/');
}

/** A meaning taken apart: where, which name, and what kind of thing. */
export function parseMeaning(meaning: Meaning): { location: string; name: string; kinds: string } | undefined {
  const match = /^(.*?)#(.*) \(([^()]*)\)$/.exec(meaning);
  return match ? { location: match[1]!, name: match[2]!, kinds: match[3]! } : undefined;
}

/**
 * "node_modules/react/index.d.ts#useState (package)": an export of a module the program does not load (a
 * package's, or an untouched project module's: "src/lib/a.ts#run (unchanged)").
 */
function packageMeaning(module: NotLoaded, name: string): Meaning {
  return `${module.location}#${name} (${module.kind})`;
}
