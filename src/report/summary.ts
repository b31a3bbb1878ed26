/** The markdown summary a reviewer reads, one per issue, short enough to paste into a pull request. */
import type { IssueResult, RunResult } from '../plan/run';
import type { Part } from './split';
import { proofSection } from './proof';

export interface SummaryContext {
  run: RunResult;
  /** The out folder relative to the repository root (absolute when outside it), for the apply commands. */
  outDir: string;
  /** The config relative to the repository root; `undefined` when a run from the root finds it by itself. */
  configArg: string | undefined;
  /** The paths the run was restricted to, relative to the repository root. */
  pathArgs: string[];
  /** The command that recomputes this issue (without `--write`), when it is not `canonize run --issue <id>` (an ad hoc run). */
  rerun?: string;
  /**
   * Set for one part of a split run: the part, and the patch names of the same part of earlier issues
   * (the ones this part's patch applies on top of).
   */
  part?: { part: Part; earlier: string[] };
}

const MAX_FILE_ROWS = 50;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countBy<T>(items: T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The summary for one issue. */
export function issueSummary(issue: IssueResult, context: SummaryContext): string {
  const lines: string[] = [];
  const files = new Set(issue.changes.map((c) => c.path)).size;
  const part = context.part?.part;
  lines.push(`# ${issue.title}${part ? ` (${part.label})` : ''}`, '');
  lines.push(`canonize issue \`${issue.id}\`${context.run.issues.length > 1 ? ` (${issue.position} of ${context.run.issues.length} in this run)` : ''}${part ? `, part \`${part.key}\`` : ''}.`, '');
  if (part && part.owners.length > 0) lines.push(`**Owners:** ${part.owners.join(' ')}: please review the files you own.`, '');
  if (issue.changes.length === 0 && issue.rewrites.length === 0) {
    lines.push('**No change: nothing left to rewrite.**', '');
  } else {
    lines.push(`**${plural(issue.rewrites.length, 'reference')} rewritten in ${plural(files, 'file')}; violations ${issue.violationsBefore} → ${issue.violationsAfter}.**`, '');
  }
  if (issue.violationsAfter > 0) lines.push(`${plural(issue.manual.length, 'reference')} left for a human (listed below).`, '');
  lines.push(...proofSection(issue));

  lines.push('## What moved', '');
  for (const m of issue.migrations) for (const d of m.description) lines.push(`- ${d} (${m.transform})`);
  lines.push('');

  if (issue.rewrites.length > 0) {
    lines.push('## References rewritten', '', '| kind | count |', '| --- | ---: |');
    for (const [kind, n] of countBy(issue.rewrites, (r) => r.kind)) lines.push(`| ${kind} | ${n} |`);
    lines.push('', '| file | references |', '| --- | ---: |');
    const perFile = countBy(issue.rewrites, (r) => r.path).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [file, n] of perFile.slice(0, MAX_FILE_ROWS)) lines.push(`| \`${file}\` | ${n} |`);
    if (perFile.length > MAX_FILE_ROWS) lines.push(`| … ${plural(perFile.length - MAX_FILE_ROWS, 'more file')} (see the patch) | |`);
    lines.push('');
  }

  if (issue.report.length > 0) lines.push(...issue.report, '');
  if (issue.notes.length > 0) {
    lines.push('## Notes for the reviewer', '');
    for (const n of issue.notes) lines.push(`- \`${n.path}:${n.line}:${n.column}\`: ${n.text}`);
    lines.push('');
  }
  lines.push(...transformOutput(issue));
  if (issue.shims.length > 0) {
    lines.push('## Shims and wrappers', '');
    for (const v of issue.shims) lines.push(`- \`${v.path}\`: ${v.reason}`);
    lines.push('');
  }
  if (issue.manual.length > 0) {
    lines.push('## Left for a human', '');
    for (const m of issue.manual) lines.push(`- \`${m.path}:${m.line}:${m.column}\` \`${m.specifier}\`: ${m.reason}`);
    lines.push('');
  }
  if (issue.failures.length > 0) {
    lines.push('## Files that could not be processed', '');
    for (const f of issue.failures) lines.push(`- \`${f.path}:${f.line}:${f.column}\`: ${f.reason}`);
    lines.push('');
  }

  if (context.run.skipped.length > 0) {
    lines.push('## Files skipped', '');
    for (const f of context.run.skipped) lines.push(`- \`${f.path}\`: ${f.reason}`);
    lines.push('');
  }
  lines.push('## Reproduce and apply', '');
  const config = context.configArg ? ` --config ${context.configArg}` : '';
  const paths = context.pathArgs.length > 0 ? ` ${context.pathArgs.join(' ')}` : '';
  // git rejects an empty patch: issues (and parts) that change nothing are left out of every apply chain.
  const earlierIssues = context.run.issues.filter((i) => issue.after.includes(i.id) && i.changes.length > 0).map((i) => i.id);
  const chain = context.part ? [...context.part.earlier, `${issue.id}.${context.part.part.key}.patch`] : [...earlierIssues, issue.id].map((id) => `${id}.patch`);
  if (issue.changes.length === 0) {
    lines.push('Nothing to apply: this issue changes no file (its patch is empty).');
  } else if (context.part) {
    lines.push('This part applies on its own, in any order with the other parts of this issue.');
    if (context.part.earlier.length > 0) lines.push(`Issues apply in config order: it applies on top of ${context.part.earlier.map((p) => `\`${p}\``).join(', then ')}.`);
  } else if (earlierIssues.length > 0) {
    lines.push(`Issues apply in config order: this patch applies on top of ${earlierIssues.map((a) => `\`${a}.patch\``).join(', then ')}.`);
  } else {
    lines.push('Issues apply in config order: this patch is the first that changes anything and applies to a clean checkout.');
  }
  lines.push('', 'From the root of the repository:', '', '```sh');
  if (issue.changes.length > 0) lines.push(chain.map((name) => `git apply ${context.outDir}/${name}`).join(' && '));
  if (!context.part) {
    if (issue.changes.length > 0) lines.push(`# or recompute and write in place:`);
    lines.push(`${context.rerun ?? `npx canonize run${paths}${config} ${[...issue.after, issue.id].map((id) => `--issue ${id}`).join(' ')}`}${issue.changes.length > 0 ? ' --write' : ''}`);
  }
  lines.push('```', '');
  return lines.join('\n');
}

