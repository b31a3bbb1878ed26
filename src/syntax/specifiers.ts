/**
 * A file's module specifiers without a full syntax tree, for the migrations that only rewrite the text
 * between quotes (canonical-specifiers) or that must first learn whether a file names a module at all
 * (canonical-imports, before it parses the file for its import statements).
 *
 * oxc's parser (Rust) reports the static imports and re-exports with their spans about 3x faster than Babel
 * builds a tree, and allocates next to nothing on the JavaScript heap. It answers only when its answer is the
 * one {@link findReferences} would give on Babel's tree:
 * - the text holds nothing a deep walk could find ({@link DEEP_REFERENCE}), so every reference is a top-level
 *   import or re-export;
 * - oxc parses the file without an error (Babel then decides: it throws the `ParseError` a run reports, or
 *   accepts what oxc refused). It reads only as far as the file's last line that can hold an import or
 *   re-export ({@link importsEnd}): the statements there are the whole text's, and a fifth of the text or
 *   less is parsed (19% of the characters on the bench's tree, 8% on papermark). So a syntax error below the
 *   last import is not seen here: such a file is listed, and is reported only where a migration reads its
 *   syntax (a move that names it, a custom transform).
 * Otherwise, and wherever oxc cannot be loaded (a platform without its binary, Node before 20.19, which cannot
 * `require` its ES module, or jest's module runtime), the file is parsed with Babel as before.
 * `CANONIZE_PARSER=babel` forces Babel everywhere (to compare, or to rule the fast path out), and so also
 * turns off the listings handed over by the reading thread and made by {@link respell}.
 */
import type { ParseResult, ParserOptions } from 'oxc-parser' with { 'resolution-mode': 'import' };
import { parseSource, retriedAsTsx } from './parse';
import { DEEP_REFERENCE, findReferences, SCANNER_BLANK, type ModuleReference } from './references';
import { lineIndex, lineStarts } from './lines';
import { applyEdits } from './edits';

/** A reference as {@link findReferences} reports it, without the Babel nodes that hold it. */
export type SpecifierReference = Pick<ModuleReference, 'kind' | 'specifier' | 'start' | 'end' | 'line' | 'column'>;

type ParseSync = (filename: string, source: string, options?: ParserOptions) => ParseResult;

/** oxc's `parseSync`, loaded on first use; `null`: not available here, Babel does the work. */
let oxc: ParseSync | null | undefined;

function fastParser(): ParseSync | null {
  if (oxc === undefined) {
    oxc = null;
    if (process.env.CANONIZE_PARSER !== 'babel') {
      try {
        // The native binding's own `parseSync`: the package's wrapper reads every field of the result, the
        // whole AST as a JSON string among them (measured: a fifth of a spelling check's CPU in making and
        // collecting those strings, for a tree nobody reads here). Unread fields are freed with the result.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        oxc = (require('oxc-parser/src-js/bindings.js') as { parseSync: ParseSync }).parseSync;
      } catch {
        // An ES module `require` cannot load (jest, old Node) or no binary for this platform: Babel.
      }
    }
  }
  return oxc;
}

/** Whether the fast path is in use in this process (the equivalence test checks it was). */
export function fastSpecifiersAvailable(): boolean {
  return fastParser() !== null;
}

/**
 * The module references of `source` in source order, exactly as `findReferences(parseSource(source, file))`
 * lists them (kind, specifier, offsets between the quotes, 1-based line and column); throws the same
 * `ParseError` where Babel cannot parse the file, unless the error lies below the last import (see the top).
 */
export function listSpecifiers(source: string, file: string): SpecifierReference[] {
  return fastSpecifiers(source, file) ?? findReferences(parseSource(source, file), source).map(({ kind, specifier, start, end, line, column }) => ({ kind, specifier, start, end, line, column }));
}

/**
 * While a file is planned (see {@link planningWith}): its texts whose references are known without a parse,
 * by text.
 */
