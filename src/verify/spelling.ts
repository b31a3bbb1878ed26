/**
 * The cheap half of the proof: a file whose new text differs from the old only inside module specifiers,
 * each of which resolves (with the project's options, from the same file) to the same module as before,
 * names exactly what it named: same text, same modules, same bindings, same exports. That is most of a
 * spelling clean-up (canonical-specifiers), and it needs no checker and no other module.
 */
import type * as TS from 'typescript';
import { DEEP_REFERENCE, SCANNER_BLANK } from '../syntax/references';
import { sharedEnds } from '../syntax/edits';

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
  /**
   * Each specifier whose text changed: the old text, the new one, the resolution mode at its place, and
   * whether what the reference means comes from the module's exports alone (an import, a re-export,
   * `import =`, `require()`, `import()`, an import type), not from which module it is (`jest.mock()`,
   * `require.resolve()`: see {@link moduleChanges}).
   */
  changed: Array<{ was: string; now: string; mode: TS.ResolutionMode; byExports: boolean }>;
  /**
   * The old text may declare or augment a module (`declare module`, `declare global`): what it adds to a
   * module lives in this file, which the programs that compare two modules do not load (see {@link moduleChanges}).
   */
  augments: boolean;
}

/** Text that may declare or augment a module; read off the text, since the witness may parse only the imports. */
const AUGMENTATION = /\bdeclare\s+(?:module|global)\b/;

/**
 * The witness when `after` is the text of `before` with only module specifiers respelt; `undefined` when
 * anything else changed (the checker must compare the file).
 *
 * Only `before` is parsed. The new text is aligned with it specifier by specifier: every character outside
 * the module specifiers must be the same, and each specifier's place must hold one whole string token of the
 * same kind (TypeScript's scanner reads it). The new file then has the old file's tokens with some string
 * values changed, so it has the old syntax tree, the same bindings and the same exports; what is left to
 * prove ({@link moduleChanges}) is what each changed specifier resolves to, before and after. Parsing the new
 * text again would be the larger half of the cost on a clean-up that respells thousands of files.
 *
 * `before` may be the parse of a beginning of `old`, the whole old text ({@link witnessOfTexts} says when).
 */
export function respeltWitness(before: TS.SourceFile, after: string, options: TS.CompilerOptions, ts: typeof TS, old = before.text): RespeltWitness | undefined {
  const scanner = scannerOver(ts, after, before.languageVersion, ts.LanguageVariant.Standard);
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
    if (text !== literal.text) changed.push({ was: literal.text, now: text, mode: ts.getModeForUsageLocation(before, literal, options), byExports: meansExports(literal, ts) });
    i = literal.end;
    j = end;
  }
  if (after.slice(j) !== old.slice(i)) return undefined;
  return { bindings, module: ts.isExternalModule(before), format: before.impliedNodeFormat, changed, augments: AUGMENTATION.test(old) };
}

/**
 * The witness for a change of `before` to `after`, parsing as little of `before` as is enough: the lines up to
 * its last import or re-export ({@link headerEnd}), when the texts differ only there and that beginning parses
 * on its own exactly as it does in the whole text ({@link wholeBeginning}); else the whole text, by `whole`.
 * On a spelling clean-up the differences are in the imports at the top, and parsing the rest of each changed
 * file (its functions and classes) was most of the proof's cost. `parse` parses a text as the program parses
 * this file.
 */
export function witnessOfTexts(args: {
  before: string;
  after: string;
  parse: (text: string) => TS.SourceFile;
  whole: () => TS.SourceFile | undefined;
  options: TS.CompilerOptions;
  ts: typeof TS;
}): RespeltWitness | undefined {
  const { before, after, options, ts } = args;
  const end = headerEnd(before, after);
  const beginning = end === undefined ? undefined : args.parse(before.slice(0, end));
  if (beginning && wholeBeginning(beginning, before, ts)) return respeltWitness(beginning, after, options, ts, before);
  const parsed = args.whole();
  return parsed && respeltWitness(parsed, after, options, ts);
}

/**
 * A bound on the old text's module specifiers and bindings, read from the texts alone: the end of the line of
 * the last word that begins an import or ends a re-export before its specifier ({@link BINDING_WORD}).
 * `undefined` when the whole text must be parsed: a specifier or binding can sit deeper than the top level
 * ({@link DEEP_REFERENCE}); the texts differ after that line (more than specifiers changed, and the witness
 * will fail: parsing a beginning first would only parse twice); or nothing follows the line.
 */
export function headerEnd(before: string, after: string): number | undefined {
  if (DEEP_REFERENCE.test(before)) return undefined;
  const last = lastBindingWord(before);
  const end = last < 0 ? -1 : before.indexOf('\n', last);
  return end < 0 || before.length - sharedEnds(before, after).end > end ? undefined : end;
}