const MAX_REPORTS = 100;

/** jscodeshift transforms' `api.stats` and `api.report` output, as `jscodeshift --dry` would print it. */
function transformOutput(issue: IssueResult): string[] {
  const lines: string[] = [];
  if (issue.stats.length > 0) {
    lines.push('## Transform stats', '', '| transform | stat | count |', '| --- | --- | ---: |');
    for (const s of issue.stats) lines.push(`| ${s.transform} | ${s.name} | ${s.count} |`);
    lines.push('');
  }
  if (issue.reports.length > 0) {
    lines.push('## Transform reports', '');
    for (const r of issue.reports.slice(0, MAX_REPORTS)) lines.push(`- \`${r.path}\`: ${r.message} (${r.transform})`);
    if (issue.reports.length > MAX_REPORTS) lines.push(`- … ${plural(issue.reports.length - MAX_REPORTS, 'more report')} (see \`canonize run --json\`)`);
    lines.push('');
  }
  return lines;
}

/** One line per issue for the terminal. */
export function issueLine(issue: IssueResult): string {
  const files = new Set(issue.changes.map((c) => c.path)).size;
  const manual = issue.manual.length > 0 ? ` (${issue.manual.length} left for a human)` : '';
  const failed = issue.failures.length > 0 ? `, ${plural(issue.failures.length, 'file')} failed` : '';
  return `${issue.id}: ${plural(files, 'file')} changed, ${plural(issue.rewrites.length, 'reference')} rewritten, violations ${issue.violationsBefore} -> ${issue.violationsAfter}${manual}${failed}`;
}
