/**
 * Finding the exported-client layout (see `exported.ts`) across the repository, once per run in `prepare`:
 * the run's modules that import the old package and export a top-level old client, then every file of the
 * repository that imports one of them. A file that imports the client and that the run does not plan (outside
 * the config's `include` or the paths given, an excluded test folder, a script outside the tsconfig, a `.vue`
 * file) would call `.toPromise()` on the official client after the run: it is a blocking site, and nothing of
 * that client changes.
 *
 * Texts are read through the run (`TransformEnv.holds` and `readModule`): a later issue sees what an earlier
 * one changed, and only files whose text holds the module's name or exact alias (the old package's name, for
 * the modules) are kept and parsed.
 */
import * as path from 'node:path';
import type * as t from '@babel/types';
import type { TransformEnv } from '../../src/transform';
import { parseSource } from '../../src/syntax/parse';
import { nameOf } from '../../src/syntax/references';
import { dropSourceExtension, isIndexFile, sourceExtensionOf } from '../../src/resolve/extensions';
import { clientImports } from './constructions';
import { exportNamesOf, heldConstruction, type ExportedClient } from './exported';
import { OLD } from './packages';

/** Files with a script canonize does not parse, that may still import a module (`<script>` blocks). */
const SCRIPT_HOSTS = ['.vue', '.svelte', '.astro'];

/** The exported old clients among the run's files, and their importers in the whole repository. Empty outside a run. */
export function findExportedClients(env: TransformEnv, exclude: Set<string>): Map<string, ExportedClient> {
  const found = new Map<string, ExportedClient>();
  const files = env.files?.() ?? [];
  const holds = env.holds ?? ((file: string, needles: readonly string[]) => needles.some((n) => env.readModule(file)?.includes(n)));
  for (const file of files) {
    if (exclude.has(file) || !holds(file, [`'${OLD}'`, `"${OLD}"`])) continue;
    const text = env.readModule(file);
    const ast = text === undefined ? undefined : parseOrUndefined(text, file);
    if (!ast) continue;
    const imports = clientImports(ast, () => env.resolver.isRepositoryCode(OLD, file));
    if (imports.old.size === 0) continue;
    for (const s of ast.program.body) {
      const declaration = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
      if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) continue;
      const d = declaration.declarations[0]!;
      if (d.id.type !== 'Identifier' || !heldConstruction(d.init, (n) => imports.old.has(n))) continue;
      const names = exportNamesOf(ast, d.id.name);
      if (names.size > 0) found.set(file, { file, local: d.id.name, names, needles: needlesOf(file, env), importers: new Map(), blockers: [] });
    }
  }
  if (found.size > 0) findImporters({ env, clients: [...found.values()], inRun: new Set(files), holds });
  return found;
}

/**
 * What an importer's text holds: the module's name as a specifier spells it (its folder's for an index), or a
 * tsconfig `paths` key that names the module exactly (`"@db": ["src/lib/clickhouse.ts"]`).
 */
function needlesOf(file: string, env: TransformEnv): string[] {
  const name = isIndexFile(file) ? path.basename(path.dirname(file)) : dropSourceExtension(path.basename(file));
  return [...new Set([name, ...env.resolver.exactAliasesOf(file)])];
}

/**
 * Every file of the repository that may import one of `clients`: the run's own, whose bindings are recorded,
 * and the others, each import of the client a blocking site. One pass over the files for every client.
 */
function findImporters(args: { env: TransformEnv; clients: ExportedClient[]; inRun: Set<string>; holds(file: string, needles: readonly string[]): boolean }): void {
  const { env, clients, inRun } = args;
  const needles = [...new Set(clients.flatMap((c) => c.needles))];
  const modules = new Set(clients.map((c) => c.file));
  const candidates = [...new Set([...(env.repositoryFiles?.() ?? []), ...inRun])];
  for (const file of candidates) {
    const extension = sourceExtensionOf(file);
    const host = SCRIPT_HOSTS.find((ext) => file.endsWith(ext));
    if (modules.has(file) || (!host && (extension === undefined || extension === '.json'))) continue;
    if (!args.holds(file, needles)) continue;
    const text = env.readModule(file);
    if (text === undefined) continue;
    const label = path.relative(env.rootDir, file).split(path.sep).join('/');
    const resolve = (specifier: string) => env.resolver.resolve(specifier, file);
    const mine = clients.filter((c) => c.needles.some((n) => text.includes(n)));
    const ast = host ? undefined : parseOrUndefined(text, file);
    for (const client of mine) {
      if (!ast) {
        const at = loadedAt(text, resolve, client.file);
        if (at) client.blockers.push(`${label}:${at}: ${host ? `a ${host} file loads the module, and canonize does not convert its scripts` : 'the file loads the module and cannot be parsed, so its uses of the client are unknown'}`);
      } else {
        importsOf({ ast, file, label, client, resolve, planned: inRun.has(file) });
      }
    }
  }
}

