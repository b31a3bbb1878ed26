/**
 * canonical-specifiers: every specifier that resolves to a file inside the project is rewritten into the
 * project's one spelling for that file. Only the specifier text changes.
 *
 * Options: `{ "style": "relative-below", "extension": "none", "index": "drop", "files": ["src/**"],
 * "overrides": [{ "importers": ["cypress/**"], "style": "relative" }] }`.
 */
import * as path from 'node:path';
import { toPosix, isInside, relativePath } from '../src/files/paths';
import { globMatcher } from '../src/files/globs';
import { mayMatch, type Prefilter } from '../src/files/prefilter';
import type { ModuleResolver } from '../src/resolve/resolver';
import { SPELLING_STYLES, type CanonicalSpellingRequest } from '../src/resolve/spelling';
import type { FileOutcome, ManualItem, Migration, Rewrite, SourceFile, TransformEnv } from '../src/transform';
import { jscodeshiftAdapter } from './lib/jscodeshift-adapter';
import { resolutionKind } from '../src/syntax/references';
import { listSpecifiers, respell, type SpecifierReference } from '../src/syntax/specifiers';

/** The spelling rule for one importing file: style, extension and index habit (and `within`, absolute). */
export type SpellingRule = Pick<CanonicalSpellingRequest, 'style' | 'extension' | 'index' | 'within'>;

/** A different rule for the files of one area (a folder whose runtime knows no alias, a nested tsconfig). */
export interface SpecifierOverride {
  /** Globs (relative to the config) of the importing files the override applies to. */
  importers: string[];
  style?: CanonicalSpellingRequest['style'];
  extension?: 'none' | 'keep-none' | 'js' | 'ts';
  index?: CanonicalSpellingRequest['index'];
  /**
   * With `relative-below`: a folder (relative to the config) whose importing files reach its whole tree
   * relatively, `../useApi` included; the alias only for what lies outside it.
   */
  relativeWithin?: string;
}

export interface CanonicalSpecifiersOptions {
  /**
   * `alias`: always the tsconfig `paths` alias that reaches the file (the most specific one); `relative`:
   * always relative; `alias-outside-folder`: `./x` within the same folder, alias otherwise; `relative-below`:
   * relative for the importing file's folder and everything below it, alias for what `../` would reach.
   * @default "alias-outside-folder"
   */
  style?: CanonicalSpellingRequest['style'];
  /**
   * `none` (or `keep-none`): no extension, except where module resolution needs one (NodeNext keeps `.js`);
   * `js`: `.js`-style suffixes; `ts`: the file's own extension.
   * @default "none"
   */
  extension?: 'none' | 'keep-none' | 'js' | 'ts';
  /** `drop`: name a folder for its index file; `add`: name `…/index`. @default "drop" */
  index?: CanonicalSpellingRequest['index'];
  /** Globs (relative to the config) of the target modules to normalise; default: every project file. */
  files?: string[];
  /**
   * Rules for some importing files: the first override whose `importers` match the importing file decides
   * the fields it sets; the rest come from the options above.
   */
  overrides?: SpecifierOverride[];
}

export interface PreparedCanonicalSpecifiers extends SpellingRule {
  resolver: ModuleResolver;
  rootDir: string;
  files: string[] | undefined;
  /** The options' config path, for a glob that matches no file. */
  at: string;
  isTarget: (relativePath: string) => boolean;
  overrides: Array<{ importers: string[]; matches: (relativePath: string) => boolean; rule: SpellingRule }>;
}

const STYLE = { enum: [...SPELLING_STYLES], description: 'How every specifier of a project file is spelled.' };
const EXTENSION = { enum: ['none', 'keep-none', 'js', 'ts'], description: 'Extension handling; a specifier keeps an extension module resolution requires.' };
const INDEX = { enum: ['drop', 'add'], description: 'Name a folder for its index file (drop) or the index itself (add).' };
const GLOBS = { type: 'array', items: { type: 'string', minLength: 1 } };

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    style: { ...STYLE, default: 'alias-outside-folder' },
    extension: { ...EXTENSION, default: 'none' },
    index: { ...INDEX, default: 'drop' },
    files: { ...GLOBS, description: 'Globs of the target modules to normalise, relative to the config.' },
    overrides: {
      type: 'array',
      description: 'Rules for some importing files; the first override whose importers match decides the fields it sets.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['importers'],
        properties: {
          importers: { ...GLOBS, minItems: 1, description: 'Globs of the importing files, relative to the config.' },
          style: STYLE,
          extension: EXTENSION,
          index: INDEX,
          relativeWithin: { type: 'string', minLength: 1, description: "With relative-below: a folder (relative to the config) whose files reach its whole tree relatively ('../x' included), the alias only outside it." },
        },
      },
    },
  },
};

const extensionOf = (value: SpecifierOverride['extension']): SpellingRule['extension'] | undefined => (value === 'keep-none' ? 'none' : value);

