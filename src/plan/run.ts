/**
 * Planning a run: per issue (in config order), per file, the transform pipeline. Pure apart from reading
 * files: nothing is written here; the result holds `(before, after)` pairs and counts for the reports.
 */
import { checkingGlobs, configGlobs } from '../config/globs';
import type { CanonizeConfig, IssueConfig } from '../config/load';
import { ConfigError, ConfigErrors, ParseError, UsageError } from '../errors';
import { yieldToSignals } from '../signals';
import { checkPaths, selectFiles, type FileSelectionRequest } from '../files/list';
import { unionOf, type Prefilter } from '../files/prefilter';
import { startScan, type Candidate, type Scan } from '../files/scan';
import { planAhead } from '../custom/ahead';
import { changedSince, gitFilesNamed, gitRoot as findGitRoot, repositoryFiles } from '../files/git';
import { relativeTo } from '../files/paths';
import { migrationFor } from '../registry';
import { ModuleResolver } from '../resolve/resolver';
import { MANIFEST_NAMES } from '../resolve/manifests';
import type { ManualItem, NamedModule, Note, Replacement, Rewrite } from '../transform';
import { judgeShims, type ShimVerdict } from './shims';
import { shimCandidates, withholdForFailures } from './failures';
import { finishIssues } from './finish';
import { issueTexts } from './issue-texts';
import { fastSpecifiers, planningWith } from '../syntax/specifiers';
import { RunTexts, type IssuePlan, type PreparedMigration } from './texts';
import type { IssueProof } from '../verify/prove';

export interface RunRequest {
  config: CanonizeConfig;
  /** Absolute files or folders to restrict the run to; empty: every included file. */
  paths: string[];
  /** Issue ids to run; empty: all, in config order. */
  issueIds: string[];
  /** Folders never read (the output folder). */
  skipDirs?: string[];
  /** Stops planning between files (Ctrl-C); nothing has been written at that point. */
  signal?: AbortSignal;
  /** Only files changed since this git ref (committed, staged, unstaged or untracked). */
  since?: string;
  /**
   * `false`: do not re-plan changed files to measure what is left (`violationsAfter` then counts only what
   * was left for a human); `check` reports violations before any rewrite and skips this. Default `true`.
   */
  countAfter?: boolean;
  /**
   * `true` (check): every issue, and every migration of an issue, plans from the file as it is, so each
   * violation is found at its real position and names text the file holds (`violationsOf` then counts a
   * reference once, under the first issue that flags it). Default `false`: each issue plans from the text
   * the issues before it left, as their patches apply one on top of the other.
   */
  asIs?: boolean;
  /** Called every slice of files and at the end, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called with each change as a file's plan is recorded (`issue`: its position in the run), for work that
   * can start before planning ends (the proof's, see src/verify/respelt-pool.ts). Changes made after
   * planning (created modules, deleted shims) are not reported.
   */
  onChange?: (issue: number, change: FileChange) => void;
  /**
   * Called once every file has been read (the reading thread's core is free from then on), at the latest when
   * planning ends, with the number of files read and not planned yet.
   */
  onRead?: (left: number) => void;
  /**
   * `false`: skip the migrations' run-wide `finish` step (`check` counts per-file violations and needs
   * neither its edits nor its proof). Default `true`.
   */
  finish?: boolean;
}

/** A file the run did not read, and why (symbolic link, binary, too large). */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** One file an issue changes. `path` is relative to the repository root, with forward slashes. */
export interface FileChange {
  file: string;
  path: string;
  before: string;
  /** `null`: the issue deletes the file (an unused shim). */
  after: string | null;
  /** The issue creates the file (`before` is empty). */
  created?: boolean;
}

/** A file that could not be processed, where and why. */
export interface FileFailure {
  path: string;
  line: number;
  column: number;
  reason: string;
}

export interface MigrationSummary {
  transform: string;
  description: string[];
}

