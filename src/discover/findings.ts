/**
 * What discover looks for, with no config: modules reached through several spellings, shims still in use,
 * diverged copies, and duplicate ClickHouse clients. Pure over the import graph.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toPosix } from '../files/paths';
import { isIndexFile } from '../resolve/extensions';
import type { CanonicalSpellingRequest, ModuleResolver } from '../resolve/resolver';
import type { GraphReference, ImportGraph } from './scan';
import { baseUrlFindings, type BaseUrlFinding } from './baseurl';

import type { Place } from './facts';

export interface SpellingFinding {
  kind: 'spellings';
  module: string;
  references: number;
  spellings: Array<{ specifier: string; style: string; count: number }>;
  /** The rule most of the project already follows: the one to standardise on. */
  suggestedStyle: string;
}

export interface ShimFinding {
  kind: 'shim';
  module: string;
  references: number;
  why: 're-exports only' | 'marked @deprecated';
  /** Modules it re-exports (project files), relative to the root. */
  forwardsTo: string[];
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
}

export interface ClickHouseFinding {
  kind: 'clickhouse';
  module: string;
  references: number;
  /** Per-connection and web clients are listed (flagged) but never proposed for merging. */
  constructions: Array<Place & { what: string; perConnection?: true; web?: true }>;
  wrappers: Array<Place & { what: string; methods?: Record<string, string>; perConnection?: true }>;
  /** The folder of the package (nearest package.json) the module belongs to, relative to the root ('' at the root). */
  package: string;
  /** The official client the module exports at top level, if it does: a candidate canonical module. */
  client?: string;
}

export type Finding = SpellingFinding | ShimFinding | CopyFinding | ClickHouseFinding | BaseUrlFinding;

export interface FindingContext {
  graph: ImportGraph;
  resolver: ModuleResolver;
  /** Paths in findings are relative to this. */
  rootDir: string;
}

const rel = (ctx: FindingContext, file: string) => toPosix(path.relative(ctx.rootDir, file));

/** All findings, largest clean-up first (by references involved). */
export function discoverFindings(ctx: FindingContext, rule: ProjectStyle = projectStyle(ctx)): Finding[] {
  const findings: Finding[] = [...spellingFindings(ctx, rule), ...shimFindings(ctx), ...copyFindings(ctx), ...clickhouseFindings(ctx), ...baseUrlFindings(ctx)];
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

/** The spelling rule most of the project already follows: what to standardise on. */
export interface ProjectStyle {
  style: CanonicalSpellingRequest['style'];
  extension: CanonicalSpellingRequest['extension'];
  index: CanonicalSpellingRequest['index'];
}

/** Reads the project's dominant spelling habits off every reference to a project file. */
export function projectStyle(ctx: FindingContext): ProjectStyle {
  let alias = 0;
  let aliasSameFolder = 0;
  let relativeSameFolder = 0;
  let relativeOtherFolder = 0;
  const ext = { none: 0, js: 0, ts: 0 };
  let folder = 0;
  let named = 0;
  for (const ref of ctx.graph.references) {
    if (!ref.target || ref.jestPattern) continue;
    const style = ctx.resolver.styleOf(ref.specifier, ref.from);
    const sameFolder = path.dirname(ref.from) === path.dirname(ref.target);
    if (style.kind === 'relative') sameFolder ? relativeSameFolder++ : relativeOtherFolder++;
    else if (style.kind === 'alias' || style.kind === 'baseUrl') (alias++, sameFolder && aliasSameFolder++);
    ext[style.extension]++;
    if (isIndexFile(ref.target)) /(^|\/)index(\.\w+)?$/.test(ref.specifier) ? named++ : folder++;
  }
  const style: ProjectStyle['style'] = alias > relativeOtherFolder ? (relativeSameFolder >= aliasSameFolder ? 'alias-outside-folder' : 'alias') : 'relative';
  const extension = (Object.entries(ext) as Array<[ProjectStyle['extension'], number]>).sort((a, b) => b[1] - a[1])[0]![0];
  return { style, extension, index: named > folder ? 'add' : 'drop' };
}

export function describeStyle(style: ProjectStyle): string {
  return `${style.style}, extension ${style.extension}, index ${style.index}`;
}

/** Modules reached through several spelling styles, where some references break the project's rule. */
function spellingFindings(ctx: FindingContext, rule: ProjectStyle): SpellingFinding[] {
  const out: SpellingFinding[] = [];
  for (const [target, refs] of ctx.graph.importers) {
    const styles = new Map<string, number>();
    const spellings = new Map<string, { style: string; count: number }>();
    let offRule = 0;
    for (const ref of refs) {
      const style = styleOf(ctx, ref);
      styles.set(style, (styles.get(style) ?? 0) + 1);
      const key = `${ref.specifier}\0${style}`;
      const entry = spellings.get(key) ?? { style, count: 0 };
      entry.count++;
      spellings.set(key, entry);
      const canonical = ctx.resolver.spellCanonical({ fromFile: ref.from, target, ...rule });
      if (canonical !== undefined && canonical !== ref.specifier) offRule++;
    }
    if (styles.size < 2 || offRule === 0) continue;
    out.push({
      kind: 'spellings',
      module: rel(ctx, target),
      references: refs.length,
      spellings: [...spellings.entries()].map(([k, v]) => ({ specifier: k.split('\0')[0]!, ...v })).sort((a, b) => b.count - a.count || a.specifier.localeCompare(b.specifier)),
      suggestedStyle: describeStyle(rule),
    });
  }
  return out;
}

function shimFindings(ctx: FindingContext): ShimFinding[] {
  const out: ShimFinding[] = [];
  for (const [target, refs] of ctx.graph.importers) {
    const facts = ctx.graph.facts.get(target);
    const forwardsTo = [...new Set((ctx.graph.exporters.get(target) ?? []).filter((r) => r.target).map((r) => rel(ctx, r.target!)))].sort();
    // A barrel re-exports several modules on purpose; a shim stands in for exactly one.
    const reexports = forwardsTo.length === 1 && facts?.reexportsOnly === true;
    const deprecated = facts?.deprecated === true;
    if (!reexports && !deprecated) continue;
    out.push({
      kind: 'shim',
      module: rel(ctx, target),
      references: refs.length,
      why: reexports ? 're-exports only' : 'marked @deprecated',
      forwardsTo,
      importers: refs.map((r) => ({ path: rel(ctx, r.from), line: r.line })),
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
        out.push({
          kind: 'copies',
          modules: [rel(ctx, a!), rel(ctx, b!)],
          references: (ctx.graph.importers.get(a!)?.length ?? 0) + (ctx.graph.importers.get(b!)?.length ?? 0),
          similarity: Math.round(score * 100) / 100,
          exports: key.split(','),
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

/** A finding with a client that could be merged: not per connection, not a web client. */
export function isMergeable(f: ClickHouseFinding): boolean {
  return f.constructions.some((c) => !c.perConnection && !c.web);
}

/** The folder of the nearest package.json above `file`, relative to the root ('' for the root or none). */
function packageOf(ctx: FindingContext, file: string): string {
  for (let dir = path.dirname(file); dir.startsWith(ctx.rootDir) && dir !== ctx.rootDir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return rel(ctx, dir);
  }
  return '';
}
