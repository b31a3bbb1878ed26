/**
 * A file's text around one issue of a run: what the issues before it left (their changes), else the disk's.
 * Shared by the run-wide passes (shim deletion, migrations' `finish`), so both see the same texts.
 */
import { readSource } from '../files/read';
import type { IssueResult } from './run';

export interface IssueTexts {
  /** The text as issue `i` found it; `null` when an earlier issue deletes it, `undefined` when unreadable. */
  before(file: string): string | null | undefined;
  /** The text after issue `i`'s changes so far; `null` when deleted, `undefined` when unreadable. */
  after(file: string): string | null | undefined;
}

/**
 * Texts around issue `i` of `results`, as they stand when first asked: each issue's changes are indexed by
 * file once, not searched per call. Take a new one after changing `results`.
 */
export function issueTexts(results: IssueResult[], i: number, maxFileSize: number): IssueTexts {
  const byIssue = new Map<number, Map<string, string | null>>();
  const changesOf = (j: number) => {
    let map = byIssue.get(j);
    if (!map) {
      map = new Map(results[j]!.changes.map((c) => [c.file, c.after]));
      byIssue.set(j, map);
    }
    return map;
  };
  const before = (file: string): string | null | undefined => {
    for (let j = i - 1; j >= 0; j--) {
      const changed = changesOf(j);
      if (changed.has(file)) return changed.get(file);
    }
    const read = readSource(file, maxFileSize);
    return typeof read === 'string' ? read : undefined;
  };
  return {
    before,
    after(file) {
      const own = changesOf(i);
      return own.has(file) ? own.get(file) : before(file);
    },
  };
}
