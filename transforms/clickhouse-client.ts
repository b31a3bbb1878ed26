/**
 * clickhouse-client: every duplicate ClickHouse client outside the canonical module becomes an import of the
 * canonical client (built on the official `@clickhouse/client`), and calls of the old `clickhouse` package's
 * API become official calls with the same results. Connection settings are compared, never silently changed:
 * a duplicate whose effective settings differ is left, and the summary shows both sides.
 *
 * Options: `{ "canonical": "src/db/clickhouse.ts", "export": "clickhouse", "wrappers": [{ "module":
 * "src/lib/clickhouse-service.ts", "export": "ClickHouseService", "methods": { "select": "query" } }] }`.
 * When the canonical module does not exist, the run creates it (connection settings from the environment).
 */
import * as path from 'node:path';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { ConfigError, ConfigErrors } from '../src/errors';
import { mayMatch, type Prefilter } from '../src/files/prefilter';
import type { FileOutcome, ManualItem, Migration, Note, Rewrite, SourceFile, TransformEnv } from '../src/transform';
import type { ModuleResolver } from '../src/resolve/resolver';
import { parseSource } from '../src/syntax/parse';
import { applyEdits, lineTerminatorOf, removeListItem, removeStatement, statementRemoval, type TextEdit } from '../src/syntax/edits';
import { nameOf } from '../src/syntax/references';
import { dropSourceExtension } from '../src/resolve/extensions';
import { parseModuleName, type ModuleName } from './lib/modules';
import { aplaSettings, differences, officialSettings, oldSettings, type ReadSettings } from './lib/clickhouse-settings';
import { jscodeshiftAdapter } from './lib/jscodeshift-adapter';

export interface ClickHouseClientOptions {
  /** The canonical module, relative to the config. Created when it does not exist. */
  canonical: string;
  /** The name the canonical module exports its client as. */
  export?: string;
  /** Hand-written wrapper classes and getter functions whose uses move to the canonical client. */
  wrappers?: Array<{ module: string; export: string; methods?: Record<string, string> }>;
}

interface Wrapper {
  file: string;
  label: string;
  export: string;
  kind: 'class' | 'getter';
  /** Wrapper method => client method. */
  methods: Map<string, string>;
}

export interface PreparedClickHouse {
  resolver: ModuleResolver;
  rootDir: string;
  canonicalFile: string;
  canonicalLabel: string;
  exportName: string;
  canonical: ReadSettings;
  /** The module's text when canonize creates it. */
  scaffold: string | undefined;
  wrappers: Wrapper[];
  /** A file that holds none of these strings references no client package and no wrapper module. */
  prefilter: Prefilter;
}

const OFFICIAL = '@clickhouse/client';
const OLD = 'clickhouse';
/** Other Node clients a user meets; their API (streams, whole documents) is converted by hand. */
const OTHER_CLIENTS = ['@apla/clickhouse', '@posthog/clickhouse'];
const NEEDLES = [OFFICIAL, `'${OLD}'`, `"${OLD}"`, ...OTHER_CLIENTS];

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['canonical'],
  properties: {
    canonical: { type: 'string', minLength: 1, description: 'The canonical module (relative to the config) that exports the one client; created when it does not exist.' },
    export: { type: 'string', minLength: 1, default: 'clickhouse', description: 'The name the canonical module exports its client as.' },
    wrappers: {
      type: 'array',
      description: 'Wrapper classes and singleton getters whose uses move to the canonical client.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module', 'export'],
        properties: {
          module: { type: 'string', minLength: 1, description: 'The module that defines the wrapper, relative to the config.' },
          export: { type: 'string', minLength: 1, description: 'The exported class or getter function.' },
          methods: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: "Wrapper method => the client's method, where the names differ." },
        },
      },
    },
  },
};

/** The canonical module canonize writes when there is none: settings from the environment, typed by the client. */
function scaffoldText(exportName: string): string {
  return [
    "import { createClient, type ClickHouseClient } from '@clickhouse/client';",
    '',
    '/** The one ClickHouse client of this codebase (created by canonize). Settings come from the environment. */',
    `export const ${exportName}: ClickHouseClient = createClient({`,
    "  url: process.env.CLICKHOUSE_URL ?? 'http://localhost:8123',",
    "  username: process.env.CLICKHOUSE_USER ?? 'default',",
    "  password: process.env.CLICKHOUSE_PASSWORD ?? '',",
    "  database: process.env.CLICKHOUSE_DATABASE ?? 'default',",
    '});',
    '',
  ].join('\n');
}

