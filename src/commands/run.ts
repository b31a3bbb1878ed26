/**
 * `canonize run` as a function: config -> plan -> reports -> (guard -> write). Returns what happened; the
 * CLI prints it and picks the exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertCleanForWrite } from '../apply/guard';
import { writeArtifacts, writeSources } from '../apply/write';
import { loadConfig } from '../config/load';
import { planRun, type IssueResult, type RunResult } from '../plan/run';
import { buildPatch } from '../report/patch';
import { ModuleResolver } from '../resolve/resolver';
import { proveRun } from '../verify/prove';
import { CODEOWNERS_LOCATIONS, parseSplitRule, partOf, splitIssue, type SplitRule } from '../report/split';
import { issueSummary, type SummaryContext } from '../report/summary';

export interface RunOptions {
  /** Absolute files or folders to restrict the run to. */
  paths: string[];
  /** The paths as the user typed them, for the summary's reproduce command. */
  pathArgs: string[];
  /** Absolute config file. */
  configFile: string;
  /** The config as the user typed it (`undefined`: the default). */
  configArg: string | undefined;
  issueIds: string[];
  write: boolean;
  allowDirty: boolean;
  /** Absolute output folder. */
  outDir: string;
  /** The output folder as shown to the user. */
  outLabel: string;
  /** `codeowners`, `dir` or `dir:<depth>`: write one patch and summary per part instead of per issue. */
  splitBy?: string;
  /** Called as files are planned, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Prove that every change keeps meaning, and block what does not (src/verify/). Default `true`. */
  verify?: boolean;
}

/** What a run wrote into the out folder, per issue. */
export interface RunArtifacts {
  issue: string;
  /** File names inside the out folder. */
  patches: string[];
  summaries: string[];
  parts: Array<{ key: string; label: string; owners: string[]; files: string[]; patch: string; summary: string }>;
}

/** Plans, writes the reports and, with `write`, the sources. */
export async function run(options: RunOptions, signal?: AbortSignal): Promise<{ result: RunResult; artifacts: RunArtifacts[] }> {
  const config = loadConfig(options.configFile);
  const result = await planRun({ config, paths: options.paths, issueIds: options.issueIds, skipDirs: [options.outDir], signal, onProgress: options.onProgress });
  if (options.verify !== false) proveRun(result, { resolver: new ModuleResolver({ tsconfigs: config.tsconfigs, rootDir: config.rootDir }), rootDir: config.rootDir });
  const rule = options.splitBy === undefined ? undefined : parseSplitRule(options.splitBy, () => readCodeowners(result.repoRoot));
  const sources = finalContents(result);
  if (options.write) {
    assertCleanForWrite({ repoRoot: result.repoRoot, inGit: result.inGit, files: sources.map((s) => s.file), allowDirty: options.allowDirty });
  }
  const context = { run: result, outDir: options.outLabel, configArg: options.configArg, pathArgs: options.pathArgs };
  const artifacts = result.issues.map((issue) => (rule ? splitArtifacts(issue, rule, context, result) : wholeArtifacts(issue, context)));
  writeArtifacts(
    options.outDir,
    artifacts.flatMap((a) => a.files),
  );
  if (options.write) await writeSources(sources, signal);
  return { result, artifacts: artifacts.map((a) => a.listing) };
}

interface IssueArtifacts {
  files: Array<{ name: string; content: string }>;
  listing: RunArtifacts;
}

function wholeArtifacts(issue: IssueResult, context: SummaryContext): IssueArtifacts {
  const patch = `${issue.id}.patch`;
  const summary = `${issue.id}.md`;
  return {
    files: [
      { name: patch, content: buildPatch(issue.changes) },
      { name: summary, content: issueSummary(issue, context) },
    ],
    listing: { issue: issue.id, patches: [patch], summaries: [summary], parts: [] },
  };
}

/** One patch and summary per part; an issue with no change gets only its summary, saying so. */
function splitArtifacts(issue: IssueResult, rule: SplitRule, context: SummaryContext, result: RunResult): IssueArtifacts {
  const parts = splitIssue(issue, rule);
  if (parts.length === 0) {
    return { files: [{ name: `${issue.id}.md`, content: issueSummary(issue, context) }], listing: { issue: issue.id, patches: [], summaries: [`${issue.id}.md`], parts: [] } };
  }
  const earlierIssues = result.issues.filter((i) => issue.after.includes(i.id));
  const files: IssueArtifacts['files'] = [];
  const listing: RunArtifacts = { issue: issue.id, patches: [], summaries: [], parts: [] };
  for (const { part, issue: partIssue } of parts) {
    const earlier = earlierIssues.filter((i) => i.changes.some((c) => partOf(c.path, rule).key === part.key)).map((i) => `${i.id}.${part.key}.patch`);
    const patch = `${issue.id}.${part.key}.patch`;
    const summary = `${issue.id}.${part.key}.md`;
    files.push({ name: patch, content: buildPatch(partIssue.changes) }, { name: summary, content: issueSummary(partIssue, { ...context, part: { part, earlier } }) });
    listing.patches.push(patch);
    listing.summaries.push(summary);
    listing.parts.push({ ...part, files: partIssue.changes.map((c) => c.path), patch, summary });
  }
  return { files, listing };
}

/** The CODEOWNERS file where GitHub looks for it, first found wins. */
function readCodeowners(repoRoot: string): { file: string; text: string } | undefined {
  for (const location of CODEOWNERS_LOCATIONS) {
    const file = path.join(repoRoot, location);
    if (fs.existsSync(file)) return { file, text: fs.readFileSync(file, 'utf8') };
  }
  return undefined;
}

/** The last issue's text for every file any issue changed, in path order. */
function finalContents(result: RunResult): Array<{ file: string; content: string | null }> {
  const last = new Map<string, string | null>();
  for (const issue of result.issues) for (const change of issue.changes) last.set(change.file, change.after);
  return [...last.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([file, content]) => ({ file, content: content }));
}

