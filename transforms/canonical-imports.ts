/**
 * canonical-imports: every reference to a module that a move maps elsewhere is rewritten to the canonical
 * module. Only the specifier text changes (one line per reference); an import of a module the file already
 * imports is merged into it.
 *
 * Options (`moves`): `[{ "from": "src/legacy/engine.ts", "to": "src/agents/execution-engine.ts" },
 * { "from": "old-utils", "to": "@acme/utils" }]`. A package move carries subpaths:
 * `old-utils/strings` => `@acme/utils/strings`. A move can name symbols instead of (or besides) moving the
 * whole module: `{ "from": "src/legacy/engine.ts", "symbols": { "ExecutionEngine": { "to":
 * "src/agents/user-execution-engine.ts", "name": "UserExecutionEngine" } } }` (see ./lib/symbol-moves.ts).
 * With `deleteUnusedShims`, a moved-from module that only re-exports and that nothing references any more
 * is deleted (see ../src/plan/shims.ts).
 */
import * as path from 'node:path';
import { ConfigError, ConfigErrors } from '../src/errors';
import { mayMatch, type Prefilter } from '../src/files/prefilter';
import type { FileOutcome, ManualItem, Migration, NamedModule, Replacement, Rewrite, SourceFile, TransformEnv } from '../src/transform';
import type { ModuleResolver } from '../src/resolve/resolver';
import { isIndexFile, dropSourceExtension } from '../src/resolve/extensions';
import type * as t from '@babel/types';
import { parseSource } from '../src/syntax/parse';
import { findReferences, resolutionKind, type ModuleReference } from '../src/syntax/references';
import { boundNames, fastSpecifiers, respell, type BoundName, type SpecifierReference } from '../src/syntax/specifiers';
import { applyEdits, type TextEdit } from '../src/syntax/edits';
import { ExportTables, originKey } from '../src/syntax/exports';
import { keepMeaning, keepsMeaningAsWritten, mapNames, type NameMapping } from './lib/keep-meaning';
import { mergeImports, mergeable, type PlannedImport } from './lib/merge-imports';
import { assertPackageResolves, moduleKey, moduleLabel, parseModuleName, type ModuleName } from './lib/modules';
import { jscodeshiftAdapter } from './lib/jscodeshift-adapter';
import { planSymbolMoves, type SymbolMove, type SymbolTarget } from './lib/symbol-moves';

export interface CanonicalImportsOptions {
  /** Modules to move, applied all at once; chains (A -> B, B -> C) collapse to A -> C. */
  moves: Array<{
    /** The old module: a file path relative to the config, or a package name (its subpaths move with it). */
    from: string;
    /** The canonical module: a file path relative to the config, or a package name. Without it, only `symbols` move. */
    to?: string;
    /** Exports that moved (or were renamed), by their old name (`default` for the default export). */
    symbols?: Record<string, { to?: string; name?: string }>;
  }>;
  /** Delete a moved-from module that only re-exports once nothing references it (after a referrer check). */
  deleteUnusedShims?: boolean;
}

interface PreparedMove {
  from: ModuleName;
  /** Where the whole module (or every symbol not named in `symbols`) goes; `undefined`: unnamed symbols stay. */
  to: ModuleName | undefined;
  fromLabel: string;
  toLabel: string | undefined;
  /** Symbols that move on their own (maybe renamed); empty for a whole-module move. */
  symbols: Map<string, SymbolTarget>;
  /** Config path of this move, e.g. `issues[0].migrations[0].options.moves[1]`. */
  at: string;
}

export interface PreparedCanonicalImports {
  resolver: ModuleResolver;
  rootDir: string;
  moves: PreparedMove[];
  fileMoves: Map<string, PreparedMove>;
  /** Longest name first, so `@a/b-c` wins over `@a/b`. */
  packageMoves: PreparedMove[];
  /**
   * A file that holds none of these strings cannot reference a moved module: each move's file name (and
   * folder name for an index), its exact tsconfig aliases, each moved package's name; and, for a moved
   * index file, specifiers with no name in them (`.`, `..`, `../..`).
   */
  prefilter: Prefilter;
  /**
   * The same test for one specifier: only a specifier that names a moved file (or a dot specifier, or an
   * exact alias) can resolve to it, so no other specifier is resolved.
   */
  specifierFilter: Prefilter;
  deleteUnusedShims: boolean;
  /**
   * What modules export, read through the run (their texts after the earlier issues): to map each name a
   * moved-from module exports onto its target's name for the same declaration, and to tell types from values.
   */
  exports: ExportTables;
  /** Per move (its `from` key), how its names map onto its target's; `null` when that cannot be known. */
  mappings: Map<string, NameMapping | null>;
}

