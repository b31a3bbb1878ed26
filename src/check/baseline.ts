/**
 * The check baseline: today's violation counts, keyed by issue, importing file and canonical target (never
 * by line, so unrelated edits and merges leave it alone). Counts may only go down. Pure: reading and
 * writing the file happen at the edge.
 */
import { UsageError } from '../errors';
import type { Violation } from './violations';

/** `counts[issue][file][target]` = number of violations. */
export interface Baseline {
  version: 1;
  counts: Record<string, Record<string, Record<string, number>>>;
}

/** One (issue, file, target) whose count is above the baseline. */
export interface Increase {
  issue: string;
  path: string;
  target: string;
  count: number;
  /** 0 when the file had no entry: a new file with violations. */
  baseline: number;
}

/** Counts of `violations`, with keys sorted so the file only changes when counts do. */
export function countViolations(violations: Violation[]): Baseline {
  const counts: Baseline['counts'] = {};
  for (const v of violations) {
    const byFile = (counts[v.issue] ??= {});
    const byTarget = (byFile[v.path] ??= {});
    byTarget[v.target] = (byTarget[v.target] ?? 0) + 1;
  }
  return { version: 1, counts: sortDeep(counts) };
}

/** Every count in `current` above its entry in `baseline`. */
export function increases(current: Baseline, baseline: Baseline): Increase[] {
  const out: Increase[] = [];
  for (const [issue, files] of Object.entries(current.counts)) {
    for (const [path, targets] of Object.entries(files)) {
      for (const [target, count] of Object.entries(targets)) {
        const before = baseline.counts[issue]?.[path]?.[target] ?? 0;
        if (count > before) out.push({ issue, path, target, count, baseline: before });
      }
    }
  }
  return out;
}

/**
 * The next baseline: entries only go down or disappear. An increase keeps the old count and is returned as
 * refused, unless `force`, which records the counts as they are.
 */
export function updateBaseline(current: Baseline, previous: Baseline | undefined, force: boolean): { next: Baseline; refused: Increase[] } {
  if (!previous || force) return { next: current, refused: [] };
  const refused = increases(current, previous);
  const counts: Baseline['counts'] = {};
  for (const [issue, files] of Object.entries(current.counts)) {
    for (const [path, targets] of Object.entries(files)) {
      for (const [target, count] of Object.entries(targets)) {
        const before = previous.counts[issue]?.[path]?.[target];
        const kept = before === undefined ? undefined : Math.min(count, before);
        if (kept === undefined || kept === 0) continue;
        ((counts[issue] ??= {})[path] ??= {})[target] = kept;
      }
    }
  }
  return { next: { version: 1, counts: sortDeep(counts) }, refused };
}

/** Reads baseline text; `file` is named in the error. */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not a canonize baseline: invalid JSON (${(error as Error).message})`);
  }
  const value = data as Partial<Baseline>;
  const valid =
    value?.version === 1 &&
    typeof value.counts === 'object' &&
    value.counts !== null &&
    Object.values(value.counts).every(
      (files) => typeof files === 'object' && files !== null && Object.values(files).every((targets) => typeof targets === 'object' && targets !== null && Object.values(targets).every((n) => Number.isInteger(n) && n >= 0)),
    );
  if (!valid) throw new UsageError(`${file}: not a canonize baseline: expected { "version": 1, "counts": { issue: { file: { target: count } } } }`);
  return value as Baseline;
}

/** Baseline text: two-space JSON, sorted keys, final newline. */
export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: 1, counts: sortDeep(baseline.counts) }, null, 2)}\n`;
}

function sortDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortDeep((value as Record<string, unknown>)[k])]),
  ) as T;
}
