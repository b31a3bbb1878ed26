/**
 * Hand-written wrapper classes and singleton getters. At prepare time each is judged: its uses move to the
 * canonical client only when it builds (or holds) one client whose effective settings equal the canonical
 * client's and takes no arguments that could reach them. Then, per file, every use moves or the file keeps
 * the wrapper and each use it could not move is listed.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { removeListItem, statementRemoval, type TextEdit } from '../../src/syntax/edits';
import { nameOf } from '../../src/syntax/references';
import { placeOf, type FileContext, type FilePlan } from './file';
import { OFFICIAL, OLD, isRequireOf } from './packages';
import { differences, officialSettings, OLD_COMPARISON, type ReadSettings } from './settings';

/** Methods of the official client a wrapper use may call once it is the canonical client. */
const CLIENT_METHODS = new Set(['query', 'insert', 'command', 'exec', 'ping', 'close']);

/**
 * Why a wrapper's uses must not move to the canonical client, or `undefined` when they may. `declaration` is
 * the exported class or function; `ast` its module.
 */
export function judgeWrapper(args: { ast: t.File; source: string; name: string; kind: 'class' | 'getter'; canonical: ReadSettings; canonicalFile: string; resolve(specifier: string): string | undefined }): string | undefined {
  const { ast, source, name, kind } = args;
  const declaration = exportedDeclaration(ast, name);
  if (!declaration) return `canonize cannot find the ${kind} ${name} in its module`;
  const parameters = kind === 'class' ? constructorOf(declaration)?.params ?? [] : functionOf(declaration)?.params ?? [];
  if (parameters.length > 0) {
    const shown = parameters.map((p) => source.slice(p.start!, ('typeAnnotation' in p && (p.typeAnnotation as t.Node | null)?.start) || p.end!).trim());
    return `${name} takes arguments (${shown.join(', ')}) that may reach its client's settings: a client per connection is never merged onto the canonical one`;
  }
  const locals = constructorNames(ast);
  const constructions: Array<{ node: t.CallExpression | t.NewExpression; kind: 'official' | 'old' }> = [];
  const { traverseFast } = require('@babel/types') as typeof import('@babel/types');
  traverseFast(declaration, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && locals.official.has(node.callee.name)) constructions.push({ node, kind: 'official' });
    if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && locals.old.has(node.callee.name)) constructions.push({ node, kind: 'old' });
  });
  // A wrapper may also hold a client built at the top of its module.
  if (constructions.length === 0) {
    traverseFast(ast.program, (node) => {
      if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && locals.official.has(node.callee.name)) constructions.push({ node, kind: 'official' });
      if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && locals.old.has(node.callee.name)) constructions.push({ node, kind: 'old' });
    });
  }
  if (constructions.length === 0) {
    const usesCanonical = ast.program.body.some((s) => s.type === 'ImportDeclaration' && args.resolve(s.source.value) === args.canonicalFile);
    return usesCanonical ? undefined : `canonize cannot see which client ${name} uses (it builds none with createClient() from ${OFFICIAL})`;
  }
  if (constructions.length > 1) return `${name}'s module builds ${constructions.length} clients; canonize cannot tell which one its uses reach`;
  const [only] = constructions;
  if (only!.kind === 'old') return `${name} wraps a client of the old "${OLD}" package: its methods speak the old API, so its callers cannot move to the official client unchanged`;
  const settings = officialSettings(only!.node.arguments[0], source);
  if (settings.opaque) return `${name}'s client: ${settings.opaque}, so its settings cannot be compared with the canonical client's`;
  const diff = differences(settings.effective, args.canonical.effective, args.canonical.oldFormat === undefined ? { officialOnly: true } : OLD_COMPARISON);
  if (diff.length > 0) return `${name}'s client has other settings than the canonical client: ${diff.join('; ')}`;
  return undefined;
}

function exportedDeclaration(ast: t.File, name: string): t.Node | undefined {
  const local = new Map<string, t.Node>();
  for (const s of ast.program.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if ((d?.type === 'ClassDeclaration' || d?.type === 'FunctionDeclaration') && d.id) local.set(d.id.name, d);
    if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier' && v.init) local.set(v.id.name, v.init);
  }
  return local.get(name);
}

function constructorOf(node: t.Node): t.ClassMethod | undefined {
  if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return undefined;
  return node.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor');
}

function functionOf(node: t.Node): { params: t.Node[] } | undefined {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' ? node : undefined;
}

