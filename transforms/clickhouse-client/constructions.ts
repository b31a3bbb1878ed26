/**
 * Client constructions in a file: which names build clients (imports of the packages), every construction,
 * and the verdict on each: merged onto the canonical client (with its calls converted), or left and why.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { removeStatement, type TextEdit } from '../../src/syntax/edits';
import { nameOf } from '../../src/syntax/references';
import { placeOf, type FileContext, type FilePlan } from './file';
import { OFFICIAL, OLD, OTHER_CLIENTS, isRequireOf } from './packages';
import { aplaSettings, differences, officialSettings, oldSettings, OLD_COMPARISON } from './settings';
import { planOldCalls } from './old-calls';
import { planAplaCalls } from './apla-calls';
import type { ErrorCodePlan } from './error-codes';
import { cacheOf, heldConstruction, judgeExported } from './exported';

/** The names this file builds clients with, and the statements that import the old packages. */
export interface ClientImports {
  /** Locals bound to `createClient` from the official package. */
  official: Set<string>;
  /** Locals bound to `ClickHouse` from the old package. */
  old: Set<string>;
  /** Locals bound to another client package's constructor => the package. */
  other: Map<string, string>;
  /** Statements importing the old or another package (each is a violation while it stays). */
  oldImports: t.Node[];
}

export type ClientKind = 'official' | 'old' | 'apla';

/** Said once per file that leaves an old client: the official client logs what the old ones never did. */
const LOGS_NOTE = 'the official client logs every failed query (at ERROR, its default level being WARN), where this old client logged nothing';

export interface Construction {
  node: t.CallExpression | t.NewExpression;
  path: NodePath;
  kind: ClientKind;
  from: string;
}

/**
 * `oldIsProjectCode`: the specifier `clickhouse` resolves into the repository from this file (a workspace
 * package of that name), so it is not the old npm package.
 */
export function clientImports(ast: t.File, oldIsProjectCode: () => boolean): ClientImports {
  const found: ClientImports = { official: new Set(), old: new Set(), other: new Map(), oldImports: [] };
  const isOld = (name: string) => name === OLD && !oldIsProjectCode();
  for (const statement of ast.program.body) {
    if (statement.type === 'ImportDeclaration' && OTHER_CLIENTS.includes(statement.source.value)) {
      for (const s of statement.specifiers) found.other.set(s.local.name, statement.source.value);
      found.oldImports.push(statement);
    }
    if (statement.type === 'ImportDeclaration' && (statement.source.value === OFFICIAL || isOld(statement.source.value))) {
      for (const s of statement.specifiers) {
        if (s.type !== 'ImportSpecifier') continue;
        if (statement.source.value === OFFICIAL && nameOf(s.imported) === 'createClient') found.official.add(s.local.name);
        if (statement.source.value === OLD && nameOf(s.imported) === 'ClickHouse') found.old.add(s.local.name);
      }
      if (statement.source.value === OLD) found.oldImports.push(statement);
    }
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        const otherPackage = OTHER_CLIENTS.find((name) => isRequireOf(d.init, name));
        if (d.id.type === 'Identifier' && otherPackage) {
          found.other.set(d.id.name, otherPackage);
          found.oldImports.push(statement);
        }
        if (d.id.type === 'ObjectPattern' && isRequireOf(d.init, OLD) && !oldIsProjectCode()) {
          for (const prop of d.id.properties) {
            if (prop.type === 'ObjectProperty' && prop.key.type === 'Identifier' && prop.key.name === 'ClickHouse' && prop.value.type === 'Identifier') found.old.add(prop.value.name);
          }
          found.oldImports.push(statement);
        }
      }
    }
  }
  return found;
}

/** Every `createClient(...)` and `new ClickHouse(...)` of the imported constructors, in source order. */
export function findConstructions(context: FileContext, imports: ClientImports): Construction[] {
  const constructions: Construction[] = [];
  context.program.traverse({
    CallExpression(path) {
      if (path.node.callee.type === 'Identifier' && imports.official.has(path.node.callee.name)) constructions.push({ node: path.node, path, kind: 'official', from: OFFICIAL });
    },
    NewExpression(path) {
      if (path.node.callee.type !== 'Identifier') return;
      if (imports.old.has(path.node.callee.name)) constructions.push({ node: path.node, path, kind: 'old', from: OLD });
      const from = imports.other.get(path.node.callee.name);
      if (from) constructions.push({ node: path.node, path, kind: 'apla', from });
    },
  });
  return constructions;
}

/**
 * Each construction merged onto the canonical client, or reported. Returns whether an old-package client was
 * merged (its file's error-code checks then need converting).
 */
