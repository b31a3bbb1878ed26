/**
 * How a project spells its imports, measured rather than guessed: for each candidate style, how many of the
 * project's references it would rewrite; the proposal is the style that rewrites the fewest. Measured per
 * area, because one project holds several habits:
 * - each tree with its own tsconfig is measured on its own references (an Nx library, a Cypress folder);
 * - a folder whose files use no alias at run time today (Cypress specs, e2e tests, scripts run by Node:
 *   their runtime knows no alias) keeps relative specifiers when that rewrites fewer of its references;
 * - a folder that imports its own tree relatively, `../` included (`hooks/queries/x.ts` importing
 *   `../useApi`), keeps that with `relativeWithin` when it rewrites fewer of its references;
 * - a file written in another style throughout (a package's `src/index.ts` naming 80 modules through the
 *   alias) keeps it: rewriting some of its lines would leave it half one way, half the other.
 * Every style spells a reference one of two ways (relative, or through the most specific alias), so each
 * reference is spelled twice, whatever the number of styles.
 */
import * as path from 'node:path';
import { firstContaining, isInside, toPosix } from '../files/paths';
import { isIndexFile } from '../resolve/extensions';
import type { ModuleResolver } from '../resolve/resolver';
import { SPELLING_STYLES, usesAlias, type CanonicalSpellingRequest, type SpellingStyleName } from '../resolve/spelling';
import type { GraphReference, ImportGraph } from './scan';

/** A spelling rule: what canonical-specifiers' `style`, `extension` and `index` options say. */
export interface SpellingRule {
  style: SpellingStyleName;
  extension: CanonicalSpellingRequest['extension'];
  index: CanonicalSpellingRequest['index'];
  /** With `relative-below`: the folder (absolute) whose whole tree is reached relatively. */
  within?: string;
}

/** Per candidate style, how many references it would rewrite. */
export type StyleCounts = Record<SpellingStyleName, number>;

/** An area that keeps a rule of its own. */
export interface AreaRule {
  /** The area's folder, relative to the root (forward slashes). */
  folder: string;
  rule: SpellingRule;
  /** Why it differs, for a reader: "its own tsconfig" or "its files use no alias at run time". */
  why: string;
  /** The override's `relativeWithin`: the area's folder, when its files reach its whole tree relatively. */
  relativeWithin?: string;
  /** The area is one file (`folder` names it): a file written in one habit throughout keeps it. */
  file?: true;
  /** References from the area's files, and how many the project's rule and the area's rule would rewrite. */
  references: number;
  rewritesUnderProjectRule: number;
  rewrites: number;
}

export interface StylePlan {
  /** The project's rule: what most of it already does. */
  rule: SpellingRule;
  /** References measured (to project files, not through jest's moduleNameMapper). */
  references: number;
  /** Per style, how many of those references the project's rule would rewrite (areas measured apart). */
  counts: StyleCounts;
  /** Areas with a rule of their own, deepest first. */
  areas: AreaRule[];
  /** The rule for a file: its area's, else the project's. */
  ruleFor(file: string): SpellingRule;
  /** The reference's canonical spelling under its file's rule; `undefined` when no spelling reaches its target. */
  canonicalOf(ref: GraphReference): string | undefined;
}

export interface StyleContext {
  graph: ImportGraph;
  resolver: ModuleResolver;
  rootDir: string;
}

const INDEX_SPECIFIER = /(^|\/)index(\.\w+)?$/;

