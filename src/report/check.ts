/** `canonize check` output: text for people, JSON for scripts, SARIF for GitHub code scanning. No I/O. */
import type * as sarif from 'sarif';
import type { Increase } from '../check/baseline';
import type { Violation } from '../check/violations';
import type { RunResult } from '../plan/run';

export interface CheckReport {
  run: RunResult;
  violations: Violation[];
  /** Set when a baseline was compared: the counts above it. */
  increases?: Increase[];
  /** Path of the baseline, relative to the working directory. */
  baseline?: string;
  version: string;
}

/** Per issue and per migration: how many `run` fixes and how many it leaves for a human. */
export function checkCounts(report: CheckReport) {
  return report.run.issues.map((issue) => {
    const mine = report.violations.filter((v) => v.issue === issue.id);
    return {
      id: issue.id,
      title: issue.title,
      fixable: mine.filter((v) => v.fixable).length,
      manual: mine.filter((v) => !v.fixable).length,
      migrations: issue.migrations.map((m, i) => ({
        transform: m.transform,
        fixable: mine.filter((v) => v.migration === i && v.fixable).length,
        manual: mine.filter((v) => v.migration === i && !v.fixable).length,
      })),
    };
  });
}

/** What `JSON.stringify` escapes in a string: quote, backslash, control characters, lone surrogates. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`, without its cost where nothing needs escaping: a whole-tree check prints a line per
 * violation (92,818 at 50,000 files, where `JSON.stringify` was most of the text's 0.3 s).
 */
export function quoted(text: string): string {
  return ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

export function checkText(report: CheckReport): string {
  const lines: string[] = [];
  for (const issue of checkCounts(report)) {
    const total = issue.fixable + issue.manual;
    lines.push(`${issue.id}: ${total} violation${total === 1 ? '' : 's'} (${issue.fixable} fixable by canonize run, ${issue.manual} for a human)`);
    if (issue.migrations.length > 1) {
      issue.migrations.forEach((m, i) => lines.push(`  migration ${i} (${m.transform}): ${m.fixable} fixable, ${m.manual} for a human`));
    }
    for (const v of report.violations.filter((x) => x.issue === issue.id)) {
      lines.push(`  ${v.path}:${v.line}:${v.column} ${quoted(v.specifier)} -> ${v.target}${v.fixable ? '' : ` (for a human: ${v.reason})`}`);
    }
  }
  if (report.increases) {
    if (report.increases.length === 0) lines.push(`baseline ${report.baseline}: no count went up`);
    else {
      lines.push(`baseline ${report.baseline}: ${report.increases.length} count(s) went up:`);
      for (const inc of report.increases) {
        lines.push(`  ${inc.issue} ${inc.path} -> ${inc.target}: ${inc.count} (baseline ${inc.baseline}${inc.baseline === 0 ? ', a new file' : ''})`);
      }
    }
  }
  const files = new Set(report.violations.map((v) => v.path)).size;
  lines.push(`${report.violations.length} violation(s) in ${files} file(s); ${report.run.filesRead} files read in ${(report.run.elapsedMs / 1000).toFixed(2)}s`);
  return `${lines.join('\n')}\n`;
}

/** The JSON document; its shape is documented in the README. */
export function checkJson(report: CheckReport): string {
  const doc = {
    version: 1,
    issues: checkCounts(report),
    violations: report.violations,
    ...(report.increases ? { baseline: { file: report.baseline, increases: report.increases } } : {}),
    filesRead: report.run.filesRead,
    failures: report.run.failures,
    skipped: report.run.skipped,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** SARIF 2.1.0 as GitHub code scanning takes it: one rule per issue, a result per violation. */
export function checkSarif(report: CheckReport): string {
  const rules: sarif.ReportingDescriptor[] = report.run.issues.map((issue) => ({
    id: issue.id,
    name: issue.id.replace(/(^|[-_.])([a-z0-9])/gi, (_m, _s, c: string) => c.toUpperCase()),
    shortDescription: { text: issue.title },
    fullDescription: { text: `${issue.title}: ${issue.migrations.flatMap((m) => m.description).join('; ')}`.replace(/`/g, '') },
    help: { text: `Run \`canonize run --issue ${issue.id} --write\` to fix what can be fixed mechanically.` },
    defaultConfiguration: { level: 'warning' },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: sarif.Result[] = report.violations.map((v) => ({
    ruleId: v.issue,
    ruleIndex: ruleIndex.get(v.issue),
    level: 'warning',
    message: {
      text: v.fixable
        ? `'${v.specifier}' should name ${v.target}; canonize run fixes this.`
        : `'${v.specifier}' should name ${v.target}; for a human: ${v.reason}`,
    },
    locations: [{ physicalLocation: { artifactLocation: { uri: v.path, uriBaseId: '%SRCROOT%' }, region: { startLine: v.line, startColumn: v.column } } }],
  }));
  const log: sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'canonize', version: report.version, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
