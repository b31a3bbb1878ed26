/**
 * What discover looks for, with no config: modules reached through several spellings, shims still in use,
 * diverged copies, and duplicate ClickHouse clients. Pure over the import graph.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstContaining, toPosix } from '../files/paths';
import { isIndexFile } from '../resolve/extensions';
import type { ModuleResolver } from '../resolve/resolver';
import type { EntryPoints } from './entry-points';
import type { GraphReference, ImportGraph } from './scan';
import { measureStyle, type SpellingRule, type StylePlan } from './style';
import { baseUrlFindings, type BaseUrlFinding } from './baseurl';

import type { Place } from './facts';

export interface SpellingFinding {
  kind: 'spellings';
  module: string;
  references: number;
  spellings: Array<{ specifier: string; style: string; count: number }>;
  /** The rule the project (or the importing files' area) already follows: the one to standardise on. */
  suggestedStyle: string;
  /** How many of the references that rule rewrites: what the proposed one-spelling issue changes. */
  toRewrite: number;
  /** References only jest's `moduleNameMapper` resolves: canonize cannot respell them, a person can. */
  byHand?: number;
}

export interface ShimFinding {
  kind: 'shim';
  module: string;
  references: number;
  /** `marked @deprecated`: a deprecated module that only re-exports (several modules). */
  why: 're-exports only' | 'marked @deprecated';
  /** Modules it re-exports (project files), relative to the root. */
  forwardsTo: string[];
  importers: Place[];
}

/** A module marked `@deprecated` that still holds code of its own: not a shim, its symbols must move. */
export interface DeprecatedFinding {
  kind: 'deprecated';
  module: string;
  references: number;
  importers: Place[];
}

export interface CopyFinding {
  kind: 'copies';
  /** The copy with more importers first. */
  modules: [string, string];
  references: number;
  /** Shared lines over all lines (Dice coefficient over trimmed, non-empty lines), 0..1. */
  similarity: number;
  exports: string[];
  /**
   * The two copies' workspace packages (nearest package.json folders), when they differ: each package builds
   * on its own, so a move from one onto the other would import across packages (TS6059 under a `rootDir`);
   * listed, never proposed.
   */
  packages?: [string, string];
}

export interface ClickHouseFinding {
  kind: 'clickhouse';
  module: string;
  references: number;
  /** Per-connection and web clients are listed (flagged) but never proposed for merging. */
  constructions: Array<Place & { what: string; perConnection?: true; web?: true; unwrapped?: true }>;
  wrappers: Array<Place & { what: string; methods?: Record<string, string>; perConnection?: true }>;
  /** The folder of the package (nearest package.json) the module belongs to, relative to the root ('' at the root). */
  package: string;
  /** The official client the module exports at top level, if it does: a candidate canonical module. */
  client?: string;
}

export type Finding = SpellingFinding | ShimFinding | DeprecatedFinding | CopyFinding | ClickHouseFinding | BaseUrlFinding;

export interface FindingContext {
  graph: ImportGraph;
  resolver: ModuleResolver;
  /** Paths in findings are relative to this. */
  rootDir: string;
  /** Public entry points, never reported as shims; default: none known. */
  entryPoints?: EntryPoints;
}

const rel = (ctx: FindingContext, file: string) => toPosix(path.relative(ctx.rootDir, file));

/** All findings, largest clean-up first (by references involved). */
export function discoverFindings(ctx: FindingContext, plan: StylePlan = measureStyle(ctx)): Finding[] {
  const findings: Finding[] = [...spellingFindings(ctx, plan), ...shimFindings(ctx), ...copyFindings(ctx), ...clickhouseFindings(ctx), ...baseUrlFindings(ctx)];
  return findings.sort((a, b) => b.references - a.references || label(a).localeCompare(label(b)));
}

function label(f: Finding): string {
  return f.kind === 'copies' ? f.modules.join(' ') : f.kind === 'baseurl' ? `${f.kind} ${f.tsconfig}` : `${f.kind} ${f.module}`;
}

/** The spelling style of a reference: alias key, relative, baseUrl; plus extension and index habits. */
function styleOf(ctx: FindingContext, ref: GraphReference): string {
  if (ref.jestPattern) return `jest moduleNameMapper ${ref.jestPattern}`;
  const style = ctx.resolver.styleOf(ref.specifier, ref.from);
  const base = style.kind === 'alias' ? `alias ${style.aliasKey}` : style.kind;
  const ext = style.extension === 'none' ? '' : `, .${style.extension} extension`;
  const index = ref.target && isIndexFile(ref.target) ? (/(^|\/)index(\.\w+)?$/.test(ref.specifier) ? ', /index' : ', folder') : '';
  return `${base}${ext}${index}`;
}

