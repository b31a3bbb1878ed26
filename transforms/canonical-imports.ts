/**
 * canonical-imports: every reference to a module that a move maps elsewhere is rewritten to the canonical
 * module. Only the specifier text changes (one line per reference); an import of a module the file already
 * imports is merged into it.
 *
 * Options (`moves`): `[{ "from": "src/legacy/engine.ts", "to": "src/agents/execution-engine.ts" },
 * { "from": "old-utils", "to": "@acme/utils" }]`. A package move carries subpaths:
 * `old-utils/strings` => `@acme/utils/strings`.
 */
import * as path from 'node:path';
import { ConfigError, ConfigErrors } from '../src/errors';
import type { FileOutcome, ManualItem, Migration, NamedModule, Rewrite, SourceFile, TransformEnv } from '../src/transform';
import type { ModuleResolver } from '../src/resolve/resolver';
import { isIndexFile, dropSourceExtension } from '../src/resolve/extensions';
import { parseSource } from './lib/parse';
import { findReferences, resolutionKind, type ModuleReference } from './lib/references';
import { applyEdits, type TextEdit } from './lib/edits';
import { mergeImports, type PlannedImport } from './lib/merge-imports';
import { assertPackageResolves, moduleKey, moduleLabel, parseModuleName, type ModuleName } from './lib/modules';
import { jscodeshiftAdapter } from './lib/jscodeshift-adapter';

export interface CanonicalImportsOptions {
  /** Modules to move, applied all at once; chains (A -> B, B -> C) collapse to A -> C. */
  moves: Array<{
    /** The old module: a file path relative to the config, or a package name (its subpaths move with it). */
    from: string;
    /** The canonical module: a file path relative to the config, or a package name. */
    to: string;
  }>;
}

interface PreparedMove {
  from: ModuleName;
  to: ModuleName;
  fromLabel: string;
  toLabel: string;
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
  /** A file that holds none of these strings cannot reference a moved module. */
  needles: string[];
  /** A moved index file can be named by `.`, `..`, `../..`: specifiers with no name in them. */
  dotSpecifiers: boolean;
}

const DOT_SPECIFIER = /['"`](\.\.?\/)*\.\.?\/?['"`]/;

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
        required: ['from', 'to'],
        properties: {
          from: { type: 'string', minLength: 1, description: 'The old module: a file path relative to the config, or a package name.' },
          to: { type: 'string', minLength: 1, description: 'The canonical module: a file path relative to the config, or a package name.' },
        },
      },
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
      const from = parseModuleName({ text: move.from, rootDir: env.rootDir, at: `${where}.from`, configFile });
      const to = parseModuleName({ text: move.to, rootDir: env.rootDir, at: `${where}.to`, configFile });
      if (to.kind === 'package') {
        assertPackageResolves({ name: to.name, resolver: env.resolver, rootDir: env.rootDir, at: `${where}.to`, configFile });
      }
      const key = moduleKey(from);
      const previous = firstAt.get(key);
      if (previous !== undefined) {
        throw new ConfigError(configFile, `${where}.from`, `expected one move per module, found a second move for ${JSON.stringify(move.from)} (the first is ${at}.moves[${previous}])`);
      }
      if (key === moduleKey(to)) {
        throw new ConfigError(configFile, `${where}.to`, `expected a different module than "from", found ${JSON.stringify(move.to)}, which is the same module`);
      }
      firstAt.set(key, i);
      moves.push({ from, to, fromLabel: move.from, toLabel: move.to, at: where });
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
  return { resolver: env.resolver, rootDir: env.rootDir, moves, fileMoves, packageMoves, needles: [...needles], dotSpecifiers };
}

/** Replaces each `to` by the end of its chain; a chain that comes back to its start is a config error. */
function collapseChains(moves: PreparedMove[], at: string, configFile: string, errors: ConfigError[]): void {
  const byFrom = new Map(moves.map((m, i) => [moduleKey(m.from), { move: m, i }]));
  moves.forEach((move, i) => {
    const seen = [moduleKey(move.from)];
    let to = move.to;
    for (let next = byFrom.get(moduleKey(to)); next; next = byFrom.get(moduleKey(to))) {
      if (seen.includes(moduleKey(next.move.from))) {
        errors.push(new ConfigError(configFile, `${at}.moves[${i}].to`, `expected moves without a cycle, found ${[...seen.map((k) => labelOfKey(k, moves)), labelOfKey(moduleKey(to), moves)].join(' -> ')}`));
        return;
      }
      seen.push(moduleKey(next.move.from));
      to = next.move.to;
    }
    if (to !== move.to) {
      move.to = to;
      move.toLabel = moves.find((m) => m.to === to)?.toLabel ?? move.toLabel;
    }
  });
}

function labelOfKey(key: string, moves: PreparedMove[]): string {
  const m = moves.find((x) => moduleKey(x.from) === key) ?? moves.find((x) => moduleKey(x.to) === key);
  return m ? (moduleKey(m.from) === key ? m.fromLabel : m.toLabel) : key;
}

function describe(prepared: PreparedCanonicalImports): string[] {
  return prepared.moves.map((m) => `\`${moduleLabel(m.from, prepared.rootDir)}\` → \`${moduleLabel(m.to, prepared.rootDir)}\``);
}

