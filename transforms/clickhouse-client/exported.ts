/**
 * The exported-client layout, the most common one of the old package: one module builds a `new ClickHouse(…)`
 * and exports it (`export const ch = …`, `export default ch`, `export { ch as db }`); files everywhere import it
 * and call `ch.query(sql).toPromise()`. It is judged once per run, across files: the module's client becomes a
 * re-export of the canonical client and every call through every imported binding is converted under the same
 * rules as a file's own old client, or nothing of that client changes and every blocking site is listed with
 * file:line in the module's entry.
 *
 * Found in `prepare` across the repository (see `importers.ts`), and each module's name joins the run's text
 * pre-filter, so every importer is planned even when it never spells `clickhouse`.
 */
import * as path from 'node:path';
import type * as t from '@babel/types';
import type { Replacement } from '../../src/transform';
import { nameOf } from '../../src/syntax/references';
import { clientImports } from './constructions';
import { planErrorCodes } from './error-codes';
import { parseFile, placeOf, type FileContext, type FilePlan } from './file';
import { planOldCalls } from './old-calls';
import { OLD } from './packages';
import type { PreparedClickHouse } from './prepare';
import { differences, oldSettings, OLD_COMPARISON, type ReadSettings } from './settings';

/** A module that exports an old-package client, and the files that import it. */
export interface ExportedClient {
  /** The module (absolute). */
  file: string;
  /** The client's binding in the module. */
  local: string;
  /** The names it is exported under (`default` for `export default ch`). */
  names: Set<string>;
  /** What a file that imports it holds: its name, or a tsconfig alias of it (the run's pre-filter adds them). */
  needles: string[];
  /** Importing file (absolute) => the locals bound to the client there. */
  importers: Map<string, string[]>;
  /** Sites that keep the client whatever the calls are (a namespace import, a re-export, `require`). */
  blockers: string[];
}

/** The verdict on one exported client: convert everywhere, or the blocking sites (`file:line: reason`). */
export interface ExportedVerdict {
  settings: ReadSettings;
  blockers: string[];
  /** The text each file was judged on: a file planned with another text (its new text, counted again) is not this layout's any more. */
  judged: Map<string, string>;
}

/** The old client's construction a top-level declarator holds: `new ClickHouse(…)`, or one behind a cache. */
export function heldConstruction(init: t.Node | null | undefined, isOld: (callee: string) => boolean): t.NewExpression | undefined {
  if (init?.type === 'NewExpression' && init.callee.type === 'Identifier' && isOld(init.callee.name)) return init;
  // `global.ch || new ClickHouse(…)`: a client kept across hot reloads; the canonical module's client is one
  // per process already, and the cache keeps working with it.
  if (init?.type === 'LogicalExpression' && (init.operator === '||' || init.operator === '??') && isGlobalMember(init.left)) return heldConstruction(init.right, isOld);
  return undefined;
}

function isGlobalMember(node: t.Node): boolean {
  const object = node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression' ? node.object : undefined;
  return !!object && ((object.type === 'Identifier' && ['global', 'globalThis', 'window'].includes(object.name)) || isGlobalMember(object));
}

/** The names a top-level binding is exported under in its module (not re-exports of other modules). */
export function exportNamesOf(ast: t.File, local: string): Set<string> {
  const names = new Set<string>();
  for (const s of ast.program.body) {
    if (s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'VariableDeclaration') {
      for (const d of s.declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === local) names.add(local);
    }
    if (s.type === 'ExportNamedDeclaration' && !s.source) {
      for (const sp of s.specifiers) if (sp.type === 'ExportSpecifier' && sp.local.name === local) names.add(nameOf(sp.exported));
    }
    if (s.type === 'ExportDefaultDeclaration' && s.declaration.type === 'Identifier' && s.declaration.name === local) names.add('default');
  }
  return names;
}

/**
 * Whether the exported client converts: its settings equal the canonical client's, and every call through
 * every binding (the module's own and each importer's) and every read of an error's code in those files
 * converts. Memoised per module for the run.
 */
