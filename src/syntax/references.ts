/**
 * Every place a file names a module: imports, re-exports, `require`, `import()`, import types,
 * `import x = require()`, module mocks and `declare module` augmentations.
 */
import type * as t from '@babel/types';

export type ReferenceKind =
  | 'import'
  | 'export-from'
  | 'import-equals'
  | 'require'
  | 'require-resolve'
  | 'dynamic-import'
  | 'import-type'
  | 'mock'
  | 'declare-module';

/** A module specifier written in the source, with where its text sits. */
export interface ModuleReference {
  kind: ReferenceKind;
  specifier: string;
  /** Offsets of the specifier's text between the quotes. */
  start: number;
  end: number;
  line: number;
  /** 1-based. */
  column: number;
  /** The statement holding a static import, for merging. */
  declaration?: t.ImportDeclaration;
  /** The node that holds the specifier: the statement, call, `import()` or import type. */
  owner: t.Node;
}

/** The name an identifier or a string literal stands for (`import { "a-b" as x }` names `a-b`). */
export function nameOf(node: t.Identifier | t.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** How a reference loads its module: `require` forms resolve as CommonJS, everything else as an import. */
export function resolutionKind(ref: Pick<ModuleReference, 'kind'>): 'import' | 'require' {
  return ref.kind === 'require' || ref.kind === 'require-resolve' || ref.kind === 'import-equals' ? 'require' : 'import';
}

/** Members of `jest` and `vi` whose first argument is a module specifier. */
const MOCK_MEMBERS = new Set([
  'mock', 'unmock', 'doMock', 'dontMock', 'doUnmock', 'setMock', 'requireActual', 'requireMock',
  'createMockFromModule', 'genMockFromModule', 'importActual', 'importMock',
]);
const MOCK_OBJECTS = new Set(['jest', 'vi', 'vitest']);

/** What TypeScript's scanner skips as a blank between two tokens: `\s`, and U+0085 and U+200B besides. */
export const SCANNER_BLANK = '[\\s\\u0085\\u200b]';

/**
 * Text without which no reference below the top level exists, so the deep walk is skipped: the word
 * `require` (calls, `require.resolve`, `import x = require()`), `import` before `(` or a comment (`import()`,
 * import types), the objects whose members mock modules (`jest`, `vi`, `vitest`), `module` before a quote or a
 * comment (`declare module 'x'`), and any `\u` escape (an identifier may spell `require` with one). A superset
 * of what the walk finds (`required` and `requireName`, frequent in application code, do not match). It reads
 * the whole text, strings included: `'./require'` matches, so respelling a specifier may turn the walk on or
 * off (src/syntax/specifiers.ts checks). Its blanks are TypeScript's: `\s` and U+0085 and U+200B, which
 * TypeScript's scanner skips and `\s` does not match ({@link SCANNER_BLANK}).
 */
export const DEEP_REFERENCE = new RegExp(`\\brequire\\b|\\bimport${SCANNER_BLANK}*[(/]|\\b(?:jest|vi|vitest)\\b|\\bmodule${SCANNER_BLANK}*['"\`/]|\\\\u`);

/** Lists the module references of a parsed file, in source order. */
export function findReferences(ast: t.File, source: string): ModuleReference[] {
  const found: ModuleReference[] = [];
  for (const statement of ast.program.body) topLevel(statement, found);
  if (DEEP_REFERENCE.test(source)) walk(ast.program, (node) => deep(node, found));
  return found.sort((a, b) => a.start - b.start);
}

/** Keys of a Babel node that never hold a node this walk looks for. */
const SKIP_KEYS = new Set(['loc', 'extra', 'leadingComments', 'trailingComments', 'innerComments']);

/**
 * Visits `node` and every node below it. Generic over keys, so it needs no per-type visitor table:
 * @babel/types' `traverseFast` would cost ~60 ms to load (its node definitions), more than the walks it
 * serves on most runs.
 */
function walk(node: t.Node, visit: (node: t.Node) => void): void {
  visit(node);
  for (const key in node) {
    if (SKIP_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) walk(value, visit);
  }
}

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function topLevel(node: t.Statement, out: ModuleReference[]): void {
  switch (node.type) {
    case 'ImportDeclaration':
      push(out, 'import', node.source, node, node);
      break;
    case 'ExportAllDeclaration':
      push(out, 'export-from', node.source, node);
      break;
    case 'ExportNamedDeclaration':
      if (node.source) push(out, 'export-from', node.source, node);
      break;
    case 'TSImportEqualsDeclaration':
      if (node.moduleReference.type === 'TSExternalModuleReference') {
        push(out, 'import-equals', node.moduleReference.expression, node);
      }
      break;
    default:
  }
}

function deep(node: t.Node, out: ModuleReference[]): void {
  switch (node.type) {
    case 'CallExpression': {
      const first = node.arguments[0];
      const kind = callKind(node.callee);
      if (kind && first) push(out, kind, first, node);
      break;
    }
    case 'ImportExpression':
      push(out, 'dynamic-import', node.source, node);
      break;
    case 'TSImportType':
      push(out, 'import-type', node.argument as t.Node, node);
      break;
    case 'TSModuleDeclaration':
      if (node.id.type === 'StringLiteral') push(out, 'declare-module', node.id, node);
      break;
    default:
  }
}

function callKind(callee: t.Node): ReferenceKind | undefined {
  if (callee.type === 'Import') return 'dynamic-import';
  if (callee.type === 'Identifier' && callee.name === 'require') return 'require';
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const object = callee.object;
  if (object.type !== 'Identifier') return undefined;
  if (object.name === 'require' && callee.property.name === 'resolve') return 'require-resolve';
  if (MOCK_OBJECTS.has(object.name) && MOCK_MEMBERS.has(callee.property.name)) return 'mock';
  return undefined;
}

/** Records `node` when it is a plain string: a literal or a template without expressions. */
function push(out: ModuleReference[], kind: ReferenceKind, node: t.Node, owner: t.Node, declaration?: t.ImportDeclaration): void {
  let specifier: string | undefined;
  if (node.type === 'StringLiteral') specifier = node.value;
  else if (node.type === 'TemplateLiteral' && node.expressions.length === 0) specifier = node.quasis[0]?.value.cooked ?? undefined;
  else if (node.type === 'TSLiteralType' && node.literal.type === 'StringLiteral') {
    push(out, kind, node.literal, owner, declaration);
    return;
  }
  if (specifier === undefined || node.start == null || node.end == null || !node.loc) return;
  if (out.some((r) => r.start === node.start! + 1)) return;
  out.push({
    kind,
    specifier,
    start: node.start + 1,
    end: node.end - 1,
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    declaration,
    owner,
  });
}