const DOT_SPECIFIER = /['"`](\.\.?\/)*\.\.?\/?['"`]/;
/** A specifier that is only dots and slashes (`.`, `..`, `../..`). */
const DOT_ONLY = /^(\.\.?\/)*\.\.?\/?$/;

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['moves'],
  properties: {
    moves: {
      type: 'array',
      description: 'Modules to move: every reference to `from` is rewritten to `to`.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from'],
        anyOf: [{ required: ['to'] }, { required: ['symbols'] }],
        properties: {
          from: { type: 'string', minLength: 1, description: 'The old module: a file path relative to the config, or a package name.' },
          to: { type: 'string', minLength: 1, description: 'The canonical module: a file path relative to the config, or a package name. Without it, only `symbols` move.' },
          symbols: {
            type: 'object',
            description: 'Exports that moved on their own, by their old name (`default` for the default export). Symbols not named go to `to`, or stay.',
            minProperties: 1,
            propertyNames: { pattern: '^[\\p{L}_$][\\p{L}\\p{N}_$]*$' },
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              properties: {
                to: { type: 'string', minLength: 1, description: 'The module the symbol lives in now (default: the move\'s `to`).' },
                name: { type: 'string', minLength: 1, description: 'Its exported name there (default: the same name; `default` for a default export).' },
              },
            },
          },
        },
      },
    },
    deleteUnusedShims: {
      type: 'boolean',
      default: false,
      description: 'Delete a moved-from module that only re-exports once no file references it (checked against tsconfig programs, package.json, tsconfig paths and jest moduleNameMapper).',
    },
  },
};

function prepare(options: CanonicalImportsOptions, env: TransformEnv, at: string): PreparedCanonicalImports {
  const { configFile } = env;
  const errors: ConfigError[] = [];
  const moves: PreparedMove[] = [];
  const firstAt = new Map<string, number>();
  options.moves.forEach((move, i) => {
    const where = `${at}.moves[${i}]`;
    try {
      const from = parseModuleName({ text: move.from, rootDir: env.rootDir, at: `${where}.from`, configFile, mayBeGone: options.deleteUnusedShims === true });
      const to = move.to === undefined ? undefined : parseTarget(move.to, `${where}.to`, env);
      const key = moduleKey(from);
      const previous = firstAt.get(key);
      if (previous !== undefined) {
        throw new ConfigError(configFile, `${where}.from`, `expected one move per module, found a second move for ${JSON.stringify(move.from)} (the first is ${at}.moves[${previous}])`);
      }
      if (to && key === moduleKey(to) && !move.symbols) {
        throw new ConfigError(configFile, `${where}.to`, `expected a different module than "from", found ${JSON.stringify(move.to)}, which is the same module`);
      }
      const symbols = new Map<string, SymbolTarget>();
      for (const [symbol, spec] of Object.entries(move.symbols ?? {})) {
        const symbolAt = `${where}.symbols.${symbol}`;
        const target = spec.to === undefined ? to : parseTarget(spec.to, `${symbolAt}.to`, env);
        if (!target) throw new ConfigError(configFile, `${symbolAt}.to`, `expected the module ${symbol} moved to: this move has no "to" for it to default to`);
        const name = spec.name ?? symbol;
        if (moduleKey(target) === key && name === symbol) {
          throw new ConfigError(configFile, symbolAt, `expected a new module or a new name for ${symbol}, found neither: it would move nowhere`);
        }
        symbols.set(symbol, { module: target, key: moduleKey(target), label: spec.to ?? move.to!, name });
      }
      firstAt.set(key, i);
      moves.push({ from, to, fromLabel: move.from, toLabel: move.to, symbols, at: where });
    } catch (error) {
      if (error instanceof ConfigError) errors.push(error);
      else throw error;
    }
  });
  if (errors.length === 0) collapseChains(moves, at, configFile, errors);
  if (errors.length > 0) throw new ConfigErrors(errors);
  const fileMoves = new Map(moves.filter((m) => m.from.kind === 'file').map((m) => [moduleKey(m.from), m]));
  const packageMoves = moves.filter((m) => m.from.kind === 'package').sort((a, b) => moduleKey(b.from).length - moduleKey(a.from).length);
  const needles = new Set<string>();
  let dotSpecifiers = false;
  for (const move of moves) {
    if (move.from.kind === 'package') {
      needles.add(move.from.name);
      continue;
    }
    const file = move.from.file;
    needles.add(path.basename(dropSourceExtension(file)));
    if (isIndexFile(file)) {
      needles.add(path.basename(path.dirname(file)));
      dotSpecifiers = true;
    }
    for (const alias of env.resolver.exactAliasesOf(file)) needles.add(alias);
  }
  return { resolver: env.resolver, rootDir: env.rootDir, moves, fileMoves, packageMoves, prefilter: { needles: [...needles], patterns: dotSpecifiers ? [DOT_SPECIFIER] : [] },
    specifierFilter: { needles: [...needles], patterns: dotSpecifiers ? [DOT_ONLY] : [] },
    deleteUnusedShims: options.deleteUnusedShims ?? false,
    exports: new ExportTables({ resolve: (specifier, from, kind) => env.resolver.resolve(specifier, from, kind), read: env.readModule }), mappings: new Map() };
}

