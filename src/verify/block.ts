/**
 * Taking a file's change out of a run, when the proof found that it changes meaning: the file keeps the
 * text it had before the issue, in that issue and in every later one (their changes to it were planned on
 * top of the blocked one); what was rewritten in it is listed as left for a human; and a shim the issue
 * deletes stays when the file still names it.
 */
import { readModuleText } from '../files/read';
import type { IssueResult, RunResult } from '../plan/run';
import type { ModuleResolver } from '../resolve/resolver';
import { parseSource } from '../syntax/parse';
import { findReferences, resolutionKind } from '../syntax/references';

export function blockFile(args: {
  result: RunResult;
  /** Index of the issue whose proof found the difference. */
  issue: number;
  /** Absolute path. */
  file: string;
  resolver: ModuleResolver;
  /** A file's text before that issue (`undefined`: as on disk). */
  textBefore(file: string): string | null | undefined;
}): void {
  const { result, file } = args;
  const blocker = result.issues[args.issue]!;
  const kept = args.textBefore(file) ?? readModuleText(file);
  for (const issue of result.issues.slice(args.issue)) {
    const change = issue.changes.find((c) => c.file === file);
    if (!change) continue;
    const reason =
      issue === blocker
        ? 'left: the proof found that this change would change what the file means (see "Blocked by the proof")'
        : `left: issue \`${blocker.id}\`'s change to this file was blocked by the proof, and this one was planned on top of it`;
    takeOut(issue, change.path, reason);
    if (kept) keepNamedShims({ ...args, issue, text: kept, blocked: change.path });
  }
}

/** Removes a file's change from an issue; its rewrites become references left for a human. */
function takeOut(issue: IssueResult, rel: string, reason: string): void {
  issue.changes = issue.changes.filter((c) => c.path !== rel);
  for (const r of issue.rewrites.filter((x) => x.path === rel && x.violation !== false)) {
    issue.manual.push({ path: rel, line: r.line, column: r.column, specifier: r.from, target: r.target, reason, transform: r.transform, migration: r.migration });
  }
  issue.rewrites = issue.rewrites.filter((r) => r.path !== rel);
  issue.notes = issue.notes.filter((n) => n.path !== rel);
  issue.manual.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  const counts = issue.violationsByFile[rel];
  if (counts) {
    issue.violationsAfter += counts.before - counts.after;
    counts.after = counts.before;
  }
}

/** A shim this issue deletes stays when the blocked file, as it is kept, still names it. */
function keepNamedShims(args: { issue: IssueResult; file: string; text: string; blocked: string; resolver: ModuleResolver }): void {
  const { issue, file, text } = args;
  const deleted = issue.changes.filter((c) => c.after === null);
  if (deleted.length === 0) return;
  let named: Set<string>;
  try {
    named = new Set(findReferences(parseSource(text, file), text).map((ref) => args.resolver.resolve(ref.specifier, file, resolutionKind(ref))).filter((f): f is string => f !== undefined));
  } catch {
    return;
  }
  for (const shim of deleted.filter((c) => named.has(c.file))) {
    issue.changes = issue.changes.filter((c) => c !== shim);
    const verdict = issue.shims.find((v) => v.file === shim.file);
    const reason = `kept: \`${args.blocked}\` still references it (its change was blocked by the proof)`;
    if (verdict) Object.assign(verdict, { deleted: false, reason });
    else issue.shims.push({ file: shim.file, path: shim.path, deleted: false, reason });
  }
}
