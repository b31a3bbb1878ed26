/**
 * What discover needs to know of a file besides its imports, taken while the file is read so the text can
 * be dropped at once (50,000 files of text would not fit the memory budget).
 */
import { clickhouseFacts, type ClickHouseFacts } from './clickhouse-facts';

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
  /** ClickHouse client constructions and the classes and getters around them, with 1-based lines. */
  clickhouse?: ClickHouseFacts;
}

const DEPRECATED = /^\s*(\/\/[^\n]*\n\s*)*\/\*\*[\s\S]*?@deprecated[\s\S]*?\*\//;

export function factsOf(source: string, file: string): FileFacts {
  return {
    exports: exportedNames(source),
    reexportsOnly: /\bexport\b/.test(source) && /\bfrom\b/.test(source) && onlyReexports(source),
    deprecated: source.includes('@deprecated') && DEPRECATED.test(source),
    clickhouse: /clickhouse/i.test(source) ? clickhouseFacts(source, file) : undefined,
  };
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