/** A module a move or a symbol points to; a package must resolve from the config's folder. */
function parseTarget(text: string, at: string, env: TransformEnv): ModuleName {
  const module = parseModuleName({ text, rootDir: env.rootDir, at, configFile: env.configFile });
  if (module.kind === 'package') assertPackageResolves({ name: module.name, resolver: env.resolver, rootDir: env.rootDir, at, configFile: env.configFile });
  return module;
}

/**
 * Replaces each `to` (and each symbol's module) by the end of its chain of whole-module moves; a chain that
 * comes back to its start is a config error.
 */
function collapseChains(moves: PreparedMove[], at: string, configFile: string, errors: ConfigError[]): void {
  const whole = new Map(moves.filter((m) => m.to && m.symbols.size === 0).map((m) => [moduleKey(m.from), m]));
  const end = (move: PreparedMove, start: ModuleName, label: string, where: string): { module: ModuleName; label: string } | undefined => {
    const seen = [moduleKey(move.from)];
    let module = start;
    let moduleLabelText = label;
    for (let next = whole.get(moduleKey(module)); next; next = whole.get(moduleKey(module))) {
      if (seen.includes(moduleKey(next.from))) {
        errors.push(new ConfigError(configFile, where, `expected moves without a cycle, found ${[...seen.map((k) => labelOfKey(k, moves)), labelOfKey(moduleKey(module), moves)].join(' -> ')}`));
        return undefined;
      }
      seen.push(moduleKey(next.from));
      module = next.to!;
      moduleLabelText = next.toLabel!;
    }
    return { module, label: moduleLabelText };
  };
  moves.forEach((move, i) => {
    if (move.to) {
      const final = end(move, move.to, move.toLabel!, `${at}.moves[${i}].to`);
      if (final) [move.to, move.toLabel] = [final.module, final.label];
    }
    for (const [symbol, target] of move.symbols) {
      const final = end(move, target.module, target.label, `${at}.moves[${i}].symbols.${symbol}.to`);
      if (final) Object.assign(target, { module: final.module, key: moduleKey(final.module), label: final.label });
    }
  });
}

function labelOfKey(key: string, moves: PreparedMove[]): string {
  const m = moves.find((x) => moduleKey(x.from) === key) ?? moves.find((x) => x.to && moduleKey(x.to) === key);
  return m ? (moduleKey(m.from) === key ? m.fromLabel : m.toLabel!) : key;
}

