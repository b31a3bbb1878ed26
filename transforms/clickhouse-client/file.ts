/** One file's planning: the syntax tree, parsed once, and what the concerns of this transform collect in it. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import type { ManualItem, Note, Rewrite } from '../../src/transform';
import type { TextEdit } from '../../src/syntax/edits';
import { parseSource } from '../../src/syntax/parse';
import type { PreparedClickHouse } from './prepare';
import { fileTypes, type FileTypes } from './types';

/** A file, parsed once, with what every pass over it needs. */
export interface FileContext {
  path: string;
  source: string;
  ast: t.File;
  program: NodePath<t.Program>;
  prepared: PreparedClickHouse;
  /** The canonical module as the config names it. */
  target: string;
  /** TypeScript's checker on this file's program, built on first need (only files with inserts or parameters). */
  types(): FileTypes;
}

/** What one file's planning collects. */
export interface FilePlan {
  notes: Note[];
  edits: TextEdit[];
  rewrites: Rewrite[];
  manual: ManualItem[];
  /** Modules this migration moves uses away from that the file still references (wrapper modules). */
  retained: Set<string>;
  /** Locals to import from the canonical module (each stands for the canonical export). */
  canonicalLocals: Set<string>;
  /** The file needs `import type { ClickHouseClient }` (a wrapper class named as a type). */
  needsClientType: boolean;
}

/** 1-based line and column of a node. */
export interface Place {
  line: number;
  column: number;
}

/** Something canonize cannot convert, where, and why. */
export interface Blocker {
  at: Place;
  reason: string;
}

export function placeOf(node: t.Node): Place {
  return { line: node.loc!.start.line, column: node.loc!.start.column + 1 };
}

export function textOf(context: { source: string }, node: t.Node): string {
  return context.source.slice(node.start!, node.end!);
}

/** The source of a node on one line, shortened for a rewrite's `from`/`to`. */
export function shortText(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 80);
}

export function parseFile(path: string, source: string, prepared: PreparedClickHouse): FileContext {
  const ast = parseSource(source, path);
  const traverse = (require('@babel/traverse') as typeof import('@babel/traverse')).default;
  let program!: NodePath<t.Program>;
  traverse(ast, { Program(p) { program = p; p.stop(); } });
  let types: FileTypes | undefined;
  return { path, source, ast, program, prepared, target: prepared.canonicalLabel, types: () => (types ??= fileTypes(prepared.typeHost, path, source)) };
}

export function emptyPlan(): FilePlan {
  return { notes: [], edits: [], rewrites: [], manual: [], retained: new Set(), canonicalLocals: new Set(), needsClientType: false };
}

export function sortItems<T extends { line: number; column: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.line - b.line || a.column - b.column);
}
