/**
 * Reading the config: JSON with comments and trailing commas (JSONC, as in tsconfig), with line and column on
 * syntax errors, the schema with config paths in bracket notation, then the checks a schema cannot express.
 * Returns one normalised, typed config.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';
import { parse as parseJson, printParseErrorCode, type ParseError as JsonParseError } from 'jsonc-parser';
import { ConfigError, ConfigErrors } from '../errors';
import { isCustomTransform, resolveTransform, TRANSFORM_EXTENSIONS } from '../custom/resolve';
import { transformNames } from '../registry';
import { DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE } from './schema';
import { validatorFor } from './validators';

export interface MigrationConfig {
  /** A built-in transform's name, or a custom transform as the config names it (`./codemods/x.js`). */
  transform: string;
  /** A custom transform's module (absolute); absent for a built-in transform. */
  module?: string;
  options: Record<string, unknown>;
  /** Where it sits in the config, e.g. `issues[0].migrations[1]`. */
  at: string;
}

export interface IssueConfig {
  id: string;
  title: string;
  migrations: MigrationConfig[];
}

/** The config as the rest of canonize sees it: complete, absolute paths, defaults applied. */
export interface CanonizeConfig {
  /** Absolute path of the config file. */
  file: string;
  /** The config file's folder: relative paths and globs start here. */
  rootDir: string;
  include: string[];
  /** `include` was written in the config (not the default): each entry must then match a file. */
  includeGiven: boolean;
  exclude: string[];
  /** Absolute tsconfig paths, in priority order (may be empty: TypeScript's defaults apply). */
  tsconfigs: string[];
  /** Files larger than this many bytes are skipped and listed. */
  maxFileSize: number;
  issues: IssueConfig[];
}

interface RawConfig {
  include?: string[];
  exclude?: string[];
  tsconfig?: string | string[];
  maxFileSize?: number;
  issues: Array<{ id: string; title?: string; migrations: Array<{ transform: string; options?: Record<string, unknown> }> }>;
}

/** Reads and validates the config file; throws `ConfigError`/`ConfigErrors`, never reads a source file. */
export function loadConfig(file: string): CanonizeConfig {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(absolute, '', code === 'ENOENT' ? 'no such file (pass --config <file>, or run where canonize.config.json is, or below it)' : `cannot read: ${(error as Error).message}`);
  }
  return parseConfig(text, absolute);
}

/** Validates config text as if read from `file`. */
export function parseConfig(text: string, file: string): CanonizeConfig {
  const raw = parseJsonText(text, file) as RawConfig;
  const validateBase = validatorFor('base');
  if (!validateBase(raw)) throw new ConfigErrors(dedupe(validateBase.errors ?? []).map((e) => toConfigError(e, raw, file, '')));

  const errors: ConfigError[] = [];
  const known = transformNames();
  const rootDir = path.dirname(file);
  const modules = new Map<string, string>();
  const seenIds = new Map<string, number>();
  raw.issues.forEach((issue, i) => {
    const previous = seenIds.get(issue.id);
    if (previous !== undefined) {
      errors.push(new ConfigError(file, `issues[${i}].id`, `expected a unique issue id, found ${JSON.stringify(issue.id)}, already used by issues[${previous}]`));
    } else seenIds.set(issue.id, i);
    issue.migrations.forEach((migration, m) => {
      const at = `issues[${i}].migrations[${m}]`;
      if (!known.includes(migration.transform) && isCustomTransform(migration.transform)) {
        const resolved = resolveTransform(migration.transform, rootDir);
        if ('file' in resolved) modules.set(at, resolved.file);
        else errors.push(new ConfigError(file, `${at}.transform`, `expected a jscodeshift transform module (${TRANSFORM_EXTENSIONS.join(', ')}), found ${JSON.stringify(migration.transform)}: ${resolved.problem}`));
        return;
      }
      if (!known.includes(migration.transform)) {
        errors.push(new ConfigError(file, `${at}.transform`, `expected one of ${known.map((k) => JSON.stringify(k)).join(', ')}, or a jscodeshift transform module (a path starting with ./, ../ or /, relative to the config's folder, or a package subpath such as @scope/codemods/transforms/x), found ${JSON.stringify(migration.transform)} (unknown transform)`));
        return;
      }
      const validateOptions = validatorFor(migration.transform);
      const options = migration.options ?? {};
      if (!validateOptions(options)) {
        errors.push(...dedupe(validateOptions.errors ?? []).map((e) => toConfigError(e, options, file, `${at}.options`)));
      }
    });
  });
  if (errors.length > 0) throw new ConfigErrors(errors);

  const tsconfigs = tsconfigPaths(raw.tsconfig, rootDir, file);
  return {
    file,
    rootDir,
    include: raw.include ?? DEFAULT_INCLUDE,
    includeGiven: raw.include !== undefined,
    exclude: raw.exclude ?? [],
    tsconfigs,
    maxFileSize: raw.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    issues: raw.issues.map((issue, i) => ({
      id: issue.id,
      title: issue.title ?? issue.id,
      migrations: issue.migrations.map((m, j) => {
        const at = `issues[${i}].migrations[${j}]`;
        const module = modules.get(at);
        return { transform: m.transform, ...(module === undefined ? {} : { module }), options: m.options ?? {}, at };
      }),
    })),
  };
}

