/**
 * Symbol-level moves: some exports of a module now live elsewhere, maybe under another name. Each reference
 * to such a module is split by where its names live now: unmoved names stay, moved names join an import of
 * their new module (or a new statement right after the old one), renamed names are renamed at every use in
 * the file (scope-aware) or imported under their old name when the new one is taken. What cannot be split
 * safely is left as it is and reported.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { ManualItem, Note, Rewrite } from '../../src/transform';
import { FileScope, type Use } from './bindings';
import { lineTerminatorOf, statementRemoval, type TextEdit } from '../../src/syntax/edits';
import { nameOf, type ModuleReference } from '../../src/syntax/references';
import type { ModuleName } from './modules';

/** Where one symbol lives now: the module, how the config names it, and its exported name there. */
export interface SymbolTarget {
  module: ModuleName;
  key: string;
  label: string;
  name: string;
}

/** A move that names symbols. `rest`: where the symbols not named go; `undefined`: they stay. */
export interface SymbolMove {
  key: string;
  fromLabel: string;
  symbols: Map<string, SymbolTarget>;
  rest: { module: ModuleName; key: string; label: string } | undefined;
}

export interface SymbolPlanInput {
  ast: t.File;
  source: string;
  refs: Array<{ ref: ModuleReference; move: SymbolMove }>;
  /** The specifier this file writes for a module, or why none can be written. */
  spell(ref: ModuleReference, module: ModuleName): { specifier: string } | { manual: string };
  /** True when the target module declares `name` as a type only (an `export *` must then re-export it with `type`). */
  isTypeOnly(target: SymbolTarget): boolean;
  /** An import of `key` that stays in the file (same `import type`-ness), to add moved names to. */
  existingImport(key: string, typeOnly: boolean): t.ImportDeclaration | undefined;
}

export interface SymbolPlan {
  edits: TextEdit[];
  /** Specifier texts to add to imports that already exist, per statement. */
  additions: Map<t.ImportDeclaration, string[]>;
  rewrites: Rewrite[];
  manual: ManualItem[];
  notes: Note[];
  /** Import statements this plan rewrites or removes (not to be merged by anyone else). */
  handled: Set<t.ImportDeclaration>;
  /** Keys of moved-from modules the file still references afterwards. */
  retained: Set<string>;
}

/** An import statement this plan writes; names join it until it is rendered. */
interface NewImport {
  typeOnly: boolean;
  defaultLocal: string | undefined;
  names: string[];
  /** ` from '…';` */
  tail: string;
}

interface Item {
  /** The text of the specifier (or property) as written. */
  text: string;
  start: number;
  end: number;
  /** The exported name it refers to in the old module. */
  symbol: string;
  target: SymbolTarget | undefined;
}

function targetOf(move: SymbolMove, symbol: string): SymbolTarget | undefined {
  const named = move.symbols.get(symbol);
  if (named) return named;
  if (!move.rest || symbol === '*') return undefined;
  return { ...move.rest, name: symbol };
}


/** A name as it can be written in a specifier list. */
function written(name: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? name : JSON.stringify(name);
}

