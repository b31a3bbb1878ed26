/**
 * The smallest program that can answer the proof's questions about some changed files: every module a
 * changed statement of theirs names (so each binding resolves), and, from there, only the modules whose
 * exports pass names on (`export … from`, `export *`, and the imports of a module that exports imported
 * bindings). A statement the change kept, naming a module the change did not touch ({@link Untouched}), is
 * not followed: it means what it meant. A checked file's imports of packages are not loaded either: a name
 * from a package is the same declaration when it is the same name of the same package file
 * (src/verify/meaning.ts reads those without the checker); only a package a project module re-exports is
 * loaded. Everything else of the project is never parsed: the proof costs about two parses and two
 * bindings per changed file, whatever the size of the tree.
 */
import type * as TS from 'typescript';
import type { Programs } from '../typescript/program';

/** The program the proof reads a view with, and the references it takes as unchanged without loading them. */
export interface ProofProgram {
  program: TS.Program;
  /**
   * Specifiers of the checked files whose statement is the same in both views and whose module is the
   * same, untouched module (see {@link Untouched}) in both: each maps to that module's absolute file. A
   * name such a statement imports or re-exports is the same declaration before and after.
   */
  unchanged: Map<TS.StringLiteralLike, string>;
}

/** The two views of one project's texts: the one a program is built for, and the other one. */
export interface Views {
  self: Programs;
  other: Programs;
}

/**
 * Builds the program over `roots` and the modules their changed references lead to. A reference in a
 * statement the change left as it was (the same text in the other view) to a module that is untouched
 * is not followed: what it names is the same in both views, and on a large tree most of a changed file's
 * imports are such (only the moved one changed). Every other module is found by reading each file on its
 * own (parsed once, shared with the program through the cache) and resolving its specifiers; the program
 * is made once, over all of them.
 */
export function programFor(views: Views, roots: string[], untouched: Untouched, ts: typeof TS): ProofProgram {
  const programs = views.self;
  const files = new Set(roots);
  const isRoot = new Set(roots);
  const unchanged = new Map<TS.StringLiteralLike, string>();
  const queue = [...roots];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const source = programs.sourceFile(next);
    if (!source) continue;
    const root = isRoot.has(next);
    const kept = root ? keptStatements(source, views.other.sourceFile(next), ts) : undefined;
    for (const literal of moduleNames(source, root, ts)) {
      const target = programs.resolveIn(source, literal);
      if (target === undefined) continue;
      // A checked file's own names from a package are read without it; a package a project module
      // re-exports is loaded, so what passes through that module is known.
      if (target.external && root) continue;
      if (kept?.has(literal) && !target.external && views.other.resolveIn(source, literal)?.file === target.file && untouched.is(target.file)) {
        unchanged.set(literal, target.file);
        continue;
      }
      if (!files.has(target.file)) {
        files.add(target.file);
        queue.push(target.file);
      }
    }
  }
  return { program: programs.program([...files]), unchanged };
}

/**
 * The program that reads the export lists of `modules` in one view: each module and every module, package or
 * not, that what it exports leads to (its re-exports and exported imports, followed to the declarations).
 * Nothing is taken as unchanged: this program answers what the modules export, not what a change kept.
 */
export function exportsProgram(programs: Programs, modules: string[], ts: typeof TS): TS.Program {
  const files = new Set(modules);
  const queue = [...modules];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const source = programs.sourceFile(next);
    if (!source) continue;
    for (const literal of moduleNames(source, false, ts)) {
      const target = programs.resolveIn(source, literal);
      if (target !== undefined && !files.has(target.file)) {
        files.add(target.file);
        queue.push(target.file);
      }
    }
  }
  return programs.program([...files]);
}

/**
 * The specifiers of a checked file whose reference the change kept: the statement (or, inside code, the
 * `require()`, `import()` or import type) has the same text in the other view. Re-exports are kept only
 * when every re-export of the file is: the names `export *` passes on depend on the module's other exports.
 */
function keptStatements(source: TS.SourceFile, other: TS.SourceFile | undefined, ts: typeof TS): Set<TS.StringLiteralLike> {
  const kept = new Set<TS.StringLiteralLike>();
  if (!other) return kept;
  const others = references(other, ts);
  const theirs = new Set(others.map((r) => r.text));
  const ours = references(source, ts);
  const exportsKept = ours.every((r) => !r.reexport || theirs.has(r.text)) && others.filter((r) => r.reexport).length === ours.filter((r) => r.reexport).length;
  for (const r of ours) if (theirs.has(r.text) && (!r.reexport || exportsKept)) kept.add(r.literal);
  return kept;
}