function prepare(options: CanonicalSpecifiersOptions, env: TransformEnv, at: string): PreparedCanonicalSpecifiers {
  const matcher = options.files ? globMatcher(options.files, env.rootDir) : () => true;
  const base: SpellingRule = { style: options.style ?? 'alias-outside-folder', extension: extensionOf(options.extension) ?? 'none', index: options.index ?? 'drop' };
  return {
    resolver: env.resolver,
    rootDir: env.rootDir,
    ...base,
    files: options.files,
    at,
    isTarget: matcher,
    overrides: (options.overrides ?? []).map((o) => ({
      importers: o.importers,
      matches: globMatcher(o.importers, env.rootDir),
      rule: {
        style: o.style ?? base.style,
        extension: extensionOf(o.extension) ?? base.extension,
        index: o.index ?? base.index,
        ...(o.relativeWithin !== undefined ? { within: path.resolve(env.rootDir, o.relativeWithin) } : {}),
      },
    })),
  };
}

/** The rule for one importing file: its first matching override, else the options' own. */
function ruleFor(prepared: PreparedCanonicalSpecifiers, file: string): SpellingRule {
  if (prepared.overrides.length > 0) {
    const rel = toPosix(path.relative(prepared.rootDir, file));
    for (const o of prepared.overrides) if (o.matches(rel)) return o.rule;
  }
  return prepared;
}

function describe(prepared: PreparedCanonicalSpecifiers): string[] {
  const ruleText = (rule: SpellingRule) =>
    `style \`${rule.style}\`${rule.within ? ` (relative within \`${toPosix(path.relative(prepared.rootDir, rule.within)) || '.'}/\`)` : ''}, extension \`${rule.extension}\`, index \`${rule.index}\``;
  const scope = prepared.files ? ` for ${prepared.files.length > 10 ? `${prepared.files.length} modules` : `modules matching ${prepared.files.map((f) => `\`${f}\``).join(', ')}`}` : '';
  return [
    `one spelling per module${scope}: ${ruleText(prepared)}`,
    // An override's globs name the importing files, not the modules they import.
    ...prepared.overrides.map((o) => `imports in ${o.importers.map((g) => `\`${g}\``).join(', ')}: ${ruleText(o.rule)}`),
  ];
}

/** Every file with a specifier may hold a violation: the cheap filter is whether it names a module at all. */
const PREFILTER: Prefilter = { needles: [], patterns: [/\bfrom\b|\bimport\b|require|mock|Actual/] };

function plan(file: SourceFile, prepared: PreparedCanonicalSpecifiers): FileOutcome {
  if (!mayMatch(file.source, PREFILTER)) return { source: undefined, rewrites: [], manual: [] };
  const { resolver } = prepared;
  const rule = ruleFor(prepared, file.path);
  const replacements = new Map<SpecifierReference, string>();
  const rewrites: Rewrite[] = [];
  const manual: ManualItem[] = [];
  // Only the text between quotes changes: the specifiers' positions are enough, no syntax tree is built.
  const references = listSpecifiers(file.source, file.path);
  for (const ref of references) {
    if (ref.kind === 'declare-module') continue;
    const kind = resolutionKind(ref);
    const target = resolver.resolve(ref.specifier, file.path, kind);
    if (!target || !isInside(prepared.rootDir, target) || target.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const label = relativePath(prepared.rootDir, target);
    if (!prepared.isTarget(label)) continue;
    const canonical = resolver.spellCanonical({ fromFile: file.path, target, style: rule.style, extension: rule.extension, index: rule.index, within: rule.within, kind });
    if (canonical === undefined) {
      manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target: label, reason: `no ${rule.style} spelling from this file resolves to ${label}; left as written` });
      continue;
    }
    if (canonical === ref.specifier) continue;
    replacements.set(ref, canonical);
    rewrites.push({ kind: ref.kind, line: ref.line, column: ref.column, from: ref.specifier, to: canonical, target: label });
  }
  return { source: replacements.size > 0 ? respell(file.path, file.source, references, replacements) : undefined, rewrites, manual };
}

export const migration: Migration<CanonicalSpecifiersOptions, PreparedCanonicalSpecifiers> = {
  description: 'Rewrites every specifier of a project file into the one canonical spelling (relative-below, alias-outside-folder, alias or relative).',
  optionsSchema,
  prepare,
  describe,
  prefilter: () => PREFILTER,
  listsSpecifiers: true,
  globs: (prepared) => [
    ...(prepared.files ?? []).map((pattern, i) => ({ pattern, at: `${prepared.at}.files[${i}]` })),
    ...prepared.overrides.flatMap((o, i) => o.importers.map((pattern, j) => ({ pattern, at: `${prepared.at}.overrides[${i}].importers[${j}]` }))),
  ],
  plan,
};

export const parser = 'tsx';

/** Under plain jscodeshift: `jscodeshift -t transforms/canonical-specifiers.ts --config canonize.config.json`. */
export default jscodeshiftAdapter('canonical-specifiers', migration);
