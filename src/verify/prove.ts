/**
 * The proof in every run: after planning, for each issue in order, TypeScript's checker reads every file the
 * issue changes twice, as it was before the issue and as the issue leaves it, each time in a program over
 * those files and the modules their bindings and exports lead to (src/verify/closure.ts). Every import and
 * re-export binding must resolve to the same declaration, every reference to a whole module must reach a
 * module with the same exports, and every changed module must export the same names with the same meaning.
 * A file that differs is blocked: its change is taken out of this issue and of the later ones, and listed
 * with the difference. Files the issue deletes or creates are not compared (a deleted shim's names live on in
 * its target). When no file changes, nothing is loaded.
 */
import type * as TS from 'typescript';
import type { IssueResult, RunResult } from '../plan/run';
import type { ModuleResolver } from '../resolve/resolver';
import { Programs, SourceFileCache, groupByProject, programOptions, typescriptVersion } from '../typescript/program';
import { programFor } from './closure';
import { compareReadings, type Difference } from './compare';
import { MeaningReader } from './meaning';
import { blockFile } from './block';
import { CUSTOM_REWRITE } from '../custom/migration';

/** What the proof found for one issue. */
export interface IssueProof {
  /** The TypeScript version that checked it ("5.9"). */
  typescript: string;
  /** Bindings (imports, re-exports, whole-module references) in the changed files that mean what they meant. */
  bindings: number;
  /** Changed modules whose export list is the same, name for name and meaning for meaning. */
  exportLists: number;
  /** Bindings not compared: unresolved before and after, or removed or renamed by the migration. */
  notCompared: number;
  /** Files whose change was taken out, with what differed (repository-relative paths). */
  blocked: Array<{ path: string; differences: Difference[] }>;
  /**
   * Files a user's jscodeshift transform changed (in part) whose meaning differs: the change is the transform's
   * intent, so it stays, listed with what differed for the reviewer (src/custom/).
   */
  intended: Array<{ path: string; differences: Difference[] }>;
  /** Wall time of the proof for this issue. */
  elapsedMs: number;
}

/** Proves every issue of the run in order, blocking what differs; records `proof` on each issue. */
export function proveRun(result: RunResult, resolver: ModuleResolver): void {
  const ts = require('typescript') as typeof TS;
  const cache = new SourceFileCache();
  // Texts before the issue being proven: a file absent here is as on disk.
  const before = new Map<string, string | null>();
  result.issues.forEach((issue, i) => {
    const started = performance.now();
    const proof: IssueProof = { typescript: typescriptVersion(), bindings: 0, exportLists: 0, notCompared: 0, blocked: [], intended: [], elapsedMs: 0 };
    for (;;) {
      const found = proveIssue({ issue, before, resolver, cache, ts, root: result.repoRoot });
      if (found.blocked.length === 0) {
        Object.assign(proof, { bindings: found.bindings, exportLists: found.exportLists, notCompared: found.notCompared, intended: found.intended });
        break;
      }
      // Blocking changes the after texts of other files' modules: prove the rest again.
      for (const b of found.blocked) {
        blockFile({ result, issue: i, file: b.file, resolver, textBefore: (f) => before.get(f) });
        proof.blocked.push({ path: b.path, differences: b.differences });
      }
    }
    for (const change of issue.changes) before.set(change.file, change.after);
    proof.elapsedMs = performance.now() - started;
    issue.proof = proof;
  });
}

interface IssueFindings {
  bindings: number;
  exportLists: number;
  notCompared: number;
  blocked: Array<{ file: string; path: string; differences: Difference[] }>;
  intended: IssueProof['intended'];
}

function proveIssue(args: { issue: IssueResult; before: Map<string, string | null>; resolver: ModuleResolver; cache: SourceFileCache; ts: typeof TS; root: string }): IssueFindings {
  const { issue, before, cache, ts, root } = args;
  const findings: IssueFindings = { bindings: 0, exportLists: 0, notCompared: 0, blocked: [], intended: [] };
  const checked = issue.changes.filter((c) => c.after !== null && !c.created);
  if (checked.length === 0) return findings;
  const after = new Map(before);
  for (const change of issue.changes) after.set(change.file, change.after);
  for (const group of groupByProject(args.resolver, checked.map((c) => c.file))) {
    const options = programOptions(group.options, 'bindings');
    const readerOf = (texts: Map<string, string | null>) => {
      const programs = new Programs({ textOf: (f) => texts.get(f), options, cache });
      return new MeaningReader(programFor(programs, group.files, ts), ts, root);
    };
    const was = readerOf(before);
    const now = readerOf(after);
    for (const file of group.files) {
      const a = was.read(file);
      const b = now.read(file);
      if (!a || !b) continue;
      const comparison = compareReadings(a, b);
      findings.bindings += comparison.bindings;
      findings.notCompared += comparison.notCompared;
      if (comparison.exportList === true) findings.exportLists++;
      if (comparison.differences.length > 0) {
        const path = issue.changes.find((c) => c.file === file)!.path;
        if (issue.rewrites.some((r) => r.path === path && r.kind === CUSTOM_REWRITE)) findings.intended.push({ path, differences: comparison.differences });
        else findings.blocked.push({ file, path, differences: comparison.differences });
      }
    }
  }
  return findings;
}
