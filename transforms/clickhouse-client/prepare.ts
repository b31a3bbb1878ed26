/**
 * Once per run: the canonical module (read, or scaffolded when it does not exist), its client's effective
 * settings, and the wrappers the config lists, all found on the syntax tree.
 */
import * as path from 'node:path';
import type * as t from '@babel/types';
import { ConfigError, ConfigErrors } from '../../src/errors';
import type { Prefilter } from '../../src/files/prefilter';
import type { TransformEnv } from '../../src/transform';
import type { ModuleResolver } from '../../src/resolve/resolver';
import { parseSource } from '../../src/syntax/parse';
import { nameOf } from '../../src/syntax/references';
import { dropSourceExtension } from '../../src/resolve/extensions';
import { parseModuleName, type ModuleName } from '../lib/modules';
import { officialSettings, type ReadSettings } from './settings';
import { judgeWrapper } from './wrappers';
import type { TypeHost } from './types';
import { SourceFileCache } from '../../src/typescript/program';
import { NEEDLES, OFFICIAL } from './packages';
import type { ExportedClient, ExportedVerdict } from './exported';
import { findExportedClients } from './importers';

export interface ClickHouseClientOptions {
  /** The canonical module, relative to the config. Created when it does not exist. */
  canonical: string;
  /** The name the canonical module exports its client as. */
  export?: string;
  /** Hand-written wrapper classes and getter functions whose uses move to the canonical client. */
  wrappers?: Array<{ module: string; export: string; methods?: Record<string, string> }>;
}

export interface Wrapper {
  file: string;
  label: string;
  export: string;
  kind: 'class' | 'getter';
  /** Wrapper method => client method. */
  methods: Map<string, string>;
  /** Why its uses must not move to the canonical client (see `judgeWrapper`), if so. */
  blocked?: string;
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
  /** Where type-aware checks get their programs: other modules through the run, parsed files shared. */
  typeHost: TypeHost;
  /** Another module's text through the run. */
  readModule(file: string): string | undefined;
  /** Modules that export an old-package client, and their importers (see `exported.ts`). */
  exported: Map<string, ExportedClient>;
  /** The verdict on each exported client, once judged (the run's memo). */
  exportedVerdicts: Map<string, ExportedVerdict>;
}

/** The canonical module canonize writes when there is none: settings from the environment, typed by the client. */
export function scaffoldText(exportName: string): string {
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

export function prepare(options: ClickHouseClientOptions, env: TransformEnv, at: string): PreparedClickHouse {
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
  const ast = parseSource(text, canonicalFile);
  const client = findCreateClient(ast);
  if (!client) {
    throw new ConfigError(env.configFile, `${at}.canonical`, `expected a module that builds its client with createClient(...) from ${OFFICIAL}, found none in ${JSON.stringify(options.canonical)}`);
  }
  if (!exportedNames(ast).has(exportName)) {
    throw new ConfigError(env.configFile, `${at}.export`, `expected ${JSON.stringify(options.canonical)} to export ${JSON.stringify(exportName)}, found no such export`);
  }
  const canonical = officialSettings(client.arguments[0], text);
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
    const ast = parseSource(source, file);
    const kind = exportedKind(ast, w.export);
    if (!kind) return void errors.push(new ConfigError(env.configFile, `${where}.export`, `expected ${JSON.stringify(w.module)} to export a class or function ${JSON.stringify(w.export)}, found none`));
    const blocked = judgeWrapper({ ast, source, name: w.export, kind, canonical, canonicalFile, resolve: (specifier) => env.resolver.resolve(specifier, file) });
    wrappers.push({ file, label: w.module, export: w.export, kind, methods: new Map(Object.entries(w.methods ?? {})), ...(blocked ? { blocked } : {}) });
  });
  if (errors.length > 0) throw new ConfigErrors(errors);
  const exported = findExportedClients(env, new Set([canonicalFile, ...wrappers.map((w) => w.file)]));
  return {
    resolver: env.resolver,
    rootDir: env.rootDir,
    canonicalFile,
    canonicalLabel: options.canonical,
    exportName,
    canonical,
    scaffold,
    wrappers,
    prefilter: { needles: [...new Set([...NEEDLES, ...wrappers.map((w) => dropSourceExtension(path.basename(w.file))), ...[...exported.values()].flatMap((c) => c.needles)])] },
    typeHost: { resolver: env.resolver, readModule: env.readModule, cache: new SourceFileCache() },
    readModule: env.readModule,
    exported,
    exportedVerdicts: new Map(),
  };
}

/** The first `createClient(...)` call of a name imported from the official package. */
function findCreateClient(ast: t.File): t.CallExpression | undefined {
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

/** The names a module exports: declarations and export lists, read on the syntax tree (any identifier, `$ch` too). */
export function exportedNames(ast: t.File): Set<string> {
  const names = new Set<string>();
  for (const s of ast.program.body) {
    if (s.type === 'ExportNamedDeclaration') {
      const d = s.declaration;
      if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') names.add(v.id.name);
      if ((d?.type === 'FunctionDeclaration' || d?.type === 'ClassDeclaration') && d.id) names.add(d.id.name);
      for (const sp of s.specifiers) if (sp.type === 'ExportSpecifier') names.add(nameOf(sp.exported));
    }
    if (s.type === 'ExportDefaultDeclaration') names.add('default');
  }
  return names;
}

/** Whether `name` is exported as a class or as a function (a declaration or a `const` holding one). */
function exportedKind(ast: t.File, name: string): 'class' | 'getter' | undefined {
  for (const s of ast.program.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : undefined;
    if (d?.type === 'ClassDeclaration' && d.id?.name === name) return 'class';
    if (d?.type === 'FunctionDeclaration' && d.id?.name === name) return 'getter';
    if (d?.type === 'VariableDeclaration') {
      for (const v of d.declarations) if (v.id.type === 'Identifier' && v.id.name === name) return 'getter';
    }
  }
  return undefined;
}
