/**
 * Parsing for transforms: Babel's parser with the TypeScript plugin (the parser jscodeshift's `ts`/`tsx`
 * parsers wrap), chosen by file extension, returning an AST with character offsets so edits can be applied
 * to the original text byte for byte.
 */
import type { ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import { ParseError } from '../errors';

const COMMON: ParserPlugin[] = [
  'decorators-legacy',
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  'importAttributes',
  'explicitResourceManagement',
  'exportDefaultFrom',
  'topLevelAwait',
];

/** Plugins for a file name: `.ts`/`.mts`/`.cts` without JSX (so `<T>x` casts parse), TSX and JS with it. */
function pluginsFor(file: string): ParserPlugin[] {
  if (TS_FILE.test(file)) return [...COMMON, ['typescript', { dts: file.endsWith('.d.ts') }]];
  if (file.endsWith('.tsx')) return [...COMMON, 'typescript', 'jsx'];
  return [...COMMON, 'jsx'];
}

const TS_FILE = /\.[mc]?ts$/;
const AS_TSX: ParserPlugin[] = [...COMMON, 'typescript', 'jsx'];

/**
 * Parses `source` as the language its file name says; throws {@link ParseError} with line and column. A
 * `.ts` file that does not parse as TypeScript is tried once more as TSX: JSX in a `.ts` file (a test written
 * as `.ts`) is a habit bundlers and test runners accept, and the first error is the one reported if that
 * fails too.
 */
export function parseSource(source: string, file: string): File {
  try {
    return parseWith(source, pluginsFor(file));
  } catch (error) {
    if (retriedAsTsx(file)) {
      try {
        return parseWith(source, AS_TSX);
      } catch {
        // The TypeScript error describes the file as it is named.
      }
    }
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const reason = String((error as Error).message).replace(/\s*\(\d+:\d+\)$/, '');
    throw new ParseError(file, loc?.line ?? 1, (loc?.column ?? 0) + 1, reason);
  }
}

/** Whether {@link parseSource} parses `file` once more as TSX when it does not parse as TypeScript. */
export function retriedAsTsx(file: string): boolean {
  return TS_FILE.test(file) && !file.endsWith('.d.ts');
}

/** Babel's parser, loaded on first use: a run whose files all take the fast path (src/syntax/specifiers.ts) never needs it. */
let babel: typeof import('@babel/parser') | undefined;

function parseWith(source: string, plugins: ParserPlugin[]): File {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  babel ??= require('@babel/parser') as typeof import('@babel/parser');
  return babel.parse(source, {
    sourceType: 'unambiguous',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    errorRecovery: false,
    plugins,
  });
}
