/**
 * The import graph discover works from: every module reference of every file, resolved. References and facts
 * come from ./analysis.ts, made on the reading thread where there is one.
 */
import * as path from 'node:path';
import { toPosix } from '../files/paths';
import type { Scan } from '../files/scan';
import type { ModuleResolver } from '../resolve/resolver';
import type { JestMapper } from './jest';
import type { FileFacts } from './facts';
import { analyze, type FileAnalysis } from './analysis';

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

/** The module the reading thread runs on each file for discover (see `CandidateOptions.analyzer`). */
const ANALYZER = path.join(__dirname, 'analysis.js');

/**
 * Takes every file the scan hands over (analysed on the reading thread where there is one, else here), resolves
 * its references and keeps its facts; references to files the scan did not select stay unresolved.
 */
export async function buildGraph(args: { scan: Scan; resolver: ModuleResolver; rootDir: string; mappers?: JestMapper[]; signal?: AbortSignal }): Promise<ImportGraph> {
  const { resolver, rootDir, mappers = [] } = args;
  let project: Set<string> | undefined;
  const references: GraphReference[] = [];
  const importers = new Map<string, GraphReference[]>();
  const exporters = new Map<string, GraphReference[]>();
  const facts = new Map<string, FileFacts>();
  // Asked for every reference; a file is the target of several.
  const known = new Map<string, boolean>();
  const inProject = (target: string) => {
    let answer = known.get(target);
    if (answer === undefined) known.set(target, (answer = isProjectFile(target, rootDir) && project!.has(target)));
    return answer;
  };
  for await (const candidate of args.scan.candidates(undefined, args.signal, { analyzer: ANALYZER })) {
    const { file } = candidate;
    project ??= new Set(args.scan.files());
    const analysis = (candidate.analysis as FileAnalysis | undefined) ?? analyze(candidate.text, file);
    facts.set(file, analysis.facts);
    for (const imported of analysis.imports) {
      let target = resolver.resolve(imported.specifier, file);
      let jestPattern: string | undefined;
      if (!target) {
        for (const mapper of mappers) {
          const mapped = mapper.map(imported.specifier);
          if (mapped === undefined) continue;
          target = resolver.resolve(mapped, file);
          jestPattern = target ? mapper.pattern : undefined;
          break;
        }
      }
      if (target && !inProject(target)) target = undefined;
      const ref: GraphReference = {
        from: file,
        specifier: imported.specifier,
        target,
        line: imported.line,
        column: imported.column,
        ...(jestPattern ? { jestPattern } : {}),
        ...(imported.typeOnly ? { typeOnly: true as const } : {}),
      };
      references.push(ref);
      // Appended in place: a barrel imported by thousands of files would otherwise be copied each time.
      append(exporters, file, ref);
      if (target) append(importers, target, ref);
    }
  }
  return { references, facts, importers, exporters };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isProjectFile(file: string, rootDir: string): boolean {
  const rel = toPosix(path.relative(rootDir, file));
  return !rel.startsWith('../') && !rel.split('/').includes('node_modules');
}
