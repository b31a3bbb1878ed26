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
  /** Of those, files whose imports were in order before: only their imports were sorted (biome). */
  importsSorted: string[];
  /** Files the formatter's own config leaves out, or that it has no parser for. */
  ignored: Array<{ path: string; reason: string }>;
  /** Files the formatter failed on: the unformatted rewrite stays. */
  failures: Array<{ path: string; reason: string }>;
}

/** Formats every changed file's text, issue by issue; returns the run with formatted texts and the report. */
export async function formatChanges(result: RunResult, formatter: Formatter, config: string | undefined): Promise<{ result: RunResult; report: FormatReport }> {
  const report: FormatReport = { formatter: { name: formatter.name, version: formatter.version, config }, formatted: [], unchanged: [], notFormattedBefore: [], importsSorted: [], ignored: [], failures: [] };
  // Per file: how to format it (decided once, from its text before the run) and its latest formatted text.
  const decided = new Map<string, Promise<Treatment>>();
  const latest = new Map<string, string>();
  const seen = new Map<string, 'formatted' | 'unchanged' | 'other'>();
  const treatment = (change: FileChange): Promise<Treatment> => {
    let hit = decided.get(change.file);
    if (!hit) {
      hit = change.created ? Promise.resolve('format') : treatmentOf(formatter, change, report);
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
      const how = await treatment(change);
      if (how === 'leave') {
        latest.set(change.file, change.after);
        return;
      }
      const outcome = how === 'format' ? await formatter.format(change.file, change.after) : await formatter.sortImports!(change.file, change.after);
      if (how === 'sort-imports') {
        if (outcome.kind === 'formatted') change.after = outcome.text;
        else if (outcome.kind === 'failed') report.failures.push({ path: change.path, reason: outcome.reason });
        latest.set(change.file, change.after);
        return;
      }
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
  for (const list of [report.formatted, report.unchanged, report.notFormattedBefore, report.importsSorted]) list.sort();
  return { result: { ...result, issues }, report };
}

/** `format`: the whole file; `sort-imports`: only its imports; `leave`: as rewritten. */
type Treatment = 'format' | 'sort-imports' | 'leave';

/**
 * How to treat a file, from its text before the run: formatted then, it is formatted now; not formatted but
 * with its imports in order (and a formatter that can sort only them), only its imports are sorted.
 */
async function treatmentOf(formatter: Formatter, change: FileChange, report: FormatReport): Promise<Treatment> {
  const outcome = await formatter.format(change.file, change.before);
  if (outcome.kind === 'formatted' && outcome.text === change.before) return 'format';
  if (outcome.kind === 'ignored') {
    report.ignored.push({ path: change.path, reason: outcome.reason });
    return 'leave';
  }
  if (outcome.kind === 'failed') {
    report.failures.push({ path: change.path, reason: `${outcome.reason} (on the file as it was before the run)` });
    return 'leave';
  }
  report.notFormattedBefore.push(change.path);
  if (!formatter.sortImports) return 'leave';
  const sorted = await formatter.sortImports(change.file, change.before);
  if (sorted.kind !== 'formatted' || sorted.text !== change.before) return 'leave';
  report.importsSorted.push(change.path);
  return 'sort-imports';
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