/** Measures the project's spelling habits and the areas that keep their own. */
export function measureStyle(ctx: StyleContext): StylePlan {
  const refs = ctx.graph.references.filter((r) => r.target !== undefined && !r.jestPattern);
  const spell = spellings(ctx.resolver);

  // Areas: the folder of each tsconfig that decides resolution, and the top folders below it.
  const configDirOf = new Map<string, string>();
  const configDir = (file: string) => {
    const dir = path.dirname(file);
    let hit = configDirOf.get(dir);
    if (hit === undefined) {
      const config = ctx.resolver.compilerOptionsFor(file).configPath;
      hit = config ? path.dirname(config) : ctx.rootDir;
      configDirOf.set(dir, hit);
    }
    return hit;
  };
  const byConfig = groupBy(refs, (r) => configDir(r.from));
  const mainDir = mostReferenced(byConfig, ctx.rootDir);

  // A folder's verdict counts every reference from inside it, whichever tsconfig decides it: an Nx app's
  // `eslint.config.cjs` (no tsconfig includes it) must not make `apps/` a no-alias folder around the apps.
  const topOf = perFile((file) => topFolder(ctx.rootDir, file));
  const byTop = groupBy(refs, (r) => topOf(r.from));
  const noAliasFolders = new Map<string, GraphReference[]>();
  for (const [dir, list] of byConfig) {
    for (const folder of new Set(list.map((r) => topFolder(dir, r.from)))) {
      if (folder === undefined || noAliasFolders.has(folder)) continue;
      const inFolder = (byTop.get(topFolder(ctx.rootDir, folder) ?? folder) ?? []).filter((r) => isInside(folder, r.from));
      if (!usesAliasAtRunTime(ctx.resolver, inFolder)) noAliasFolders.set(folder, inFolder);
    }
  }
  const noAliasList = [...noAliasFolders.keys()];
  const noAliasFolderOf = firstContaining(noAliasList, (f) => f);
  const inNoAliasFolder = perFile((file) => noAliasFolderOf(file) !== undefined);

  const measured = refs.filter((r) => !inNoAliasFolder(r.from));
  const projectRule = bestRule(measured, spell, undefined);
  const areas: AreaRule[] = [];
  const rel = (dir: string) => toPosix(path.relative(ctx.rootDir, dir));

  // Trees with their own tsconfig: measured on their own.
  const configRules = new Map<string, SpellingRule>();
  for (const [dir, list] of byConfig) {
    if (dir === mainDir || !isInside(ctx.rootDir, dir) || dir === ctx.rootDir) continue;
    const own = list.filter((r) => !inNoAliasFolder(r.from));
    const noAlias = !usesAliasAtRunTime(ctx.resolver, own);
    const rule: SpellingRule = noAlias ? { ...majorityHabits(own), style: 'relative' } : bestRule(own, spell, projectRule.rule).rule;
    const why = noAlias ? 'a tree with its own tsconfig whose files use no alias at run time' : 'a tree with its own tsconfig, measured on its own';
    const area = areaRule({ folder: rel(dir), refs: own, rule, projectRule: projectRule.rule, spell, why });
    if (area) (areas.push(area), configRules.set(dir, area.rule));
  }

  // Folders whose files use no alias at run time: relative, where that rewrites fewer of their references.
  for (const [folder, list] of noAliasFolders) {
    const inherited = configRules.get(configDir(list[0]!.from)) ?? projectRule.rule;
    const area = areaRule({ folder: rel(folder), refs: list, rule: { ...majorityHabits(list), style: 'relative' }, projectRule: inherited, spell, why: 'its files use no alias at run time' });
    if (area) areas.push({ ...area, rewritesUnderProjectRule: countRewrites(list, spell, projectRule.rule) });
  }

  // Folders that import their own tree relatively, `../` included: of nested candidates, the one that
  // rewrites the fewest references of the outermost (the deepest on a tie, the smaller change of rule).
  const trees = relativeTrees(refs, ctx.resolver, configDir, [...noAliasFolders.keys()]);
  // A tree is outermost when no other tree holds its folder (looked up through its folders above it).
  const treeAbove = firstContaining(trees, (t) => t);
  const outers = trees.filter((t) => path.dirname(t) === t || treeAbove(path.dirname(t)) === undefined);
  // Outermost trees do not nest: each file, and each tree, lies in at most one, so one pass groups each.
  const outerOfFile = firstContaining(outers, (o) => o);
  const outerOf = perFile((file) => outerOfFile(file));
  const byOuter = groupBy(refs, (r) => outerOf(r.from));
  const treesByOuter = groupBy(trees, (t) => outerOfFile(t));
  for (const outer of outers) {
    const list = byOuter.get(outer) ?? [];
    const inherited = configRules.get(configDir(list[0]!.from)) ?? projectRule.rule;
    const options = (treesByOuter.get(outer) ?? [])
      .map((folder) => {
        const rule: SpellingRule = { ...inherited, style: 'relative-below', within: folder };
        const inside = list.filter((r) => isInside(folder, r.from));
        return { folder, rule, inside, rewrites: countRewrites(inside, spell, rule) + countRewrites(list.filter((r) => !isInside(folder, r.from)), spell, inherited) };
      })
      .sort((a, b) => a.rewrites - b.rewrites || b.folder.length - a.folder.length);
    const best = options[0]!;
    const area = areaRule({ folder: rel(best.folder), refs: best.inside, rule: best.rule, projectRule: inherited, spell, why: "its files import the folder's own tree relatively, '../' included" });
    if (area) areas.push({ ...area, relativeWithin: rel(best.folder) });
  }

  areas.sort((a, b) => b.folder.split('/').length - a.folder.split('/').length || a.folder.localeCompare(b.folder));
  const areaDirs = areas.map((a) => ({ dir: path.resolve(ctx.rootDir, a.folder), rule: a.rule }));
  const areaOf = firstContaining(areaDirs, (a) => a.dir);
  const inArea = (file: string) => areaOf(file)?.rule;
  areas.unshift(...consistentFiles(byFile(refs), spell, (file) => inArea(file) ?? projectRule.rule).map((a) => ({ ...a, folder: rel(a.folder) })));
  const absolute = areas.map((a) => ({ dir: path.resolve(ctx.rootDir, a.folder), rule: a.rule }));
  const absoluteOf = firstContaining(absolute, (a) => a.dir);
  const ruleFor = perFile((file) => absoluteOf(file)?.rule ?? projectRule.rule);
  return {
    rule: projectRule.rule,
    references: refs.length,
    counts: projectRule.counts,
    areas,
    ruleFor,
    canonicalOf: (ref) => {
      const rule = ruleFor(ref.from);
      return spell(ref, rule, usesAlias(rule.style, ref.from, ref.target!, rule.within));
    },
  };
}