export interface IssueResult {
  id: string;
  title: string;
  /** 1-based position among the issues of this run. */
  position: number;
  /** Issues of this run applied before this one. */
  after: string[];
  migrations: MigrationSummary[];
  changes: FileChange[];
  /** With the transform and its index among the issue's migrations. */
  rewrites: Array<Rewrite & { path: string; transform: string; migration: number }>;
  manual: Array<ManualItem & { path: string; transform: string; migration: number }>;
  violationsBefore: number;
  violationsAfter: number;
  /** Per file (repository-relative path), where there were or are violations: so parts can be counted. */
  violationsByFile: Record<string, { before: number; after: number }>;
  failures: FileFailure[];
  /** Notes for the reviewer (e.g. a symbol imported under its old name). */
  notes: Array<Note & { path: string }>;
  /** Moved-from modules still referenced after this issue: module key => repository-relative paths. */
  retained: Map<string, Set<string>>;
  /** What happened to each shim this issue may delete. */
  shims: ShimVerdict[];
  /** Files a migration of this issue may have turned into pure re-exports (absolute). */
  deletable: Set<string>;
  /** Modules this issue's migrations replace with others on purpose (see `Migration.replaces`). */
  replaces: Replacement[];
  /** jscodeshift transforms' `api.stats` calls, summed per migration and name (also for files left unchanged). */
  stats: Array<{ transform: string; migration: number; name: string; count: number }>;
  /** jscodeshift transforms' `api.report` messages, per file, in file order. */
  reports: Array<{ path: string; transform: string; migration: number; message: string }>;
  /** Markdown the migrations' `finish` adds to the summary (what was proven, what was kept and why). */
  report: string[];
  /** What the proof after planning found (`undefined`: not run, `--no-verify`). See src/verify/prove.ts. */
  proof?: IssueProof;
}

export interface RunResult {
  /** Patch paths are relative to this: the git root, else the config's folder. */
  repoRoot: string;
  inGit: boolean;
  filesRead: number;
  issues: IssueResult[];
  /** Every file that failed, once. */
  failures: FileFailure[];
  skipped: SkippedFile[];
  elapsedMs: number;
}

/**
 * Validates the issue selection and prepares every migration; throws before any source file is planned.
 * Each migration reads other modules through `texts` (by default a run that plans nothing: the disk).
 */
export function prepareRun(request: RunRequest, texts?: RunTexts): { issues: IssueConfig[]; prepared: PreparedMigration[][]; resolver: ModuleResolver; texts: RunTexts } {
  const { config } = request;
  const issues = selectIssues(request);
  const resolver = new ModuleResolver({ tsconfigs: config.tsconfigs, rootDir: config.rootDir });
  const run = texts ?? new RunTexts({ inRun: () => false, filter: () => undefined, maxFileSize: config.maxFileSize });
  const errors: ConfigError[] = [];
  const prepared = issues.map((issue, i) =>
    issue.migrations.flatMap((m) => {
      const migration = migrationFor(m);
      const env = { rootDir: config.rootDir, resolver, configFile: config.file, readModule: run.readerForNextStep(), holds: run.holderForNextStep(), ...(run.listsFiles ? { files: () => run.files(), repositoryFiles: () => run.repositoryFiles() } : {}) };
      try {
        const step = { transform: m.transform, migration, prepared: migration.prepare(m.options, env, `${m.at}.options`), issue: i };
        run.steps.push(step);
        return [step];
      } catch (error) {
        if (error instanceof ConfigErrors) errors.push(...error.errors);
        else if (error instanceof ConfigError) errors.push(error);
        else throw error;
        return [];
      }
    }),
  );
  if (errors.length === 0) errors.push(...conflictingMoves(prepared.flat(), config.file));
  if (errors.length > 0) throw new ConfigErrors(errors);
  return { issues, prepared, resolver, texts: run };
}

/** The issues a run asks for, in config order; throws `UsageError` for an id the config does not define. */
function selectIssues(request: RunRequest): IssueConfig[] {
  const { config } = request;
  const known = config.issues.map((i) => i.id);
  const unknown = request.issueIds.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`unknown issue ${unknown.map((u) => JSON.stringify(u)).join(', ')}; the config defines ${known.map((k) => JSON.stringify(k)).join(', ')}`);
  }
  return config.issues.filter((i) => request.issueIds.length === 0 || request.issueIds.includes(i.id));
}