/** Locals bound to `createClient` (official) and `ClickHouse` (old) in a module. */
function constructorNames(ast: t.File): { official: Set<string>; old: Set<string> } {
  const out = { official: new Set<string>(), old: new Set<string>() };
  for (const s of ast.program.body) {
    if (s.type === 'ImportDeclaration' && (s.source.value === OFFICIAL || s.source.value === OLD)) {
      for (const sp of s.specifiers) {
        if (sp.type !== 'ImportSpecifier') continue;
        if (s.source.value === OFFICIAL && nameOf(sp.imported) === 'createClient') out.official.add(sp.local.name);
        if (s.source.value === OLD && nameOf(sp.imported) === 'ClickHouse') out.old.add(sp.local.name);
      }
    }
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        if (d.id.type !== 'ObjectPattern' || !isRequireOf(d.init, OLD)) continue;
        for (const pr of d.id.properties) if (pr.type === 'ObjectProperty' && pr.key.type === 'Identifier' && pr.key.name === 'ClickHouse' && pr.value.type === 'Identifier') out.old.add(pr.value.name);
      }
    }
  }
  return out;
}

/** Uses of wrapper classes and getters move to the canonical client. */
export function planWrappers(context: FileContext, p: FilePlan, clientName: string): void {
  const { program, path: file, prepared, source } = context;
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
    const report = (node: t.Node, reason: string) => p.manual.push({ ...placeOf(node), specifier: w.export, target: prepared.canonicalLabel, reason });
    if (w.blocked) {
      for (const ref of binding?.referencePaths ?? []) report(ref.node, `not moved to ${prepared.exportName}: ${w.blocked}`);
      p.retained.add(w.file);
      continue;
    }
    const edits: TextEdit[] = [];
    const blockers: Array<{ node: t.Node; reason: string }> = [];
    let typeUse = false;
    for (const ref of binding?.referencePaths ?? []) {
      const parent = ref.parentPath!;
      if (w.kind === 'getter' && parent.isCallExpression({ callee: ref.node })) {
        if (parent.node.arguments.length > 0) blockers.push({ node: parent.node, reason: `${w.export}(…) is called with arguments here; they would be dropped` });
        else edits.push({ start: parent.node.start!, end: parent.node.end!, text: clientName });
      } else if (w.kind === 'class' && parent.isNewExpression({ callee: ref.node })) {
        if (parent.node.arguments.length > 0) {
          blockers.push({ node: parent.node, reason: `new ${w.export}(…) is given arguments here; they would be dropped` });
          continue;
        }
        edits.push({ start: parent.node.start!, end: parent.node.end!, text: clientName });
        const holder = parent.parentPath;
        if (holder?.isVariableDeclarator({ init: parent.node }) && holder.node.id.type === 'Identifier') {
          const methods = methodUses(holder, w.methods);
          edits.push(...methods.edits);
          blockers.push(...methods.blockers);
        } else {
          blockers.push({ node: parent.node, reason: `new ${w.export}() is not held in a variable here, so canonize cannot check which methods are called on it` });
        }
      } else {
        blockers.push({ node: ref.node, reason: `this use of ${w.export} is not a plain ${w.kind === 'class' ? '`new` held in a variable' : 'call'}` });
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
      for (const b of blockers) report(b.node, `${b.reason}; move it to ${prepared.exportName} by hand`);
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

/** Calls on a wrapper instance: renamed by `methods`, kept when the client has the method, else blockers. */
function methodUses(holder: NodePath<t.VariableDeclarator>, methods: Map<string, string>): { edits: TextEdit[]; blockers: Array<{ node: t.Node; reason: string }> } {
  const out = { edits: [] as TextEdit[], blockers: [] as Array<{ node: t.Node; reason: string }> };
  const name = (holder.node.id as t.Identifier).name;
  for (const use of holder.scope.getBinding(name)?.referencePaths ?? []) {
    const m = use.parentPath;
    if (!m?.isMemberExpression({ object: use.node })) continue;
    const method = !m.node.computed && m.node.property.type === 'Identifier' ? m.node.property.name : undefined;
    if (method !== undefined && methods.has(method)) out.edits.push({ start: m.node.property.start!, end: m.node.property.end!, text: methods.get(method)! });
    else if (method === undefined || !CLIENT_METHODS.has(method)) out.blockers.push({ node: m.node, reason: `\`${name}.${method ?? '[…]'}\` is neither a client method nor in the wrapper's "methods"` });
  }
  return out;
}
