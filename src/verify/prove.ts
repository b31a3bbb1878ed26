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
import { loadTypescript } from '../typescript/load';
import type { IssueResult, RunResult } from '../plan/run';
import * as path from 'node:path';
import type { ModuleResolver } from '../resolve/resolver';
import type { Replacement } from '../transform';
import { parseAsInProgram, Programs, SourceFileCache, groupByProject, programOptions, typescriptVersion } from '../typescript/program';
import { programFor, Untouched } from './closure';
import { compareReadings, type Accepts, type Difference } from './compare';
import { locationOf, MeaningReader, parseMeaning } from './meaning';
import { moduleChanges, witnessOfTexts, type ResolveText, type RespeltWitness } from './spelling';
import { equivalentModules, pairKey } from './equivalent';
import type { RespeltAhead } from './respelt-pool';
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
  /**
   * Bindings and exports that now stand for the declaration the config puts in place of theirs: a diverged
   * copy's, or an old package's, replaced as `Migration.replaces` says.
   */
  replaced: number;
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
export async function proveRun(result: RunResult, context: { resolver: ModuleResolver; rootDir: string; ahead?: RespeltAhead }): Promise<void> {
  const { resolver, ahead } = context;
  ahead?.flush();
  const ts = loadTypescript();
  const cache = new SourceFileCache();
  // Texts before the issue being proven (`null`: absent); a file not here is as on disk.
  const before = new Map<string, string | null>();
  for (const [i, issue] of result.issues.entries()) {
    const started = performance.now();
    const proof: IssueProof = { typescript: typescriptVersion(), bindings: 0, exportLists: 0, replaced: 0, notCompared: 0, blocked: [], intended: [], elapsedMs: 0 };
    const accepts = acceptsFor(issue.replaces, { resolver, rootDir: context.rootDir, root: result.repoRoot });
    // The run holds each file's text before its first change: the proof need not read it again.
    for (const change of issue.changes) if (!before.has(change.file)) before.set(change.file, change.created ? null : change.before);
    for (;;) {
      const found = await proveIssue({ issue, position: i, before, resolver, cache, ts, root: result.repoRoot, accepts, ahead });
      if (found.blocked.length === 0) {
        Object.assign(proof, { bindings: found.bindings, exportLists: found.exportLists, replaced: found.replaced, notCompared: found.notCompared, intended: found.intended });
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
  }
}

/** Files aligned between two looks at the pool's answers (see {@link proveIssue}). */
const YIELD_EVERY = 32;

interface IssueFindings {
  bindings: number;
  replaced: number;
  exportLists: number;
  notCompared: number;
  blocked: Array<{ file: string; path: string; differences: Difference[] }>;
  intended: IssueProof['intended'];
}

async function proveIssue(args: {
  issue: IssueResult;
  position: number;
  before: Map<string, string | null>;
  resolver: ModuleResolver;
  cache: SourceFileCache;
  ts: typeof TS;
  root: string;
  accepts: Accepts;
  ahead: RespeltAhead | undefined;
}): Promise<IssueFindings> {
  const { issue, before, cache, ts, root } = args;
  const findings: IssueFindings = { bindings: 0, replaced: 0, exportLists: 0, notCompared: 0, blocked: [], intended: [] };
  const checked = issue.changes.filter((c) => c.after !== null && !c.created);
  if (checked.length === 0) return findings;
  const after = new Map(before);
  for (const change of issue.changes) after.set(change.file, change.after);
  const changed = new Set(issue.changes.map((c) => c.file));
  for (const group of groupByProject(args.resolver, checked.map((c) => c.file))) {
    const options = programOptions(group.options, 'bindings');
    const wasPrograms = new Programs({ textOf: (f) => before.get(f), options, cache });
    const nowPrograms = new Programs({ textOf: (f) => after.get(f), options, cache });
    // First the files whose specifiers were only respelt, to the same modules or to modules that export the
    // same (./equivalent.ts): proven without the checker reading them. Their old texts were parsed and
    // aligned on the pool's threads while the run planned, else here.
    const rest: string[] = [];
    const resolvedWas: ResolveText = (f, text, mode) => wasPrograms.resolveText(f, text, mode)?.file;
    const resolvedNow: ResolveText = (f, text, mode) => nowPrograms.resolveText(f, text, mode)?.file;
    /** Counts a file proven without the checker, and forgets its parse (a file left to the checker keeps it). */
    const proven = (file: string, witness: RespeltWitness, parsed: TS.SourceFile | undefined) => {
      findings.bindings += witness.bindings;
      if (witness.module) findings.exportLists++;
      // Done with: on a spelling clean-up this is every changed file, and the checker never reads it.
      if (parsed) cache.forget(file, parsed.text);
    };
    /** Files whose specifiers were only respelt, some of them to other modules: proven once those modules are compared. */
    const moved: Array<{ file: string; witness: RespeltWitness; pairs: Array<[string, string]>; parsed: TS.SourceFile | undefined }> = [];
    const proveRespelt = async (file: string) => {
      const b = after.get(file);
      const a = wasPrograms.text(file);
      const sent = a !== undefined && typeof b === 'string' ? await args.ahead?.witness(args.position, file, a, b) : undefined;
      // Made on a thread that read the module format from disk: used only where this view agrees.
      const found = sent && sent.format !== wasPrograms.impliedNodeFormat(file) ? undefined : sent;
      // Parsed whole, it is the very parse the checker would use (and is forgotten once proven).
      let parsed: TS.SourceFile | undefined;
      const whole = () => (parsed = wasPrograms.sourceFile(file));
      const parse = (text: string) => parseAsInProgram(file, text, options, wasPrograms.impliedNodeFormat(file));
      const witness = found ?? (a !== undefined && typeof b === 'string' ? witnessOfTexts({ before: a, after: b, parse, whole, options, ts }) : undefined);
      const pairs = witness && moduleChanges(file, witness, resolvedWas, resolvedNow);
      if (!pairs) rest.push(file);
      else if (pairs.length > 0) moved.push({ file, witness: witness!, pairs, parsed });
      else proven(file, witness!, parsed);
    };
    // Files whose witness a thread is making now are proven last; meanwhile this thread aligns the files no
    // thread has taken (claiming their batches), and lets the pool's answers in (and new batches out) as it goes.
    const later: string[] = [];
    let done = 0;
    for (const file of group.files) {
      if (args.ahead?.busy(args.position, file)) later.push(file);
      else await proveRespelt(file);
      if (++done % YIELD_EVERY === 0 && args.ahead) await new Promise(setImmediate);
    }
    for (const file of later) await proveRespelt(file);
    if (moved.length > 0) {
      const pairs = new Map(moved.flatMap((m) => m.pairs).map((p) => [pairKey(p), p]));
      const equivalent = equivalentModules({ pairs: [...pairs.values()], was: wasPrograms, now: nowPrograms, root, ts });
      for (const m of moved) {
        if (m.pairs.every((p) => equivalent.has(pairKey(p)))) proven(m.file, m.witness, m.parsed);
        else rest.push(m.file);
      }
    }
    if (rest.length === 0) continue;
    // In the order of the files, however the work was shared.
    const order = new Map(group.files.map((f, i) => [f, i]));
    rest.sort((x, y) => order.get(x)! - order.get(y)!);
    const untouched = new Untouched({ was: wasPrograms, now: nowPrograms }, changed, ts);
    const readerOf = (self: Programs, other: Programs) => {
      const { program, unchanged } = programFor({ self, other }, rest, untouched, ts);
      return new MeaningReader(program, ts, root, (source, literal) => {
        const kept = unchanged.get(literal);
        if (kept !== undefined) return { location: locationOf(kept, root), kind: 'unchanged' };
        const target = self.resolve(program, source, literal);
        return target?.external ? { location: locationOf(target.file, root), kind: 'package' } : undefined;
      });
    };
    const was = readerOf(wasPrograms, nowPrograms);
    const now = readerOf(nowPrograms, wasPrograms);
    for (const file of rest) {
      const a = was.read(file);
      const b = now.read(file);
      if (!a || !b) continue;
      const comparison = compareReadings(a, b, args.accepts);
      findings.bindings += comparison.bindings;
      findings.replaced += comparison.replaced;
      findings.notCompared += comparison.notCompared;
      if (comparison.exportList === true) findings.exportLists++;
      if (comparison.differences.length > 0) {
        const rel = issue.changes.find((c) => c.file === file)!.path;
        if (issue.rewrites.some((r) => r.path === rel && r.kind === CUSTOM_REWRITE)) findings.intended.push({ path: rel, differences: comparison.differences });
        else findings.blocked.push({ file, path: rel, differences: comparison.differences });
      }
    }
  }
  return findings;
}

/**
 * Accepts a meaning that changed from a declaration of a module the issue replaces (`from` itself declares
 * it) to the export of the same name (or the renamed one) of its replacement, of the same kind.
 */
function acceptsFor(replaces: Replacement[], context: { resolver: ModuleResolver; rootDir: string; root: string }): Accepts {
  if (replaces.length === 0) return () => false;
  const where = (key: string): ((location: string) => boolean) => {
    if (!key.startsWith('package:')) {
      const own = locationOf(key, context.root);
      return (location) => location === own;
    }
    const name = key.slice('package:'.length);
    // A package name may be a tsconfig alias of a project file.
    const aliased = context.resolver.resolve(name, path.join(context.rootDir, '__canonize__.ts'));
    const file = aliased === undefined ? undefined : locationOf(aliased, context.root);
    return (location) => location.startsWith(`node_modules/${name}/`) || location === file;
  };
  const rules = replaces.map((r) => ({ from: where(r.from), to: where(r.to), names: r.names }));
  return (was, now) => {
    const a = parseMeaning(was);
    const b = parseMeaning(now);
    if (!a || !b || a.kinds !== b.kinds) return false;
    return rules.some((r) => r.from(a.location) && r.to(b.location) && (r.names ? r.names[a.name] === b.name : a.name === b.name));
  };
}