/** Plans every symbol-level reference of one file. */
export function planSymbolMoves(input: SymbolPlanInput): SymbolPlan {
  const { ast, source, refs } = input;
  const plan: SymbolPlan = { edits: [], additions: new Map(), rewrites: [], manual: [], notes: [], handled: new Set(), retained: new Set() };
  const scope = new FileScope(ast, refs.map((r) => r.ref.owner));
  const eol = lineTerminatorOf(source);
  const exported = explicitExports(ast);
  const renamed = new Map<string, string>();

  const manual = (ref: ModuleReference, move: SymbolMove, reason: string, target?: string) => {
    plan.manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target: target ?? move.rest?.label ?? [...new Set([...move.symbols.values()].map((s) => s.label))].join(', '), reason });
    plan.retained.add(move.key);
  };
  const quoteOf = (ref: ModuleReference) => source[ref.start - 1] ?? "'";
  const semicolonOf = (node: t.Node) => (source.slice(node.start!, node.end!).trimEnd().endsWith(';') ? ';' : '');
  const indentOf = (node: t.Node) => {
    const lineStart = source.lastIndexOf('\n', node.start! - 1) + 1;
    return /^[ \t]*/.exec(source.slice(lineStart, node.start!))![0];
  };

  /** Spells every target module of `groups`, or reports the reference and returns undefined. */
  const spellAll = <T extends Item>(ref: ModuleReference, move: SymbolMove, groups: Map<string, T[]>) => {
    const spelled = new Map<string, string>();
    for (const [key, items] of groups) {
      const result = input.spell(ref, items[0]!.target!.module);
      if ('manual' in result) {
        manual(ref, move, result.manual, items[0]!.target!.label);
        return undefined;
      }
      spelled.set(key, result.specifier);
    }
    return spelled;
  };

  /** Replaces the list `items` (specifiers or properties) by the ones that stay, keeping the list's separator. */
  const keepOnly = (items: Item[]): TextEdit | undefined => {
    const kept = items.filter((i) => !i.target);
    if (kept.length === items.length || kept.length === 0) return undefined;
    const separator = items.length > 1 ? source.slice(items[0]!.end, items[1]!.start) : ', ';
    return { start: items[0]!.start, end: items[items.length - 1]!.end, text: kept.map((i) => i.text).join(separator) };
  };

  const groupMoved = <T extends Item>(items: T[]) => {
    const groups = new Map<string, T[]>();
    for (const item of items) if (item.target) groups.set(item.target.key, [...(groups.get(item.target.key) ?? []), item]);
    return groups;
  };

  /**
   * New import statements, one per module and `import type`-ness: a later reference to the same module adds
   * its names to the statement an earlier one created. Rendered once every reference is planned.
   */
  const pendingImports = new Map<string, NewImport>();
  const newImport = (key: string, typeOnly: boolean, defaultLocal: string | undefined, names: string[], tail: string): NewImport | undefined => {
    const pending = pendingImports.get(`${key}\0${typeOnly}`);
    if (!pending) {
      const created: NewImport = { typeOnly, defaultLocal, names: [...new Set(names)], tail };
      pendingImports.set(`${key}\0${typeOnly}`, created);
      return created;
    }
    if (defaultLocal !== undefined && pending.defaultLocal === undefined) pending.defaultLocal = defaultLocal;
    else if (defaultLocal !== undefined && pending.defaultLocal !== defaultLocal) names = [`default as ${defaultLocal}`, ...names];
    for (const name of names) if (!pending.names.includes(name)) pending.names.push(name);
    return undefined;
  };
  const render = (statement: string | NewImport) =>
    typeof statement === 'string'
      ? statement
      : `import${statement.typeOnly ? ' type' : ''} ${[statement.defaultLocal, statement.names.length > 0 ? `{ ${statement.names.join(', ')} }` : undefined].filter(Boolean).join(', ')}${statement.tail}`;
  const finishers: Array<() => void> = [];

  /** Puts `statements` where `node` stands (when nothing of it stays) or right after it. */
  const place = (node: t.Node, statements: Array<string | NewImport>, nothingStays: boolean) => {
    const indent = indentOf(node);
    if (nothingStays && statements.length === 0) {
      plan.edits.push(statementRemoval(source, node.start!, node.end!));
    } else if (statements.length > 0) {
      const edit: TextEdit = nothingStays ? { start: node.start!, end: node.end!, text: '' } : { start: node.end!, end: node.end!, text: '' };
      plan.edits.push(edit);
      finishers.push(() => {
        edit.text = nothingStays ? statements.map(render).join(eol + indent) : statements.map((st) => eol + indent + render(st)).join('');
      });
    }
  };

  /** A specifier or property as written, the symbol it names and where that symbol lives now. */
  const itemOf = (node: t.Node, symbol: string, move: SymbolMove): Item => ({
    text: source.slice(node.start!, node.end!),
    start: node.start!,
    end: node.end!,
    symbol,
    target: targetOf(move, symbol),
  });

  const record = (ref: ModuleReference, to: string, target: string) => {
    plan.rewrites.push({ kind: ref.kind, line: ref.line, column: ref.column, from: ref.specifier, to, target });
  };

  for (const { ref, move } of refs) {
    const owner = ref.owner;
    switch (owner.type) {
      case 'ImportDeclaration':
        planImport(owner, ref, move);
        break;
      case 'ExportNamedDeclaration':
        planExportNamed(owner, ref, move);
        break;
      case 'ExportAllDeclaration':
        planExportAll(owner, ref, move);
        break;
      case 'TSImportEqualsDeclaration':
        planNamespace(ref, move, owner.id.name, scope.pathOf(owner) ?? undefined, owner);
        break;
      case 'CallExpression':
        if (ref.kind === 'require') planRequire(owner, ref, move);
        else manual(ref, move, manualReason(ref.kind, move));
        break;
      case 'TSImportType':
        planImportType(owner, ref, move);
        break;
      default:
        manual(ref, move, manualReason(ref.kind, move));
    }
  }

  for (const finish of finishers) finish();
  for (const [local, to] of renamed) {
    for (const use of scope.usesOf(local) ?? []) plan.edits.push(renameEdit(use, local, to));
  }
  return plan;

  function planImport(node: t.ImportDeclaration, ref: ModuleReference, move: SymbolMove): void {
    const typeOnly = node.importKind === 'type';
    if (node.specifiers.length === 0) {
      if (!move.rest) return void plan.retained.add(move.key);
      return wholeModule(ref, move);
    }
    const namespace = node.specifiers.find((s): s is t.ImportNamespaceSpecifier => s.type === 'ImportNamespaceSpecifier');
    if (namespace) return planNamespace(ref, move, namespace.local.name, undefined, node);
    const items: Array<Item & { local: string; inlineType: boolean; isDefault: boolean }> = node.specifiers.map((s) => {
      const symbol = s.type === 'ImportDefaultSpecifier' ? 'default' : nameOf((s as t.ImportSpecifier).imported);
      return {
        ...itemOf(s, symbol, move),
        local: s.local.name,
        inlineType: s.type === 'ImportSpecifier' && s.importKind === 'type',
        isDefault: s.type === 'ImportDefaultSpecifier',
      };
    });
    if (items.every((i) => !i.target)) return void plan.retained.add(move.key);
    const groups = groupMoved(items);
    const spelled = spellAll(ref, move, groups);
    if (!spelled) return;
    plan.handled.add(node);
    const statements: Array<string | NewImport> = [];
    for (const [key, group] of groups) {
      const target = group[0]!.target!;
      const existing = input.existingImport(key, typeOnly);
      const existingLocals = new Map<string, string>();
      for (const s of existing?.specifiers ?? []) {
        if (s.type === 'ImportSpecifier') existingLocals.set(nameOf(s.imported), s.local.name);
        if (s.type === 'ImportDefaultSpecifier') existingLocals.set('default', s.local.name);
      }
      let defaultLocal: string | undefined;
      const named: string[] = [];
      for (const item of group) {
        const name = item.target!.name;
        const typePrefix = item.inlineType && !typeOnly ? 'type ' : '';
        const already = existingLocals.get(name);
        if (already !== undefined) {
          // The file already imports the symbol from its new module: use that binding.
          if (already !== item.local) renameOrAlias(item.local, already, name, item, named, typePrefix, true);
          continue;
        }
        if (name === 'default') {
          if (defaultLocal === undefined && !typePrefix && !existing) defaultLocal = item.local;
          else named.push(`${typePrefix}default as ${item.local}`);
        } else if (item.isDefault || item.local !== item.symbol) {
          named.push(`${typePrefix}${name === item.local ? name : `${written(name)} as ${item.local}`}`);
        } else if (name === item.symbol) {
          named.push(`${typePrefix}${item.text.replace(/^type\s+/, '')}`);
        } else {
          renameOrAlias(item.local, name, name, item, named, typePrefix, false);
        }
      }
      if (existing) {
        if (named.length > 0) plan.additions.set(existing, [...(plan.additions.get(existing) ?? []), ...named]);
      } else {
        if (defaultLocal !== undefined || named.length > 0) {
          const created = newImport(key, typeOnly, defaultLocal, named, ` from ${quoteOf(ref)}${spelled.get(key)}${quoteOf(ref)}${semicolonOf(node)}`);
          if (created) statements.push(created);
        }
      }
      record(ref, spelled.get(key)!, target.label);
    }
    const nothingStays = items.every((i) => i.target);
    if (!nothingStays) {
      plan.retained.add(move.key);
      const defaultItem = items.find((i) => i.isDefault);
      const namedItems = items.filter((i) => !i.isDefault);
      if (defaultItem?.target) {
        // `import A, { B } from` with A moved: drop `A, `.
        const brace = source.indexOf('{', defaultItem.end);
        plan.edits.push({ start: defaultItem.start, end: brace, text: '' });
      }
      if (namedItems.every((i) => i.target) && namedItems.length > 0 && defaultItem) {
        const close = source.indexOf('}', namedItems[namedItems.length - 1]!.end);
        plan.edits.push({ start: defaultItem.end, end: close + 1, text: '' });
      } else {
        const edit = keepOnly(namedItems);
        if (edit) plan.edits.push(edit);
      }
    }
    place(node, statements, nothingStays);
  }

  /** Renames `local` to `name` everywhere when `name` is free; else imports the symbol under `local`. */
  function renameOrAlias(local: string, newLocal: string, name: string, item: Item, named: string[], typePrefix: string, reuse: boolean): void {
    const current = renamed.get(local);
    if (current !== undefined) {
      if (!reuse) named.push(`${typePrefix}${written(name)}`);
      return;
    }
    if (reuse || scope.isFree(newLocal)) {
      if (scope.usesOf(local) !== undefined) renamed.set(local, newLocal);
      if (!reuse) named.push(`${typePrefix}${written(name)}`);
      return;
    }
    named.push(`${typePrefix}${written(name)} as ${local}`);
    const at = lineColumn(item.start);
    plan.notes.push({ line: at.line, column: at.column, text: `\`${name}\` is imported as \`${local}\`: the name \`${name}\` is already used in this file` });
  }

  function planExportNamed(node: t.ExportNamedDeclaration, ref: ModuleReference, move: SymbolMove): void {
    if (node.specifiers.some((s) => s.type !== 'ExportSpecifier')) {
      const whole = [...move.symbols].every(([symbol, target]) => target.name === symbol && move.rest && target.key === move.rest.key);
      if (whole && move.rest) return wholeModule(ref, move);
      return manual(ref, move, `re-exports the whole module as a namespace; only some of its symbols moved: export the moved ones from their new modules by hand`);
    }
    const typeOnly = node.exportKind === 'type';
    const items: Array<Item & { exported: string; inlineType: boolean }> = (node.specifiers as t.ExportSpecifier[]).map((s) => {
      return {
        ...itemOf(s, nameOf(s.local), move),
        exported: nameOf(s.exported),
        inlineType: s.exportKind === 'type',
      };
    });
    splitList(node, ref, move, items, (group, specifier) => {
      const names = group.map((i) => `${i.inlineType && !typeOnly ? 'type ' : ''}${exportSpecifier(i.target!.name, i.exported)}`);
      return `export${typeOnly ? ' type' : ''} { ${names.join(', ')} } from ${quoteOf(ref)}${specifier}${quoteOf(ref)}${semicolonOf(node)}`;
    });
  }

  /**
   * Splits a list (re-export specifiers, destructured properties) by where its names live now: one new
   * statement per new module, right after `node` (or in its place when nothing stays).
   */
  function splitList<T extends Item>(node: t.Node, ref: ModuleReference, move: SymbolMove, items: T[], statementFor: (group: T[], specifier: string) => string): void {
    if (items.every((i) => !i.target)) return void plan.retained.add(move.key);
    const groups = groupMoved(items);
    const spelled = spellAll(ref, move, groups);
    if (!spelled) return;
    const statements: string[] = [];
    for (const [key, group] of groups) {
      statements.push(statementFor(group, spelled.get(key)!));
      record(ref, spelled.get(key)!, group[0]!.target!.label);
    }
    const nothingStays = items.every((i) => i.target);
    if (!nothingStays) {
      plan.retained.add(move.key);
      const edit = keepOnly(items);
      if (edit) plan.edits.push(edit);
    }
    place(node, statements, nothingStays);
  }

  function planExportAll(node: t.ExportAllDeclaration, ref: ModuleReference, move: SymbolMove): void {
    const typeOnly = node.exportKind === 'type';
    const groups = new Map<string, Array<{ target: SymbolTarget; exported: string }>>();
    for (const [symbol, target] of move.symbols) {
      if (symbol === 'default' || exported.has(symbol)) continue;
      if (move.rest && target.key === move.rest.key && target.name === symbol) continue;
      groups.set(target.key, [...(groups.get(target.key) ?? []), { target, exported: symbol }]);
    }
    const statements: string[] = [];
    for (const [, group] of groups) {
      const result = input.spell(ref, group[0]!.target.module);
      if ('manual' in result) return manual(ref, move, result.manual, group[0]!.target.label);
      const names = group.map((g) => `${!typeOnly && input.isTypeOnly(g.target) ? 'type ' : ''}${exportSpecifier(g.target.name, g.exported)}`);
      statements.push(`export${typeOnly ? ' type' : ''} { ${names.join(', ')} } from ${quoteOf(ref)}${result.specifier}${quoteOf(ref)}${semicolonOf(node)}`);
      record(ref, result.specifier, group[0]!.target.label);
    }
    if (move.rest) wholeModule(ref, move);
    else plan.retained.add(move.key);
    place(node, statements, false);
  }

  function planRequire(call: t.CallExpression, ref: ModuleReference, move: SymbolMove): void {
    const path = scope.pathOf(call);
    const parent = path?.parentPath;
    if (parent?.isMemberExpression({ object: call }) && !parent.node.computed && parent.node.property.type === 'Identifier') {
      const target = targetOf(move, parent.node.property.name);
      if (!target) return void plan.retained.add(move.key);
      const result = input.spell(ref, target.module);
      if ('manual' in result) return manual(ref, move, result.manual, target.label);
      plan.edits.push({ start: ref.start, end: ref.end, text: result.specifier }, { start: parent.node.property.start!, end: parent.node.property.end!, text: target.name });
      return record(ref, result.specifier, target.label);
    }
    if (parent?.isVariableDeclarator({ init: call })) {
      const id = parent.node.id;
      if (id.type === 'Identifier') return planNamespace(ref, move, id.name, parent, undefined);
      const declaration = parent.parentPath;
      if (id.type === 'ObjectPattern' && declaration?.isVariableDeclaration() && declaration.node.declarations.length === 1) {
        return planDestructuring(declaration.node, id, ref, move);
      }
    }
    manual(ref, move, `the result of require() is used as a whole value; only some symbols of ${move.fromLabel} moved: require the moved ones from their new modules by hand`);
  }

  function planDestructuring(declaration: t.VariableDeclaration, pattern: t.ObjectPattern, ref: ModuleReference, move: SymbolMove): void {
    const items: Array<Item & { value: string }> = [];
    for (const property of pattern.properties) {
      if (property.type === 'RestElement') return manual(ref, move, 'a rest element (`...rest`) collects every export; split it by hand');
      if (property.computed || (property.key.type !== 'Identifier' && property.key.type !== 'StringLiteral')) {
        return manual(ref, move, 'destructuring with a computed key: canonize cannot tell which export it reads');
      }
      const symbol = nameOf(property.key);
      const value = source.slice(property.value.start!, property.value.end!);
      items.push({ ...itemOf(property, symbol, move), value });
    }
    splitList(declaration, ref, move, items, (group, specifier) => {
      const names = group.map((i) => (i.value === i.target!.name ? i.value : `${written(i.target!.name)}: ${i.value}`));
      return `${declaration.kind} { ${names.join(', ')} } = require(${quoteOf(ref)}${specifier}${quoteOf(ref)})${semicolonOf(declaration)}`;
    });
  }

  function planNamespace(ref: ModuleReference, move: SymbolMove, local: string, declaredAt: NodePath | undefined, statement: t.Node | undefined): void {
    const uses = scope.namespaceUses(local, declaredAt);
    const moved = [...uses.members.keys()].filter((m) => targetOf(move, m));
    if (uses.dynamic) {
      const anyMoved = move.symbols.size > 0 || move.rest;
      if (!anyMoved) return void plan.retained.add(move.key);
      return manual(ref, move, `${uses.dynamic.why} (line ${uses.dynamic.line}), so it cannot be split safely; import the moved symbols (${[...move.symbols.keys()].join(', ')}) from their new modules by hand`);
    }
    if (moved.length === 0) return void plan.retained.add(move.key);
    const targets = new Set(moved.map((m) => targetOf(move, m)!.key));
    const sameNames = moved.every((m) => targetOf(move, m)!.name === m);
    const allMoved = moved.length === uses.members.size;
    const hasDefault = statement?.type === 'ImportDeclaration' && statement.specifiers.some((s) => s.type === 'ImportDefaultSpecifier');
    if (allMoved && targets.size === 1 && sameNames && !hasDefault) {
      const target = targetOf(move, moved[0]!)!;
      const result = input.spell(ref, target.module);
      if ('manual' in result) return manual(ref, move, result.manual, target.label);
      if (statement?.type === 'ImportDeclaration') plan.handled.add(statement);
      plan.edits.push({ start: ref.start, end: ref.end, text: result.specifier });
      return record(ref, result.specifier, target.label);
    }
    if (statement?.type === 'ImportDeclaration') return expandNamespace(statement, ref, move, local, uses.members, moved);
    const list = moved.map((m) => `${local}.${m} (now ${targetOf(move, m)!.label}${targetOf(move, m)!.name !== m ? ` as ${targetOf(move, m)!.name}` : ''})`).join(', ');
    manual(ref, move, `\`${local}\` reads moved symbols ${list} next to symbols that stay; require the moved ones from their new modules by hand`);
  }

  /**
   * `import * as ns from 'old'` read only as `ns.X`: each moved `ns.X` becomes a named import of its new
   * module (joining an import the file has, else a new statement), and the namespace import stays for the
   * members that stay (or goes, when none do).
   */
  function expandNamespace(statement: t.ImportDeclaration, ref: ModuleReference, move: SymbolMove, local: string, members: Map<string, Array<{ start: number; end: number }>>, moved: string[]): void {
    const typeOnly = statement.importKind === 'type';
    const groups = new Map<string, { target: SymbolTarget; names: string[] }>();
    const localOf = new Map<string, string>();
    const taken = new Set<string>();
    for (const member of moved) {
      const target = targetOf(move, member)!;
      const existing = input.existingImport(target.key, typeOnly);
      const existingLocal = existing?.specifiers.find((s) =>
        target.name === 'default' ? s.type === 'ImportDefaultSpecifier' : s.type === 'ImportSpecifier' && nameOf(s.imported) === target.name,
      )?.local.name;
      let name = existingLocal;
      if (name === undefined) {
        if (target.name === 'default' || !scope.isFree(target.name) || taken.has(target.name)) {
          return manual(ref, move, `namespace \`${local}\` reads \`${local}.${member}\`, now \`${target.name}\` in ${target.label}, and that name is already used in this file; import it under a name of your choice by hand`, target.label);
        }
        name = target.name;
        const group = groups.get(target.key) ?? { target, names: [] };
        group.names.push(written(name));
        groups.set(target.key, group);
      }
      taken.add(name);
      localOf.set(member, name);
    }
    const spelled = new Map<string, string>();
    for (const [key, group] of groups) {
      const result = input.spell(ref, group.target.module);
      if ('manual' in result) return manual(ref, move, result.manual, group.target.label);
      spelled.set(key, result.specifier);
    }
    const statements: Array<string | NewImport> = [];
    for (const [key, group] of groups) {
      const existing = input.existingImport(key, typeOnly);
      if (existing) {
        plan.additions.set(existing, [...(plan.additions.get(existing) ?? []), ...group.names]);
      } else {
        const created = newImport(key, typeOnly, undefined, group.names, ` from ${quoteOf(ref)}${spelled.get(key)}${quoteOf(ref)}${semicolonOf(statement)}`);
        if (created) statements.push(created);
      }
    }
    for (const member of moved) {
      for (const range of members.get(member)!) plan.edits.push({ start: range.start, end: range.end, text: localOf.get(member)! });
    }
    for (const [key, group] of groups) record(ref, spelled.get(key)!, group.target.label);
    if (groups.size === 0) record(ref, ref.specifier, targetOf(move, moved[0]!)!.label);
    const nothingStays = moved.length === members.size && statement.specifiers.length === 1;
    if (nothingStays) plan.handled.add(statement);
    else plan.retained.add(move.key);
    place(statement, statements, nothingStays);
  }

  function planImportType(node: t.TSImportType, ref: ModuleReference, move: SymbolMove): void {
    let first: t.Node | null | undefined = node.qualifier;
    while (first && first.type === 'TSQualifiedName') first = first.left;
    if (!first || first.type !== 'Identifier') return manual(ref, move, manualReason('import-type', move));
    const target = targetOf(move, first.name);
    if (!target) return void plan.retained.add(move.key);
    const result = input.spell(ref, target.module);
    if ('manual' in result) return manual(ref, move, result.manual, target.label);
    plan.edits.push({ start: ref.start, end: ref.end, text: result.specifier }, { start: first.start!, end: first.end!, text: target.name });
    record(ref, result.specifier, target.label);
  }

  function wholeModule(ref: ModuleReference, move: SymbolMove): void {
    const rest = move.rest!;
    const result = input.spell(ref, rest.module);
    if ('manual' in result) return manual(ref, move, result.manual, rest.label);
    plan.edits.push({ start: ref.start, end: ref.end, text: result.specifier });
    record(ref, result.specifier, rest.label);
  }

  function lineColumn(offset: number): { line: number; column: number } {
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  }
}

