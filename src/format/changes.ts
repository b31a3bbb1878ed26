/**
 * The formatter step of a run: the planned texts go through the project's formatter before patches and
 * writes are made, so both hold the formatted result. A file the formatter would already have changed before
 * the run is left as rewritten: formatting it would put unrelated lines in the diff. A formatter that fails
 * on a file leaves the unformatted rewrite, and the report says so.
 */
import * as os from 'node:os';
import type { FileChange, IssueResult, RunResult } from '../plan/run';
import type { Formatter } from './formatter';

export interface FormatReport {
  formatter: { name: string; version: string; /** Repository-relative config file, if any. */ config: string | undefined };
  /** Changed files (repository-relative) the formatter changed further: an import moved, a line wrapped. */
  formatted: string[];
  /** Changed files already formatted as rewritten. */
  unchanged: string[];
  /** Files the formatter would have changed before the run: left as rewritten, so the diff stays the rewrite's. */
  notFormattedBefore: string[];
  /** Files the formatter's own config leaves out, or that it has no parser for. */
  ignored: Array<{ path: string; reason: string }>;
  /** Files the formatter failed on: the unformatted rewrite stays. */
  failures: Array<{ path: string; reason: string }>;
}

/** Formats every changed file's text, issue by issue; returns the run with formatted texts and the report. */
export async function formatChanges(result: RunResult, formatter: Formatter, config: string | undefined): Promise<{ result: RunResult; report: FormatReport }> {
  const report: FormatReport = { formatter: { name: formatter.name, version: formatter.version, config }, formatted: [], unchanged: [], notFormattedBefore: [], ignored: [], failures: [] };
  // Per file: whether to format it (decided once, from its text before the run) and its latest formatted text.
  const decided = new Map<string, Promise<boolean>>();
  const latest = new Map<string, string>();
  const seen = new Map<string, 'formatted' | 'unchanged' | 'other'>();
  const shouldFormat = (change: FileChange): Promise<boolean> => {
    let hit = decided.get(change.file);
    if (!hit) {
      hit = change.created ? Promise.resolve(true) : isFormatted(formatter, change, report);
      decided.set(change.file, hit);
    }
    return hit;
  };

  const issues: IssueResult[] = [];
  for (const issue of result.issues) {
    // Issues apply in order: a file's text before this issue is what the issue before left, formatted.
    const changes = issue.changes.map((c) => ({ ...c, before: latest.get(c.file) ?? c.before }));
    await eachLimited(changes, async (change) => {
      if (change.after === null) return;
      if (!(await shouldFormat(change))) {
        latest.set(change.file, change.after);
        return;
      }
      const outcome = await formatter.format(change.file, change.after);
      if (outcome.kind === 'formatted') {
        if (outcome.text !== change.after) seen.set(change.path, 'formatted');
        else if (!seen.has(change.path)) seen.set(change.path, 'unchanged');
        change.after = outcome.text;
      } else if (outcome.kind === 'ignored') {
        if (!report.ignored.some((i) => i.path === change.path)) report.ignored.push({ path: change.path, reason: outcome.reason });
        seen.set(change.path, 'other');
      } else {
        report.failures.push({ path: change.path, reason: outcome.reason });
        seen.set(change.path, 'other');
      }
      latest.set(change.file, change.after);
    });
    issues.push({ ...issue, changes });
  }
  for (const [file, state] of seen) {
    if (state === 'formatted' && !report.failures.some((f) => f.path === file)) report.formatted.push(file);
    if (state === 'unchanged') report.unchanged.push(file);
  }
  for (const list of [report.formatted, report.unchanged, report.notFormattedBefore]) list.sort();
  return { result: { ...result, issues }, report };
}

/** Whether the file was formatted before the run (its text as it was, through the formatter, unchanged). */
async function isFormatted(formatter: Formatter, change: FileChange, report: FormatReport): Promise<boolean> {
  const outcome = await formatter.format(change.file, change.before);
  if (outcome.kind === 'formatted' && outcome.text === change.before) return true;
  if (outcome.kind === 'ignored') {
    report.ignored.push({ path: change.path, reason: outcome.reason });
  } else if (outcome.kind === 'failed') {
    report.failures.push({ path: change.path, reason: `${outcome.reason} (on the file as it was before the run)` });
  } else {
    report.notFormattedBefore.push(change.path);
  }
  return false;
}

/** Runs `job` on every item, a few at a time: the CLIs are separate processes, one per core. */
async function eachLimited<T>(items: T[], job: (item: T) => Promise<void>): Promise<void> {
  const limit = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
  let next = 0;
  const worker = async () => {
    while (next < items.length) await job(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