/** `fn` of a file, computed once per file: the measurement asks it of every reference, many per file. */
function perFile<T>(fn: (file: string) => T): (file: string) => T {
  const memo = new Map<string, T>();
  return (file) => {
    if (memo.has(file)) return memo.get(file)!;
    const value = fn(file);
    memo.set(file, value);
    return value;
  };
}

/** Two spellings per reference (relative, alias-or-relative), whatever the number of styles measured. */
type Spell = (ref: GraphReference, rule: Pick<SpellingRule, 'extension' | 'index'>, alias: boolean) => string | undefined;

/**
 * Spellings kept per reference and habits: the project's rule, each area's rules, each file's styles and the
 * findings ask for the same reference's spelling several times, and a lookup by the reference itself costs
 * far less than the resolver's (a key built of the folder and the target's path).
 */
function spellings(resolver: ModuleResolver): Spell {
  const memo = new Map<string, Map<GraphReference, string | null>>();
  // The rules and habits asked with are a few objects, each asked millions of times at 50,000 files: their
  // memos are found by the object, not by a key string made per call.
  const byHabits = [new WeakMap<object, Map<GraphReference, string | null>>(), new WeakMap<object, Map<GraphReference, string | null>>()];
  return (ref, habits, alias) => {
    let byRef = byHabits[alias ? 1 : 0]!.get(habits);
    if (!byRef) {
      const key = `${habits.extension} ${habits.index} ${alias}`;
      byRef = memo.get(key);
      if (!byRef) memo.set(key, (byRef = new Map()));
      byHabits[alias ? 1 : 0]!.set(habits, byRef);
    }
    let hit = byRef.get(ref);
    if (hit === undefined) {
      hit = resolver.spellCanonical({ fromFile: ref.from, target: ref.target!, style: alias ? 'alias' : 'relative', extension: habits.extension, index: habits.index }) ?? null;
      byRef.set(ref, hit);
    }
    return hit ?? undefined;
  };
}

