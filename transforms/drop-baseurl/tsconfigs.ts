/**
 * Which tsconfigs use `baseUrl`, and how each is edited so that, without it, every `paths` alias still names
 * the same files. TypeScript reads every tsconfig (the one reader, src/resolve); jsonc-parser edits the
 * texts. Pure apart from reading the tsconfig files and listing them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { gitFilesNamed, gitRoot as findGitRoot } from '../../src/files/git';
import { isInside, toPosix } from '../../src/files/paths';
import { readTsconfig } from '../../src/resolve/tsconfig';
import { CanonizeError } from '../../src/errors';
import { editTsconfigText, type TsconfigTextEdit } from './tsconfig-text';

/** A tsconfig as TypeScript reads it, after its `extends` chain. */
export interface TsconfigFacts {
  /** Absolute path. */
  file: string;
  /** The files it extends, as TypeScript lists them (absolute). */
  extends: string[];
  /** The effective `baseUrl`, absolute; `undefined` when none is set anywhere in the chain. */
  baseUrl: string | undefined;
  /** Every `paths` key with its substitutions as absolute paths (what the aliases name). */
  aliases: Map<string, string[]>;
  /** It names its own files (`files`, `include` or `references`), rather than only being extended. */
  ownScope: boolean;
}

/** The result of planning the tsconfig side: new texts, and what could not be done, per tsconfig. */
export interface TsconfigPlan {
  /** Every tsconfig found that sets or inherits `baseUrl`. */
  affected: TsconfigFacts[];
  /** Tsconfig files to rewrite: absolute path => text before and after. */
  edits: Map<string, { before: string; after: string; what: string[] }>;
  /** Per affected tsconfig (absolute), why its `baseUrl` cannot go; such a tsconfig and its chain are left. */
  blocked: Map<string, string>;
  /** Tsconfigs found that TypeScript could not read, with the reason. */
  unreadable: Array<{ file: string; reason: string }>;
}

/** One file's edit, with what it does in words for the summary. */
type FilePlan = TsconfigTextEdit & { what: string[] };

const TSCONFIG_NAMES = ['tsconfig*.json', 'jsconfig*.json'];

/**
 * The tsconfig and jsconfig files of the project: those below `rootDir` that git lists (or, outside git, that
 * a walk finds outside node_modules), plus the ones the run was given.
 */
export function findTsconfigs(rootDir: string, listed: readonly string[]): string[] {
  return [...new Set([...listed, ...projectFilesNamed(rootDir, TSCONFIG_NAMES)].map((f) => path.resolve(f)))].sort();
}

/**
 * Files below `rootDir` whose name matches one of `names` (globs), absolute: those git lists, or outside git
 * those a walk finds outside node_modules.
 */
export function projectFilesNamed(rootDir: string, names: string[]): string[] {
  const root = findGitRoot(rootDir);
  let found: string[];
  if (root) found = gitFilesNamed(root, names).map((f) => path.join(root, f));
  else {
    const fg = require('fast-glob') as typeof import('fast-glob');
    found = fg.sync(names.map((n) => `**/${n}`), { cwd: rootDir, ignore: ['**/node_modules/**'], dot: false, absolute: true });
  }
  return found.filter((f) => isInside(rootDir, f) && !f.split(path.sep).includes('node_modules') && fs.existsSync(f)).sort();
}

/** What TypeScript makes of one tsconfig (with `texts` read instead of the disk's). */
export function readFacts(file: string, texts?: ReadonlyMap<string, string>): TsconfigFacts {
  const parsed = readTsconfig(file, { withFiles: false, texts });
  const options = parsed.options;
  const base = options.baseUrl ?? (options.pathsBasePath as string | undefined) ?? path.dirname(file);
  const aliases = new Map(Object.entries(options.paths ?? {}).map(([key, subs]) => [key, subs.map((s) => toPosix(path.resolve(base, s)))]));
  const raw = (parsed.raw ?? {}) as Record<string, unknown>;
  const configFile = options.configFile as { extendedSourceFiles?: string[] } | undefined;
  return {
    file,
    extends: (configFile?.extendedSourceFiles ?? []).map((f) => path.resolve(f)),
    baseUrl: options.baseUrl,
    aliases,
    ownScope: 'files' in raw || 'include' in raw || 'references' in raw,
  };
}

/**
 * Plans the tsconfig edits: `baseUrl` removed wherever it is set in an affected chain, each `paths` value
 * rewritten relative to its own file (`"@/*": ["*"]` with `baseUrl: "src"` => `"@/*": ["./src/*"]`), and,
 * where a tsconfig inherits `paths` that would then mean other files, its aliases written out in full.
 * Every affected tsconfig is read again with the new texts to check that its aliases name the same files.
 */
