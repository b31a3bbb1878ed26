/**
 * Files that could not be processed hold on to what they reference: a shim or wrapper that a failed file may
 * still import is never deleted by the issue it failed in. The failed file's references are unknown (it may
 * not even parse), so a candidate counts as referenced when the file's text names it (its file name without
 * the extension, or its folder's name for an index file): kept too often, never deleted wrongly.
 */
import * as path from 'node:path';
import { dropSourceExtension, isIndexFile } from '../resolve/extensions';
import type { IssueResult } from './run';
import type { PreparedMigration } from './texts';

/** The files an issue may delete once nothing references them: declared shims and wrappers, and pure re-exports. */
export function shimCandidates(pipeline: PreparedMigration[], result: IssueResult): string[] {
  const declared = pipeline.flatMap((step) => step.migration.shims?.(step.prepared) ?? []).map((s) => s.file);
  return [...new Set([...declared, ...result.deletable])];
}

/** Marks every candidate a failed file's text names as still referenced by that file. */
export function withholdForFailures(args: { result: IssueResult; failed: ReadonlyMap<string, { rel: string; text: string }>; candidates: string[] }): void {
  const { result, failed, candidates } = args;
  for (const [file, { rel, text }] of failed) {
    for (const candidate of candidates) {
      // A candidate that failed itself is not judged on a text the run could not read.
      const names = [path.basename(dropSourceExtension(candidate)), ...(isIndexFile(candidate) ? [path.basename(path.dirname(candidate))] : [])];
      if (candidate !== file && !names.some((name) => text.includes(name))) continue;
      result.retained.set(candidate, (result.retained.get(candidate) ?? new Set()).add(rel));
    }
  }
}