function prepare(options: ClickHouseClientOptions, env: TransformEnv, at: string): PreparedClickHouse {
  const errors: ConfigError[] = [];
  const exportName = options.export ?? 'clickhouse';
  const canonicalFile = path.resolve(env.rootDir, options.canonical);
  let scaffold: string | undefined;
  let text = env.readModule(canonicalFile);
  if (text === undefined) {
    if (!/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(canonicalFile)) {
      throw new ConfigError(env.configFile, `${at}.canonical`, `expected an existing module or a new .ts file to create, found ${JSON.stringify(options.canonical)}`);
    }
    text = scaffold = scaffoldText(exportName);
    env.resolver.assumeFile(canonicalFile);
  }
  const client = findCreateClient(text, canonicalFile);
  if (!client) {
    throw new ConfigError(env.configFile, `${at}.canonical`, `expected a module that builds its client with createClient(...) from ${OFFICIAL}, found none in ${JSON.stringify(options.canonical)}`);
  }
  if (!new RegExp(`export\\s+(const|let|var)\\s+${exportName}\\b|export\\s*\\{[^}]*\\b${exportName}\\b[^}]*\\}`).test(text)) {
    throw new ConfigError(env.configFile, `${at}.export`, `expected ${JSON.stringify(options.canonical)} to export ${JSON.stringify(exportName)}, found no such export`);
  }
  const wrappers: Wrapper[] = [];
  (options.wrappers ?? []).forEach((w, i) => {
    const where = `${at}.wrappers[${i}]`;
    let module: ModuleName;
    try {
      // A wrapper a run already deleted still names a module (its uses are gone with it).
      module = parseModuleName({ text: w.module, rootDir: env.rootDir, at: `${where}.module`, configFile: env.configFile, mayBeGone: true });
    } catch (error) {
      if (error instanceof ConfigError) return void errors.push(error);
      throw error;
    }
    if (module.kind !== 'file') return void errors.push(new ConfigError(env.configFile, `${where}.module`, `expected a module file, found the package name ${JSON.stringify(w.module)}`));
    const file = module.file;
    const source = env.readModule(file);
    if (source === undefined) return;
    const kind = new RegExp(`export\\s+(default\\s+)?class\\s+${w.export}\\b`).test(source)
      ? 'class'
      : new RegExp(`export\\s+(async\\s+)?function\\s+${w.export}\\b|export\\s+(const|let)\\s+${w.export}\\s*=`).test(source)
        ? 'getter'
        : undefined;
    if (!kind) return void errors.push(new ConfigError(env.configFile, `${where}.export`, `expected ${JSON.stringify(w.module)} to export a class or function ${JSON.stringify(w.export)}, found none`));
    wrappers.push({ file, label: w.module, export: w.export, kind, methods: new Map(Object.entries(w.methods ?? {})) });
  });
  if (errors.length > 0) throw new ConfigErrors(errors);
  return {
    resolver: env.resolver,
    rootDir: env.rootDir,
    canonicalFile,
    canonicalLabel: options.canonical,
    exportName,
    canonical: officialSettings(client.arguments[0], text),
    scaffold,
    wrappers,
    prefilter: { needles: [...NEEDLES, ...wrappers.map((w) => dropSourceExtension(path.basename(w.file)))] },
  };
}

function findCreateClient(text: string, file: string): t.CallExpression | undefined {
  const ast = parseSource(text, file);
  const locals = new Set<string>();
  for (const s of ast.program.body) {
    if (s.type === 'ImportDeclaration' && s.source.value === OFFICIAL) {
      for (const sp of s.specifiers) if (sp.type === 'ImportSpecifier' && nameOf(sp.imported) === 'createClient') locals.add(sp.local.name);
    }
  }
  let found: t.CallExpression | undefined;
  const { traverseFast } = require('@babel/types') as typeof import('@babel/types');
  traverseFast(ast.program, (node) => {
    if (!found && node.type === 'CallExpression' && node.callee.type === 'Identifier' && locals.has(node.callee.name)) found = node;
  });
  return found;
}


function describe(prepared: PreparedClickHouse): string[] {
  const lines = [`Every ClickHouse client outside \`${prepared.canonicalLabel}\` → \`${prepared.exportName}\` from \`${prepared.canonicalLabel}\`${prepared.scaffold ? ' (created by this run)' : ''}`];
  for (const w of prepared.wrappers) lines.push(`Uses of \`${w.export}\` (${w.kind}) from \`${w.label}\` → \`${prepared.exportName}\``);
  return lines;
}

/** What one file's planning collects. */
interface Plan {
  notes: Note[];
  edits: TextEdit[];
  rewrites: Rewrite[];
  manual: ManualItem[];
  retained: Set<string>;
  /** Locals to import from the canonical module (alias => the canonical export). */
  canonicalLocals: Set<string>;
  needsClientType: boolean;
}

