/**
 * Splitting an issue's result into parts a team can review on its own: per CODEOWNERS owner set or per
 * directory. A file's part depends on its path alone, so a file edited by two issues is in the same part
 * for both and issue order still holds within a part. Pure: the CODEOWNERS text is read at the edge.
 */
import { matchFile, parse, type CodeOwnersEntry } from 'codeowners-utils';
import { UsageError } from '../errors';
import type { IssueResult } from '../plan/run';

export type SplitRule = { kind: 'codeowners'; entries: CodeOwnersEntry[]; file: string } | { kind: 'dir'; depth: number };

/** One part: `key` names its files (`<issue>.<key>.patch`), `owners` who reviews it. */
export interface Part {
  key: string;
  label: string;
  owners: string[];
}

/** Where GitHub looks for CODEOWNERS, in its order. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/**
 * Reads `--split-by`: `codeowners`, `dir` or `dir:<depth>`. `readOwners` returns the CODEOWNERS file found
 * (path and text), or `undefined`.
 */
export function parseSplitRule(value: string, readOwners: () => { file: string; text: string } | undefined): SplitRule {
  if (value === 'codeowners') {
    const found = readOwners();
    if (!found) throw new UsageError(`--split-by codeowners: no CODEOWNERS file in ${CODEOWNERS_LOCATIONS.join(', ')} of the repository`);
    return { kind: 'codeowners', entries: parse(found.text), file: found.file };
  }
  const dir = /^dir(?::(\d+))?$/.exec(value);
  if (dir) {
    const depth = dir[1] === undefined ? 1 : Number(dir[1]);
    if (depth < 1) throw new UsageError(`--split-by ${value}: the depth must be 1 or more`);
    return { kind: 'dir', depth };
  }
  throw new UsageError(`--split-by: expected codeowners, dir or dir:<depth>, found ${JSON.stringify(value)}`);
}

/**
 * A key that is safe as a file name and as a git branch name (`canonize/<issue>.<key>` in the README's
 * Actions loop): no `..`, no leading or trailing dot, no `.lock` ending (git's check-ref-format rules).
 */
function slug(text: string): string {
  const key = text
    .replace(/^@/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^\./, 'dot-')
    .replace(/^-+|[-.]+$/g, '')
    .replace(/\.lock$/, '-lock');
  return key || ROOT_KEY;
}

/** The part of the files at the repository root (`dir`), and a fallback key; `.` would name `issue..patch`. */
const ROOT_KEY = '_root';

/** The part a repository-relative path belongs to. */
export function partOf(path: string, rule: SplitRule): Part {
  if (rule.kind === 'dir') {
    const segments = path.split('/').slice(0, -1).slice(0, rule.depth);
    const dir = segments.join('/');
    if (dir === '') return { key: ROOT_KEY, label: 'files at the repository root', owners: [] };
    return { key: slug(dir.replace(/\//g, '-')), label: `${dir}/`, owners: [] };
  }
  const owners = matchFile(path, rule.entries)?.owners ?? [];
  if (owners.length === 0) return { key: 'unowned', label: 'no owner in CODEOWNERS', owners: [] };
  return { key: owners.map(slug).join('+'), label: owners.join(' '), owners };
}

/** The issue's result restricted to each part's files, parts in key order. */
export function splitIssue(issue: IssueResult, rule: SplitRule): Array<{ part: Part; issue: IssueResult }> {
  const parts = new Map<string, { part: Part; paths: Set<string> }>();
  const touched = [...issue.changes.map((c) => c.path), ...issue.manual.map((m) => m.path), ...issue.failures.map((f) => f.path)];
  for (const path of touched) {
    const part = partOf(path, rule);
    const entry = parts.get(part.key) ?? { part, paths: new Set<string>() };
    entry.paths.add(path);
    parts.set(part.key, entry);
  }
  return [...parts.values()]
    .sort((a, b) => (a.part.key < b.part.key ? -1 : 1))
    .map(({ part, paths }) => {
      const counts = Object.entries(issue.violationsByFile).filter(([p]) => paths.has(p));
      return {
        part,
        issue: {
          ...issue,
          changes: issue.changes.filter((c) => paths.has(c.path)),
          rewrites: issue.rewrites.filter((r) => paths.has(r.path)),
          manual: issue.manual.filter((m) => paths.has(m.path)),
          failures: issue.failures.filter((f) => paths.has(f.path)),
          violationsBefore: counts.reduce((n, [, c]) => n + c.before, 0),
          violationsAfter: counts.reduce((n, [, c]) => n + c.after, 0),
          violationsByFile: Object.fromEntries(counts),
        },
      };
    });
}