function describe(prepared: PreparedCanonicalImports): string[] {
  const label = (m: ModuleName) => moduleLabel(m, prepared.rootDir);
  return prepared.moves.flatMap((m) => {
    const lines = m.to ? [`\`${label(m.from)}\` → \`${label(m.to)}\`${m.symbols.size > 0 ? ', except:' : ''}`] : [];
    for (const [symbol, target] of m.symbols) {
      lines.push(`${m.to ? '  - ' : ''}\`${symbol}\` from \`${label(m.from)}\` → \`${target.name}\` in \`${label(target.module)}\``);
    }
    return lines;
  });
}

type Decision = { move: PreparedMove; specifier: string } | { move: PreparedMove; manual: string } | { move: PreparedMove; symbols: true } | undefined;

/** Which move a reference falls under, and its new specifier, or why it cannot be rewritten, or that symbols decide. */
function decide(ref: SpecifierReference, file: string, prepared: PreparedCanonicalImports): Decision {
  const { resolver } = prepared;
  const kind = resolutionKind(ref);
  for (const move of prepared.packageMoves) {
    const name = (move.from as { name: string }).name;
    if (ref.specifier !== name && !ref.specifier.startsWith(`${name}/`)) continue;
    const subpath = ref.specifier.slice(name.length);
    if (move.symbols.size > 0) {
      if (subpath === '') return { move, symbols: true };
      return { move, manual: `the subpath "${subpath}" of a module whose symbols moved has no counterpart; point it at the right module by hand` };
    }
    const to = move.to!;
    if (to.kind === 'package') return { move, specifier: to.name + subpath };
    if (subpath !== '') return { move, manual: `the subpath "${subpath}" has no counterpart in ${move.toLabel}; point it at the right file by hand` };
    return spellFile(ref, file, move, to.file, kind, prepared);
  }
  if (!mayMatch(ref.specifier, prepared.specifierFilter)) return undefined;
  const resolved = resolver.resolve(ref.specifier, file, kind);
  const move = resolved === undefined ? undefined : prepared.fileMoves.get(resolved);
  if (!move) return undefined;
  if (move.symbols.size > 0) return { move, symbols: true };
  const to = move.to!;
  if (to.kind === 'package') return { move, specifier: to.name };
  return spellFile(ref, file, move, to.file, kind, prepared);
}

function spellFile(ref: SpecifierReference, file: string, move: PreparedMove, target: string, kind: 'import' | 'require', prepared: PreparedCanonicalImports): Decision {
  const label = moduleLabel({ kind: 'file', file: target }, prepared.rootDir);
  if (target === file) return { move, manual: `this file is the canonical module ${label}; it would import itself` };
  const specifier = prepared.resolver.spell({ fromFile: file, target, like: ref.specifier, kind });
  if (specifier === undefined) return { move, manual: `no specifier written from this file resolves to ${label} (check the tsconfig that includes this file)` };
  return { move, specifier };
}

function symbolMove(move: PreparedMove): SymbolMove {
  return {
    key: moduleKey(move.from),
    fromLabel: move.fromLabel,
    symbols: move.symbols,
    rest: move.to ? { module: move.to, key: moduleKey(move.to), label: move.toLabel! } : undefined,
  };
}