/** Each module reference of a file with the text of what holds it: its statement, or its call or type. */
function references(source: TS.SourceFile, ts: typeof TS): Array<{ literal: TS.StringLiteralLike; text: string; reexport: boolean }> {
  return moduleNames(source, true, ts).map((literal) => {
    let holder: TS.Node = literal.parent;
    if (ts.isExternalModuleReference(holder)) holder = holder.parent;
    else if (ts.isLiteralTypeNode(holder)) holder = holder.parent;
    return { literal, text: holder.getText(source), reexport: ts.isExportDeclaration(holder) };
  });
}

/**
 * Which project modules a change leaves untouched for the proof: a module that is not changed, created or
 * deleted, and from which no re-export leads to one that is (following `export … from`, `export *`, and
 * exported imports, as {@link moduleNames} does), resolved the same way in both views. Such a module
 * exports the same names with the same meanings in both views. A module whose text cannot pass a name on
 * (no re-export, no `export { }`, no `export =`, no `export default name`) is known untouched without
 * being parsed. Answers are kept for the whole issue (both views ask).
 */
export class Untouched {
  private readonly answers = new Map<string, boolean>();

  constructor(
    private readonly views: { was: Programs; now: Programs },
    /** Absolute files the issue changes, creates or deletes. */
    private readonly changed: ReadonlySet<string>,
    private readonly ts: typeof TS,
  ) {}

  is(file: string): boolean {
    const seen = new Set<string>();
    const reaches = this.reaches(file, seen);
    // Nothing any module seen leads to is touched: all of them are untouched.
    if (!reaches) for (const f of seen) this.answers.set(f, false);
    return !reaches;
  }

  /** Whether a touched module is reached from `file`; each module is read at most once per question. */
  private reaches(file: string, seen: Set<string>): boolean {
    const known = this.answers.get(file);
    if (known !== undefined) return known;
    if (this.changed.has(file)) return true;
    if (seen.has(file)) return false;
    seen.add(file);
    const { was, now } = this.views;
    const text = was.text(file);
    if (text === undefined || !MAY_PASS_NAMES_ON.test(text)) return false;
    const source = was.sourceFile(file);
    for (const literal of source ? moduleNames(source, false, this.ts) : []) {
      const a = was.resolveIn(source!, literal);
      const b = now.resolveIn(source!, literal);
      if (a?.file !== b?.file || (a !== undefined && !a.external && this.reaches(a.file, seen))) {
        this.answers.set(file, true);
        return true;
      }
    }
    return false;
  }
}

/**
 * Whether a module's text may hold a statement {@link moduleNames} follows in a module it only reads
 * exports from: `export {`, `export *`, `export type {`/`*`, `export =`, `export import`, or `export default`
 * followed by a name. A comment right after `export` counts as a yes. Anything this misses would be a module
 * that passes no name on, so the test may say yes too often, never no too often.
 */
const MAY_PASS_NAMES_ON = /\bexport(?:\s|\/[*/])*(?:type\b\s*)?(?:[{*=]|\/[*/]|import\b|default\b(?!\s*(?:function|class|async|abstract|interface|enum)\b))/;

/**
 * The module specifiers of `source` whose modules the proof needs: in a file it checks, every one (imports,
 * re-exports, `import x = require()`, `require()`, `import()` and import types); in a module it only reads
 * exports from, the re-exports, and its imports when it exports an imported binding.
 */
export function moduleNames(source: TS.SourceFile, checked: boolean, ts: typeof TS): TS.StringLiteralLike[] {
  const reexports: TS.StringLiteralLike[] = [];
  const imports: Array<{ literal: TS.StringLiteralLike; locals: string[] }> = [];
  /** Local names the module exports (`export { a }`, `export default a`, `export = a`): imported ones matter. */
  const exported = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      const locals = [clause?.name?.text, ...(named ? (ts.isNamespaceImport(named) ? [named.name.text] : named.elements.map((e) => e.name.text)) : [])];
      imports.push({ literal: statement.moduleSpecifier, locals: locals.filter((l): l is string => l !== undefined) });
    } else if (ts.isExportDeclaration(statement)) {
      if (statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)) reexports.push(statement.moduleSpecifier);
      else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) exported.add((element.propertyName ?? element.name).text);
      }
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteralLike(expression)) imports.push({ literal: expression, locals: [statement.name.text] });
      if (hasExport(statement, ts)) exported.add(statement.name.text);
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      exported.add(statement.expression.text);
    }
  }
  if (!checked) return [...reexports, ...imports.filter((i) => i.locals.some((l) => exported.has(l))).map((i) => i.literal)];
  const deep: TS.StringLiteralLike[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) deep.push(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      deep.push(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...imports.map((i) => i.literal), ...reexports, ...deep];
}

function hasExport(node: TS.Node, ts: typeof TS): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
