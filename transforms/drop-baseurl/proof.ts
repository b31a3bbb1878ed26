/**
 * The proof: for every program, every specifier of every file resolves to the same file before (the text
 * as this issue found it, the tsconfigs as they are) and after (the rewritten text, the edited tsconfigs),
 * with TypeScript's resolver. A program where one would not keeps its tsconfigs; the summary lists why.
 */
import { loadTypescript } from '../../src/typescript/load';
import { ParseError } from '../../src/errors';
import { parseSource } from '../../src/syntax/parse';
import { findReferences, resolutionKind } from '../../src/syntax/references';
import type { ResolutionKind } from '../../src/resolve/resolver';
import type { RunView } from '../../src/transform';
import type { Program } from './programs';
import { isBare, isModuleFile, moduleFile, takenByPackage } from './rewrite';

/** A specifier that would not resolve to the same file. */
export interface Difference {
  file: string;
  line: number;
  column: number;
  /** The specifier before and after this issue. */
  from: string;
  to: string;
  /** The files it resolves to before and after (`undefined`: none). */
  before: string | undefined;
  after: string | undefined;
  /** Why, when it is not a plain difference (the file could not be read or parsed). */
  reason?: string;
}

export interface ProgramProof {
  program: Program;
  /** The files checked: the tsconfig's own, and the project files they reach. */
  files: string[];
  /** Specifiers checked, and how many resolve to the same file before and after. */
  specifiers: number;
  same: number;
  /** Bare specifiers that name an installed package and were left as the package: they change by design. */
  packages: Difference[];
  /** Everything else that would change in the project's sources: the program keeps its tsconfigs. */
  differences: Difference[];
  /**
   * What would change in files the program reaches that are not sources (build output, generated code, both
   * ignored by git): listed to rebuild or regenerate, not blocking, since they are remade from the sources.
   */
  generated: Difference[];
}

interface Reference {
  specifier: string;
  line: number;
  column: number;
  kind: ResolutionKind;
}

/**
 * Checks every program; files are read through the run (earlier issues' texts, this issue's rewrites). A
 * program is its tsconfig's files and every project file they reach, as `tsc -p` compiles them: a file
 * another tsconfig includes is also resolved with this one's options when this program imports it.
 */
export function prove(programs: Program[], run: RunView, follows: (file: string) => 'source' | 'generated' | false): ProgramProof[] {
  // A file in several programs is parsed once: its texts do not change while the proof runs.
  const references = new Map<string, Reference[] | { reason: string }>();
  const referencesIn = (text: string, file: string, when: 'before' | 'after') => {
    const key = `${when}\0${file}`;
    let hit = references.get(key);
    if (!hit) references.set(key, (hit = referencesOf(text, file)));
    return hit;
  };
  return programs.map((program) => {
    const proof: ProgramProof = { program, files: [], specifiers: 0, same: 0, packages: [], differences: [], generated: [] };
    const queue = [...program.files].sort();
    const seen = new Set(queue);
    const generated = new Set<string>();
    const reach = (file: string | undefined) => {
      if (file === undefined || seen.has(file)) return;
      const kind = follows(file);
      if (kind === false) return;
      seen.add(file);
      queue.push(file);
      if (kind === 'generated') generated.add(file);
    };
    for (let next = 0; next < queue.length; next++) {
      const file = queue[next]!;
      const beforeText = run.textBefore(file);
      const afterText = run.textAfter(file);
      // Deleted by this run: nothing in it resolves any more.
      if (beforeText === null || afterText === null) continue;
      proof.files.push(file);
      if (beforeText === undefined || afterText === undefined) {
        proof.differences.push({ file, line: 1, column: 1, from: '', to: '', before: undefined, after: undefined, reason: 'cannot be read, so its specifiers cannot be checked' });
        continue;
      }
      const old = referencesIn(beforeText, file, 'before');
      const now = afterText === beforeText ? old : referencesIn(afterText, file, 'after');
      if (!Array.isArray(old) || !Array.isArray(now)) {
        const reason = (!Array.isArray(old) ? old : (now as { reason: string })).reason;
        proof.differences.push({ file, line: 1, column: 1, from: '', to: '', before: undefined, after: undefined, reason });
        continue;
      }
      // Only specifier texts change, so references pair up in order; if another migration of the issue
      // added or removed some, each new specifier is checked on its own under both tsconfigs.
      const pairs: Array<[Reference, Reference]> = old.length === now.length ? old.map((o, i) => [o, now[i]!]) : now.map((n) => [n, n]);
      for (const [o, n] of pairs) {
        proof.specifiers++;
        const before = moduleFile(program.before, o.specifier, file, o.kind);
        const after = moduleFile(program.after, n.specifier, file, n.kind);
        reach(after);
        if (before === after) {
          proof.same++;
          continue;
        }
        const difference: Difference = { file, line: o.line, column: o.column, from: o.specifier, to: n.specifier, before, after };
        if (o.specifier === n.specifier && isBare(o.specifier) && takenByPackage({ resolver: program.before, specifier: o.specifier, fromFile: file, after: [after] })) {
          proof.packages.push(difference);
        }
        else (generated.has(file) ? proof.generated : proof.differences).push(difference);
      }
    }
    return proof;
  });
}

/**
 * The references of a file as canonize reads them; a `declare module` in a file that is not a module declares
 * an ambient module and resolves nothing. A file Babel cannot parse falls back to TypeScript's own scan of its
 * imports (it finds no jest mocks); one neither can read is reported.
 */
function referencesOf(text: string, file: string): Reference[] | { reason: string } {
  try {
    const ast = parseSource(text, file);
    const module = isModuleFile(ast);
    return findReferences(ast, text)
      .filter((r) => r.kind !== 'declare-module' || module)
      .map((r) => ({ specifier: r.specifier, line: r.line, column: r.column, kind: resolutionKind(r) }));
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    try {
      return scannedReferences(text);
    } catch {
      return { reason: `cannot be parsed (${error.reason}), so its specifiers cannot be checked` };
    }
  }
}

function scannedReferences(text: string): Reference[] {
  const ts = loadTypescript();
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => {
    const before = text.slice(0, f.pos);
    const line = before.split('\n').length;
    return { specifier: f.fileName, line, column: f.pos - before.lastIndexOf('\n'), kind: 'import' as const };
  });
}