function plan(file: SourceFile, prepared: PreparedClickHouse): FileOutcome {
  const unchanged: FileOutcome = { source: undefined, rewrites: [], manual: [] };
  if (file.path === prepared.canonicalFile || !mayMatch(file.source, prepared.prefilter)) return unchanged;
  const source = file.source;
  const ast = parseSource(source, file.path);
  const traverse = (require('@babel/traverse') as typeof import('@babel/traverse')).default;
  let program!: NodePath<t.Program>;
  traverse(ast, { Program(p) { program = p; p.stop(); } });
  const p: Plan = { notes: [], edits: [], rewrites: [], manual: [], retained: new Set(), canonicalLocals: new Set(), needsClientType: false };
  const at = (node: t.Node) => ({ line: node.loc!.start.line, column: node.loc!.start.column + 1 });
  const target = prepared.canonicalLabel;
  const wrapper = prepared.wrappers.find((w) => w.file === file.path);

  // Constructors imported in this file.
  const official = new Set<string>();
  const old = new Set<string>();
  const other = new Map<string, string>();
  const oldImports: t.Node[] = [];
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration' && OTHER_CLIENTS.includes(statement.source.value)) {
      for (const s of statement.specifiers) other.set(s.local.name, statement.source.value);
      oldImports.push(statement);
    }
    if (statement.type === 'ImportDeclaration' && (statement.source.value === OFFICIAL || statement.source.value === OLD)) {
      for (const s of statement.specifiers) {
        if (s.type !== 'ImportSpecifier') continue;
        if (statement.source.value === OFFICIAL && nameOf(s.imported) === 'createClient') official.add(s.local.name);
        if (statement.source.value === OLD && nameOf(s.imported) === 'ClickHouse') old.add(s.local.name);
      }
      if (statement.source.value === OLD) oldImports.push(statement);
    }
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        const otherPackage = OTHER_CLIENTS.find((name) => isRequireOf(d.init, name));
        if (d.id.type === 'Identifier' && otherPackage) {
          other.set(d.id.name, otherPackage);
          oldImports.push(statement);
        }
        if (d.id.type === 'ObjectPattern' && isRequireOf(d.init, OLD)) {
          for (const prop of d.id.properties) {
            if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier' && prop.key.name === 'ClickHouse' && prop.value.type === 'Identifier') old.add(prop.value.name);
          }
          oldImports.push(statement);
        }
      }
    }
  }

  // Every construction: merged into the canonical client, or reported.
  const constructions: Array<{ node: t.CallExpression | t.NewExpression; path: NodePath; kind: 'official' | 'old' | 'apla'; from: string }> = [];
  program.traverse({
    CallExpression(path) {
      if (path.node.callee.type === 'Identifier' && official.has(path.node.callee.name)) constructions.push({ node: path.node, path, kind: 'official', from: OFFICIAL });
    },
    NewExpression(path) {
      if (path.node.callee.type !== 'Identifier') return;
      if (old.has(path.node.callee.name)) constructions.push({ node: path.node, path, kind: 'old', from: OLD });
      const from = other.get(path.node.callee.name);
      if (from) constructions.push({ node: path.node, path, kind: 'apla', from });
    },
  });
  for (const c of constructions) {
    const where = at(c.node);
    const what = c.kind === 'official' ? `createClient(...) from ${OFFICIAL}` : `new ${(c.node.callee as t.Identifier).name}(...) from ${c.from}`;
    const report = (reason: string) => p.manual.push({ ...where, specifier: what, target, reason });
    if (wrapper) {
      report(`built inside the wrapper ${wrapper.export}; canonize moves the wrapper's uses to ${target} and deletes ${wrapper.label} once no file uses it`);
      continue;
    }
    const declarator = c.path.parentPath;
    const declaration = declarator?.parentPath;
    const top = declaration?.parentPath;
    const exported = top?.isExportNamedDeclaration() ?? false;
    if (
      !declarator?.isVariableDeclarator() || declarator.node.init !== c.node || declarator.node.id.type !== 'Identifier' ||
      !declaration?.isVariableDeclaration() || declaration.node.declarations.length !== 1 ||
      !(top?.isProgram() || (exported && top?.parentPath?.isProgram()))
    ) {
      report(`a client built inside a function, class or expression: list its getter or class in "wrappers", or move it to ${target} by hand`);
      continue;
    }
    const settings = c.kind === 'old' ? oldSettings(c.node.arguments[0], source) : c.kind === 'apla' ? aplaSettings(c.node.arguments[0], source) : officialSettings(c.node.arguments[0], source);
    if (settings.opaque) {
      report(`not merged: ${settings.opaque}, so its settings cannot be compared with the canonical client's`);
      continue;
    }
    const diff = differences(settings.effective, prepared.canonical.effective, c.kind === 'official');
    if (diff.length > 0) {
      report(`not merged: its settings differ from ${target}: ${diff.join('; ')}. Decide which is right and align them (or keep this client on purpose)`);
      continue;
    }
    const local = declarator.node.id.name;
    if ((program.scope.getBinding(local)?.constantViolations.length ?? 0) > 0) {
      report(`\`${local}\` is assigned again elsewhere in this file; an import cannot be, so move this client by hand`);
      continue;
    }
    if (c.kind !== 'official') {
      const calls = c.kind === 'old' ? planOldCalls(program, local, settings, prepared, source) : planAplaCalls(program, local, settings as ReturnType<typeof aplaSettings>, source);
      if (calls.blockers.length > 0) {
        for (const b of calls.blockers) p.manual.push({ ...b.at, specifier: what, target, reason: `not merged: ${b.reason}` });
        continue;
      }
      p.edits.push(...calls.edits);
      for (const r of calls.rewrites) p.rewrites.push({ kind: `${c.kind}-api`, ...r.at, from: r.from, to: r.to, target, violation: false });
      if (c.kind === 'old') {
        const errorCodes = planErrorCodes(program, source);
        p.edits.push(...errorCodes.edits);
        for (const m of errorCodes.manual) p.manual.push({ ...m.at, specifier: 'error.code', target, reason: m.reason });
      }
    }
    const statement = exported ? top!.node : declaration.node;
    p.edits.push(exported ? { start: statement.start!, end: statement.end!, text: `export { ${local} };` } : removeStatement(source, statement));
    p.canonicalLocals.add(local);
    if (settings.portNote) p.notes.push({ ...where, text: settings.portNote });
    p.rewrites.push({ kind: c.kind === 'official' ? 'client' : `${c.kind}-client`, ...where, from: what, to: `${prepared.exportName} from ${target}`, target });
  }

  // Imports of the constructors that no longer have a use go; an old-package import left is a violation.
  const removedImports = removeUnusedClientImports(ast, source, p.edits);
  for (const statement of oldImports) {
    const name = statement.type === 'ImportDeclaration' ? statement.source.value : OTHER_CLIENTS.find((n) => source.slice(statement.start!, statement.end!).includes(n)) ?? OLD;
    if (removedImports.has(statement)) p.rewrites.push({ kind: 'old-import', ...at(statement), from: name, to: `${OFFICIAL} through ${target}`, target });
    else p.manual.push({ ...at(statement), specifier: name, target, reason: `the old "${name}" package is still imported here: it goes once the clients above are merged` });
  }

  // The canonical client may be imported here already: wrapper uses take that name, and it is not imported twice.
  const existingLocal = existingCanonicalImport(ast, file.path, prepared);
  planWrappers(program, file.path, prepared, p, source, existingLocal ?? prepared.exportName);

  if (p.edits.length === 0) return { ...unchanged, manual: sortItems(p.manual), ...(p.retained.size > 0 ? { retained: [...p.retained] } : {}) };
  const imports: string[] = [];
  const specifier = spellCanonical(file.path, prepared);
  if (specifier === undefined) {
    return { ...unchanged, manual: sortItems([...p.manual, { line: 1, column: 1, specifier: target, target, reason: `no specifier written from this file resolves to ${target}` }]) };
  }
  const names = [...p.canonicalLocals].filter((l) => l !== existingLocal).map((l) => (l === prepared.exportName ? l : `${prepared.exportName} as ${l}`));
  if (names.length > 0) imports.push(`import { ${names.join(', ')} } from '${specifier}';`);
  if (p.needsClientType) imports.push(`import type { ClickHouseClient } from '${OFFICIAL}';`);
  // New imports go where the imports start (first in the edit list: an import removed there is removed after).
  const firstImport = ast.program.body.find((s) => s.type === 'ImportDeclaration');
  const eol = lineTerminatorOf(source);
  if (imports.length > 0) {
    const at = firstImport ? source.lastIndexOf('\n', firstImport.start! - 1) + 1 : 0;
    p.edits.unshift({ start: at, end: at, text: imports.join(eol) + eol });
  }
  const deletable = wrapper === undefined && isShimOnlyAfter(p, constructions.length);
  return {
    source: applyEdits(source, p.edits),
    rewrites: sortItems(p.rewrites),
    manual: sortItems(p.manual),
    ...(p.retained.size > 0 ? { retained: [...p.retained] } : {}),
    ...(deletable ? { deletable: true } : {}),
    ...(p.notes.length > 0 ? { notes: p.notes } : {}),
  };
}