let known: { file: string; lists: Map<string, readonly SpecifierReference[]>; derive: boolean } | undefined;

/**
 * Runs `plan`, the planning of `file` (whose text is `source`), with what is known of its references:
 * `references`, as the reading thread listed them (src/files/scan.ts), and those of every text a migration
 * makes from one of its listed texts by {@link respell}. The migrations then parse neither the file nor their
 * own results again. Any other file, or another text of this one, is parsed as before. `derive: false`: the
 * texts the migrations make are not planned again (`check`), so their references are not worth deriving.
 */
export function planningWith<T>(file: string, source: string, references: readonly SpecifierReference[] | undefined, plan: () => T, derive = true): T {
  const outer = known;
  // `CANONIZE_PARSER=babel` rules out every listing made without Babel, these included.
  known = process.env.CANONIZE_PARSER === 'babel' ? undefined : { file, lists: new Map(references ? [[source, references]] : []), derive };
  try {
    return plan();
  } finally {
    known = outer;
  }
}

/**
 * A replacement that leaves the string token it is written into a token of the same kind: no quote, backslash,
 * line break or template substitution.
 */
const PLAIN = /^(?:(?!\$\{)[^'"`\\\n\r\u2028\u2029])*$/;

/**
 * `source` with the text between the quotes of some of its `references` (all of them, as listed for `source`,
 * in order) replaced. While the file is planned, the new text's references are known too when every
 * replacement is plain (see {@link PLAIN}) and the new text leaves a parse on the same path as the old
 * ({@link DEEP_REFERENCE} holds of both or of neither: it also reads strings, and decides both the fast path
 * and Babel's deep walk). The new text then has the old one's tokens, and a parse would list the same
 * references, at their new offsets, with the new values.
 */
export function respell(file: string, source: string, references: readonly SpecifierReference[], replacements: ReadonlyMap<SpecifierReference, string>): string {
  const after = applyEdits(
    source,
    references.filter((r) => replacements.has(r)).map((r) => ({ start: r.start, end: r.end, text: replacements.get(r)! })),
  );
  if (known?.file !== file || !known.derive || ![...replacements.values()].every((text) => PLAIN.test(text)) || DEEP_REFERENCE.test(source) !== DEEP_REFERENCE.test(after)) return after;
  const lines = lineStarts(after);
  let shift = 0;
  const moved = references.map((r) => {
    const text = replacements.get(r);
    const start = r.start + shift;
    const end = text === undefined ? r.end + shift : start + text.length;
    shift = end - r.end;
    // The line and column are the opening quote's.
    return { kind: r.kind, specifier: text ?? r.specifier, start, end, ...position(lines, start - 1) };
  });
  known.lists.set(after, moved);
  return after;
}

/**
 * {@link listSpecifiers}' answer where the fast path can give it, else `undefined` (the caller parses with
 * Babel, once, for what it needs).
 */
export function fastSpecifiers(source: string, file: string): SpecifierReference[] | undefined {
  const listed = known?.file === file ? known.lists.get(source) : undefined;
  if (listed) return [...listed];
  const fast = DEEP_REFERENCE.test(source) ? null : fastParser();
  return fast ? staticReferences(fast, source, file) : undefined;
}

/**
 * What a top-level import or re-export binds, one entry per name: `default` for a default import (`import D`),
 * `named` for a name between braces (`import { a }`, `export { a } from`: the name the module exports), `all`
 * for a namespace import, `export *` and `export * as`.
 */
export interface BoundName {
  kind: 'default' | 'named' | 'all';
  name: string;
}

/** The names a top-level import or re-export binds, and for an import, its statement's kind. */
export interface Bound {
  names: BoundName[];
  /** `type` for `import type { … }` and `import type * as`; `undefined` where the text does not say plainly. */
  importKind?: 'value' | 'type';
}

/**
 * What each top-level import and re-export of `source` binds, by the offset its specifier starts at (as
 * {@link fastSpecifiers} lists it), or `undefined` where the fast path gives no listing (the caller reads
 * Babel's tree). A side-effect import binds nothing.
 */
export function boundNames(source: string, file: string): Map<number, Bound> | undefined {
  const parse = DEEP_REFERENCE.test(source) ? null : fastParser();
  const result = parse?.(file, source, languageOf(file));
  if (!result || result.errors.length > 0) return undefined;
  // The binding hands the module record over once: a second read of `module` finds its lists empty.
  const { staticImports, staticExports } = result.module;
  const bound = new Map<number, Bound>();
  for (const i of staticImports) {
    const names = i.entries.map(({ importName }): BoundName =>
      importName.kind === 'Default' ? { kind: 'default', name: 'default' } : importName.kind === 'NamespaceObject' ? { kind: 'all', name: '*' } : { kind: 'named', name: importName.name! },
    );
    bound.set(i.moduleRequest.start + 1, { names, importKind: importKind(source, i.start) });
  }
  for (const e of staticExports) {
    for (const { moduleRequest, importName } of reexportEntries(source, e)) {
      const name: BoundName = importName.kind === 'Name' ? { kind: 'named', name: importName.name! } : { kind: 'all', name: '*' };
      const known = bound.get(moduleRequest.start + 1);
      if (known) known.names.push(name);
      else bound.set(moduleRequest.start + 1, { names: [name] });
    }
  }
  return bound;
}

/**
 * Babel's `importKind` of the import statement at `start`, read from its first words: a clause that opens with a
 * brace, a star, a quote or a name other than `type` is a value import; `type {` and `type *` a type-only one.
 * Anything else (a comment there, `import type from`, `import type D from`) is `undefined`: the tree tells.
 */
function importKind(source: string, start: number): 'value' | 'type' | undefined {
  const clause = source.slice(start + 'import'.length, start + 'import'.length + 24);
  if (/^\s*[{*'"]/.test(clause) || /^\s+(?!type[\s,{*])[\p{L}_$]/u.test(clause)) return 'value';
  return /^\s+type\s*[{*]/.test(clause) ? 'type' : undefined;
}

/**
 * The static imports and re-exports oxc reports, or `undefined` when it reports an error. It parses the text
 * only as far as its last line that can hold one ({@link importsEnd}) when that beginning parses without an
 * error: the statements there are the whole text's, and the rest holds none.
 */
function staticReferences(parse: ParseSync, source: string, file: string): SpecifierReference[] | undefined {
  if (EMPTY_REEXPORT.test(source)) return undefined;
  const end = importsEnd(source);
  const head = end < source.length && sameAsTsx(source, end, file) ? parse(file, source.slice(0, end), languageOf(file)) : undefined;
  const result = head && head.errors.length === 0 ? head : parse(file, source, languageOf(file));
  if (result.errors.length > 0) return undefined;
  const { staticImports, staticExports } = result.module;
  const requests: Array<{ kind: SpecifierReference['kind']; value: string; start: number; end: number }> = [];
  for (const i of staticImports) requests.push({ kind: 'import', ...i.moduleRequest });
  for (const e of staticExports) {
    const request = reexportEntries(source, e)[0]?.moduleRequest;
    if (request) requests.push({ kind: 'export-from', ...request });
  }
  if (requests.length === 0) return [];
  requests.sort((a, b) => a.start - b.start);
  const lines = lineStarts(result === head ? source.slice(0, end) : source);
  return requests.map((r) => {
    const start = r.start + 1;
    const { line, column } = position(lines, r.start);
    return { kind: r.kind, specifier: r.value, start, end: r.end - 1, line, column };
  });
}

type StaticExport = ParseResult['module']['staticExports'][number];
type ExportEntry = StaticExport['entries'][number];
type ReexportEntry = ExportEntry & { moduleRequest: NonNullable<ExportEntry['moduleRequest']> };

/**
 * The entries of an export statement that re-export from a module named in it, one per exported name, each
 * with that module's request. oxc also lists `import { x } from 'm'; export { x }` under the import statement
 * (the export names m's binding): that statement is no re-export, and its specifier is the import's.
 */
function reexportEntries(source: string, e: StaticExport): ReexportEntry[] {
  if (!source.startsWith('export', e.start)) return [];
  return e.entries.filter((entry): entry is ReexportEntry => entry.moduleRequest != null && entry.moduleRequest.start >= e.start && entry.moduleRequest.end <= e.end);
}

/**
 * `export {} from 'm'` (and `export type {} from`): a re-export oxc's module record leaves out, as it binds
 * no name. Babel lists it, so a text that may hold one goes to Babel.
 */
const EMPTY_REEXPORT = /\bexport\s*(?:type\s*)?\{(?:\s|,|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*\}(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*from\b/;

/**
 * Whether the beginning of a file up to `end` reads the same as TSX as it does as TypeScript: a `.ts` file
 * that does not parse as TypeScript is parsed again as TSX ({@link retriedAsTsx}), and a beginning that
 * parses as TypeScript may be something else in TSX (`<any>` a cast in one, an element in the other, and what
 * follows JSX text). Without a `<` the two read the same tokens.
 */
function sameAsTsx(source: string, end: number, file: string): boolean {
  if (!retriedAsTsx(file)) return true;
  const lt = source.indexOf('<');
  return lt < 0 || lt >= end;
}

/**
 * The words a static import or re-export cannot be written without: `import`, and `from` before its string
 * (past blanks, or a comment: the text after `from` in `Array.from(x)`, `{ from: 1 }` or a sentence of a
 * comment is neither, and moves no line down).
 */
const IMPORT_WORD = new RegExp(`\\bimport\\b|(?<![.\\w$])from${SCANNER_BLANK}*(?:['"\`]|\\/[*/])`, 'g');

/**
 * Where the line ends that holds the end of the last {@link IMPORT_WORD} of `source` (a `from`'s quote): no
 * static import or re-export starts below it. A word in a comment or a string only moves that line down; a specifier on a line of its
 * own below its `from` leaves the beginning unparsable, and the whole text is parsed.
 */
export function importsEnd(source: string): number {
  let last = -1;
  IMPORT_WORD.lastIndex = 0;
  for (let m = IMPORT_WORD.exec(source); m; m = IMPORT_WORD.exec(source)) last = m.index + m[0].length - 1;
  if (last < 0) return 0;
  const eol = source.indexOf('\n', last);
  return eol < 0 ? source.length : eol + 1;
}

/**
 * The language of a file as `parseSource` reads it: `.ts`/`.mts`/`.cts` as TypeScript without JSX (a JSX
 * `.ts` file errs here and goes to Babel, which retries it as TSX), `.d.ts` as declarations, `.tsx` as TSX,
 * everything else as JavaScript with JSX. Module code, as Babel's `unambiguous` reads any file with an import.
 *
 * `astType: 'js'`: the tree oxc serialises (and nobody here reads) leaves out TypeScript's properties. The
 * language still decides the parse, so the module record and the errors are the same: compared on 14,463
 * files (the bench's tree and seven real projects), none differed; listing took 40% less time.
 */
function languageOf(file: string): ParserOptions {
  const lang = file.endsWith('.d.ts') ? 'dts' : /\.[mc]?ts$/.test(file) ? 'ts' : file.endsWith('.tsx') ? 'tsx' : 'jsx';
  return { lang, sourceType: 'module', astType: 'js' };
}

/** 1-based line and column (in UTF-16 code units, as Babel counts) of an offset. */
function position(starts: number[], offset: number): { line: number; column: number } {
  const line = lineIndex(starts, offset);
  return { line: line + 1, column: offset - starts[line]! + 1 };
}