/** How many references a rule would rewrite (a spelling that reaches nothing leaves a reference as written). */
function countRewrites(refs: GraphReference[], spell: Spell, rule: SpellingRule): number {
  let n = 0;
  for (const ref of refs) {
    const spelled = spell(ref, rule, usesAlias(rule.style, ref.from, ref.target!, rule.within));
    if (spelled !== undefined && spelled !== ref.specifier) n++;
  }
  return n;
}

/**
 * The extension and index habits most references follow, then the style that rewrites the fewest; ties go
 * to `prefer`, then in the order of SPELLING_STYLES. Where no alias reaches any target, every style spells
 * the same: `relative` says so.
 */
function bestRule(refs: GraphReference[], spell: Spell, prefer: SpellingRule | undefined): { rule: SpellingRule; counts: StyleCounts } {
  const habits = majorityHabits(refs);
  const counts = Object.fromEntries(SPELLING_STYLES.map((s) => [s, 0])) as StyleCounts;
  let aliasReaches = false;
  for (const ref of refs) {
    const relative = spell(ref, habits, false);
    const alias = spell(ref, habits, true);
    if (alias !== relative) aliasReaches = true;
    for (const style of SPELLING_STYLES) {
      const spelled = usesAlias(style, ref.from, ref.target!) ? alias : relative;
      if (spelled !== undefined && spelled !== ref.specifier) counts[style]++;
    }
  }
  const order = [...(prefer ? [prefer.style] : []), ...SPELLING_STYLES];
  const style = aliasReaches ? order.reduce((best, s) => (counts[s] < counts[best] ? s : best)) : 'relative';
  return { rule: { style, ...habits }, counts };
}

/** An area's rule when it differs from the rule it would otherwise get and rewrites fewer of its references. */
function areaRule(args: { folder: string; refs: GraphReference[]; rule: SpellingRule; projectRule: SpellingRule; spell: Spell; why: string }): AreaRule | undefined {
  const { rule, projectRule } = args;
  if (rule.style === projectRule.style && rule.extension === projectRule.extension && rule.index === projectRule.index && rule.within === projectRule.within) return undefined;
  const rewrites = countRewrites(args.refs, args.spell, rule);
  const rewritesUnderProjectRule = countRewrites(args.refs, args.spell, projectRule);
  if (rewrites >= rewritesUnderProjectRule) return undefined;
  return { folder: args.folder, rule, why: args.why, references: args.refs.length, rewritesUnderProjectRule, rewrites };
}

const FILE_STYLES: SpellingStyleName[] = ['alias', 'relative', 'relative-below', 'alias-outside-folder'];

/** A file with at least this many references, all in one style its area's rule would rewrite, keeps it. */
const MIN_CONSISTENT_FILE = 5;

/**
 * Files whose references all follow one style (no rewrite under it) where the area's rule would rewrite at
 * least MIN_CONSISTENT_FILE of them: each keeps its style.
 */