function parseOrUndefined(text: string, file: string): t.File | undefined {
  try {
    return parseSource(text, file);
  } catch {
    return undefined;
  }
}

/**
 * `line:column` of the first specifier in `text` that resolves to `target`, read without a syntax tree (a
 * `.vue` file, or one that does not parse): quoted strings after `from`, `import` or `require(`.
 */
function loadedAt(text: string, resolve: (specifier: string) => string | undefined, target: string): string | undefined {
  for (const m of text.matchAll(/(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*(['"])([^'"\n]+)\1/g)) {
    if (resolve(m[2]!) !== target) continue;
    const at = m.index! + m[0].indexOf(m[1]!);
    const before = text.slice(0, at);
    return `${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
  }
  return undefined;
}

/**
 * Records `file`'s bindings of the client (a planned file), or lists each as a blocking site (a file the run
 * does not plan), and the references canonize cannot follow as blockers.
 */
function importsOf(args: { ast: t.File; file: string; label: string; client: ExportedClient; resolve(specifier: string): string | undefined; planned: boolean }): void {
  const { ast, file, client } = args;
  const rel = (node: t.Node) => `${args.label}:${node.loc!.start.line}:${node.loc!.start.column + 1}`;
  const outside = args.planned ? '' : ' (and the run does not plan this file)';
  const locals: string[] = [];
  const { traverseFast } = require('@babel/types') as typeof import('@babel/types');
  traverseFast(ast.program, (node) => {
    if (node.type === 'ImportDeclaration' && args.resolve(node.source.value) === client.file) {
      for (const sp of node.specifiers) {
        const name = sp.type === 'ImportDefaultSpecifier' ? 'default' : sp.type === 'ImportSpecifier' ? nameOf(sp.imported) : undefined;
        if (sp.type === 'ImportNamespaceSpecifier') client.blockers.push(`${rel(sp)}: the module is imported as a namespace (\`${sp.local.name}.…\`), whose client uses canonize does not follow${outside}`);
        else if (name !== undefined && client.names.has(name)) {
          if (node.importKind === 'type' || (sp.type === 'ImportSpecifier' && sp.importKind === 'type')) client.blockers.push(`${rel(sp)}: the client is imported as a type (\`typeof\`), which would name the official client's type${outside}`);
          else if (!args.planned) client.blockers.push(`${rel(sp)}: the client is imported here as \`${sp.local.name}\`, and the run does not plan this file (outside the config's files, the paths given or the tsconfig): its calls would reach the official client unconverted`);
          else locals.push(sp.local.name);
        }
      }
    }
    if ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source && args.resolve(node.source.value) === client.file) {
      const forwards = node.type === 'ExportAllDeclaration' ? client.names.size > (client.names.has('default') ? 1 : 0) : node.specifiers.some((sp) => sp.type === 'ExportSpecifier' && client.names.has(nameOf(sp.local)));
      if (forwards) client.blockers.push(`${rel(node)}: the client is re-exported here, and the files that import it from this module are not followed${outside}`);
    }
    if ((node.type === 'CallExpression' || node.type === 'ImportExpression') && isLoadOf(node, args.resolve, client.file)) {
      client.blockers.push(`${rel(node)}: the module is loaded with \`require\` or \`import()\`, whose client uses canonize does not follow${outside}`);
    }
  });
  if (locals.length > 0) client.importers.set(file, locals);
}

function isLoadOf(node: t.CallExpression | t.ImportExpression, resolve: (specifier: string) => string | undefined, target: string): boolean {
  const argument = node.type === 'ImportExpression' ? node.source : node.callee.type === 'Import' || (node.callee.type === 'Identifier' && node.callee.name === 'require') ? node.arguments[0] : undefined;
  return argument?.type === 'StringLiteral' && resolve(argument.value) === target;
}