/** The local name under which this file already imports the canonical client, if it does. */
function existingCanonicalImport(ast: t.File, file: string, prepared: PreparedClickHouse): string | undefined {
  for (const statement of ast.program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    if (prepared.resolver.resolve(statement.source.value, file) !== prepared.canonicalFile) continue;
    const spec = statement.specifiers.find((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier' && nameOf(s.imported) === prepared.exportName);
    if (spec) return spec.local.name;
  }
  return undefined;
}

/** A file whose duplicate clients all merged may have become a pure re-export; the runner checks its text. */
function isShimOnlyAfter(p: Plan, constructions: number): boolean {
  return constructions > 0 && p.manual.length === 0;
}

function sortItems<T extends { line: number; column: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.line - b.line || a.column - b.column);
}

function isRequireOf(node: t.Node | null | undefined, name: string): boolean {
  return !!node && node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral' && node.arguments[0].value === name;
}

function spellCanonical(file: string, prepared: PreparedClickHouse): string | undefined {
  // Alias outside the file's folder, `./x` inside it; each candidate is resolved again before it is used.
  return prepared.resolver.spellCanonical({ fromFile: file, target: prepared.canonicalFile, style: 'alias-outside-folder', extension: 'none', index: 'drop', kind: 'import' });
}

/**
 * Imports of the two client packages whose names no longer appear outside the code this plan removes go:
 * the specifier, or the whole statement. Names are matched as written (a shadowing local keeps the import).
 */
function removeUnusedClientImports(ast: t.File, source: string, edits: TextEdit[]): Set<t.Node> {
  const gone = new Set<t.Node>();
  const removed = edits.filter((e) => e.end > e.start && e.text.trim() === '' || /^export \{ \w+ \};$/.test(e.text));
  const inRemoved = (node: t.Node) => removed.some((e) => node.start! >= e.start && node.end! <= e.end);
  const names = new Map<string, number[]>();
  const { traverseFast } = require('@babel/types') as typeof import('@babel/types');
  traverseFast(ast.program, (node) => {
    if ((node.type === 'Identifier' || node.type === 'JSXIdentifier') && !inRemoved(node)) names.set(node.name, [...(names.get(node.name) ?? []), node.start!]);
  });
  for (const statement of ast.program.body) {
    let specifiers: Array<{ node: t.Node; local: string }> = [];
    if (statement.type === 'ImportDeclaration' && (statement.source.value === OFFICIAL || statement.source.value === OLD || OTHER_CLIENTS.includes(statement.source.value))) {
      specifiers = statement.specifiers.map((s) => ({ node: s, local: s.local.name }));
    } else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1 && statement.declarations[0]!.id.type === 'Identifier' && OTHER_CLIENTS.some((n) => isRequireOf(statement.declarations[0]!.init, n))) {
      specifiers = [{ node: statement.declarations[0]!, local: (statement.declarations[0]!.id as t.Identifier).name }];
    } else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1 && isRequireOf(statement.declarations[0]!.init, OLD) && statement.declarations[0]!.id.type === 'ObjectPattern') {
      specifiers = (statement.declarations[0]!.id as t.ObjectPattern).properties.flatMap((pr) => (pr.type === 'ObjectProperty' && pr.value.type === 'Identifier' ? [{ node: pr as t.Node, local: pr.value.name }] : []));
    } else {
      continue;
    }
    if (specifiers.length === 0 || inRemoved(statement)) continue;
    // Unused: the name is written nowhere but in the specifier itself.
    const unused = specifiers.filter((s) => (names.get(s.local) ?? []).every((at) => at >= s.node.start! && at < s.node.end!));
    if (unused.length === 0) continue;
    if (unused.length === specifiers.length) {
      edits.push(removeStatement(source, statement));
      gone.add(statement);
      continue;
    }
    for (const u of unused) edits.push(removeListItem(source, u.node));
  }
  return gone;
}


