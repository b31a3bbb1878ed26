/**
 * ClickHouse client facts of one file, read on the syntax tree (only for files whose text names a client
 * package): every construction, whether it is a client per connection (built from a function's parameters or
 * from `this`, as a per-user or per-tenant client is), which package it comes from, and the classes and
 * getters that wrap a client.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { parseSource } from '../syntax/parse';

export interface ClickHouseConstruction {
  line: number;
  what: string;
  /** Built from parameters or stored connection details: one client per connection, not a duplicate. */
  perConnection?: true;
  /** A `@clickhouse/client-web` client: merged only onto a web client, never proposed onto a Node one. */
  web?: true;
  /** From the old `clickhouse` package (which a workspace package of that name may shadow). */
  oldPackage?: true;
  /**
   * Built inside a function or class that is not a wrapper (a test's `beforeAll`, a script's `main`):
   * clickhouse-client leaves such a client and lists it, so it is never proposed.
   */
  unwrapped?: true;
}

export interface ClickHouseFacts {
  constructions: ClickHouseConstruction[];
  /** Classes that build or hold a client and delegate to it; getters that build one. */
  wrappers: Array<{ line: number; what: string; methods?: Record<string, string>; perConnection?: true }>;
  /** The name of an official client the module exports at top level (`export const x = createClient(...)`). */
  client?: string;
}

const PACKAGES: Array<{ source: string; what: string; kind: 'official' | 'web' | 'old' | 'other'; constructor: 'createClient' | 'ClickHouse' | 'default' }> = [
  { source: '@clickhouse/client', what: 'createClient() from @clickhouse/client', kind: 'official', constructor: 'createClient' },
  { source: '@clickhouse/client-web', what: 'createClient() from @clickhouse/client-web', kind: 'web', constructor: 'createClient' },
  { source: 'clickhouse', what: 'new ClickHouse() from clickhouse', kind: 'old', constructor: 'ClickHouse' },
  { source: '@apla/clickhouse', what: 'new ClickHouse() from @apla/clickhouse or @posthog/clickhouse', kind: 'other', constructor: 'default' },
  { source: '@posthog/clickhouse', what: 'new ClickHouse() from @apla/clickhouse or @posthog/clickhouse', kind: 'other', constructor: 'default' },
];

/** Methods a wrapper delegates to (the clients' own). */
const CLIENT_METHODS = new Set(['query', 'insert', 'command', 'exec', 'ping', 'close', 'querying', 'pinging']);

