/**
 * The smallest program that can answer the proof's questions about some files: every project module they
 * name (so each binding resolves), and, from there, only the modules whose exports pass names on
 * (`export … from`, `export *`, and the imports of a module that exports imported bindings). A checked
 * file's imports of packages are not loaded: a name from a package is the same declaration when it is the
 * same name of the same package file (src/verify/meaning.ts reads those without the checker); only a package a project module re-exports is
 * loaded. Everything else of the project is never parsed either: the proof stays cheap on a large tree.
 */
import type * as TS from 'typescript';
import type { Programs } from '../typescript/program';

/** Builds the program over `roots` and the modules their bindings and exports lead to. */
export function programFor(programs: Programs, roots: string[], ts: typeof TS): TS.Program {
  const files = new Set(roots);
  let frontier = [...files];
  const isRoot = new Set(roots);
  for (;;) {
    // A program over the new files only, to read their specifiers (parsed once, then shared): the program
    // over all of them is made once, at the end.
    const program = programs.program(frontier);
    const added: string[] = [];
    for (const file of frontier) {
      const source = program.getSourceFile(file);
      if (!source) continue;
      for (const literal of moduleNames(source, isRoot.has(file), ts)) {
        const target = programs.resolve(program, source, literal);
        // A checked file's own names from a package are read without it; a package a project module
        // re-exports is loaded, so what passes through that module is known.
        if (target !== undefined && !(target.external && isRoot.has(file)) && !files.has(target.file)) {
          files.add(target.file);
          added.push(target.file);
        }
      }
    }
    if (added.length === 0) return frontier.length === files.size ? program : programs.program([...files]);
    frontier = added;
  }
}

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
