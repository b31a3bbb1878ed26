/**
 * `canonize run` as a function: config -> (lock) -> plan -> (guard) -> sources and reports, all or nothing.
 * Returns what happened; the CLI prints it and picks the exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertCleanForWrite } from '../apply/guard';
import { takeWriteLock } from '../apply/lock';
import { checkOutDir, outputWrites } from '../apply/out-dir';
import { applyWrites, type PlannedWrite } from '../apply/transaction';
import { CONFIG_NAMES } from '../config/find';
import { loadConfig, type CanonizeConfig } from '../config/load';
import { gitRoot as findGitRoot } from '../files/git';
import { formatChanges } from '../format/changes';
import { chooseFormatter, formatterHint, type Formatting } from '../format/choose';
import type { FormatterChoice } from '../format/detect';
import { inclusion } from '../files/list';
import { isInside, relativeTo } from '../files/paths';
import { adHocConfig, adHocRerun, asAdHocError, type AdHocRun } from '../custom/adhoc';
import { ConfigError, ConfigErrors } from '../errors';
import { planRun, type FileChange, type IssueResult, type RunResult } from '../plan/run';
import { buildPatch } from '../report/patch';
import { ModuleResolver } from '../resolve/resolver';
import { proveRun } from '../verify/prove';
import { RespeltAhead } from '../verify/respelt-pool';
import { CODEOWNERS_LOCATIONS, parseSplitRule, partOf, splitIssue, type SplitRule } from '../report/split';
import { issueSummary, type SummaryContext } from '../report/summary';

/** The output folder when `--out` is not given, beside the config whichever folder the command runs in. */
export const DEFAULT_OUT = 'canonize-out';

export interface RunOptions {
  /** Absolute files or folders to restrict the run to. */
  paths: string[];
  /** Absolute config file; an ad hoc run may have none. */
  configFile?: string;
  issueIds: string[];
  write: boolean;
  allowDirty: boolean;
  /** Absolute output folder; default {@link DEFAULT_OUT} in the config's folder. */
  outDir?: string;
  /** `codeowners`, `dir` or `dir:<depth>`: write one patch and summary per part instead of per issue. */
  splitBy?: string;
  /** Called as files are planned, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Prove that every change keeps meaning, and block what does not (src/verify/). Default `true`. */
  verify?: boolean;
  /** Run the project's formatter on the changed files before the proof, patches and writes (`--formatter`). */
  formatter?: FormatterChoice;
  /**
   * An ad hoc run (`--transform`): this jscodeshift transform with these options (`flags` as typed) is the
   * run's one issue; the config, when `configFile` names one, only selects the files.
   */
  adHoc?: AdHocRun;
}

/** What a run wrote into the out folder, per issue. */
export interface RunArtifacts {
  issue: string;
  /** File names inside the out folder. */
  patches: string[];
  summaries: string[];
  parts: Array<{ key: string; label: string; owners: string[]; files: string[]; patch: string; summary: string }>;
}

/** What the writes did besides writing: things the user should hear about. */
export interface RunApplied {
  /** The output folder (absolute). */
  outDir: string;
  /** Source files their owner could not write, replaced all the same with their mode kept (repository-relative). */
  readOnly: string[];
  /** Backup files that could not be removed after the writes succeeded (absolute). */
  leftovers: string[];
}

/**
 * Plans, then writes the sources (with `write`) and the reports in one all-or-nothing step. With `write`,
 * the whole run holds the working tree's write lock.
 */
export async function run(options: RunOptions, signal?: AbortSignal): Promise<{ result: RunResult; artifacts: RunArtifacts[]; applied: RunApplied; formatting: Formatting | undefined }> {
  const { adHoc } = options;
  const config = adHoc ? adHocConfig({ ...adHoc, base: options.configFile === undefined ? undefined : loadConfig(options.configFile) }) : loadConfig(options.configFile!);
  const lock = options.write ? await takeWriteLock(config.rootDir) : undefined;
  try {
    return await planAndApply(config, options, signal);
  } finally {
    await lock?.release();
  }
}