export function clickhouseFacts(source: string, file: string): ClickHouseFacts | undefined {
  if (!PACKAGES.some((p) => source.includes(`'${p.source}'`) || source.includes(`"${p.source}"`))) return undefined;
  let ast: t.File;
  try {
    ast = parseSource(source, file);
  } catch {
    return undefined;
  }
  const constructors = new Map<string, (typeof PACKAGES)[number]>();
  for (const s of ast.program.body) {
    if (s.type === 'ImportDeclaration') {
      const pkg = PACKAGES.find((p) => p.source === s.source.value);
      if (!pkg) continue;
      for (const sp of s.specifiers) {
        const imported = sp.type === 'ImportSpecifier' ? (sp.imported.type === 'Identifier' ? sp.imported.name : sp.imported.value) : 'default';
        if (imported === pkg.constructor || (pkg.constructor === 'default' && sp.type !== 'ImportSpecifier')) constructors.set(sp.local.name, pkg);
      }
    }
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        const required = d.init?.type === 'CallExpression' && d.init.callee.type === 'Identifier' && d.init.callee.name === 'require' && d.init.arguments[0]?.type === 'StringLiteral' ? d.init.arguments[0].value : undefined;
        const pkg = PACKAGES.find((p) => p.source === required);
        if (!pkg) continue;
        if (d.id.type === 'Identifier' && pkg.constructor === 'default') constructors.set(d.id.name, pkg);
        if (d.id.type === 'ObjectPattern') {
          for (const pr of d.id.properties) if (pr.type === 'ObjectProperty' && pr.key.type === 'Identifier' && pr.key.name === pkg.constructor && pr.value.type === 'Identifier') constructors.set(pr.value.name, pkg);
        }
      }
    }
  }
  if (constructors.size === 0) return undefined;
  const traverse = (require('@babel/traverse') as typeof import('@babel/traverse')).default;
  const constructions: ClickHouseConstruction[] = [];
  const wrappers: ClickHouseFacts['wrappers'] = [];
  const builders = new Set<t.Node>();
  /** Per class or function: whether every client it builds is per connection. */
  const perConnectionIn = new Map<t.Node, boolean>();
  /** Per construction built inside a function or class: those holders. */
  const holdersOf = new Map<ClickHouseConstruction, t.Node[]>();
  const wrapperNodes = new Set<t.Node>();
  const visit = (path: NodePath<t.CallExpression | t.NewExpression>) => {
    const callee = path.node.callee;
    const pkg = callee.type === 'Identifier' ? constructors.get(callee.name) : undefined;
    if (!pkg || (path.isCallExpression() && pkg.constructor !== 'createClient') || (path.isNewExpression() && pkg.constructor === 'createClient')) return;
    const fn = path.getFunctionParent();
    const cls = path.findParent((p) => p.isClassDeclaration() || p.isClassExpression());
    const perConnection = !!fn && fromConnection(path);
    for (const holder of [fn?.node, cls?.node]) {
      if (!holder) continue;
      builders.add(holder);
      perConnectionIn.set(holder, (perConnectionIn.get(holder) ?? true) && perConnection);
    }
    const construction: ClickHouseConstruction = {
      line: path.node.loc!.start.line,
      what: pkg.what,
      ...(perConnection ? { perConnection: true as const } : {}),
      ...(pkg.kind === 'web' ? { web: true as const } : {}),
      ...(pkg.kind === 'old' ? { oldPackage: true as const } : {}),
    };
    constructions.push(construction);
    const holders = [fn?.node, cls?.node].filter((h): h is t.Node => h !== undefined);
    if (holders.length > 0) holdersOf.set(construction, holders);
  };
  traverse(ast, { CallExpression: visit, NewExpression: visit });
  if (constructions.length === 0) return undefined;
  traverse(ast, {
    Class(path) {
      const name = path.node.id?.name;
      if (!name) return;
      const holds = builders.has(path.node) || /\bClickHouse(Client)?\b/.test(source.slice(path.node.start!, path.node.end!));
      const methods = delegations(path.node);
      if (!holds || methods.delegating === 0) return;
      wrapperNodes.add(path.node);
      wrappers.push({ line: path.node.loc!.start.line, what: `class ${name}`, ...(Object.keys(methods.renamed).length > 0 ? { methods: methods.renamed } : {}), ...(perConnectionIn.get(path.node) ? { perConnection: true as const } : {}) });
    },
    Function(path) {
      const name = path.isFunctionDeclaration() ? path.node.id?.name : path.parentPath.isVariableDeclarator() && path.parentPath.node.id.type === 'Identifier' ? path.parentPath.node.id.name : undefined;
      if (!name || !/^get[\w$]*Client[\w$]*$/i.test(name) || !builders.has(path.node)) return;
      wrapperNodes.add(path.node);
      wrappers.push({ line: path.node.loc!.start.line, what: `getter ${name}`, ...(perConnectionIn.get(path.node) || path.node.params.length > 0 ? { perConnection: true as const } : {}) });
    },
  });
  for (const [construction, holders] of holdersOf) {
    if (!construction.perConnection && !holders.some((h) => wrapperNodes.has(h))) construction.unwrapped = true;
  }
  const client = exportedOfficialClient(ast, constructors);
  return { constructions: constructions.sort((a, b) => a.line - b.line), wrappers: wrappers.sort((a, b) => a.line - b.line), ...(client ? { client } : {}) };
}

/** The construction's options name a parameter of an enclosing function, or `this` (a stored connection). */
function fromConnection(path: NodePath<t.CallExpression | t.NewExpression>): boolean {
  let found = false;
  for (const argument of path.get('arguments')) {
    if (argument.isThisExpression()) found = true;
    argument.traverse({
      ThisExpression() {
        found = true;
      },
      Identifier(id) {
        if (!id.isReferencedIdentifier()) return;
        const binding = id.scope.getBinding(id.node.name);
        if (binding?.kind === 'param') found = true;
      },
    });
    if (argument.isIdentifier() && argument.scope.getBinding(argument.node.name)?.kind === 'param') found = true;
  }
  return found;
}

/** `select(p) { return this.client.query(p); }`: methods that delegate, and those renamed (wrapper => client). */
function delegations(cls: t.Class): { delegating: number; renamed: Record<string, string> } {
  const renamed: Record<string, string> = {};
  let delegating = 0;
  for (const member of cls.body.body) {
    if ((member.type !== 'ClassMethod' && member.type !== 'ClassPrivateMethod') || member.kind !== 'method' || member.key.type !== 'Identifier') continue;
    const [only] = member.body.body;
    const returned = only?.type === 'ReturnStatement' ? only.argument : only?.type === 'ExpressionStatement' ? only.expression : undefined;
    const call = returned?.type === 'AwaitExpression' ? returned.argument : returned;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.property.type !== 'Identifier') continue;
    const target = call.callee.object;
    if (target.type !== 'MemberExpression' || target.object.type !== 'ThisExpression') continue;
    const method = call.callee.property.name;
    if (!CLIENT_METHODS.has(method)) continue;
    delegating++;
    if (member.key.name !== method) renamed[member.key.name] = method;
  }
  return { delegating, renamed };
}

function exportedOfficialClient(ast: t.File, constructors: Map<string, (typeof PACKAGES)[number]>): string | undefined {
  for (const s of ast.program.body) {
    if (s.type !== 'ExportNamedDeclaration' || s.declaration?.type !== 'VariableDeclaration') continue;
    for (const d of s.declaration.declarations) {
      const init = d.init;
      if (d.id.type === 'Identifier' && init?.type === 'CallExpression' && init.callee.type === 'Identifier' && constructors.get(init.callee.name)?.kind === 'official') return d.id.name;
    }
  }
  return undefined;
}
