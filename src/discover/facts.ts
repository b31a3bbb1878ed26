/**
 * What discover needs to know of a file besides its imports, taken while the file is read so the text can
 * be dropped at once (50,000 files of text would not fit the memory budget).
 */

export interface Place {
  path: string;
  line: number;
}

export interface FileFacts {
  /** Names the module declares as exports (a text scan: enough to pair candidate copies). */
  exports: string[];
  /** The whole body only re-exports (and imports). */
  reexportsOnly: boolean;
  /** A leading JSDoc marks it `@deprecated`. */
  deprecated: boolean;
  /** Offsets of the opening quotes of `import type` / `export type` specifiers (statements gone at run time). */
  typeOnlyAt?: number[];
  /** ClickHouse client constructions and the classes and getters around them, with 1-based lines. */
  clickhouse?: {
    constructions: Array<{ line: number; what: string }>;
    /** Classes and getters; a class's methods that only call the client's under another name. */
    wrappers: Array<{ line: number; what: string; methods?: Record<string, string> }>;
    /** The name of an official client the module exports at top level (`export const x = createClient(...)`). */
    client?: string;
  };
}

const DEPRECATED = /^\s*(\/\/[^\n]*\n\s*)*\/\*\*[\s\S]*?@deprecated[\s\S]*?\*\//;

export function factsOf(source: string): FileFacts {
  return {
    exports: exportedNames(source),
    reexportsOnly: /\bexport\b/.test(source) && /\bfrom\b/.test(source) && onlyReexports(source),
    deprecated: source.includes('@deprecated') && DEPRECATED.test(source),
    ...typeOnlyOf(source),
    clickhouse: /clickhouse/i.test(source) ? clickhouseFacts(source) : undefined,
  };
}

const TYPE_ONLY = /\b(?:import|export)\s+type\s+(?:\{[^}]*\}|\*\s+as\s+[\w$]+|\*|[\w$]+)\s*from\s*(['"])([^'"\n]+)\1/g;

function typeOnlyOf(source: string): Pick<FileFacts, 'typeOnlyAt'> {
  if (!/\btype\b/.test(source)) return {};
  const found = [...source.matchAll(TYPE_ONLY)].map((m) => m.index! + m[0].length - m[2]!.length - 2);
  return found.length > 0 ? { typeOnlyAt: found } : {};
}

const REEXPORT = /^\s*export\s+(\*|\*\s+as\s+[\w$]+|(type\s+)?\{[^}]*\})\s+from\s+['"][^'"]+['"]\s*;?\s*$/;
const IMPORT_LINE = /^\s*import\s[^;]*from\s+['"][^'"]+['"]\s*;?\s*$/;
const EXPORT_LIST = /^\s*export\s+(type\s+)?\{[^}]*\}\s*;?\s*$/;

/** Whole-body re-exports, ignoring comments and blank lines; multi-line braces are joined first. */
export function onlyReexports(source: string): boolean {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\{[^}]*\}/g, (m) => m.replace(/\s+/g, ' '));
  const statements = code.split(/;|\n/).map((s) => s.trim()).filter(Boolean);
  return statements.length > 0 && statements.some((s) => /^export\b/.test(s)) && statements.every((s) => REEXPORT.test(s) || IMPORT_LINE.test(s) || EXPORT_LIST.test(s));
}

const EXPORTED_NAME = /^\s*export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:const|let|var|function\*?|class|interface|type|enum)\s+([\w$]+)/gm;

/** Names a module declares as exports (a text scan: enough to pair candidate copies). */
export function exportedNames(source: string): string[] {
  return [...new Set([...source.matchAll(EXPORTED_NAME)].map((m) => m[1]!))].sort();
}

/** Client constructions of the Node ClickHouse clients a user would meet. */
const CLICKHOUSE_CONSTRUCTIONS: Array<{ pkg: RegExp; construct: RegExp; what: string }> = [
  { pkg: /['"]@clickhouse\/client(-web)?['"]/, construct: /\bcreateClient\s*\(/g, what: 'createClient() from @clickhouse/client' },
  { pkg: /['"]clickhouse['"]/, construct: /\bnew\s+ClickHouse\s*\(/g, what: 'new ClickHouse() from clickhouse' },
  { pkg: /['"]@(apla|posthog)\/clickhouse['"]/, construct: /\bnew\s+[\w$]+\s*\(/g, what: 'new ClickHouse() from @apla/clickhouse or @posthog/clickhouse' },
];

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < index; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

function clickhouseFacts(source: string): FileFacts['clickhouse'] {
  const constructions: Array<{ line: number; what: string }> = [];
  for (const shape of CLICKHOUSE_CONSTRUCTIONS) {
    if (!shape.pkg.test(source)) continue;
    for (const m of source.matchAll(shape.construct)) constructions.push({ line: lineAt(source, m.index!), what: shape.what });
  }
  if (constructions.length === 0) return undefined;
  const wrappers: Array<{ line: number; what: string; methods?: Record<string, string> }> = [];
  for (const m of source.matchAll(/\bclass\s+([\w$]+)/g)) {
    const methods = delegations(source.slice(m.index!));
    wrappers.push({ line: lineAt(source, m.index!), what: `class ${m[1]}`, ...(Object.keys(methods).length > 0 ? { methods } : {}) });
  }
  for (const m of source.matchAll(/\b(?:function\s+|const\s+)(get[\w$]*Client[\w$]*)\b/gi)) wrappers.push({ line: lineAt(source, m.index!), what: `getter ${m[1]}` });
  const client = /^export\s+const\s+([\w$]+)\s*(?::[^=\n]+)?=\s*createClient\s*\(/m.exec(source)?.[1];
  return { constructions: constructions.sort((a, b) => a.line - b.line), wrappers: wrappers.sort((a, b) => a.line - b.line), ...(client ? { client } : {}) };
}

/** `select(params) { return this.client.query(params); }`: wrapper method => the client method it calls. */
function delegations(classText: string): Record<string, string> {
  const methods: Record<string, string> = {};
  for (const m of classText.matchAll(/^\s*(?:async\s+)?([\w$]+)\s*\([^)]*\)\s*(?::[^{\n]*)?\{\s*return\s+(?:await\s+)?this\.[\w$]+\.([\w$]+)\s*\(/gm)) {
    if (m[1] !== m[2] && m[1] !== 'constructor') methods[m[1]!] = m[2]!;
  }
  return methods;
}
