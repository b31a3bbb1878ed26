/**
 * The migrations' run-wide step (`Migration.finish`), after every file is planned and shims are judged:
 * edits to files that are not planned sources (a tsconfig) join the issue's changes, and what the migration
 * proved or left goes into the issue's summary and notes.
 */
import { relativeTo } from '../files/paths';
import type { Migration } from '../transform';
import type { IssueResult } from './run';
import { issueTexts } from './issue-texts';

/** Calls `finish` of every migration that has one, issue by issue in config order. */
export function finishIssues(args: {
  results: IssueResult[];
  prepared: Array<Array<{ migration: Migration; prepared: unknown }>>;
  files: readonly string[];
  repoRoot: string;
  maxFileSize: number;
}): void {
  const { results, repoRoot } = args;
  results.forEach((result, i) => {
    args.prepared[i]!.forEach((step, migration) => {
      if (!step.migration.finish) return;
      // A fresh view per step: an earlier step's edits are part of the text the next one sees.
      const texts = issueTexts(results, i, args.maxFileSize);
      const rewrites = result.rewrites.filter((r) => r.migration === migration);
      const end = step.migration.finish(step.prepared, { files: args.files, textBefore: texts.before, textAfter: texts.after, rewrites });
      for (const edit of end.edits ?? []) {
        const own = result.changes.find((c) => c.file === edit.file);
        if (own) own.after = edit.content;
        else result.changes.push({ file: edit.file, path: relativeTo(repoRoot, edit.file), before: texts.before(edit.file) ?? '', after: edit.content });
      }
      result.report.push(...(end.summary ?? []));
      result.notes.push(...(end.notes ?? []).map(({ file, ...note }) => ({ ...note, path: relativeTo(repoRoot, file) })));
    });
  });
}