interface OldCallPlan {
  edits: TextEdit[];
  rewrites: Array<{ at: { line: number; column: number }; from: string; to: string }>;
  blockers: Array<{ at: { line: number; column: number }; reason: string }>;
}

/**
 * Calls through an old-package client `local`, rewritten to the official API with the same results, or the
 * reasons they cannot be (then nothing of this client changes).
 */
function planOldCalls(program: NodePath<t.Program>, local: string, settings: ReadSettings, prepared: PreparedClickHouse, source: string): OldCallPlan {
  const out: OldCallPlan = { edits: [], rewrites: [], blockers: [] };
  const binding = program.scope.getBinding(local);
  const block = (node: t.Node, reason: string) => out.blockers.push({ at: { line: node.loc!.start.line, column: node.loc!.start.column + 1 }, reason });
  const text = (node: t.Node) => source.slice(node.start!, node.end!);
  const canonicalQuote = prepared.canonical.effective.get('settings.output_format_json_quote_64bit_integers');
  const quote = settings.quote64!;
  const quoteText = quote.kind === 'value' ? String(quote.value) : quote.text;
  const needsQuoteSetting = !(canonicalQuote && canonicalQuote.kind === quote.kind && String(canonicalQuote.kind === 'value' ? canonicalQuote.value : canonicalQuote.text) === quoteText);
  for (const ref of binding?.referencePaths ?? []) {
    const member = ref.parentPath;
    if (!member?.isMemberExpression({ object: ref.node }) || member.node.computed || member.node.property.type !== 'Identifier') {
      block(ref.node, `\`${local}\` is used as a value here (passed on or stored), and its users would call the old API; move them by hand`);
      continue;
    }
    const method = member.node.property.name;
    const call = member.parentPath;
    if (!call?.isCallExpression({ callee: member.node })) {
      block(ref.node, `\`${local}.${method}\` is read or assigned without a call; the official client has no such property`);
      continue;
    }
    const toPromise = call.parentPath;
    const promised = toPromise?.isMemberExpression({ object: call.node }) && !toPromise.node.computed && toPromise.node.property.type === 'Identifier' ? toPromise.node.property.name : undefined;
    const outer = promised === 'toPromise' ? toPromise!.parentPath : undefined;
    if (method !== 'query' && method !== 'insert') {
      block(call.node, `\`${local}.${method}()\` has no counterpart in ${OFFICIAL}: sessions and other old-package calls are converted by hand`);
      continue;
    }
    if (promised !== 'toPromise' || !outer?.isCallExpression({ callee: toPromise!.node })) {
      const how = promised === 'exec' ? 'callback style `.exec(cb)`: turn it into `await` first' : promised === 'stream' ? '`.stream()` consumers get one row per event from the old client and batches of rows from the official one' : promised === 'withTotals' ? '`.withTotals()` returns the whole JSON document' : 'the query is not awaited with `.toPromise()`';
      block(call.node, `${how}; convert this call by hand`);
      continue;
    }
    const args = call.node.arguments;
    const sqlNode = args[0];
    const sql = sqlNode ? visibleSql(sqlNode, ref) : undefined;
    if (!sqlNode || sql === undefined) {
      block(call.node, 'the SQL is built elsewhere, so canonize cannot check it for a FORMAT clause; convert this call by hand');
      continue;
    }
    const resultUnused = isDiscarded(outer);
    const range = { start: ref.node.start!, end: outer.node.end! };
    const at = { line: call.node.loc!.start.line, column: call.node.loc!.start.column + 1 };
    if (method === 'query') {
      if (/\bFORMAT\s+\w+\s*;?\s*$/i.test(sql)) {
        block(call.node, 'the SQL names its own FORMAT, which the official client appends itself; move the format into the call or use `exec`');
        continue;
      }
      if (/\bWITH\s+TOTALS\b/i.test(sql) && !resultUnused) {
        block(call.node, '`WITH TOTALS` makes the old client return the whole JSON document; convert this call by hand');
        continue;
      }
      if (!resultUnused && (settings.oldFormat !== 'json' || settings.oldRaw)) {
        block(call.node, `the old client is configured with format ${JSON.stringify(settings.oldFormat)}${settings.oldRaw ? ' and raw output' : ''}, which shapes results differently; convert this call by hand`);
        continue;
      }
      const fields = [`query: ${text(sqlNode)}`];
      const data = args[1];
      if (data && !(data.type === 'ObjectExpression' && data.properties.length === 0)) {
        const params = paramsOf(data);
        if (params === undefined) {
          block(data, 'the second argument holds more than `params`; convert this call by hand');
          continue;
        }
        fields.push(`query_params: ${text(params)}`);
      }
      if (args[2]) {
        const options = perQueryOptions(args[2], text);
        if (options === undefined) {
          block(args[2], 'per-query options other than `sessionId` and `queryId` are converted by hand');
          continue;
        }
        fields.push(...options);
      }
      let replacement: string;
      if (resultUnused) {
        replacement = `${local}.command({ ${fields.join(', ')} })`;
      } else {
        fields.splice(1, 0, "format: 'JSONEachRow'");
        if (needsQuoteSetting) fields.push(`clickhouse_settings: { output_format_json_quote_64bit_integers: ${quoteText} }`);
        replacement = `${local}.query({ ${fields.join(', ')} }).then((result) => result.json())`;
      }
      out.edits.push({ ...range, text: replacement });
      out.rewrites.push({ at, from: source.slice(range.start, range.end).replace(/\s+/g, ' ').slice(0, 80), to: replacement.slice(0, 80) });
      continue;
    }
    // insert
    const insert = /^\s*INSERT\s+INTO\s+([\w.`"]+)\s*(?:\(([^)]*)\))?\s*$/i.exec(sql);
    if (!insert) {
      block(call.node, 'only `INSERT INTO table (columns)` with rows passed separately converts; this statement is converted by hand');
      continue;
    }
    if (!resultUnused) {
      block(call.node, 'the old insert resolves `{ r: 1 }`, which this code uses; convert this call by hand');
      continue;
    }
    const rows = args[1];
    const rowsProblem = rows ? rowsTrap(rows, ref, source) : 'there are no rows to insert';
    if (rowsProblem) {
      block(rows ?? call.node, `${rowsProblem}; the old package sent rows as TabSeparated (Dates as unix seconds, booleans as 1/0), which JSON does not reproduce: convert this insert by hand`);
      continue;
    }
    const columns = insert[2]?.split(',').map((c) => c.trim().replace(/^[`"]|[`"]$/g, '')).filter(Boolean);
    const table = insert[1]!.replace(/[`"]/g, '');
    const format = rows!.type === 'ArrayExpression' && rows!.elements[0]?.type === 'ArrayExpression' ? 'JSONCompactEachRow' : 'JSONEachRow';
    const replacement = `${local}.insert({ table: '${table}', values: ${text(rows!)}, format: '${format}'${columns && columns.length > 0 ? `, columns: [${columns.map((c) => `'${c}'`).join(', ')}]` : ''} })`;
    out.edits.push({ ...range, text: replacement });
    out.rewrites.push({ at, from: source.slice(range.start, range.end).replace(/\s+/g, ' ').slice(0, 80), to: replacement.slice(0, 80) });
  }
  return out;
}

/**
 * Calls through an `@apla/clickhouse` (or `@posthog/clickhouse`) client `local`: `querying(sql)` resolves the
 * whole JSON document (`JSONCompact`, or `JSON` with `dataObjects`), which the official client's `json()`
 * gives for the same format; `pinging()` resolves `'Ok.\n'` or rejects.
 */
function planAplaCalls(program: NodePath<t.Program>, local: string, settings: ReturnType<typeof aplaSettings>, source: string): OldCallPlan {
  const out: OldCallPlan = { edits: [], rewrites: [], blockers: [] };
  const block = (node: t.Node, reason: string) => out.blockers.push({ at: { line: node.loc!.start.line, column: node.loc!.start.column + 1 }, reason });
  const text = (node: t.Node) => source.slice(node.start!, node.end!);
  for (const ref of program.scope.getBinding(local)?.referencePaths ?? []) {
    const member = ref.parentPath;
    const call = member?.parentPath;
    if (!member?.isMemberExpression({ object: ref.node }) || member.node.computed || member.node.property.type !== 'Identifier' || !call?.isCallExpression({ callee: member.node })) {
      block(ref.node, `\`${local}\` is used here other than by calling querying() or pinging(); move it by hand`);
      continue;
    }
    const method = member.node.property.name;
    const at = { line: call.node.loc!.start.line, column: call.node.loc!.start.column + 1 };
    const range = { start: ref.node.start!, end: call.node.end! };
    let replacement: string | undefined;
    if (method === 'pinging' && call.node.arguments.length === 0) {
      replacement = `${local}.ping().then((result) => (result.success ? 'Ok.\\n' : Promise.reject(result.error)))`;
    } else if (method === 'querying') {
      const [sqlNode, options] = call.node.arguments;
      const sql = sqlNode ? visibleSql(sqlNode, ref) : undefined;
      if (!sqlNode || sql === undefined) {
        block(call.node, 'the SQL is built elsewhere, so canonize cannot check it for a FORMAT clause; convert this call by hand');
        continue;
      }
      if (/\bFORMAT\s+\w+/i.test(sql)) {
        block(call.node, 'the SQL names its own FORMAT; convert this call by hand');
        continue;
      }
      let dataObjects = settings.dataObjects;
      const fields = [`query: ${text(sqlNode)}`];
      if (options) {
        const props = options.type === 'ObjectExpression' ? options.properties : undefined;
        const ok = props?.every((pr) => pr.type === 'ObjectProperty' && !pr.computed && pr.key.type === 'Identifier' && ((pr.key.name === 'dataObjects' && pr.value.type === 'BooleanLiteral') || (pr.key.name === 'queryOptions' && pr.value.type === 'ObjectExpression')));
        if (!ok) {
          block(options, 'per-query options other than `dataObjects` and `queryOptions` are converted by hand');
          continue;
        }
        for (const pr of props as t.ObjectProperty[]) {
          if ((pr.key as t.Identifier).name === 'dataObjects') dataObjects = (pr.value as t.BooleanLiteral).value;
          else fields.push(`clickhouse_settings: ${text(pr.value)}`);
        }
      }
      if (isDiscarded(call)) {
        replacement = `${local}.command({ ${fields.join(', ')} })`;
      } else if (/^\s*(SELECT|WITH|SHOW|DESC|DESCRIBE|EXISTS\s+TABLE)\b/i.test(sql)) {
        if (/\.transferred\b/.test(source)) {
          block(call.node, 'this file reads `.transferred`, which only the old client adds to the document; convert it by hand');
          continue;
        }
        fields.splice(1, 0, `format: '${dataObjects ? 'JSON' : 'JSONCompact'}'`);
        replacement = `${local}.query({ ${fields.join(', ')} }).then((result) => result.json())`;
      } else {
        block(call.node, 'the old client resolves the raw response text of a statement that returns no rows; convert this call by hand');
        continue;
      }
    } else {
      block(call.node, `\`${local}.${method}()\` (a stream or a callback) has no direct counterpart; convert it by hand`);
      continue;
    }
    out.edits.push({ ...range, text: replacement });
    out.rewrites.push({ at, from: text(call.node).replace(/\s+/g, ' ').slice(0, 80), to: replacement.slice(0, 80) });
  }
  return out;
}

