/**
 * Whether modules a change moved references between export the same names with the same meanings. A file
 * whose new text differs from the old only in module specifiers (./spelling.ts) means what it meant when
 * each specifier that now names another module names one whose exports are those of the old, name for name
 * and declaration for declaration: every import, re-export, `require()`, `import()` and import type through
 * it binds what it bound. That is a move through a shim that re-exports the canonical module: at 50,000
 * files, 507 files importing `legacy/metrics` took the checker 1.7 s file by file; the two modules are read
 * once here.
 *
 * The checker reads both export lists, each module in its own view, in a program over it and every module
 * (packages included) its exports lead to. Modules are equivalent only when the lists are the same, every
 * name of both resolves to a declaration, neither is a CommonJS `export =` (a default import of it depends on
 * the importer), and TypeScript gives both the same module format (under node16 a default import of a
 * CommonJS file is the whole module). Which files may be proven so at all (no `jest.mock()` of another
 * module, no `declare module` in the file) is ./spelling.ts's `moduleChanges`. Otherwise the files are
 * compared one by one, as before.
 */
import type * as TS from 'typescript';
import type { Programs } from '../typescript/program';
import { exportsProgram } from './closure';
import { sameExportList } from './compare';
import { MeaningReader, UNRESOLVED, type ExportList } from './meaning';

/** The key of a pair of modules (before, after) in {@link equivalentModules}' answer. */
export function pairKey([before, after]: [string, string]): string {
  return `${before}\0${after}`;
}

/** The pairs (a module before the change, another after it) that export the same names with the same meanings. */
export function equivalentModules(args: { pairs: Array<[string, string]>; was: Programs; now: Programs; root: string; ts: typeof TS }): Set<string> {
  const { pairs, was, now } = args;
  const out = new Set<string>();
  if (pairs.length === 0) return out;
  const before = exportLists(was, [...new Set(pairs.map(([b]) => b))], args.ts, args.root);
  const after = exportLists(now, [...new Set(pairs.map(([, a]) => a))], args.ts, args.root);
  for (const pair of pairs) {
    const [b, a] = pair;
    const listB = before.get(b);
    const listA = after.get(a);
    if (!listB || !listA) continue;
    if (was.impliedNodeFormat(b) !== now.impliedNodeFormat(a)) continue;
    if (sameExportList(listB, listA)) out.add(pairKey(pair));
  }
  return out;
}

/**
 * Each module's export list in the `self` view, every name followed to its declaration (see
 * {@link exportsProgram}). `undefined` for a file that is not a module, that assigns its exports (`export =`,
 * `module.exports =`), or one of whose names TypeScript cannot resolve: two modules that both leave a name
 * unresolved say nothing about what it is.
 */
function exportLists(self: Programs, files: string[], ts: typeof TS, root: string): Map<string, ExportList | undefined> {
  const program = exportsProgram(self, files, ts);
  const reader = new MeaningReader(program, ts, root);
  const checker = program.getTypeChecker();
  const assigns = (file: string) => {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    return symbol?.exports?.has(ts.InternalSymbolName.ExportEquals) === true;
  };
  const list = (file: string) => {
    const exports = assigns(file) ? undefined : reader.read(file)?.exports;
    return exports && resolved(exports) ? exports : undefined;
  };
  return new Map(files.map((file) => [file, list(file)]));
}

/** Whether every name of the list, and of the namespaces it holds, resolves to a declaration. */
function resolved(list: ExportList): boolean {
  for (const entry of list.values()) {
    if (entry === UNRESOLVED) return false;
    if (typeof entry !== 'string' && !resolved(entry.namespace)) return false;
  }
  return true;
}