async function planAndApply(config: CanonizeConfig, options: RunOptions, signal?: AbortSignal) {
  const outDir = options.outDir ?? path.join(config.rootDir, DEFAULT_OUT);
  const gitRoot = findGitRoot(config.rootDir);
  checkOutDir({
    outDir,
    label: shown(outDir, gitRoot ?? config.rootDir),
    projectDirs: [config.rootDir, ...(gitRoot ? [gitRoot] : [])],
    gitRoot,
    isIncluded: inclusion(config),
  });
  // Chosen before planning: a formatter that is not installed is refused before anything is read.
  const where = { rootDir: config.rootDir, repoRoot: gitRoot ?? config.rootDir };
  const chosen = options.formatter ? chooseFormatter(options.formatter, where) : undefined;
  // The proof's resolver, made on first use: it loads TypeScript, which must not delay the reading thread's
  // start (planRun starts it first). With it, the proof's first step starts on other threads while the run plans.
  let proofResolver: ModuleResolver | undefined;
  const resolverForProof = () => (proofResolver ??= new ModuleResolver({ tsconfigs: config.tsconfigs, rootDir: config.rootDir }));
  const ahead = options.verify !== false ? RespeltAhead.open(resolverForProof) : undefined;
  let result: RunResult;
  let formatting: Awaited<ReturnType<typeof formatStep>>['formatting'];
  try {
    const planned = await planRun({ config, paths: options.paths, issueIds: options.issueIds, skipDirs: [outDir], signal, onProgress: options.onProgress, onChange: ahead && ((issue, change) => ahead.record(issue, change)), onRead: ahead && ((left) => ahead.filesRead(left)) }).catch((error: unknown) => {
      throw options.adHoc && (error instanceof ConfigErrors || error instanceof ConfigError) ? asAdHocError(error, options.adHoc.transform) : error;
    });
    // Formatted before the proof, so what is proven is what the patches and --write hold.
    ({ result, formatting } = await formatStep(planned, options.formatter, chosen, where));
    if (options.verify !== false) await proveRun(result, { resolver: resolverForProof(), rootDir: config.rootDir, ahead });
  } finally {
    await ahead?.close();
  }
  const rule = options.splitBy === undefined ? undefined : parseSplitRule(options.splitBy, () => readCodeowners(result.repoRoot));
  const sources = options.write ? finalContents(result) : [];
  if (options.write) {
    assertCleanForWrite({ repoRoot: result.repoRoot, inGit: result.inGit, files: sources.map((s) => s.file), allowDirty: options.allowDirty });
  }
  const context = { ...reproduceContext(result, config, options, outDir), formatting, formatterArg: options.formatter };
  // Hunks the proof's pool made while the run planned, for the texts it was sent.
  const patchOf = (issue: IssueResult) => (changes: FileChange[]) => buildPatch(changes, ahead && ((c) => ahead.hunks(issue.position - 1, c.file, c.before, c.after)));
  const artifacts = result.issues.map((issue) => (rule ? splitArtifacts(issue, rule, context, result, patchOf(issue)) : wholeArtifacts(issue, context, patchOf(issue))));
  // Sources first, then the reports: the reports describe a tree that exists.
  const outcome = await applyWrites([...sources, ...outputWrites(outDir, artifacts.flatMap((a) => a.files))], {
    signal,
    label: (file) => shown(file, result.repoRoot),
  });
  return {
    result,
    artifacts: artifacts.map((a) => a.listing),
    applied: { outDir, readOnly: outcome.readOnly.filter((f) => !isInside(outDir, f)).map((f) => relativeTo(result.repoRoot, f)), leftovers: outcome.leftovers },
    formatting,
  };
}

/** The planned texts through the chosen formatter; without `--formatter`, the formatter config found. */
async function formatStep(
  planned: RunResult,
  choice: FormatterChoice | undefined,
  chosen: ReturnType<typeof chooseFormatter>,
  where: { rootDir: string; repoRoot: string },
): Promise<{ result: RunResult; formatting: Formatting | undefined }> {
  if (chosen) {
    const { result, report } = await formatChanges(planned, chosen.formatter, chosen.config);
    return { result, formatting: { kind: 'formatted', report } };
  }
  if (choice === 'auto') return { result: planned, formatting: { kind: 'none-found' } };
  const changed = planned.issues.some((i) => i.changes.length > 0);
  const hint = changed ? formatterHint(where) : undefined;
  return { result: planned, formatting: hint ? { kind: 'hint', hint } : undefined };
}

/** A path as messages show it: relative to `root` when below it, else absolute. */
function shown(file: string, root: string): string {
  return isInside(root, file) ? relativeTo(root, file) || '.' : file;
}

/**
 * The summary's "Reproduce and apply" commands, run from the repository root (where patch paths start):
 * the output folder, the config (when discovery from the root would not find it) and the paths, all
 * relative to the root.
 */
function reproduceContext(result: RunResult, config: CanonizeConfig, options: RunOptions, outDir: string): SummaryContext {
  const root = result.repoRoot;
  const atRoot = CONFIG_NAMES.some((name) => config.file === path.join(root, name));
  const context = {
    run: result,
    outDir: shown(outDir, root),
    configArg: atRoot ? undefined : shown(config.file, root),
    pathArgs: options.paths.map((p) => shown(p, root)),
  };
  const adHoc = options.adHoc && { ...options.adHoc, module: config.issues[0]!.migrations[0]!.module! };
  return adHoc ? { ...context, rerun: adHocRerun(adHoc, { configArg: options.configFile === undefined ? undefined : shown(config.file, root), pathArgs: context.pathArgs, shown: (file) => shown(file, root) }) } : context;
}

interface IssueArtifacts {
  files: Array<{ name: string; content: string }>;
  listing: RunArtifacts;
}

/** An issue's patch of some of its changes. */
type PatchOf = (changes: FileChange[]) => string;

function wholeArtifacts(issue: IssueResult, context: SummaryContext, patchOf: PatchOf): IssueArtifacts {
  const patch = `${issue.id}.patch`;
  const summary = `${issue.id}.md`;
  return {
    files: [
      { name: patch, content: patchOf(issue.changes) },
      { name: summary, content: issueSummary(issue, context) },
    ],
    listing: { issue: issue.id, patches: [patch], summaries: [summary], parts: [] },
  };
}

/** One patch and summary per part; an issue with no change gets only its summary, saying so. */
function splitArtifacts(issue: IssueResult, rule: SplitRule, context: SummaryContext, result: RunResult, patchOf: PatchOf): IssueArtifacts {
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
    files.push({ name: patch, content: patchOf(partIssue.changes) }, { name: summary, content: issueSummary(partIssue, { ...context, part: { part, earlier } }) });
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

/**
 * The last issue's text for every file any issue changed, in path order, each to be written only if the
 * file still holds the text the first issue planned from (or, for a file the run creates, does not exist).
 */
function finalContents(result: RunResult): PlannedWrite[] {
  const writes = new Map<string, PlannedWrite>();
  for (const issue of result.issues) {
    for (const change of issue.changes) {
      const first = writes.get(change.file);
      writes.set(change.file, { file: change.file, content: change.after, expected: first ? first.expected : change.created ? null : change.before });
    }
  }
  return [...writes.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}