/** A statement whose promise's value nobody reads: `await x;`, `x;`, `void x;`. */
function isDiscarded(path: NodePath): boolean {
  let p: NodePath | null = path.parentPath;
  if (p?.isAwaitExpression() || p?.isUnaryExpression({ operator: 'void' })) p = p.parentPath;
  return !!p?.isExpressionStatement();
}

/** The SQL text when it is written here (a literal, or a const initialised with one). */
function visibleSql(node: t.Node, from: NodePath): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('${…}');
  if (node.type === 'Identifier') {
    const binding = from.scope.getBinding(node.name);
    const declarator = binding?.path.node;
    if (binding?.kind === 'const' && declarator?.type === 'VariableDeclarator' && declarator.init) return visibleSql(declarator.init, binding.path);
  }
  return undefined;
}

/** The old client's per-query `{ sessionId, queryId }` as the official call's `session_id` and `query_id`. */
function perQueryOptions(node: t.Node, text: (n: t.Node) => string): string[] | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  const names: Record<string, string> = { sessionId: 'session_id', queryId: 'query_id' };
  const out: string[] = [];
  for (const property of node.properties) {
    if (property.type !== 'ObjectProperty' || property.computed || property.key.type !== 'Identifier' || !names[property.key.name]) return undefined;
    out.push(`${names[property.key.name]}: ${text(property.value)}`);
  }
  return out;
}

