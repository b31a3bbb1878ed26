/** `run --json`: the whole run as one documented JSON object (see the README). No I/O. */
import type { RunArtifacts } from '../commands/run';
import type { Formatting } from '../format/choose';
import type { RunResult } from '../plan/run';

export function runJson(result: RunResult, artifacts: RunArtifacts[], meta: { outDir: string; wrote: boolean; version: string; formatting?: Formatting }): string {
  const doc = {
    version: 1,
    canonize: meta.version,
    outDir: meta.outDir,
    wrote: meta.wrote,
    filesRead: result.filesRead,
    elapsedMs: Math.round(result.elapsedMs),
    issues: result.issues.map((issue) => {
      const listing = artifacts.find((a) => a.issue === issue.id);
      return {
        id: issue.id,
        title: issue.title,
        position: issue.position,
        appliesAfter: issue.after,
        migrations: issue.migrations,
        filesChanged: issue.changes.map((c) => c.path).sort(),
        references: issue.rewrites.length,
        violationsBefore: issue.violationsBefore,
        violationsAfter: issue.violationsAfter,
        rewrites: issue.rewrites.map(({ path, line, column, kind, from, to, target, transform }) => ({ path, line, column, kind, from, to, target, transform })),
        manual: issue.manual.map(({ path, line, column, specifier, target, reason, transform }) => ({ path, line, column, specifier, target, reason, transform })),
        notes: issue.notes,
        shims: issue.shims.map(({ path, deleted, reason }) => ({ path, deleted, reason })),
        filesDeleted: issue.changes.filter((c) => c.after === null).map((c) => c.path).sort(),
        failures: issue.failures,
        stats: issue.stats,
        reports: issue.reports,
        proof: issue.proof ? { typescript: issue.proof.typescript, bindings: issue.proof.bindings, exportLists: issue.proof.exportLists, replaced: issue.proof.replaced, notCompared: issue.proof.notCompared, blocked: issue.proof.blocked, intended: issue.proof.intended } : null,
        patches: listing?.patches ?? [],
        summaries: listing?.summaries ?? [],
        parts: listing?.parts ?? [],
      };
    }),
    skipped: result.skipped,
    failures: result.failures,
    ...(meta.formatting ? { formatting: meta.formatting } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