export function describeStyle(rule: SpellingRule): string {
  return `${rule.style}, extension ${rule.extension}, index ${rule.index}`;
}

/** Modules reached through several spelling styles, where some references break the project's rule. */
function spellingFindings(ctx: FindingContext, plan: StylePlan): SpellingFinding[] {
  const out: SpellingFinding[] = [];
  // Per importing file: the area lookup resolves each area's folder, and a file imports many modules.
  const areaTexts = new Map<string, string>();
  const areaOf = (file: string) => {
    let text = areaTexts.get(file);
    if (text === undefined) areaTexts.set(file, (text = areaText(ctx, plan, file)));
    return text;
  };
  for (const [target, refs] of ctx.graph.importers) {
    const styles = new Map<string, number>();
    const spellings = new Map<string, { style: string; count: number }>();
    const rules = new Set<string>();
    let offRule = 0;
    let byHand = 0;
    for (const ref of refs) {
      const style = styleOf(ctx, ref);
      styles.set(style, (styles.get(style) ?? 0) + 1);
      const key = `${ref.specifier}\0${style}`;
      const entry = spellings.get(key) ?? { style, count: 0 };
      entry.count++;
      spellings.set(key, entry);
      // Only TypeScript's resolution is rewritten: a specifier jest alone maps stays as written.
      if (ref.jestPattern) {
        byHand++;
        continue;
      }
      const rule = plan.ruleFor(ref.from);
      rules.add(rule === plan.rule ? '' : areaOf(ref.from));
      const canonical = plan.canonicalOf(ref);
      if (canonical !== undefined && canonical !== ref.specifier) offRule++;
    }
    if (styles.size < 2 || offRule + byHand === 0) continue;
    out.push({
      kind: 'spellings',
      module: rel(ctx, target),
      references: refs.length,
      spellings: [...spellings.entries()].map(([k, v]) => ({ specifier: k.split('\0')[0]!, ...v })).sort((a, b) => b.count - a.count || a.specifier.localeCompare(b.specifier)),
      suggestedStyle: [describeStyle(plan.rule), ...[...rules].filter(Boolean).sort()].join('; '),
      toRewrite: offRule,
      ...(byHand > 0 ? { byHand } : {}),
    });
  }
  return out;
}

/** Per plan, the area that holds a file (the first in the plan's order), looked up by the file's folders. */
const areaLookups = new WeakMap<StylePlan, (file: string) => StylePlan['areas'][number] | undefined>();

/** The rule of the area that holds `file`, for a reader: "in cypress/: relative, extension none, index drop". */
function areaText(ctx: FindingContext, plan: StylePlan, file: string): string {
  let areaOf = areaLookups.get(plan);
  if (!areaOf) areaLookups.set(plan, (areaOf = firstContaining(plan.areas, (a) => path.resolve(ctx.rootDir, a.folder))));
  const area = areaOf(file);
  if (!area) return '';
  const where = area.file ? area.folder : `${area.folder}/`;
  return area.relativeWithin !== undefined ? `in ${where}: relative within it, '../' included` : `in ${where}: ${describeStyle(area.rule)}`;
}

/**
 * Modules that only forward to one other module, or are marked deprecated; public entry points (an index
 * imported by its folder's name, a module a manifest names) re-export on purpose and are left out.
 */
function shimFindings(ctx: FindingContext): Array<ShimFinding | DeprecatedFinding> {
  const out: Array<ShimFinding | DeprecatedFinding> = [];
  for (const [target, refs] of ctx.graph.importers) {
    const facts = ctx.graph.facts.get(target);
    const forwardsTo = [...new Set((ctx.graph.exporters.get(target) ?? []).filter((r) => r.target).map((r) => rel(ctx, r.target!)))].sort();
    // A barrel re-exports several modules on purpose; a shim stands in for exactly one.
    const reexports = forwardsTo.length === 1 && facts?.reexportsOnly === true;
    const deprecated = facts?.deprecated === true;
    if (!reexports && !deprecated) continue;
    const importers = refs.map((r) => ({ path: rel(ctx, r.from), line: r.line }));
    if (deprecated && facts?.reexportsOnly !== true) {
      out.push({ kind: 'deprecated', module: rel(ctx, target), references: refs.length, importers });
      continue;
    }
    if (ctx.entryPoints?.why(target) !== undefined) continue;
    out.push({
      kind: 'shim',
      module: rel(ctx, target),
      references: refs.length,
      why: reexports ? 're-exports only' : 'marked @deprecated',
      forwardsTo,
      importers,
    });
  }
  return out;
}

