/**
 * The cheap half of the proof: a file whose new text differs from the old only inside module specifiers,
 * each of which resolves (with the project's options, from the same file) to the same module as before,
 * names exactly what it named: same text, same modules, same bindings, same exports. That is most of a
 * spelling clean-up (canonical-specifiers), and it needs no checker and no other module.
 */
import type * as TS from 'typescript';
import { DEEP_REFERENCE } from '../syntax/references';

/** Resolves `text` as a module specifier of `fileName` with resolution `mode`, in one view of the texts (absolute file, or `undefined`). */
export type ResolveText = (fileName: string, text: string, mode: TS.ResolutionMode) => string | undefined;

/**
 * What the proof needs of a file whose new text may differ from the old only inside module specifiers, found
 * without resolving anything. Plain data: a worker thread can find it (src/verify/respelt-pool.ts).
 */
export interface RespeltWitness {
  /** The bindings the checker would have compared (imported and re-exported names, whole-module references). */
  bindings: number;
  /** Whether the file is a module (then its export list counts as proven). */
  module: boolean;
  /** The module format the old text was parsed with (the modes depend on it). */
  format: TS.ResolutionMode;
  /** Each specifier whose text changed: the old text, the new one, and the resolution mode at its place. */
  changed: Array<{ was: string; now: string; mode: TS.ResolutionMode }>;
}

/**
 * The witness when `after` is the text of `before` with only module specifiers respelt; `undefined` when
 * anything else changed (the checker must compare the file).
 *
 * Only `before` is parsed. The new text is aligned with it specifier by specifier: every character outside
 * the module specifiers must be the same, and each specifier's place must hold one whole string token of the
 * same kind (TypeScript's scanner reads it). The new file then has the old file's tokens with some string
 * values changed, so it has the old syntax tree, the same bindings and the same exports; what is left to
 * prove ({@link sameModules}) is that each changed specifier resolves to the same module. Parsing the new
 * text again would be the larger half of the cost on a clean-up that respells thousands of files.
 */
export function respeltWitness(before: TS.SourceFile, after: string, options: TS.CompilerOptions, ts: typeof TS): RespeltWitness | undefined {
  const scanner = ts.createScanner(before.languageVersion, false, ts.LanguageVariant.Standard, after);
  const old = before.text;
  let i = 0;
  let j = 0;
  const { specifiers, bindings } = read(before, ts);
  const changed: RespeltWitness['changed'] = [];
  for (const literal of specifiers) {
    const start = literal.getStart(before);
    if (after.slice(j, j + start - i) !== old.slice(i, start)) return undefined;
    j += start - i;
    scanner.resetTokenState(j);
    if (scanner.scan() !== literal.kind || scanner.isUnterminated()) return undefined;
    const text = scanner.getTokenValue();
    const end = scanner.getTokenEnd();
    if (text !== literal.text) changed.push({ was: literal.text, now: text, mode: ts.getModeForUsageLocation(before, literal, options) });
    i = literal.end;
    j = end;
  }
  if (after.slice(j) !== old.slice(i)) return undefined;
  return { bindings, module: ts.isExternalModule(before), format: before.impliedNodeFormat, changed };
}

/** Whether every changed specifier of the witness resolves, before and after, to one and the same module. */
export function sameModules(fileName: string, witness: RespeltWitness, was: ResolveText, now: ResolveText): boolean {
  return witness.changed.every((c) => {
    const target = was(fileName, c.was, c.mode);
    return target !== undefined && target === now(fileName, c.now, c.mode);
  });
}

/**
 * Every module specifier of a file, in the order of the text, and the bindings the checker would have
 * compared (imported and re-exported names, whole-module references), in one walk.
 *
 * The walk stays at the top level where the text holds nothing a deeper specifier or binding needs
 * ({@link DEEP_REFERENCE}: `require`, `import(`, a mock object, a `\u` escape): then only import, export and
 * `import =` declarations and module or namespace blocks can hold one, and a function body never does. On a
 * spelling clean-up that skips most of every tree. `full`: walk everything (tests compare the two).
 */
export function read(source: TS.SourceFile, ts: typeof TS, full = false): { specifiers: TS.StringLiteralLike[]; bindings: number } {
  const specifiers: TS.StringLiteralLike[] = [];
  let bindings = 0;
  const visit = (node: TS.Node): void => {
    if (ts.isStringLiteralLike(node)) {
      if (isModuleSpecifier(node, ts)) specifiers.push(node);
      return;
    }
    if (isBinding(node, ts)) bindings++;
    ts.forEachChild(node, visit);
  };
  if (full || DEEP_REFERENCE.test(source.text)) visit(source);
  else for (const statement of source.statements) if (mayHoldReference(statement, ts)) visit(statement);
  return { specifiers, bindings };
}

/** A top-level statement that can hold a specifier or a binding without a deep reference's text. */
function mayHoldReference(statement: TS.Statement, ts: typeof TS): boolean {
  return ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isModuleDeclaration(statement);
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

/** A binding the checker compares: an imported or re-exported name, or a reference to a whole module. */
function isBinding(node: TS.Node, ts: typeof TS): boolean {
  if (ts.isImportClause(node)) return node.name !== undefined;
  if (ts.isNamespaceImport(node) || ts.isImportSpecifier(node) || ts.isNamespaceExport(node) || ts.isImportEqualsDeclaration(node) || ts.isImportTypeNode(node)) return true;
  if (ts.isExportSpecifier(node)) return node.parent.parent.moduleSpecifier !== undefined;
  return ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'));
}