/** `{ params: X }` => X. */
function paramsOf(node: t.Node): t.Node | undefined {
  if (node.type !== 'ObjectExpression' || node.properties.length !== 1) return undefined;
  const only = node.properties[0]!;
  if (only.type !== 'ObjectProperty' || only.computed || only.key.type !== 'Identifier' || only.key.name !== 'params') return undefined;
  return only.value;
}

/** Why rows cannot go as JSON unchanged (a Date or boolean field, or a type canonize cannot see), if so. */
function rowsTrap(rows: t.Node, from: NodePath, source: string): string | undefined {
  if (rows.type === 'ArrayExpression') {
    for (const element of rows.elements) {
      const values = element?.type === 'ObjectExpression' ? element.properties.map((pr) => (pr.type === 'ObjectProperty' ? pr.value : pr)) : element?.type === 'ArrayExpression' ? element.elements : [element];
      for (const v of values) {
        if (!v) continue;
        if (v.type === 'BooleanLiteral') return 'a row holds a boolean';
        if (v.type === 'NewExpression' && v.callee.type === 'Identifier' && v.callee.name === 'Date') return 'a row holds a Date';
        if (!['StringLiteral', 'NumericLiteral', 'NullLiteral', 'TemplateLiteral'].includes(v.type)) return 'a row holds a value whose type canonize cannot see';
      }
    }
    return undefined;
  }
  if (rows.type !== 'Identifier') return "the rows' type is not visible here";
  const binding = from.scope.getBinding(rows.name);
  const id = binding?.path.isVariableDeclarator() ? (binding.path.node.id as t.Identifier) : (binding?.path.node as t.Identifier | undefined);
  const annotation = id && 'typeAnnotation' in id ? (id.typeAnnotation as t.TSTypeAnnotation | null | undefined) : undefined;
  if (!annotation) return `the rows' declared type is not written on \`${rows.name}\``;
  let type: t.TSType = annotation.typeAnnotation;
  if (type.type === 'TSArrayType') type = type.elementType;
  else if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && ['Array', 'ReadonlyArray'].includes(type.typeName.name) && type.typeParameters?.params[0]) type = type.typeParameters.params[0];
  const members = membersOf(type, from, source);
  if (!members) return `the rows' type is declared in another module, so canonize cannot check it for Date or boolean fields`;
  if (/\bDate\b/.test(members)) return "the rows' type has a Date field";
  if (/\bboolean\b/.test(members)) return "the rows' type has a boolean field";
  return undefined;
}

/** The text of a row type's members, when the type is written in this file. */
function membersOf(type: t.TSType, from: NodePath, source: string): string | undefined {
  const program = from.scope.getProgramParent().path.node as t.Program;
  const textOf = (n: t.Node) => source.slice(n.start!, n.end!);
  if (type.type === 'TSTypeLiteral') return textOf(type);
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return undefined;
  const name = type.typeName.name;
  for (const statement of program.body) {
    const declared = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declared?.type === 'TSInterfaceDeclaration' && declared.id.name === name) return textOf(declared.body);
    if (declared?.type === 'TSTypeAliasDeclaration' && declared.id.name === name) return textOf(declared.typeAnnotation);
  }
  return undefined;
}