/** A migration that points references at a module an earlier migration moved away would undo it. */
function conflictingMoves(pipeline: PreparedMigration[], configFile: string): ConfigError[] {
  const errors: ConfigError[] = [];
  const retired = new Map<string, NamedModule>();
  for (const step of pipeline) {
    const named = step.migration.modules?.(step.prepared);
    if (!named) continue;
    for (const target of named.introduced) {
      const earlier = retired.get(target.key);
      if (earlier) {
        errors.push(new ConfigError(configFile, target.at, `expected a module no earlier migration moves away, found ${JSON.stringify(target.label)}, which ${earlier.at} moves away; a second run would move these references again`));
      }
    }
    for (const r of named.retired) if (!retired.has(r.key)) retired.set(r.key, r);
  }
  return errors;
}

function requireGit(gitRoot: string | undefined, flag: string): string {
  if (gitRoot === undefined) throw new UsageError(`${flag} needs a git repository, and the config's folder is not in one`);
  return gitRoot;
}

/** Files are planned in slices; between slices a signal can stop the run. */
const SLICE = 256;

/** Files whose custom transforms may be planned ahead at once, waiting to be recorded in order. */
const PLANNED_AHEAD = 64;

/** Plans the whole run. */
export async function planRun(request: RunRequest): Promise<RunResult> {
  const started = performance.now();
  const { config } = request;
  selectIssues(request);
  const gitRoot = findGitRoot(config.rootDir);
  const selection = {
    rootDir: config.rootDir,
    include: config.include,
    exclude: config.exclude,
    gitRoot,
    paths: request.paths,
    skipDirs: request.skipDirs ?? [],
    only: request.since === undefined ? undefined : changedSince(requireGit(gitRoot, '--since'), request.since),
  };
  checkPaths(selection);
  // Files are listed and read (on another thread where it can) while TypeScript loads and the migrations
  // are prepared; only files some migration's filter lets through come back.
  const scan = startScan({ selection, maxFileSize: config.maxFileSize });
  try {
    return await planScanned(request, scan, { started, gitRoot, selection });
  } finally {
    scan.cancel();
  }
}