function consistentFiles(files: Map<string, GraphReference[]>, spell: Spell, inherited: (file: string) => SpellingRule): AreaRule[] {
  const out: AreaRule[] = [];
  for (const [file, list] of files) {
    if (list.length < MIN_CONSISTENT_FILE) continue;
    const rule = inherited(file);
    const under = countRewrites(list, spell, rule);
    if (under < MIN_CONSISTENT_FILE) continue;
    // The plainest name first: a file written through the alias throughout is `alias`, not `alias-outside-folder`.
    const own = FILE_STYLES.map((style) => ({ ...rule, style, within: undefined })).find((r) => countRewrites(list, spell, r) === 0);
    if (own) out.push({ folder: file, file: true, rule: own, why: 'the file is written in this style throughout', references: list.length, rewritesUnderProjectRule: under, rewrites: 0 });
  }
  return out.sort((a, b) => a.folder.localeCompare(b.folder));
}

function byFile(refs: GraphReference[]): Map<string, GraphReference[]> {
  return groupBy(refs, (r) => r.from);
}

/** At least this many references reach up through `../` inside a folder before it counts as a habit. */
const MIN_RELATIVE_TREE = 3;

/**
 * Folders (below their tsconfig's folder, outside the no-alias folders) whose files reach the folder's own
 * tree through `../` more often than through an alias.
 */
function relativeTrees(refs: GraphReference[], resolver: ModuleResolver, configDir: (file: string) => string, skip: string[]): string[] {
  const counts = new Map<string, { relative: number; alias: number }>();
  for (const ref of refs) {
    const fromDir = path.dirname(ref.from);
    if (isInside(fromDir, ref.target!) || skip.some((f) => isInside(f, ref.from))) continue;
    const kind = resolver.styleOf(ref.specifier, ref.from).kind;
    if (kind === 'bare') continue;
    const root = configDir(ref.from);
    for (let dir = commonFolder(fromDir, path.dirname(ref.target!)); dir !== root && isInside(root, dir); dir = path.dirname(dir)) {
      const c = counts.get(dir) ?? { relative: 0, alias: 0 };
      kind === 'relative' ? c.relative++ : c.alias++;
      counts.set(dir, c);
    }
  }
  return [...counts]
    .filter(([, c]) => c.relative >= MIN_RELATIVE_TREE && c.relative > c.alias)
    .map(([dir]) => dir)
    .sort();
}

/** The deepest folder holding both. */
function commonFolder(a: string, b: string): string {
  let dir = a;
  while (!isInside(dir, b) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The extension and index habits most references follow. */
function majorityHabits(refs: GraphReference[]): Pick<SpellingRule, 'extension' | 'index'> {
  const ext = { none: 0, js: 0, ts: 0 };
  let folder = 0;
  let named = 0;
  for (const ref of refs) {
    const extension = /\.[mc]?jsx?$/.test(ref.specifier) ? 'js' : /\.[mc]?tsx?$/.test(ref.specifier) ? 'ts' : 'none';
    ext[extension]++;
    if (isIndexFile(ref.target!)) INDEX_SPECIFIER.test(ref.specifier) ? named++ : folder++;
  }
  const extension = (Object.entries(ext) as Array<[SpellingRule['extension'], number]>).sort((a, b) => b[1] - a[1])[0]![0];
  return { extension, index: named > folder ? 'add' : 'drop' };
}

/** Whether any reference that survives to run time is spelled through an alias or baseUrl. */
function usesAliasAtRunTime(resolver: ModuleResolver, refs: GraphReference[]): boolean {
  return refs.some((r) => !r.typeOnly && ['alias', 'baseUrl'].includes(resolver.styleOf(r.specifier, r.from).kind));
}

/** The first folder below `dir` that holds `file`, absolute; `undefined` for a file directly in `dir`. */
function topFolder(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file);
  const first = rel.split(path.sep)[0]!;
  return first === rel || first === '..' ? undefined : path.join(dir, first);
}

/** The tsconfig folder with the most references: the project's main tree. */
function mostReferenced(byConfig: Map<string, GraphReference[]>, fallback: string): string {
  let best = fallback;
  let most = -1;
  for (const [dir, list] of byConfig) if (list.length > most) (best = dir, (most = list.length));
  return best;
}

function groupBy<K, V>(items: V[], key: (item: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