function mayReference(source: string, prepared: PreparedCanonicalImports): boolean {
  return prepared.needles.some((n) => source.includes(n)) || (prepared.dotSpecifiers && DOT_SPECIFIER.test(source));
}

type Decision = { move: PreparedMove; specifier: string } | { move: PreparedMove; manual: string } | undefined;

/** Which move a reference falls under, and its new specifier or why it cannot be rewritten. */
function decide(ref: ModuleReference, file: string, prepared: PreparedCanonicalImports): Decision {
  const { resolver } = prepared;
  const kind = resolutionKind(ref);
  for (const move of prepared.packageMoves) {
    const name = (move.from as { name: string }).name;
    if (ref.specifier !== name && !ref.specifier.startsWith(`${name}/`)) continue;
    const subpath = ref.specifier.slice(name.length);
    if (move.to.kind === 'package') return { move, specifier: move.to.name + subpath };
    if (subpath !== '') return { move, manual: `the subpath "${subpath}" has no counterpart in ${move.toLabel}; point it at the right file by hand` };
    return spellFile(ref, file, move, move.to.file, kind, prepared);
  }
  const resolved = resolver.resolve(ref.specifier, file, kind);
  const move = resolved === undefined ? undefined : prepared.fileMoves.get(resolved);
  if (!move) return undefined;
  if (move.to.kind === 'package') return { move, specifier: move.to.name };
  return spellFile(ref, file, move, move.to.file, kind, prepared);
}

function spellFile(ref: ModuleReference, file: string, move: PreparedMove, target: string, kind: 'import' | 'require', prepared: PreparedCanonicalImports): Decision {
  if (target === file) return { move, manual: `this file is the canonical module ${move.toLabel}; it would import itself` };
  const specifier = prepared.resolver.spell({ fromFile: file, target, like: ref.specifier, kind });
  if (specifier === undefined) return { move, manual: `no specifier written from this file resolves to ${move.toLabel} (check the tsconfig that includes this file)` };
  return { move, specifier };
}

function plan(file: SourceFile, prepared: PreparedCanonicalImports): FileOutcome {
  const unchanged: FileOutcome = { source: undefined, rewrites: [], manual: [] };
  if (!mayReference(file.source, prepared)) return unchanged;
  const ast = parseSource(file.source, file.path);
  const references = findReferences(ast, file.source);
  const rewrites: Array<Rewrite & { ref: ModuleReference }> = [];
  const manual: ManualItem[] = [];
  const targetOf = new Map<ModuleReference, string>();
  for (const ref of references) {
    const decision = decide(ref, file.path, prepared);
    if (!decision) continue;
    if (ref.kind === 'declare-module') {
      manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target: decision.move.toLabel, reason: `module augmentation of the old module; move it to ${decision.move.toLabel} by hand` });
    } else if ('manual' in decision) {
      manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target: decision.move.toLabel, reason: decision.manual });
    } else {
      rewrites.push({ kind: ref.kind, line: ref.line, column: ref.column, from: ref.specifier, to: decision.specifier, target: decision.move.toLabel, ref });
      targetOf.set(ref, decision.move.to.kind === 'package' ? `package:${decision.specifier}` : moduleKey(decision.move.to));
    }
  }
  if (rewrites.length === 0) return { ...unchanged, manual };
  const imports: PlannedImport[] = references
    .filter((r) => r.kind === 'import' && r.declaration)
    .map((r) => ({
      declaration: r.declaration!,
      rewritten: targetOf.has(r),
      targetKey: targetOf.get(r) ?? importedKey(r, file.path, prepared.resolver),
    }));
  const merge = mergeImports({ source: file.source, imports });
  const edits: TextEdit[] = [...merge.edits];
  for (const rewrite of rewrites) {
    if (rewrite.ref.declaration && merge.merged.has(rewrite.ref.declaration)) continue;
    edits.push({ start: rewrite.ref.start, end: rewrite.ref.end, text: rewrite.to });
  }
  return {
    source: applyEdits(file.source, edits),
    rewrites: rewrites.map(({ ref: _ref, ...r }) => r),
    manual,
  };
}

function importedKey(ref: ModuleReference, file: string, resolver: ModuleResolver): string {
  return resolver.resolve(ref.specifier, file) ?? `package:${ref.specifier}`;
}

function modules(prepared: PreparedCanonicalImports): { retired: NamedModule[]; introduced: NamedModule[] } {
  return {
    retired: prepared.moves.map((m) => ({ key: moduleKey(m.from), label: m.fromLabel, at: `${m.at}.from` })),
    introduced: prepared.moves.map((m) => ({ key: moduleKey(m.to), label: m.toLabel, at: `${m.at}.to` })),
  };
}

export const migration: Migration<CanonicalImportsOptions, PreparedCanonicalImports> = {
  description: 'Moves every reference to a module onto its canonical module (imports, re-exports, require, import(), import types, mocks).',
  optionsSchema,
  prepare,
  modules,
  describe,
  plan,
};

export const parser = 'tsx';

/** Under plain jscodeshift: `jscodeshift -t transforms/canonical-imports.ts --config canonize.config.json [--issue id]`. */
export default jscodeshiftAdapter('canonical-imports', migration);
