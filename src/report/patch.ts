/** Patches that `git apply` accepts, built from `(before, after)` pairs. No I/O. */
import { structuredPatch } from 'diff';

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

/** One file's `diff --git` section; empty when the texts are equal. A deletion becomes a `deleted file` entry. */
export function filePatch(change: PatchInput): string {
  if (change.before === change.after) return '';
  const deleted = change.after === null;
  const { hunks } = structuredPatch(change.path, change.path, change.before, change.after ?? '', '', '', { context: CONTEXT });
  let out = `diff --git a/${change.path} b/${change.path}\n`;
  if (deleted) out += `deleted file mode ${change.mode ?? '100644'}\n--- a/${change.path}\n+++ /dev/null\n`;
  else if (change.created) out += `new file mode 100644\n--- /dev/null\n+++ b/${change.path}\n`;
  else out += `--- a/${change.path}\n+++ b/${change.path}\n`;
  for (const hunk of hunks) {
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    out += `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@\n`;
    for (const line of hunk.lines) out += `${line}\n`;
  }
  return out;
}

/** A whole patch: files sorted by path, so the same input gives the same bytes. */
export function buildPatch(changes: PatchInput[]): string {
  return [...changes]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(filePatch)
    .join('');
}
