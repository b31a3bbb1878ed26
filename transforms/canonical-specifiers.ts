/**
 * canonical-specifiers: every specifier that resolves to a file inside the project is rewritten into the
 * project's one spelling for that file. Only the specifier text changes.
 *
 * Options: `{ "style": "alias-outside-folder", "extension": "none", "index": "drop", "files": ["src/**"] }`.
 */
import * as path from 'node:path';
import { toPosix, isInside } from '../src/files/paths';
import { globMatcher } from '../src/files/globs';
import { mayMatch, type Prefilter } from '../src/files/prefilter';
import type { CanonicalSpellingRequest, ModuleResolver } from '../src/resolve/resolver';
import type { FileOutcome, ManualItem, Migration, Rewrite, SourceFile, TransformEnv } from '../src/transform';
import { applyEdits, type TextEdit } from '../src/syntax/edits';
import { jscodeshiftAdapter } from './lib/jscodeshift-adapter';
import { parseSource } from '../src/syntax/parse';
import { findReferences, resolutionKind } from '../src/syntax/references';

export interface CanonicalSpecifiersOptions {
  /**
   * `alias`: always the tsconfig `paths` alias that reaches the file (the most specific one); `relative`:
   * always relative; `alias-outside-folder`: `./x` within the same folder, alias otherwise.
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
}

export interface PreparedCanonicalSpecifiers {
  resolver: ModuleResolver;
  rootDir: string;
  style: CanonicalSpellingRequest['style'];
  extension: CanonicalSpellingRequest['extension'];
  index: CanonicalSpellingRequest['index'];
  files: string[] | undefined;
  /** The config path of `files`, for an entry that matches no file. */
  filesAt: string;
  isTarget: (relativePath: string) => boolean;
}

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    style: { enum: ['alias', 'relative', 'alias-outside-folder'], default: 'alias-outside-folder', description: 'How every specifier of a project file is spelled.' },
    extension: { enum: ['none', 'keep-none', 'js', 'ts'], default: 'none', description: 'Extension handling; a specifier keeps an extension module resolution requires.' },
    index: { enum: ['drop', 'add'], default: 'drop', description: 'Name a folder for its index file (drop) or the index itself (add).' },
    files: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of the target modules to normalise, relative to the config.' },
  },
};

function prepare(options: CanonicalSpecifiersOptions, env: TransformEnv, at: string): PreparedCanonicalSpecifiers {
  const matcher = options.files ? globMatcher(options.files, env.rootDir) : () => true;
  return {
    resolver: env.resolver,
    rootDir: env.rootDir,
    style: options.style ?? 'alias-outside-folder',
    extension: options.extension === 'keep-none' || options.extension === undefined ? 'none' : options.extension,
    index: options.index ?? 'drop',
    files: options.files,
    filesAt: `${at}.files`,
    isTarget: matcher,
  };
}

function describe(prepared: PreparedCanonicalSpecifiers): string[] {
  const scope = prepared.files ? ` for modules matching ${prepared.files.map((f) => `\`${f}\``).join(', ')}` : '';
  return [`one spelling per module${scope}: style \`${prepared.style}\`, extension \`${prepared.extension}\`, index \`${prepared.index}\``];
}

/** Every file with a specifier may hold a violation: the cheap filter is whether it names a module at all. */
const PREFILTER: Prefilter = { needles: [], patterns: [/\bfrom\b|\bimport\b|require|mock|Actual/] };

function plan(file: SourceFile, prepared: PreparedCanonicalSpecifiers): FileOutcome {
  if (!mayMatch(file.source, PREFILTER)) return { source: undefined, rewrites: [], manual: [] };
  const { resolver } = prepared;
  const ast = parseSource(file.source, file.path);
  const edits: TextEdit[] = [];
  const rewrites: Rewrite[] = [];
  const manual: ManualItem[] = [];
  for (const ref of findReferences(ast, file.source)) {
    if (ref.kind === 'declare-module') continue;
    const kind = resolutionKind(ref);
    const target = resolver.resolve(ref.specifier, file.path, kind);
    if (!target || !isInside(prepared.rootDir, target) || target.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const label = toPosix(path.relative(prepared.rootDir, target));
    if (!prepared.isTarget(label)) continue;
    const canonical = resolver.spellCanonical({ fromFile: file.path, target, style: prepared.style, extension: prepared.extension, index: prepared.index, kind });
    if (canonical === undefined) {
      manual.push({ line: ref.line, column: ref.column, specifier: ref.specifier, target: label, reason: `no ${prepared.style} spelling from this file resolves to ${label}; left as written` });
      continue;
    }
    if (canonical === ref.specifier) continue;
    edits.push({ start: ref.start, end: ref.end, text: canonical });
    rewrites.push({ kind: ref.kind, line: ref.line, column: ref.column, from: ref.specifier, to: canonical, target: label });
  }
  return { source: edits.length ? applyEdits(file.source, edits) : undefined, rewrites, manual };
}

export const migration: Migration<CanonicalSpecifiersOptions, PreparedCanonicalSpecifiers> = {
  description: 'Rewrites every specifier of a project file into the one canonical spelling (alias, relative or alias-outside-folder).',
  optionsSchema,
  prepare,
  describe,
  prefilter: () => PREFILTER,
  globs: (prepared) => (prepared.files ?? []).map((pattern, i) => ({ pattern, at: `${prepared.filesAt}[${i}]` })),
  plan,
};

export const parser = 'tsx';

/** Under plain jscodeshift: `jscodeshift -t transforms/canonical-specifiers.ts --config canonize.config.json`. */
export default jscodeshiftAdapter('canonical-specifiers', migration);