export function judgeExported(client: ExportedClient, prepared: PreparedClickHouse): ExportedVerdict {
  const memo = prepared.exportedVerdicts.get(client.file);
  if (memo) return memo;
  const blockers = [...client.blockers];
  const label = (file: string) => path.relative(prepared.rootDir, file).split(path.sep).join('/');
  const site = (context: FileContext, at: { line: number; column: number }, reason: string) => blockers.push(`${label(context.path)}:${at.line}:${at.column}: ${reason}`);
  const judged = new Map<string, string>();
  const contextOf = (file: string) => {
    const context = parsedContext(file, prepared);
    if (context) judged.set(file, context.source);
    return context;
  };
  const own = contextOf(client.file);
  let settings: ReadSettings = { effective: new Map() };
  if (!own) blockers.push(`${label(client.file)}: cannot be read or parsed`);
  else {
    const imports = clientImports(own.ast, () => prepared.resolver.isRepositoryCode(OLD, own.path));
    let construction: t.NewExpression | undefined;
    for (const s of own.ast.program.body) {
      const declaration = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
      if (declaration?.type !== 'VariableDeclaration') continue;
      for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === client.local) construction = heldConstruction(d.init, (n) => imports.old.has(n));
    }
    settings = oldSettings(construction?.arguments[0], own.source);
    if (!construction) blockers.push(`${label(client.file)}: the client is no longer built here`);
    else if (settings.opaque) site(own, placeOf(construction), `${settings.opaque}, so its settings cannot be compared with the canonical client's`);
    else {
      const diff = differences(settings.effective, prepared.canonical.effective, OLD_COMPARISON);
      if (diff.length > 0) site(own, placeOf(construction), `its settings differ from ${prepared.canonicalLabel}: ${diff.join('; ')}`);
    }
    if ((own.program.scope.getBinding(client.local)?.constantViolations.length ?? 0) > 0) site(own, placeOf(construction ?? own.ast), `\`${client.local}\` is assigned again; an import cannot be`);
    checkFile(own, [client.local], settings, prepared, site, cacheOf(own, client.local));
  }
  for (const [file, locals] of client.importers) {
    const context = contextOf(file);
    if (!context) blockers.push(`${label(file)}: cannot be read or parsed`);
    else checkFile(context, locals, settings, prepared, site);
  }
  const verdict = { settings, blockers, judged };
  prepared.exportedVerdicts.set(client.file, verdict);
  return verdict;
}

/** `global.ch` for `const ch = global.ch || new ClickHouse(…)`: the cache the client is kept in. */
export function cacheOf(context: { ast: t.File; source: string }, local: string): string | undefined {
  for (const s of context.ast.program.body) {
    const declaration = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations) {
      if (d.id.type === 'Identifier' && d.id.name === local && d.init?.type === 'LogicalExpression') return context.source.slice(d.init.left.start!, d.init.left.end!);
    }
  }
  return undefined;
}

function parsedContext(file: string, prepared: PreparedClickHouse): FileContext | undefined {
  const text = prepared.readModule(file);
  if (text === undefined) return undefined;
  try {
    return parseFile(file, text, prepared);
  } catch {
    return undefined;
  }
}

/** The calls through `locals` and the file's error-code reads, each converted or a blocking site. */
function checkFile(context: FileContext, locals: string[], settings: ReadSettings, prepared: PreparedClickHouse, site: (context: FileContext, at: { line: number; column: number }, reason: string) => void, cache?: string): void {
  for (const local of locals) {
    const calls = planOldCalls(context.program, local, settings, prepared, context.source, context.types, { exported: true, ...(cache !== undefined ? { cache } : {}) });
    for (const b of calls.blockers) site(context, b.at, b.reason);
  }
  for (const b of planErrorCodes(context.program, context.source).blockers) site(context, b.at, b.reason);
}

/**
 * In a file that imports an exported client judged convertible: every call through its bindings, as the
 * module's own calls are converted. Returns whether any binding was converted (the file's error-code reads
 * then convert too).
 */
export function planImporter(context: FileContext, p: FilePlan): boolean {
  const { prepared, program, source } = context;
  let converted = false;
  for (const client of prepared.exported.values()) {
    const locals = client.importers.get(context.path);
    if (!locals) continue;
    const verdict = judgeExported(client, prepared);
    const label = path.relative(prepared.rootDir, client.file).split(path.sep).join('/');
    if (verdict.blockers.length > 0 || verdict.judged.get(context.path) !== context.source) {
      // Listed once, in the module that builds the client (with every blocking site); here the import stays.
      continue;
    }
    // The file keeps importing the module, which now re-exports the canonical client: it must stay.
    p.retained.add(client.file);
    for (const local of locals) {
      const calls = planOldCalls(program, local, verdict.settings, prepared, source, context.types, { exported: true });
      if (calls.blockers.length > 0) {
        // Judged on the same text, so this only happens when the file changed between the two: leave it.
        for (const b of calls.blockers) p.manual.push({ ...b.at, specifier: `${local} from ${label}`, target: context.target, reason: `not converted: ${b.reason}` });
        continue;
      }
      p.edits.push(...calls.edits);
      for (const r of calls.rewrites) p.rewrites.push({ kind: 'old-api', ...r.at, from: r.from, to: r.to, target: context.target, violation: false });
      converted ||= calls.edits.length > 0;
    }
  }
  return converted;
}

/**
 * What the proof after planning is told: each module that exports an old client now exports the canonical
 * client under the same names (`Migration.replaces`). Only what was converted changes, so listing every
 * exported client, judged or not, accepts nothing else.
 */
export function exportedReplacements(prepared: PreparedClickHouse): Replacement[] {
  return [...prepared.exported.values()].map((client) => ({
    from: client.file,
    to: prepared.canonicalFile,
    names: Object.fromEntries([client.local, ...client.names].map((name) => [name, prepared.exportName])),
  }));
}