export function planConstructions(context: FileContext, p: FilePlan, constructions: Construction[], errorCodes: ErrorCodePlan | undefined): { oldMerged: boolean; oldLeft: number } {
  const { program, prepared, source, target } = context;
  const wrapper = prepared.wrappers.find((w) => w.file === context.path);
  let oldMerged = false;
  let oldMergedCount = 0;
  const removed: t.Statement[] = [];
  for (const c of constructions) {
    const where = placeOf(c.node);
    const what = c.kind === 'official' ? `createClient(...) from ${OFFICIAL}` : `new ${(c.node.callee as t.Identifier).name}(...) from ${c.from}`;
    const report = (reason: string) => p.manual.push({ ...where, specifier: what, target, reason });
    if (wrapper) {
      report(`built inside the wrapper ${wrapper.export}; canonize moves the wrapper's uses to ${target} and deletes ${wrapper.label} once no file uses it`);
      continue;
    }
    // `const ch = global.ch || new ClickHouse(…)`: the client behind a hot-reload cache (see `heldConstruction`).
    const cached = c.kind === 'old' && c.path.parentPath?.isLogicalExpression({ right: c.node }) ? c.path.parentPath : undefined;
    const declarator = (cached ?? c.path).parentPath;
    const declaration = declarator?.parentPath;
    const top = declaration?.parentPath;
    const exported = top?.isExportNamedDeclaration() ?? false;
    if (
      !declarator?.isVariableDeclarator() || (declarator.node.init !== c.node && (!cached || heldConstruction(declarator.node.init, (n) => n === (c.node.callee as t.Identifier).name) !== c.node)) || declarator.node.id.type !== 'Identifier' ||
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
    const diff = differences(settings.effective, prepared.canonical.effective, c.kind === 'old' ? OLD_COMPARISON : { officialOnly: c.kind === 'official' });
    if (diff.length > 0) {
      report(`not merged: its settings differ from ${target}: ${diff.join('; ')}. Decide which is right and align them (or keep this client on purpose)`);
      continue;
    }
    const local = declarator.node.id.name;
    if ((program.scope.getBinding(local)?.constantViolations.length ?? 0) > 0) {
      report(`\`${local}\` is assigned again elsewhere in this file; an import cannot be, so move this client by hand`);
      continue;
    }
    if (c.kind === 'old' && errorCodes && errorCodes.blockers.length > 0) {
      for (const b of errorCodes.blockers) p.manual.push({ ...b.at, specifier: what, target, reason: `not merged: ${b.reason}` });
      continue;
    }
    // An exported old client converts only with every call in every file that imports it (see `exported.ts`).
    const exportedClient = c.kind === 'old' ? prepared.exported.get(context.path) : undefined;
    const across = exportedClient?.local === local ? exportedClient : undefined;
    if (across) {
      const verdict = judgeExported(across, prepared);
      if (verdict.judged.get(context.path) !== source) {
        report('not merged: the client is exported, and this text of the module is not the one its importers were judged with; run again');
        continue;
      }
      if (verdict.blockers.length > 0) {
        for (const b of verdict.blockers) report(`not merged: the client is exported, and it converts only with every use in every file that imports it; blocked at ${b}`);
        continue;
      }
    }
    if (c.kind !== 'official') {
      const cache = cached ? cacheOf(context, local) : undefined;
      const calls = c.kind === 'old' ? planOldCalls(program, local, settings, prepared, source, context.types, { exported: across !== undefined, ...(cache !== undefined ? { cache } : {}) }) : planAplaCalls(program, local, settings as ReturnType<typeof aplaSettings>, source);
      if (calls.blockers.length > 0) {
        for (const b of calls.blockers) p.manual.push({ ...b.at, specifier: what, target, reason: `not merged: ${b.reason}` });
        continue;
      }
      p.edits.push(...calls.edits);
      for (const r of calls.rewrites) p.rewrites.push({ kind: `${c.kind}-api`, ...r.at, from: r.from, to: r.to, target, violation: false });
      if (c.kind === 'old') {
        oldMerged = true;
        oldMergedCount++;
      }
    }
    const statement = exported ? top!.node : declaration.node;
    if (exported) p.edits.push({ start: statement.start!, end: statement.end!, text: `export { ${local} };` });
    else removed.push(declaration.node);
    p.canonicalLocals.add(local);
    if (settings.portNote) p.notes.push({ ...where, text: settings.portNote });
    if (across) p.notes.push({ ...where, text: `this exported client now re-exports the canonical one; its calls were converted in the ${across.importers.size} file${across.importers.size === 1 ? '' : 's'} that import it. Every file of the repository (git's list, planned or not) was searched for importers by the module's name and its exact tsconfig aliases; a specifier built at run time, or a wildcard alias not ending in the module's name, is not found` });
    if (c.kind !== 'official' && !p.notes.some((n) => n.text.startsWith(LOGS_NOTE))) p.notes.push({ ...where, text: `${LOGS_NOTE}: a failure this code expects (a missing table it catches) now shows in the logs unless the canonical client sets \`log: { level: ClickHouseLogLevel.OFF }\`` });
    p.rewrites.push({ kind: c.kind === 'official' ? 'client' : `${c.kind}-client`, ...where, from: what, to: `${prepared.exportName} from ${target}`, target });
  }
  p.edits.push(...removals(context, removed));
  return { oldMerged, oldLeft: constructions.filter((c) => c.kind === 'old').length - oldMergedCount };
}

/** Removed declarations; statements next to each other go as one range, so no run of blank lines is left. */
function removals(context: FileContext, statements: t.Statement[]): TextEdit[] {
  const body = context.ast.program.body;
  const index = (s: t.Statement) => body.indexOf(s);
  const sorted = [...statements].sort((a, b) => index(a) - index(b));
  const groups: t.Statement[][] = [];
  for (const s of sorted) {
    const last = groups[groups.length - 1];
    if (last && index(last[last.length - 1]!) === index(s) - 1) last.push(s);
    else groups.push([s]);
  }
  return groups.map((group) => removeStatement(context.source, { ...group[0]!, end: group[group.length - 1]!.end } as t.Node));
}
