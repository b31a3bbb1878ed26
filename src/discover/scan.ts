/**
 * The import graph discover works from: every module reference of every file, resolved. References are
 * listed with TypeScript's `preProcessFile` (no full parse), which finds imports, re-exports, `require`,
 * `import()` and import types.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { toPosix } from '../files/paths';
import type { Scan } from '../files/scan';
import type { ModuleResolver } from '../resolve/resolver';
import type { JestMapper } from './jest';
import { factsOf, type FileFacts } from './facts';
import { lineIndex, lineStarts } from '../syntax/lines';

export interface GraphReference {
  /** Importing file, absolute. */
  from: string;
  specifier: string;
  /** The project file it resolves to (absolute), if any. */
  target: string | undefined;
  line: number;
  column: number;
  /** Set when only jest's moduleNameMapper resolves it: the mapper's pattern. */
  jestPattern?: string;
  /** An `import type` or `export type`: gone at run time, so it says nothing about what the runtime resolves. */
  typeOnly?: true;
}

export interface ImportGraph {
  references: GraphReference[];
  /** What discover needs of each file read, by absolute path (the texts themselves are not kept). */
  facts: Map<string, FileFacts>;
  /** References per target file. */
  importers: Map<string, GraphReference[]>;
  /** References per importing file. */
  exporters: Map<string, GraphReference[]>;
}

/** Module mocks, which `preProcessFile` does not list. */
const MOCK_CALL = /\b(?:jest|vi|vitest)\s*\.\s*(?:mock|unmock|doMock|dontMock|doUnmock|setMock|requireActual|requireMock|createMockFromModule|importActual|importMock)\s*\(\s*(['"`])([^'"`\n]+)\1/g;

function mockSpecifiers(source: string): Array<{ fileName: string; pos: number }> {
  if (!/mock|Actual/.test(source)) return [];
  return [...source.matchAll(MOCK_CALL)].map((m) => ({ fileName: m[2]!, pos: m.index! + m[0].length - m[2]!.length - 1 }));
}

/**
 * Takes every file the scan hands over (its text is read once, on the reading thread where there is one),
 * resolves its references and keeps its facts; references to files the scan did not select stay unresolved.
 */
export async function buildGraph(args: { scan: Scan; resolver: ModuleResolver; rootDir: string; mappers?: JestMapper[]; signal?: AbortSignal }): Promise<ImportGraph> {
  const { resolver, rootDir, mappers = [] } = args;
  // Loaded by the resolver already; required here, not at the top, so the scan starts before it loads.
  const ts = require('typescript') as typeof TS;
  let project: Set<string> | undefined;
  const references: GraphReference[] = [];
  const importers = new Map<string, GraphReference[]>();
  const exporters = new Map<string, GraphReference[]>();
  const facts = new Map<string, FileFacts>();
  for await (const { file, text: source } of args.scan.candidates(undefined, args.signal)) {
    project ??= new Set(args.scan.files());
    const fileFacts = factsOf(source, file);
    facts.set(file, fileFacts);
    const info = ts.preProcessFile(source, true, true);
    const starts = lineStarts(source, /\n/g);
    for (const imported of [...info.importedFiles, ...mockSpecifiers(source)]) {
      const { line, character } = position(starts, imported.pos);
      let target = resolver.resolve(imported.fileName, file);
      let jestPattern: string | undefined;
      if (!target) {
        for (const mapper of mappers) {
          const mapped = mapper.map(imported.fileName);
          if (mapped === undefined) continue;
          target = resolver.resolve(mapped, file);
          jestPattern = target ? mapper.pattern : undefined;
          break;
        }
      }
      if (target && (!isProjectFile(target, rootDir) || !project.has(target))) target = undefined;
      const typeOnly = fileFacts.typeOnlyAt?.includes(imported.pos) === true;
      const ref: GraphReference = { from: file, specifier: imported.fileName, target, line: line + 1, column: character + 1, ...(jestPattern ? { jestPattern } : {}), ...(typeOnly ? { typeOnly } : {}) };
      references.push(ref);
      // Appended in place: a barrel imported by thousands of files would otherwise be copied each time.
      append(exporters, file, ref);
      if (target) append(importers, target, ref);
    }
    // Needed only to mark the references above; 50,000 files of offsets are not kept.
    delete fileFacts.typeOnlyAt;
  }
  return { references, facts, importers, exporters };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** 0-based line and character of `pos`; lines end at `\n` only, as this module has always counted them. */
function position(starts: number[], pos: number): { line: number; character: number } {
  const line = lineIndex(starts, pos);
  return { line, character: pos - starts[line]! };
}

function isProjectFile(file: string, rootDir: string): boolean {
  const rel = toPosix(path.relative(rootDir, file));
  return !rel.startsWith('../') && !rel.split('/').includes('node_modules');
}
