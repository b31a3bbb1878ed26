/**
 * The smallest program that can answer the proof's questions about some files: every module they name (so
 * each binding resolves), and, from there, only the modules whose exports pass names on (`export … from`,
 * `export *`, and the imports of a module that exports imported bindings). Everything else of the project is
 * never parsed: the proof stays cheap on a large tree.
 */
import type * as TS from 'typescript';
import type { Programs } from '../typescript/program';

/** Builds the program over `roots` and the modules their bindings and exports lead to. */
export function programFor(programs: Programs, roots: string[], ts: typeof TS): TS.Program {
  const files = new Set(roots);
  let frontier = [...files];
  const isRoot = new Set(roots);
  for (;;) {
    const program = programs.program([...files]);
    const added: string[] = [];
    for (const file of frontier) {
      const source = program.getSourceFile(file);
      if (!source) continue;
      for (const literal of moduleNames(source, isRoot.has(file), ts)) {
        const target = programs.resolve(program, source, literal);
        if (target !== undefined && !files.has(target)) {
          files.add(target);
          added.push(target);
        }
      }
    }
    if (added.length === 0) return program;
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
  const imports: TS.StringLiteralLike[] = [];
  let exportsBindings = false;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) imports.push(statement.moduleSpecifier);
    else if (ts.isExportDeclaration(statement)) {
      if (statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)) reexports.push(statement.moduleSpecifier);
      else exportsBindings = true;
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteralLike(expression)) imports.push(expression);
      if (hasExport(statement, ts)) exportsBindings = true;
    } else if (ts.isExportAssignment(statement)) exportsBindings = true;
  }
  if (!checked) return exportsBindings ? [...reexports, ...imports] : reexports;
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
  return [...imports, ...reexports, ...deep];
}

function hasExport(node: TS.Node, ts: typeof TS): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