function exportSpecifier(name: string, exported: string): string {
  return name === exported ? written(name) : `${written(name)} as ${written(exported)}`;
}

function renameEdit(use: Use, local: string, to: string): TextEdit {
  switch (use.kind) {
    case 'plain':
      return { start: use.start, end: use.end, text: to };
    case 'shorthand':
      return { start: use.start, end: use.end, text: `${use.key}: ${to}` };
    case 'export':
      return { start: use.start, end: use.end, text: `${to} as ${written(use.exported)}` };
  }
  void local;
}

function manualReason(kind: string, move: SymbolMove): string {
  const moved = [...move.symbols.keys()].join(', ');
  switch (kind) {
    case 'dynamic-import':
      return `import() of a module some of whose symbols (${moved}) moved: import them from their new modules by hand`;
    case 'mock':
      return `mocks a module some of whose symbols (${moved}) moved: the mock no longer covers them; mock their new modules too`;
    case 'require-resolve':
      return `require.resolve of a module some of whose symbols (${moved}) moved: point it at the right module by hand`;
    case 'import-type':
      return `\`import()\` type of the whole module; some of its symbols (${moved}) moved: name them from their new modules by hand`;
    case 'declare-module':
      return `module augmentation of a module some of whose symbols (${moved}) moved: move the augmentation by hand`;
    default:
      return `references a module some of whose symbols (${moved}) moved: point it at the right module by hand`;
  }
}

/** Names the file exports explicitly (declarations and specifier lists), which `export *` never overrides. */
function explicitExports(ast: t.File): Set<string> {
  const names = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    for (const s of statement.specifiers) names.add(nameOf(s.exported));
    const declaration = statement.declaration as (t.Node & { id?: t.Node | null; declarations?: t.VariableDeclarator[] }) | null | undefined;
    if (declaration?.id?.type === 'Identifier') names.add(declaration.id.name);
    for (const d of declaration?.declarations ?? []) if (d.id.type === 'Identifier') names.add(d.id.name);
  }
  return names;
}