function plan(file: SourceFile, prepared: PreparedCanonicalImports): FileOutcome {
  const unchanged: FileOutcome = { source: undefined, rewrites: [], manual: [] };
  if (!mayMatch(file.source, prepared.prefilter)) return unchanged;
  // A common name (`metrics`, `utils`) passes the text filter in many files that import no moved module: their
  // specifiers tell, without a syntax tree (nothing below acts on a file where no reference is decided).
  const specifiers = fastSpecifiers(file.source, file.path);
  if (specifiers) {
    const decisions = specifiers.map((ref) => decide(ref, file.path, prepared));
    if (!decisions.some(Boolean)) return unchanged;
    const respelt = planBySpecifiers(file, specifiers, decisions, prepared);
    if (respelt) return respelt;
  }
  const ast = parseSource(file.source, file.path);
  const references = findReferences(ast, file.source);
  const rewrites: Array<Rewrite & { ref: ModuleReference }> = [];
  const manual: ManualItem[] = [];
  const retained = new Set<string>();
  const targetOf = new Map<ModuleReference, string>();
  const symbolRefs: Array<{ ref: ModuleReference; move: SymbolMove }> = [];
  const meaningEdits: TextEdit[] = [];
  /** Imports whose names were renamed to the target's: their specifiers are not merged into another import. */
  const renamed = new Set<t.ImportDeclaration>();
  for (const ref of references) {
    const decision = decide(ref, file.path, prepared);
    if (!decision) continue;
    const target = decision.move.toLabel ?? [...new Set([...decision.move.symbols.values()].map((s) => s.label))].join(', ');
    if (ref.kind === 'declare-module') {
      manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target, reason: `module augmentation of the old module; move it to ${target} by hand` });
      retained.add(moduleKey(decision.move.from));
    } else if ('manual' in decision) {
      manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target, reason: decision.manual });
      retained.add(moduleKey(decision.move.from));
    } else if ('symbols' in decision) {
      symbolRefs.push({ ref, move: symbolMove(decision.move) });
    } else {
      const meaning = meaningOf(ref, decision.move, { file: file.path, source: file.source, prepared });
      if (meaning && 'manual' in meaning) {
        manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target, reason: meaning.manual });
        retained.add(moduleKey(decision.move.from));
        continue;
      }
      rewrites.push({ kind: ref.kind, line: ref.line, column: ref.column, from: ref.specifier, to: decision.specifier, target, ref });
      targetOf.set(ref, decision.move.to!.kind === 'package' ? `package:${decision.specifier}` : moduleKey(decision.move.to!));
      if (meaning && meaning.edits.length > 0) {
        meaningEdits.push(...meaning.edits);
        if (ref.declaration) renamed.add(ref.declaration);
      }
    }
  }
  const importKeys = new Map<ModuleReference, string>();
  const keyOfImport = (r: ModuleReference) => {
    let key = importKeys.get(r);
    if (key === undefined) importKeys.set(r, (key = targetOf.get(r) ?? importedKey(r, file.path, prepared.resolver)));
    return key;
  };
  const symbolDeclarations = new Set(symbolRefs.map((s) => s.ref.declaration).filter((d) => d !== undefined));
  const symbols = symbolRefs.length === 0
    ? undefined
    : planSymbolMoves({
        ast,
        source: file.source,
        refs: symbolRefs,
        spell: (ref, module) => {
          if (module.kind === 'package') return { specifier: module.name };
          const decision = spellFile(ref, file.path, undefined as unknown as PreparedMove, module.file, resolutionKind(ref), prepared);
          return decision && 'specifier' in decision ? { specifier: decision.specifier } : { manual: (decision as { manual: string }).manual };
        },
        isTypeOnly: (target) => target.module.kind === 'file' && (prepared.exports.of(target.module.file)?.names.get(target.name)?.typeOnly ?? false),
        existingImport: (key, typeOnly) => {
          // The statement the whole-module merge keeps for this module (an unrewritten one first), so
          // names added here never land in a statement that merge removes.
          const group = references.filter(
            (r) =>
              r.kind === 'import' &&
              r.declaration !== undefined &&
              !symbolDeclarations.has(r.declaration) &&
              (r.declaration.importKind === 'type') === typeOnly &&
              mergeable(r.declaration) &&
              keyOfImport(r) === key,
          );
          return (group.find((r) => !targetOf.has(r)) ?? group[0])?.declaration;
        },
      });
  for (const key of symbols?.retained ?? []) retained.add(key);
  manual.push(...(symbols?.manual ?? []));
  manual.sort((a, b) => a.line - b.line || a.column - b.column);
  const notes = symbols?.notes ?? [];
  const extras = { ...(notes.length > 0 ? { notes } : {}), ...(retained.size > 0 ? { retained: [...retained] } : {}) };
  if (rewrites.length === 0 && (symbols?.rewrites.length ?? 0) === 0) return { ...unchanged, manual, ...extras };
  const imports: PlannedImport[] = references
    .filter((r) => r.kind === 'import' && r.declaration && !symbols?.handled.has(r.declaration) && !renamed.has(r.declaration))
    .map((r) => ({ declaration: r.declaration!, rewritten: targetOf.has(r), targetKey: keyOfImport(r) }));
  const merge = mergeImports({ source: file.source, imports, additions: symbols?.additions });
  const edits: TextEdit[] = [...merge.edits, ...(symbols?.edits ?? []), ...meaningEdits];
  const respelt = new Map<ModuleReference, string>();
  for (const rewrite of rewrites) {
    if (rewrite.ref.declaration && merge.merged.has(rewrite.ref.declaration)) continue;
    respelt.set(rewrite.ref, rewrite.to);
  }
  const allRewrites: Rewrite[] = [...rewrites.map(({ ref: _ref, ...r }) => r), ...(symbols?.rewrites ?? [])].sort((a, b) => a.line - b.line || a.column - b.column);
  // Only specifiers respelt: the new text's references are known without a parse (the run measures it again).
  const source =
    edits.length === 0
      ? respell(file.path, file.source, references, respelt)
      : applyEdits(file.source, [...edits, ...[...respelt].map(([ref, text]) => ({ start: ref.start, end: ref.end, text }))]);
  return { source, rewrites: allRewrites, manual, ...extras };
}