export function planTsconfigs(candidates: string[], repoRoot: string): TsconfigPlan {
  const unreadable: TsconfigPlan['unreadable'] = [];
  const facts: TsconfigFacts[] = [];
  for (const file of candidates) {
    try {
      facts.push(readFacts(file));
    } catch (error) {
      unreadable.push({ file, reason: error instanceof CanonizeError ? error.message : String(error) });
    }
  }
  const affected = facts.filter((f) => f.baseUrl !== undefined);
  const blocked = new Map<string, string>();
  const sources = new Map<string, { text: string; tree: Node | undefined }>();
  const editable = (file: string) => isInside(repoRoot, file) && !file.split(path.sep).includes('node_modules');
  const source = (file: string) => {
    let entry = sources.get(file);
    if (!entry) {
      const text = fs.readFileSync(file, 'utf8');
      entry = { text, tree: parseTree(text, [], { allowTrailingComma: true }) };
      sources.set(file, entry);
    }
    return entry;
  };
  const plans = new Map<string, FilePlan>();
  for (const config of affected) {
    for (const file of [config.file, ...config.extends]) {
      if (plans.has(file)) continue;
      const { tree } = source(file);
      const ownBaseUrl = findNodeAtLocation(tree!, ['compilerOptions', 'baseUrl']) !== undefined;
      const ownPaths = findNodeAtLocation(tree!, ['compilerOptions', 'paths']);
      if (!editable(file)) {
        if (ownBaseUrl) blocked.set(config.file, `its baseUrl is set in ${file}, which canonize does not edit`);
        continue;
      }
      const plan: FilePlan = { removeBaseUrl: ownBaseUrl, pathValues: new Map(), what: [] };
      if (ownBaseUrl) plan.what.push('`baseUrl` removed');
      const own = file === config.file ? config : readFacts(file);
      if (ownPaths?.type === 'object' && own.baseUrl !== undefined) rebasePaths({ file, ownPaths, baseUrl: own.baseUrl, plan });
      if (plan.removeBaseUrl || plan.pathValues.size > 0) plans.set(file, plan);
    }
  }
  const texts = () => new Map([...plans].map(([file, plan]) => [file, editTsconfigText(source(file).text, plan)]));
  // Inherited `paths` resolve from the file that declares them once no baseUrl is set: a tsconfig whose
  // aliases would then name other files gets its aliases written out, relative to itself.
  let after = texts();
  for (const config of affected) {
    if (blocked.has(config.file)) continue;
    const now = readFacts(config.file, after);
    if (sameAliases(now.aliases, config.aliases)) continue;
    if (!editable(config.file)) {
      blocked.set(config.file, 'without baseUrl its inherited `paths` would name other files, and canonize does not edit it');
      continue;
    }
    const plan: FilePlan = plans.get(config.file) ?? { removeBaseUrl: false, pathValues: new Map(), what: [] };
    plan.paths = Object.fromEntries([...config.aliases].map(([key, subs]) => [key, subs.map((s) => relativePath(config.file, s))]));
    plan.what.push('inherited `paths` written out relative to this file');
    plans.set(config.file, plan);
    after = texts();
  }
  for (const config of affected) {
    if (blocked.has(config.file)) continue;
    const now = readFacts(config.file, after);
    if (now.baseUrl !== undefined) blocked.set(config.file, `it still inherits baseUrl ${JSON.stringify(now.baseUrl)}`);
    else if (!sameAliases(now.aliases, config.aliases)) blocked.set(config.file, 'its `paths` would name other files without baseUrl');
  }
  const edits = new Map([...plans].map(([file, plan]) => [file, { before: source(file).text, after: after.get(file)!, what: plan.what }]));
  return { affected, edits, blocked, unreadable };
}

/** Each `paths` value of `file`, read relative to `baseUrl`, rewritten relative to the file itself. */
function rebasePaths(args: { file: string; ownPaths: Node; baseUrl: string; plan: FilePlan }): void {
  const { file, ownPaths, baseUrl, plan } = args;
  let count = 0;
  for (const property of ownPaths.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode?.type !== 'string' || valueNode?.type !== 'array') continue;
    const values = new Map<number, string>();
    (valueNode.children ?? []).forEach((item, index) => {
      if (item.type !== 'string' || typeof item.value !== 'string' || path.isAbsolute(item.value)) return;
      const rebased = relativePath(file, path.resolve(baseUrl, item.value));
      if (rebased !== item.value) values.set(index, rebased);
    });
    if (values.size > 0) (plan.pathValues.set(String(keyNode.value), values), (count += values.size));
  }
  if (count > 0) plan.what.push(`${count} \`paths\` value${count === 1 ? '' : 's'} rewritten relative to the file`);
}

/** `target` as a tsconfig path value in `file`: relative to its folder, always starting with `./` or `../`. */
function relativePath(file: string, target: string): string {
  const rel = toPosix(path.relative(path.dirname(file), target));
  return rel === '' ? '.' : rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}

function sameAliases(a: Map<string, string[]>, b: Map<string, string[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, subs] of a) {
    const other = b.get(key);
    if (!other || other.length !== subs.length || other.some((s, i) => s !== subs[i])) return false;
  }
  return true;
}
