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
 * its exports lead to. Modules are equivalent only when the lists are the same, neither is a CommonJS
 * `export =` (a default import of it depends on the importer), and TypeScript gives both the same module
 * format (under node16 a default import of a CommonJS file is the whole module). Otherwise the files are
 * compared one by one, as before.
 */
import type * as TS from 'typescript';
import type { Programs } from '../typescript/program';
import { programFor } from './closure';
import { sameExportList } from './compare';
import { locationOf, MeaningReader, type ExportList } from './meaning';

/** The key of a pair of modules (before, after) in {@link equivalentModules}' answer. */
export function pairKey([before, after]: [string, string]): string {
  return `${before}\0${after}`;
}

/** The pairs (a module before the change, another after it) that export the same names with the same meanings. */
export function equivalentModules(args: { pairs: Array<[string, string]>; was: Programs; now: Programs; root: string; ts: typeof TS }): Set<string> {
  const { pairs, was, now } = args;
  const out = new Set<string>();
  if (pairs.length === 0) return out;
  const before = exportLists(was, now, [...new Set(pairs.map(([b]) => b))], args);
  const after = exportLists(now, was, [...new Set(pairs.map(([, a]) => a))], args);
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
 * Each module's export list in the `self` view, followed to the declarations: a program over the modules and
 * what their exports lead to, every project module of it loaded (none is taken as unchanged: what passes
 * through it must be read); a package's names are read as that package's. `undefined` for a file that is
 * not a module, or assigns its exports (`export =`, `module.exports =`).
 */
function exportLists(self: Programs, other: Programs, files: string[], args: { root: string; ts: typeof TS }): Map<string, ExportList | undefined> {
  const { root, ts } = args;
  const { program } = programFor({ self, other }, files, { is: () => false }, ts);
  const reader = new MeaningReader(program, ts, root, (source, literal) => {
    const target = self.resolve(program, source, literal);
    return target?.external ? { location: locationOf(target.file, root), kind: 'package' } : undefined;
  });
  const checker = program.getTypeChecker();
  const assigns = (file: string) => {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    return symbol?.exports?.has(ts.InternalSymbolName.ExportEquals) === true;
  };
  return new Map(files.map((file) => [file, assigns(file) ? undefined : reader.read(file)?.exports]));
}