function similarity(a: string, b: string): number {
  const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//') && !l.startsWith('*') && !l.startsWith('/*'));
  const la = lines(a);
  const lb = lines(b);
  const pool = new Map<string, number>();
  for (const l of la) pool.set(l, (pool.get(l) ?? 0) + 1);
  let common = 0;
  for (const l of lb) {
    const n = pool.get(l) ?? 0;
    if (n > 0) (common++, pool.set(l, n - 1));
  }
  return la.length + lb.length === 0 ? 0 : (2 * common) / (la.length + lb.length);
}

/** Pairs of imported modules that declare the same exports with mostly the same code. */
function copyFindings(ctx: FindingContext, threshold = 0.5): CopyFinding[] {
  const bySignature = new Map<string, string[]>();
  for (const target of ctx.graph.importers.keys()) {
    const names = ctx.graph.facts.get(target)?.exports ?? [];
    if (names.length < 2) continue;
    const key = names.join(',');
    bySignature.set(key, [...(bySignature.get(key) ?? []), target]);
  }
  const out: CopyFinding[] = [];
  for (const [key, files] of bySignature) {
    if (files.length < 2 || files.length > 20) continue;
    // Texts are not kept in memory: a bucket's few files are read again, once each.
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const score = similarity(texts[i]!, texts[j]!);
        if (score < threshold) continue;
        const [a, b] = [files[i]!, files[j]!].sort((x, y) => (ctx.graph.importers.get(y)?.length ?? 0) - (ctx.graph.importers.get(x)?.length ?? 0) || x.localeCompare(y));
        const packages: [string, string] = [packageOf(ctx, a!), packageOf(ctx, b!)];
        out.push({
          kind: 'copies',
          modules: [rel(ctx, a!), rel(ctx, b!)],
          references: (ctx.graph.importers.get(a!)?.length ?? 0) + (ctx.graph.importers.get(b!)?.length ?? 0),
          similarity: Math.round(score * 100) / 100,
          exports: key.split(','),
          ...(packages[0] !== packages[1] ? { packages } : {}),
        });
      }
    }
  }
  return out;
}

function clickhouseFindings(ctx: FindingContext): ClickHouseFinding[] {
  const out: ClickHouseFinding[] = [];
  for (const [file, facts] of ctx.graph.facts) {
    if (!facts.clickhouse) continue;
    // A workspace package named `clickhouse` (resolving into the repository) is not the old npm package.
    const oldIsProjectCode = ctx.resolver.isRepositoryCode('clickhouse', file);
    const constructions = facts.clickhouse.constructions.filter((c) => !(c.oldPackage && oldIsProjectCode));
    if (constructions.length === 0) continue;
    const path = rel(ctx, file);
    out.push({
      kind: 'clickhouse',
      module: path,
      references: constructions.length + (ctx.graph.importers.get(file)?.length ?? 0),
      constructions: constructions.map(({ oldPackage: _old, ...c }) => ({ path, ...c })),
      wrappers: facts.clickhouse.wrappers.map((w) => ({ path, ...w })),
      package: packageOf(ctx, file),
      ...(facts.clickhouse.client ? { client: facts.clickhouse.client } : {}),
    });
  }
  // One client is the goal, not a finding. Per-connection and web clients are listed, but only mergeable ones are proposed.
  return out.length >= 2 ? out : [];
}

/** A finding with a client that could be merged: not per connection, not a web client, not built inside a function that is no wrapper. */
export function isMergeable(f: ClickHouseFinding): boolean {
  return f.constructions.some((c) => !c.perConnection && !c.web && !c.unwrapped);
}

/** The folder of the nearest package.json above `file`, relative to the root ('' for the root or none). */
function packageOf(ctx: FindingContext, file: string): string {
  for (let dir = path.dirname(file); dir.startsWith(ctx.rootDir) && dir !== ctx.rootDir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return rel(ctx, dir);
  }
  return '';
}
