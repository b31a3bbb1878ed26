/**
 * Comparing two readings of a file (before and after a run): every binding present in both must mean what
 * it meant, and the module must export the same names with the same meanings.
 */
import { UNRESOLVED, type Binding, type ExportList, type FileReading } from './meaning';

/** One way a file's meaning changed, for the summary. */
export interface Difference {
  /** 1-based line in the new text (0: the file as a whole). */
  line: number;
  what: string;
}

/** What comparing one file found. */
export interface FileComparison {
  /** Bindings that mean what they meant. */
  bindings: number;
  /** Bindings that now stand for what the config says replaces what they stood for (see `Migration.replaces`). */
  replaced: number;
  /** Whether the export list was compared and is the same (`undefined`: not a module before and after). */
  exportList: boolean | undefined;
  /**
   * Bindings not compared: TypeScript resolves them neither before nor after (a module without types), or
   * the migration removed or renamed them (a symbol moved under a new name).
   */
  notCompared: number;
  differences: Difference[];
}

type Entry = string | { namespace: ExportList };

function show(entry: Entry | undefined): string {
  if (entry === undefined) return 'nothing';
  if (typeof entry === 'string') return entry === UNRESOLVED ? 'nothing TypeScript can resolve' : `\`${entry}\``;
  return `a namespace of ${entry.namespace.size} names`;
}

/** Whether a meaning that changed changed as the config says (a declaration of a replaced module). */
export type Accepts = (was: string, now: string) => boolean;

/**
 * Names whose meaning differs between two export lists. `extraDefault`: a `default` only `after` has is
 * fine (a namespace of a shim that re-exported with `export *`, which never passes a default on).
 */
function listDifferences(before: ExportList, after: ExportList, extraDefault: boolean, accepts: Accepts): string[] {
  const out: string[] = [];
  for (const [name, was] of before) {
    const now = after.get(name);
    if (!sameEntry(was, now, accepts)) out.push(now === undefined ? `\`${name}\` is gone (was ${show(was)})` : `\`${name}\` was ${show(was)}, now ${show(now)}`);
  }
  for (const [name, now] of after) {
    if (!before.has(name) && !(extraDefault && name === 'default')) out.push(`\`${name}\` is new (${show(now)})`);
  }
  return out;
}

function sameEntry(a: Entry | undefined, b: Entry | undefined, accepts: Accepts): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (typeof a === 'string' && typeof b === 'string') return a === b || accepts(a, b);
  if (typeof a === 'string' || typeof b === 'string') return false;
  return listDifferences(a.namespace, b.namespace, true, accepts).length === 0;
}

/** Whether two export lists hold the same names with the same meanings, nothing accepted in place of another. */
export function sameExportList(before: ExportList, after: ExportList): boolean {
  return listDifferences(before, after, false, () => false).length === 0;
}

/** Compares a file's two readings. */
export function compareReadings(before: FileReading, after: FileReading, accepts: Accepts = () => false): FileComparison {
  const result: FileComparison = { bindings: 0, replaced: 0, exportList: undefined, notCompared: 0, differences: [] };
  const afterByKey = new Map(after.bindings.map((b) => [b.key, b]));
  const beforeKeys = new Set(before.bindings.map((b) => b.key));
  for (const was of before.bindings) {
    const now = afterByKey.get(was.key);
    if (!now) {
      result.notCompared++;
      continue;
    }
    const problem = bindingDifference(was, now, accepts);
    if (problem === undefined) result.bindings++;
    else if (problem === 'replaced') result.replaced++;
    else if (problem === null) result.notCompared++;
    else result.differences.push({ line: now.line, what: `\`${was.key}\`: ${problem}` });
  }
  result.notCompared += after.bindings.filter((b) => !beforeKeys.has(b.key)).length;
  if (before.exports && after.exports) {
    const problems = listDifferences(before.exports, after.exports, false, accepts);
    result.exportList = problems.length === 0;
    for (const p of problems) result.differences.push({ line: 0, what: `export list: ${p}` });
  } else if (before.exports || after.exports) {
    result.exportList = false;
    result.differences.push({ line: 0, what: before.exports ? 'the file is no longer a module' : 'the file became a module' });
  }
  return result;
}

/**
 * `undefined`: the same; `'replaced'`: changed as the config says; `null`: cannot be compared (unresolved
 * both times); else what changed.
 */
function bindingDifference(was: Binding, now: Binding, accepts: Accepts): string | null | undefined {
  const a = was.meaning;
  const b = now.meaning;
  if ('declaration' in a && 'declaration' in b) {
    if (a.declaration === b.declaration) return a.declaration === UNRESOLVED ? null : undefined;
    if (accepts(a.declaration, b.declaration)) return 'replaced';
    return `was ${show(a.declaration)}, now ${show(b.declaration)}`;
  }
  if ('module' in a && 'module' in b) {
    if (!a.module && !b.module) return null;
    if (!a.module || !b.module) return `was ${a.module ? 'a module' : 'nothing TypeScript can resolve'}, now ${b.module ? 'a module' : 'nothing TypeScript can resolve'}`;
    const values = (list: ExportList) => (a.values ? new Map([...list].filter(([, entry]) => isValue(entry))) : list);
    const problems = listDifferences(values(a.module), values(b.module), true, accepts);
    return problems.length === 0 ? undefined : `the module it names differs: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`;
  }
  return `was ${'module' in a ? 'a whole module' : show(a.declaration)}, now ${'module' in b ? 'a whole module' : show(b.declaration)}`;
}

/** Whether an export has a run-time value (a namespace does; so might what TypeScript cannot resolve). */
function isValue(entry: Entry): boolean {
  if (typeof entry !== 'string') return true;
  if (entry === UNRESOLVED) return true;
  const kinds = /\(([^()]*)\)$/.exec(entry)?.[1] ?? '';
  return kinds.split('+').includes('value') || entry.startsWith('namespace ');
}