/** `catch (e) { if (e.code === 60) … }`: the official client's codes are strings, so compare `Number(e.code)`. */
function planErrorCodes(program: NodePath<t.Program>, source: string): { edits: TextEdit[]; manual: Array<{ at: { line: number; column: number }; reason: string }> } {
  const edits: TextEdit[] = [];
  const manual: Array<{ at: { line: number; column: number }; reason: string }> = [];
  program.traverse({
    CatchClause(path) {
      const param = path.node.param;
      if (param?.type !== 'Identifier') return;
      for (const ref of path.scope.getBinding(param.name)?.referencePaths ?? []) {
        // `e.code`, `(e as X).code`, `e!.code`
        let object: NodePath = ref;
        while (object.parentPath && (object.parentPath.isTSAsExpression() || object.parentPath.isTSNonNullExpression() || object.parentPath.isTSTypeAssertion() || object.parentPath.isParenthesizedExpression())) object = object.parentPath;
        const member = object.parentPath;
        if (!member?.isMemberExpression({ object: object.node }) || member.node.computed || member.node.property.type !== 'Identifier' || member.node.property.name !== 'code') continue;
        const compare = member.parentPath;
        const other = compare?.isBinaryExpression() ? (compare.node.left === member.node ? compare.node.right : compare.node.left) : undefined;
        if (compare?.isBinaryExpression() && ['===', '==', '!==', '!='].includes(compare.node.operator) && other?.type === 'NumericLiteral') {
          edits.push({ start: member.node.start!, end: member.node.end!, text: `Number(${source.slice(member.node.start!, member.node.end!)})` });
        } else {
          manual.push({ at: { line: member.node.loc!.start.line, column: member.node.loc!.start.column + 1 }, reason: `error codes are strings in ${OFFICIAL} ("60", not 60): check this use of \`${param.name}.code\`` });
        }
      }
    },
  });
  return { edits, manual };
}

/** Uses of wrapper classes and getters move to the canonical client. */
function planWrappers(program: NodePath<t.Program>, file: string, prepared: PreparedClickHouse, p: Plan, source: string, clientName: string): void {
  for (const statement of program.node.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    const resolved = prepared.resolver.resolve(statement.source.value, file);
    const w = prepared.wrappers.find((x) => x.file === resolved);
    if (!w) continue;
    const spec = statement.specifiers.find((s): s is t.ImportSpecifier => s.type === 'ImportSpecifier' && nameOf(s.imported) === w.export);
    if (!spec) {
      p.retained.add(w.file);
      continue;
    }
    const local = spec.local.name;
    const binding = program.scope.getBinding(local);
    const edits: TextEdit[] = [];
    const blockers: t.Node[] = [];
    let typeUse = false;
    for (const ref of binding?.referencePaths ?? []) {
      const parent = ref.parentPath!;
      if (w.kind === 'getter' && parent.isCallExpression({ callee: ref.node }) && parent.node.arguments.length === 0) {
        edits.push({ start: parent.node.start!, end: parent.node.end!, text: clientName });
      } else if (w.kind === 'class' && parent.isNewExpression({ callee: ref.node })) {
        edits.push({ start: parent.node.start!, end: parent.node.end!, text: clientName });
        const holder = parent.parentPath;
        if (w.methods.size > 0) {
          if (holder?.isVariableDeclarator({ init: parent.node }) && holder.node.id.type === 'Identifier') {
            for (const use of holder.scope.getBinding(holder.node.id.name)?.referencePaths ?? []) {
              const m = use.parentPath;
              if (m?.isMemberExpression({ object: use.node }) && !m.node.computed && m.node.property.type === 'Identifier' && w.methods.has(m.node.property.name)) {
                edits.push({ start: m.node.property.start!, end: m.node.property.end!, text: w.methods.get(m.node.property.name)! });
              }
            }
          } else {
            blockers.push(parent.node);
          }
        }
      } else {
        blockers.push(ref.node);
      }
    }
    // Type positions (`svc: ClickHouseService`) name the official client's type instead.
    program.traverse({
      TSTypeReference(path) {
        if (w.kind === 'class' && path.node.typeName.type === 'Identifier' && path.node.typeName.name === local) {
          edits.push({ start: path.node.typeName.start!, end: path.node.typeName.end!, text: 'ClickHouseClient' });
          typeUse = true;
        }
      },
    });
    if (blockers.length > 0) {
      for (const b of blockers) {
        p.manual.push({ line: b.loc!.start.line, column: b.loc!.start.column + 1, specifier: w.export, target: prepared.canonicalLabel, reason: `this use of ${w.export} is not a plain ${w.kind === 'class' ? '`new` held in a variable' : 'call'}; move it to ${prepared.exportName} by hand` });
      }
      p.retained.add(w.file);
      continue;
    }
    p.edits.push(...edits);
    if (typeUse) p.needsClientType = true;
    p.canonicalLocals.add(clientName);
    if (statement.specifiers.length === 1) p.edits.push(statementRemoval(source, statement.start!, statement.end!));
    else {
      p.edits.push(removeListItem(source, spec));
      p.retained.add(w.file);
    }
    p.rewrites.push({ kind: 'wrapper', line: statement.loc!.start.line, column: statement.loc!.start.column + 1, from: `${w.export} from ${w.label}`, to: `${prepared.exportName} from ${prepared.canonicalLabel}`, target: prepared.canonicalLabel, violation: false });
  }
}

export const migration: Migration<ClickHouseClientOptions, PreparedClickHouse> = {
  description: 'Consolidates duplicate ClickHouse clients on one canonical client built on the official @clickhouse/client, rewriting old clickhouse-package calls.',
  optionsSchema,
  prepare,
  shims: (prepared) => prepared.wrappers.map((w) => ({ file: w.file, wrapper: true })),
  creates: (prepared) => (prepared.scaffold ? [{ file: prepared.canonicalFile, content: prepared.scaffold }] : []),
  describe,
  prefilter: (prepared) => prepared.prefilter,
  plan,
};

export const parser = 'tsx';

export default jscodeshiftAdapter('clickhouse-client', migration);