/** Prepares the migrations and plans each file the scan hands over, in order; then the run-wide passes. */
async function planScanned(request: RunRequest, scan: Scan, context: { started: number; gitRoot: string | undefined; selection: FileSelectionRequest }): Promise<RunResult> {
  const { config } = request;
  const { gitRoot } = context;
  const repoRoot = gitRoot ?? config.rootDir;
  // Whether a file is planned: the scan's listing once it is there (a migration's prepare may read a module
  // before it is), else the same selection listed here.
  let selected: Set<string> | undefined;
  let repository: readonly string[] | undefined;
  let filter: Prefilter | undefined;
  const texts = new RunTexts({
    inRun: (file) => (selected ??= new Set(scan.files() ?? selectFiles(context.selection).files)).has(file),
    files: () => [...(selected ??= new Set(scan.files() ?? selectFiles(context.selection).files))],
    repositoryFiles: () => (repository ??= repositoryFiles(gitRoot) ?? [...(selected ??= new Set(scan.files() ?? selectFiles(context.selection).files))]),
    filter: () => filter,
    maxFileSize: config.maxFileSize,
    asIs: request.asIs,
  });
  const { issues, prepared, resolver } = prepareRun(request, texts);
  const results: IssueResult[] = issues.map((issue, i) => ({
    id: issue.id,
    title: issue.title,
    position: i + 1,
    after: issues.slice(0, i).map((x) => x.id),
    migrations: prepared[i]!.map((p) => ({ transform: p.transform, description: p.migration.describe(p.prepared) })),
    changes: [],
    rewrites: [],
    manual: [],
    violationsBefore: 0,
    violationsAfter: 0,
    violationsByFile: {},
    failures: [],
    notes: [],
    retained: new Map(),
    shims: [],
    deletable: new Set(),
    replaces: prepared[i]!.flatMap((p) => p.migration.replaces?.(p.prepared) ?? []),
    stats: [],
    reports: [],
    report: [],
  }));
  const failures = new Map<string, FileFailure>();
  /** Per issue, the files that failed and their text before it: what they reference must not be deleted. */
  const failedTexts = results.map(() => new Map<string, { rel: string; text: string }>());
  filter = unionOf(prepared.flat().map((p) => p.migration.prefilter?.(p.prepared)));
  let planned = 0;
  // The specifiers the reading thread listed, and those of the texts made from them, are known while the
  // file is planned and measured again (src/syntax/specifiers.ts).
  // A changed text is planned again to count what is left, and by the next issue unless each plans the file
  // as it is (check does neither).
  const replans = (request.countAfter ?? true) || !request.asIs;
  // Migrations that plan from specifiers have them listed on the reading thread, as the files are read, or
  // here, once, for the files it handed over as read (src/files/scan.ts) or where there is no such thread.
  const specifiers = prepared.flat().some((p) => p.migration.listsSpecifiers === true);
  const listed = (candidate: Candidate) => candidate.specifiers ?? (specifiers ? fastSpecifiers(candidate.text, candidate.file) : undefined);
  const planCandidate = (candidate: Candidate) => planningWith(candidate.file, candidate.text, listed(candidate), () => planAndRecord(candidate), replans);
  const planAndRecord = (candidate: Candidate) => {
    const { file } = candidate;
    const rel = relativeTo(repoRoot, file);
    const plans = texts.planAll(file, candidate.text);
    // A file that failed after its new text went on to the next issues fails there too: their changes
    // start from a text that is never written.
    let failedAfterChange: FileFailure | undefined;
    results.forEach((result, i) => {
      const failure = failedAfterChange
        ? { ...failedAfterChange, reason: `not planned: an earlier issue could not process this file (${failedAfterChange.reason})` }
        : recordFile({ file, rel, plan: plans[i]!, pipeline: prepared[i]!, result, countAfter: request.countAfter ?? true, onChange: request.onChange && ((change) => request.onChange!(i, change)) });
      if (failure) {
        const plan = plans[i]!;
        // (Planning each issue on the file as it is, no issue builds on another's text.)
        if (!request.asIs && !failedAfterChange && 'after' in plan && plan.after !== plan.before) failedAfterChange = failure;
        result.failures.push(failure);
        failedTexts[i]!.set(file, { rel, text: plan.before });
        if (!failures.has(rel)) failures.set(rel, failure);
      }
    });
  };
  // Custom (jscodeshift) transforms are planned ahead as files arrive, maybe on a worker pool, while the
  // files before them are recorded in order (see src/custom/ahead.ts).
  const ahead = planAhead(texts, { countAfter: request.countAfter ?? true });
  const waiting: Array<{ candidate: Candidate; ready: Promise<void> }> = [];
  const recordNext = async () => {
    const { candidate, ready } = waiting.shift()!;
    await ready;
    planCandidate(candidate);
    ahead!.release(candidate.file);
  };
  let read = false;
  try {
    for await (const candidate of checkingGlobs(scan, configGlobs(config, prepared.flat()), config).candidates(filter, request.signal, { specifiers })) {
      const left = read ? undefined : scan.waiting();
      if (left !== undefined) {
        read = true;
        request.onRead?.(left + 1);
      }
      if (++planned % SLICE === 0) {
        request.onProgress?.(candidate.index, scan.files()!.length);
        await yieldToSignals(request.signal, `interrupted while planning, after ${candidate.index} of ${scan.files()!.length} files; nothing was written`);
      }
      if (!ahead) {
        planCandidate(candidate);
        continue;
      }
      waiting.push({ candidate, ready: ahead.plan(candidate.file, candidate.text) });
      while (waiting.length > PLANNED_AHEAD) await recordNext();
    }
    while (waiting.length > 0) await recordNext();
  } finally {
    await ahead?.close();
  }
  if (!read) request.onRead?.(0);
  const { filesRead, skipped, unreadable } = scan.summary();
  // A file nobody could read may hold references of any issue: it fails for each, never silently.
  for (const u of unreadable) {
    const failure: FileFailure = { path: relativeTo(repoRoot, u.file), line: 1, column: 1, reason: u.reason };
    for (const result of results) result.failures.push(failure);
    if (!failures.has(failure.path)) failures.set(failure.path, failure);
  }
  // Listed before the first candidate; with none at all, once the scan ended.
  const files = scan.files()!;
  request.onProgress?.(files.length, files.length);
  results.forEach((result, i) => withholdForFailures({ result, failed: failedTexts[i]!, candidates: shimCandidates(prepared[i]!, result) }));
  deleteShims({ results, prepared, files, repoRoot, gitRoot, resolver, maxFileSize: config.maxFileSize });
  if (request.finish !== false) finishIssues({ results, prepared, files, repoRoot, maxFileSize: config.maxFileSize });
  return {
    repoRoot,
    inGit: gitRoot !== undefined,
    filesRead,
    issues: results,
    failures: [...failures.values()],
    skipped: skipped.map((s) => ({ path: relativeTo(repoRoot, s.file), reason: s.reason })),
    elapsedMs: performance.now() - context.started,
  };
}

