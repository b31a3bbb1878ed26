/**
 * The cheap half of the proof: a file whose new text differs from the old only inside module specifiers,
 * each of which resolves (with the project's options, from the same file) to the same module as before,
 * names exactly what it named: same text, same modules, same bindings, same exports. That is most of a
 * spelling clean-up (canonical-specifiers), and it needs no checker and no other module.
 */
import type * as TS from 'typescript';

/** Resolves a specifier of a file in one view of the texts (absolute file, or `undefined`). */
export type ResolveIn = (source: TS.SourceFile, literal: TS.StringLiteralLike) => string | undefined;

/**
 * `{ bindings }` when `after` is `before` with only specifiers respelt to the same modules; `undefined` when
 * anything else changed (the checker must compare the file).
 */
export function sameModulesRespelt(before: TS.SourceFile, after: TS.SourceFile, resolveBefore: ResolveIn, resolveAfter: ResolveIn, ts: typeof TS): { bindings: number } | undefined {
  const a = literals(before, ts);
  const b = literals(after, ts);
  if (a.length !== b.length || masked(before, a) !== masked(after, b)) return undefined;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.text === b[i]!.text) continue;
    if (!isModuleSpecifier(a[i]!, ts) || !isModuleSpecifier(b[i]!, ts)) return undefined;
    const was = resolveBefore(before, a[i]!);
    if (was === undefined || was !== resolveAfter(after, b[i]!)) return undefined;
  }
  return { bindings: countBindings(after, ts) };
}

/** Every string literal of a file, in order. */
function literals(source: TS.SourceFile, ts: typeof TS): TS.StringLiteralLike[] {
  const out: TS.StringLiteralLike[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isStringLiteralLike(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The text with every string literal emptied. */
function masked(source: TS.SourceFile, found: TS.StringLiteralLike[]): string {
  let out = '';
  let at = 0;
  for (const literal of found) {
    const start = literal.getStart(source);
    out += source.text.slice(at, start) + '""';
    at = literal.end;
  }
  return out + source.text.slice(at);
}

/** A literal that names a module: in an import, export, `import =`, `require()`, `import()`, import type, or a mock. */
function isModuleSpecifier(literal: TS.StringLiteralLike, ts: typeof TS): boolean {
  const parent = literal.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) return true;
  if (ts.isCallExpression(parent) && parent.arguments[0] === literal) {
    const callee = parent.expression;
    if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) return true;
    // jest.mock('x'), vi.mock('x'), require.resolve('x') and the rest: a member call on a known object.
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ['jest', 'vi', 'vitest', 'require'].includes(callee.expression.text);
  }
  return false;
}

/** The bindings the checker would have compared: imported and re-exported names, whole-module references. */
function countBindings(source: TS.SourceFile, ts: typeof TS): number {
  let n = 0;
  const visit = (node: TS.Node): void => {
    if (ts.isImportClause(node) && node.name) n++;
    else if (ts.isNamespaceImport(node) || ts.isImportSpecifier(node) || ts.isNamespaceExport(node) || ts.isImportEqualsDeclaration(node) || ts.isImportTypeNode(node)) n++;
    else if (ts.isExportSpecifier(node) && node.parent.parent.moduleSpecifier) n++;
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) n++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return n;
}