function parseJsonText(text: string, file: string): unknown {
  const errors: JsonParseError[] = [];
  // Comments and trailing commas are accepted, as in tsconfig.json: a config is edited by hand and explained in place.
  const value = parseJson(text.replace(/^\uFEFF/, ''), errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    const found = text.slice(first.offset, first.offset + Math.max(first.length, 1));
    throw new ConfigError(file, '', `invalid JSON at line ${line}, column ${column}: ${describeJsonError(printParseErrorCode(first.error))}, found ${JSON.stringify(found || 'end of file')}`);
  }
  return value;
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^/, 'expected valid JSON: ');
}

function tsconfigPaths(value: string | string[] | undefined, rootDir: string, file: string): string[] {
  if (value === undefined) {
    const implicit = path.join(rootDir, 'tsconfig.json');
    return fs.existsSync(implicit) ? [implicit] : [];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry, i) => {
    const absolute = path.resolve(rootDir, entry);
    if (!fs.existsSync(absolute)) {
      throw new ConfigError(file, Array.isArray(value) ? `tsconfig[${i}]` : 'tsconfig', `expected an existing tsconfig file, found ${JSON.stringify(entry)} (no file ${absolute})`);
    }
    return absolute;
  });
}

/** ajv reports `oneOf` failures once per branch; keep the most useful one per path. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const error of errors) {
    const key = `${error.instancePath}\0${error.keyword === 'required' ? error.params.missingProperty : ''}\0${error.keyword === 'additionalProperties' ? error.params.additionalProperty : ''}`;
    if (!byPath.has(key) || error.keyword === 'oneOf') byPath.set(key, error);
  }
  return [...byPath.values()];
}

/** `/issues/1/migrations/0` => `issues[1].migrations[0]`, reading the data to tell arrays from objects. */
export function bracketPath(prefix: string, pointer: string, data: unknown): string {
  let out = prefix;
  let node = data;
  for (const segment of pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (Array.isArray(node)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

function join(base: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

function toConfigError(error: ErrorObject, data: unknown, file: string, prefix: string): ConfigError {
  const at = bracketPath(prefix, error.instancePath, data);
  switch (error.keyword) {
    case 'required':
      return new ConfigError(file, join(at, error.params.missingProperty), `expected a value (required), found nothing`);
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return new ConfigError(file, join(at, error.params.additionalProperty), `unknown property; expected one of ${allowed.map((k) => JSON.stringify(k)).join(', ')}`);
    }
    case 'type':
      return new ConfigError(file, at, `expected ${error.params.type}, found ${typeName(error.data)}`);
    case 'oneOf':
      return new ConfigError(file, at, `expected a string or a non-empty array of strings, found ${typeName(error.data)}`);
    case 'pattern':
      return new ConfigError(file, at, `expected a string matching ${error.params.pattern}, found ${show(error.data)}`);
    default:
      return new ConfigError(file, at, `expected a value that ${error.message ?? 'matches the schema'}, found ${show(error.data)}`);
  }
}