/**
 * Records what one issue's pipeline did to one file (planned by {@link RunTexts}) in `result`, and measures
 * what is left. Returns the failure, if the pipeline or the measurement threw.
 */
function recordFile(args: { file: string; rel: string; plan: IssuePlan; pipeline: PreparedMigration[]; result: IssueResult; countAfter: boolean; onChange?: (change: FileChange) => void }): FileFailure | undefined {
  const { file, rel, plan, pipeline, result } = args;
  if ('error' in plan) return toFailure(plan.error, rel);
  const source = plan.after;
  const rewrites: IssueResult['rewrites'] = [];
  const manual: IssueResult['manual'] = [];
  const notes: IssueResult['notes'] = [];
  const retained: string[] = [];
  plan.outcomes.forEach((outcome, migration) => {
    const step = pipeline[migration]!;
    // Object.assign, not a spread: V8 (Node 20) gives each `{ ...r, path }` a hidden class of its own (a heap
    // snapshot of the spelling check at 10,000 files held 20,000 of them), each made and later collected.
    rewrites.push(...outcome.rewrites.map((r) => Object.assign({}, r, { path: rel, transform: step.transform, migration })));
    manual.push(...outcome.manual.map((m) => Object.assign({}, m, { path: rel, transform: step.transform, migration })));
    notes.push(...(outcome.notes ?? []).map((n) => Object.assign({}, n, { path: rel })));
    retained.push(...(outcome.retained ?? []));
    // A jscodeshift transform's stats and reports count whatever became of the file.
    for (const [name, count] of Object.entries(outcome.stats ?? {})) addStat(result.stats, { transform: step.transform, migration, name, count });
    result.reports.push(...(outcome.reports ?? []).map((message) => ({ path: rel, transform: step.transform, migration, message })));
  });
  const deletable = plan.outcomes.some((outcome) => outcome.deletable);
  const before = countViolations(rewrites) + manual.length;
  let after = manual.length;
  if (source !== plan.before && args.countAfter) {
    // Measured, not assumed: what the same pipeline still finds in the new text.
    after = 0;
    try {
      let again = source;
      for (const step of pipeline) {
        const outcome = step.migration.plan({ path: file, source: again }, step.prepared);
        after += countViolations(outcome.rewrites) + outcome.manual.length;
        again = outcome.source ?? again;
      }
    } catch (error) {
      // The new text cannot be planned again: it is never in a patch nor written, and what it had is left.
      result.violationsBefore += before;
      result.violationsAfter += before;
      if (before > 0) result.violationsByFile[rel] = { before, after: before };
      return toFailure(error, rel);
    }
  }
  result.rewrites.push(...rewrites);
  result.manual.push(...manual);
  result.notes.push(...notes);
  for (const key of retained) result.retained.set(key, (result.retained.get(key) ?? new Set()).add(rel));
  if (source !== plan.before) {
    const change = { file, path: rel, before: plan.before, after: source };
    result.changes.push(change);
    args.onChange?.(change);
  }
  if (deletable) result.deletable.add(file);
  result.violationsBefore += before;
  result.violationsAfter += after;
  if (before > 0 || after > 0) result.violationsByFile[rel] = { before, after };
  return undefined;
}