/**
 * The words that begin every import, and end every re-export before its specifier (comments included): text
 * after the last of them holds no binding the witness counts, given no {@link DEEP_REFERENCE}. A word counts
 * unless a letter (or `$`, `_`, a joiner) before it makes it part of a longer name: after a digit it is still
 * a token of its own to TypeScript (`1import` is a number, then `import`). Blanks are TypeScript's.
 */
const BINDING_WORD = new RegExp(`(?<![\\p{ID_Start}$_\\u200c\\u200d])(?:import\\b|from\\b${SCANNER_BLANK}*(?:['"\`]|\\/[*/]))`, 'uy');

/**
 * Where the last {@link BINDING_WORD} of `text` ends; -1 when it holds none. Searched from the end, trying
 * the regular expression only where `import` or `from` begins: matching it through the whole text was a tenth
 * of the proof on the bench's spelling job. No two matches overlap, so the last one to begin is the last one.
 */
export function lastBindingWord(text: string): number {
  let at = text.length;
  while (at >= 0) {
    const imports = text.lastIndexOf('import', at);
    const from = text.lastIndexOf('from', at);
    const word = Math.max(imports, from);
    if (word < 0) return -1;
    BINDING_WORD.lastIndex = word;
    const match = BINDING_WORD.exec(text);
    if (match) return word + match[0].length;
    at = word - 1;
  }
  return -1;
}

/**
 * Whether `beginning`, a parse of `before` up to a line end, is the parse of those statements in the whole
 * text. TypeScript's parser reads statements left to right and never goes back over a finished one, so the
 * statements of the beginning are those of the whole text if the beginning parses without an error (nothing
 * in it is left open: a comment, a template, a block) and its last statement cannot go on in the rest. An
 * import or a re-export with its specifier goes on only with import attributes (`with`, `assert`: they can
 * change the resolution mode) or a semicolon; anything else ends it at the line break.
 */
function wholeBeginning(beginning: TS.SourceFile, before: string, ts: typeof TS): boolean {
  const errors = (beginning as { parseDiagnostics?: unknown }).parseDiagnostics;
  if (!Array.isArray(errors) || errors.length > 0) return false;
  const last = beginning.statements[beginning.statements.length - 1];
  if (!last || !((ts.isImportDeclaration(last) || ts.isExportDeclaration(last)) && last.moduleSpecifier)) return false;
  const scanner = scannerOver(ts, before, beginning.languageVersion, beginning.languageVariant);
  scanner.resetTokenState(beginning.end);
  let next = scanner.scan();
  while (next >= ts.SyntaxKind.FirstTriviaToken && next <= ts.SyntaxKind.LastTriviaToken) next = scanner.scan();
  return next !== ts.SyntaxKind.WithKeyword && next !== ts.SyntaxKind.AssertKeyword;
}

/**
 * One scanner, set to each text in turn: TypeScript's scanner is a closure over a hundred functions, and
 * making one per changed file made it the largest allocation of the proof (200 MB at 50,000 files).
 */
let shared: { ts: typeof TS; scanner: TS.Scanner } | undefined;

function scannerOver(ts: typeof TS, text: string, languageVersion: TS.ScriptTarget, variant: TS.LanguageVariant): TS.Scanner {
  if (shared?.ts !== ts) shared = { ts, scanner: ts.createScanner(languageVersion, false) };
  const { scanner } = shared;
  scanner.setScriptTarget(languageVersion);
  scanner.setLanguageVariant(variant);
  scanner.setText(text);
  return scanner;
}

/**
 * The modules the witness's changed specifiers moved between: `[before, after]` for each that resolves to
 * another module after the change than before (once each); empty when every one resolves to the same module.
 * `undefined` when one resolves before or after to nothing, or moved though it is not a reference whose
 * meaning is the module's exports (a `jest.mock()` of another module mocks something else), or in a file that
 * may augment a module (its additions to the old module would not follow). A file whose specifiers moved
 * means what it meant when each pair of modules exports the same names with the same meanings
 * (./equivalent.ts).
 */
export function moduleChanges(fileName: string, witness: RespeltWitness, was: ResolveText, now: ResolveText): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  for (const c of witness.changed) {
    const before = was(fileName, c.was, c.mode);
    const after = now(fileName, c.now, c.mode);
    if (before === undefined || after === undefined) return undefined;
    if (before === after) continue;
    if (!c.byExports || witness.augments) return undefined;
    if (!pairs.some(([b, a]) => b === before && a === after)) pairs.push([before, after]);
  }
  return pairs;
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

/** A module specifier whose reference means the module's exports: any but a member call's (`jest.mock('x')`). */
function meansExports(literal: TS.StringLiteralLike, ts: typeof TS): boolean {
  const parent = literal.parent;
  return !(ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression));
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
