/** Patches that `git apply` accepts, built from `(before, after)` pairs. No I/O. */
import { structuredPatch, type StructuredPatchHunk } from 'diff';
import { sharedEnds } from '../syntax/edits';

export interface PatchInput {
  /** Path relative to the repository root, forward slashes. */
  path: string;
  before: string;
  /** `null`: the file is deleted. */
  after: string | null;
  /** The deleted file's mode, as git writes it (default `100644`). */
  mode?: string;
  /** The file is new (`before` is empty). */
  created?: boolean;
}

/** Lines of context around each change, as git uses by default. */
const CONTEXT = 3;

/**
 * One file's `diff --git` section; empty when the texts are equal. A deletion becomes a `deleted file` entry.
 * `body`: the section's hunks ({@link hunksText}) when they were made already, for these very texts.
 */
export function filePatch(change: PatchInput, body?: string): string {
  if (change.before === change.after) return '';
  let out = `diff --git a/${change.path} b/${change.path}\n`;
  if (change.after === null) out += `deleted file mode ${change.mode ?? '100644'}\n--- a/${change.path}\n+++ /dev/null\n`;
  else if (change.created) out += `new file mode 100644\n--- /dev/null\n+++ b/${change.path}\n`;
  else out += `--- a/${change.path}\n+++ b/${change.path}\n`;
  return out + (body ?? hunksText(change.before, change.after ?? ''));
}

/**
 * The hunks of a change as a patch writes them, below the file's header. Plain text: a thread of the proof's
 * pool makes it for the files it aligns (see src/verify/respelt-pool.ts).
 */
export function hunksText(before: string, after: string): string {
  let out = '';
  for (const hunk of hunksOf(before, after)) {
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    out += `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@\n`;
    for (const line of hunk.lines) out += `${line}\n`;
  }
  return out;
}

/**
 * The hunks of the change, numbered in the whole texts, from a diff of only the lines near the changes
 * ({@link changedLines}). Where lines repeat, the diff may put a change on the part's last line, leaving its
 * hunk without trailing context although the file goes on; `git apply` reads such a hunk as one that must
 * match at the end of the file, and refuses it or applies it lower down. Then the whole texts are diffed.
 */
export function hunksOf(before: string, after: string): StructuredPatchHunk[] {
  const part = changedLines(before, after);
  const diff = (a: string, b: string) => structuredPatch('', '', a, b, '', '', { context: CONTEXT }).hunks;
  const hunks = diff(part.before, part.after);
  const last = hunks[hunks.length - 1]?.lines;
  if (!part.toEnd && last && !last[last.length - 1]!.startsWith(' ')) return diff(before, after);
  return hunks.map((h) => ({ ...h, oldStart: h.oldStart + part.line, newStart: h.newStart + part.line }));
}

/**
 * The part of two texts the diff needs to read: from the start of the line `CONTEXT + 1` lines above the first
 * character that differs to the end of the line `CONTEXT + 1` lines below the last one (or the ends of the
 * texts), `line`, the number of lines above it, and whether it reaches the end of the texts. Lines further
 * out are the same in both texts and in no hunk. A spelling clean-up changes a few import lines of each file:
 * diffing every line of every changed file (splitting both texts, then the edit search) was a third of what
 * the run allocated at 50,000 files.
 */
export function changedLines(before: string, after: string): { before: string; after: string; line: number; toEnd: boolean } {
  const shared = sharedEnds(before, after);
  let start = shared.start;
  for (let lines = 0; lines <= CONTEXT + 1 && start > 0; lines++) start = before.lastIndexOf('\n', start - 1);
  start = start <= 0 ? 0 : start + 1;
  let end = before.length - shared.end;
  for (let lines = 0; lines <= CONTEXT + 1 && end >= 0 && end < before.length; lines++) {
    end = before.indexOf('\n', end);
    end = end < 0 ? -1 : end + 1;
  }
  if (end < 0) end = before.length;
  let line = 0;
  for (let at = before.indexOf('\n'); at >= 0 && at < start; at = before.indexOf('\n', at + 1)) line++;
  return { before: before.slice(start, end), after: after.slice(start, end + after.length - before.length), line, toEnd: end === before.length };
}

/**
 * A whole patch: files sorted by path, so the same input gives the same bytes. `madeAhead`: a change's hunks
 * when they were made already ({@link hunksText}), else `undefined`.
 */
export function buildPatch<C extends PatchInput>(changes: C[], madeAhead?: (change: C) => string | undefined): string {
  return [...changes]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((change) => filePatch(change, madeAhead?.(change)))
    .join('');
}