/**
 * After every file is planned: each issue's unused shims become deletions. A shim's text is what the issues
 * before it left (or the file on disk).
 */
function deleteShims(args: {
  results: IssueResult[];
  prepared: PreparedMigration[][];
  files: string[];
  repoRoot: string;
  gitRoot: string | undefined;
  resolver: ModuleResolver;
  maxFileSize: number;
}): void {
  const { results, prepared, repoRoot, resolver, maxFileSize } = args;
  let included: Set<string> | undefined;
  let tracked: string[] | undefined;
  results.forEach((result, i) => {
    // A module a migration creates (a scaffolded canonical client) only when some change of the issue uses it.
    const created = result.changes.length > 0 ? prepared[i]!.flatMap((step) => step.migration.creates?.(step.prepared) ?? []) : [];
    for (const c of created) {
      result.changes.push({ file: c.file, path: relativeTo(repoRoot, c.file), before: '', after: c.content, created: true });
    }
    const declared = prepared[i]!.flatMap((step) => step.migration.shims?.(step.prepared) ?? []);
    const candidates = [...declared, ...[...result.deletable].filter((f) => !declared.some((d) => d.file === f)).map((file) => ({ file }))];
    if (candidates.length === 0) return;
    included ??= new Set(args.files);
    tracked ??= args.gitRoot ? gitFilesNamed(args.gitRoot, MANIFEST_NAMES) : undefined;
    const texts = issueTexts(results, i, maxFileSize);
    const textBefore = (file: string) => texts.before(file) ?? undefined;
    result.shims = judgeShims(candidates, { repoRoot, resolver, included, textOf: (file) => texts.after(file) ?? undefined, retained: result.retained, tracked, maxFileSize });
    // Undecidable files (not a shim after all) drop out quietly; declared candidates are always listed.
    result.shims = result.shims.filter((v) => v.deleted || declared.some((d) => d.file === v.file));
    for (const verdict of result.shims.filter((v) => v.deleted)) {
      const own = result.changes.find((c) => c.file === verdict.file);
      if (own) own.after = null;
      else result.changes.push({ file: verdict.file, path: verdict.path, before: textBefore(verdict.file)!, after: null });
      // What was left for a human in a deleted file is fixed by the deletion.
      for (const m of result.manual.filter((x) => x.path === verdict.path)) {
        result.rewrites.push({ kind: 'deleted-with-file', line: m.line, column: m.column, from: m.specifier, to: '(file deleted)', target: m.target, path: m.path, transform: m.transform, migration: m.migration });
      }
      result.manual = result.manual.filter((m) => m.path !== verdict.path);
      const counts = result.violationsByFile[verdict.path];
      if (counts) {
        result.violationsAfter -= counts.after;
        counts.after = 0;
      }
    }
  });
}

/** Adds one file's count of a stat to the issue's total (one entry per migration and name, in order of first use). */
function addStat(totals: IssueResult['stats'], stat: IssueResult['stats'][number]): void {
  const total = totals.find((t) => t.migration === stat.migration && t.name === stat.name);
  if (total) total.count += stat.count;
  else totals.push({ ...stat });
}

/** Rewrites that are violations themselves (not the follow-on edits a transform marks `violation: false`). */
function countViolations(rewrites: Rewrite[]): number {
  return rewrites.filter((r) => r.violation !== false).length;
}

function toFailure(error: unknown, rel: string): FileFailure {
  if (error instanceof ParseError) return { path: rel, line: error.line, column: error.column, reason: `cannot parse: ${error.reason}` };
  const message = error instanceof Error ? error.message : String(error);
  return { path: rel, line: 1, column: 1, reason: `the transform failed: ${message}` };
}