/**
 * The plan of a file whose moved references need nothing but new specifiers, made from its listed specifiers
 * without a syntax tree: exactly what the tree's plan below gives such a file. Each decided reference is a
 * whole-module rewrite ({@link decide} gives it a specifier), the names it binds mean the same in the target
 * ({@link keepsNames}), and no rewritten import names a module another import of the file names (that one
 * is merged). `undefined` otherwise: the tree decides.
 */
function planBySpecifiers(file: SourceFile, specifiers: SpecifierReference[], decisions: Decision[], prepared: PreparedCanonicalImports): FileOutcome | undefined {
  const bound = boundNames(file.source, file.path);
  if (!bound) return undefined;
  const rewrites: Rewrite[] = [];
  const respelt = new Map<SpecifierReference, string>();
  const keys = new Map<SpecifierReference, string>();
  for (const [i, ref] of specifiers.entries()) {
    const decision = decisions[i];
    if (!decision) continue;
    if (!('specifier' in decision) || !keepsNames(ref, decision.move, bound.get(ref.start)?.names, prepared)) return undefined;
    rewrites.push({ kind: ref.kind, line: ref.line, column: ref.column, from: ref.specifier, to: decision.specifier, target: decision.move.toLabel! });
    respelt.set(ref, decision.specifier);
    keys.set(ref, decision.move.to!.kind === 'package' ? `package:${decision.specifier}` : moduleKey(decision.move.to!));
  }
  // The tree's plan merges imports of one module of one kind (value or type) when one of them is rewritten.
  const imports = specifiers.filter((r) => r.kind === 'import').map((r) => ({ r, key: keys.get(r) ?? importedKey(r, file.path, prepared.resolver), kind: bound.get(r.start)?.importKind }));
  const merges = (a: (typeof imports)[number], b: (typeof imports)[number]) => a.key === b.key && (a.kind === undefined || b.kind === undefined || a.kind === b.kind);
  if (imports.some((a) => keys.has(a.r) && imports.some((b) => b !== a && merges(a, b)))) return undefined;
  return { source: respell(file.path, file.source, specifiers, respelt), rewrites, manual: [] };
}

/**
 * Whether a whole-module rewrite of `ref`, which binds `names`, keeps its meaning with no edit besides the
 * specifier: the old module's or the target's exports cannot be known (the reference is rewritten as a whole,
 * as {@link meaningOf} plans), or {@link keepsMeaningAsWritten} says so of the names.
 */
function keepsNames(ref: SpecifierReference, move: PreparedMove, names: BoundName[] | undefined, prepared: PreparedCanonicalImports): boolean {
  const mapping = mappingOf(move, prepared);
  return mapping === undefined || (names !== undefined && keepsMeaningAsWritten(mapping, ref.kind, names));
}

