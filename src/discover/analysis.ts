/**
 * What discover needs of one file's text: its facts (src/discover/facts.ts) and its module references with
 * their positions. Made where the file is read: on the reading thread, when there is one (it runs this module,
 * see `CandidateOptions.analyzer`), so the runner's thread neither lists the references nor receives the text.
 * At 50,000 files listing and facts were 1.7 s of the runner's thread, and the texts 125 MB to copy across.
 * Plain data in, plain data out.
 */
import type * as TS from 'typescript';
import { loadTypescript } from '../typescript/load';
import { lineIndex, lineStarts } from '../syntax/lines';
import { factsOf, type FileFacts } from './facts';

export interface FileAnalysis {
  /** The file's facts, without `typeOnlyAt` (folded into `imports`). */
  facts: FileFacts;
  /** Every module reference TypeScript's pre-processor lists, then the module mocks, with 1-based positions. */
  imports: Array<{ specifier: string; line: number; column: number; typeOnly: boolean }>;
}

/** Module mocks, which `preProcessFile` does not list. */
const MOCK_CALL = /\b(?:jest|vi|vitest)\s*\.\s*(?:mock|unmock|doMock|dontMock|doUnmock|setMock|requireActual|requireMock|createMockFromModule|importActual|importMock)\s*\(\s*(['"`])([^'"`\n]+)\1/g;

function mockSpecifiers(source: string): Array<{ fileName: string; pos: number }> {
  if (!/mock|Actual/.test(source)) return [];
  return [...source.matchAll(MOCK_CALL)].map((m) => ({ fileName: m[2]!, pos: m.index! + m[0].length - m[2]!.length - 1 }));
}

/**
 * References are listed with TypeScript's `preProcessFile` (no full parse), which finds imports, re-exports,
 * `require`, `import()` and import types. Lines end at `\n` only, as discover has always counted them.
 */
export function analyze(source: string, file: string): FileAnalysis {
  const ts: typeof TS = loadTypescript();
  const facts = factsOf(source, file);
  const info = ts.preProcessFile(source, true, true);
  const starts = lineStarts(source, /\n/g);
  const imports = [...info.importedFiles, ...mockSpecifiers(source)].map((imported) => {
    const line = lineIndex(starts, imported.pos);
    return { specifier: imported.fileName, line: line + 1, column: imported.pos - starts[line]! + 1, typeOnly: facts.typeOnlyAt?.includes(imported.pos) === true };
  });
  // Needed only to mark the references above; 50,000 files of offsets are not kept.
  delete facts.typeOnlyAt;
  return { facts, imports };
}
