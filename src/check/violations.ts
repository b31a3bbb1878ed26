/** Violations as `check` reports them: every reference a migration would rewrite or leaves for a human. */
import type { RunResult } from '../plan/run';

export interface Violation {
  issue: string;
  transform: string;
  /** Index of the migration within its issue. */
  migration: number;
  /** Path relative to the repository root. */
  path: string;
  line: number;
  column: number;
  specifier: string;
  /** The canonical module, as the config names it. */
  target: string;
  /** `true`: `canonize run` rewrites it; `false`: left for a human, see `reason`. */
  fixable: boolean;
  reason?: string;
}

/**
 * The violations of a planned run, in issue order, then by file and position. A reference that several
 * issues (or migrations) flag counts once, under the first: plan with `asIs` so positions are the file's.
 */
export function violationsOf(result: RunResult): Violation[] {
  const out: Violation[] = [];
  // Positions seen, by file and line: no key string per violation (a whole-tree job has hundreds of thousands).
  const seen = new Map<string, Map<number, Set<number>>>();
  const first = (v: Violation) => {
    let lines = seen.get(v.path);
    if (!lines) seen.set(v.path, (lines = new Map()));
    let columns = lines.get(v.line);
    if (!columns) lines.set(v.line, (columns = new Set()));
    if (columns.has(v.column)) return false;
    columns.add(v.column);
    return true;
  };
  for (const issue of result.issues) {
    const list: Violation[] = [
      ...issue.rewrites.filter((r) => r.violation !== false).map((r) => ({
        issue: issue.id,
        transform: r.transform,
        migration: r.migration,
        path: r.path,
        line: r.line,
        column: r.column,
        specifier: r.from,
        target: r.target,
        fixable: true,
      })),
      ...issue.manual.map((m) => ({
        issue: issue.id,
        transform: m.transform,
        migration: m.migration,
        path: m.path,
        line: m.line,
        column: m.column,
        specifier: m.specifier,
        target: m.target,
        fixable: false,
        reason: m.reason,
      })),
    ];
    const byMigration = list.sort((a, b) => a.migration - b.migration).filter(first);
    out.push(...byMigration.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column)));
  }
  return out;
}