/** How the old module's names map onto the target's; `undefined` when either is not a file or cannot be read. */
function mappingOf(move: PreparedMove, prepared: PreparedCanonicalImports): NameMapping | undefined {
  if (move.from.kind !== 'file' || move.to?.kind !== 'file') return undefined;
  const fromFile = move.from.file;
  let mapping = prepared.mappings.get(fromFile);
  if (mapping === undefined) {
    mapping = mapNames(prepared.exports.of(fromFile), prepared.exports.of(move.to.file), fromFile) ?? null;
    prepared.mappings.set(fromFile, mapping);
  }
  return mapping ?? undefined;
}

/**
 * What a whole-module rewrite of `ref` needs so it names exactly what it named (see ./lib/keep-meaning.ts):
 * `undefined` when the old module's or the target's exports cannot be known (a package, an unreadable file),
 * and the reference is rewritten as a whole.
 */
function meaningOf(ref: ModuleReference, move: PreparedMove, context: { file: string; source: string; prepared: PreparedCanonicalImports }) {
  const { prepared } = context;
  const mapping = mappingOf(move, prepared);
  if (mapping === undefined) return undefined;
  const own = ref.owner.type === 'ExportAllDeclaration' ? prepared.exports.ofText(context.file, context.source) : undefined;
  return keepMeaning({
    ref,
    source: context.source,
    mapping,
    targetLabel: move.toLabel!,
    // An `export *` passes on only the names nothing else in the file exports, and none that another
    // `export *` gives with a different declaration.
    starNames: own
      ? (names) => ({
          names: names.filter((n) => !own.explicit.has(n) && own.names.has(n) && originKey(own.names.get(n)!) === originKey(mapping!.from.names.get(n)!)),
          ambiguous: names.filter((n) => !own.explicit.has(n) && !own.names.has(n)),
        })
      : undefined,
  });
}

function importedKey(ref: SpecifierReference, file: string, resolver: ModuleResolver): string {
  return resolver.resolve(ref.specifier, file) ?? `package:${ref.specifier}`;
}

function modules(prepared: PreparedCanonicalImports): { retired: NamedModule[]; introduced: NamedModule[] } {
  return {
    // A move without "to" leaves its unnamed symbols where they are: the module is not retired.
    retired: prepared.moves.filter((m) => m.to).map((m) => ({ key: moduleKey(m.from), label: m.fromLabel, at: `${m.at}.from` })),
    introduced: prepared.moves.flatMap((m) => [
      ...(m.to ? [{ key: moduleKey(m.to), label: m.toLabel!, at: `${m.at}.to` }] : []),
      ...[...m.symbols].map(([symbol, target]) => ({ key: target.key, label: target.label, at: `${m.at}.symbols.${symbol}.to` })),
    ]),
  };
}

/** Every move replaces its old module with its target (and each moved symbol's module with the symbol's). */
function replaces(prepared: PreparedCanonicalImports): Replacement[] {
  return prepared.moves.flatMap((m) => [
    ...(m.to ? [{ from: moduleKey(m.from), to: moduleKey(m.to) }] : []),
    ...[...m.symbols].map(([symbol, target]) => ({ from: moduleKey(m.from), to: target.key, names: { [symbol]: target.name } })),
  ]);
}

export const migration: Migration<CanonicalImportsOptions, PreparedCanonicalImports> = {
  description: 'Moves every reference to a module onto its canonical module (imports, re-exports, require, import(), import types, mocks).',
  optionsSchema,
  prepare,
  modules,
  replaces,
  shims: (prepared) => (prepared.deleteUnusedShims ? prepared.moves.flatMap((m) => (m.from.kind === 'file' ? [{ file: m.from.file }] : [])) : []),
  describe,
  prefilter: (prepared) => prepared.prefilter,
  // Files that pass the filter are listed on the reading thread: the runner's thread, which parses the files
  // that import a moved module, is the busier one (see `Migration.listsSpecifiers`).
  listsSpecifiers: true,
  plan,
};

export const parser = 'tsx';

/** Under plain jscodeshift: `jscodeshift -t transforms/canonical-imports.ts --config canonize.config.json [--issue id]`. */
export default jscodeshiftAdapter('canonical-imports', migration);
