/**
 * Module resolution with TypeScript's own resolver and the project's tsconfig(s), cached per
 * (project, directory, resolution mode, specifier), plus the reverse: spelling a specifier that provably
 * resolves to a given file.
 */
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { ConfigError } from '../errors';
import { isInside, toPosix } from '../files/paths';
import { dropSourceExtension, sourceExtensionOf, isIndexFile, jsExtensionFor } from './extensions';

/**
 * TypeScript is loaded when the first resolver is made, not when this module is: loading it is the largest
 * fixed cost of a run (about 0.36 s), and the runner starts reading files on another thread first.
 */
let ts: typeof TS;

/** How a reference loads its module: decides conditions and extension rules under node16/nodenext. */
export type ResolutionKind = 'import' | 'require';

export interface ResolverOptions {
  /** Absolute tsconfig paths, in priority order. A file uses the first that includes it, else the nearest above. */
  tsconfigs: string[];
  /** Where resolution for files outside every tsconfig falls back to default options. */
  rootDir: string;
  /**
   * Texts read instead of the disk's, by absolute path: a tsconfig edit that is planned but not written
   * (drop-baseurl resolves every specifier with the tsconfigs before and after its edit).
   */
  texts?: ReadonlyMap<string, string>;
}

interface Project {
  configPath: string | undefined;
  /** The options resolution uses: the tsconfig's, with JavaScript and JSON allowed and a default resolution. */
  options: TS.CompilerOptions;
  /** The tsconfig's own options, as written (with its `extends` chain). */
  compilerOptions: TS.CompilerOptions;
  /**
   * For a tsconfig the config lists: the files it includes, enumerated on first need (walking the tree
   * costs about 0.1 s per 10,000 files, and most runs never need it).
   */
  includes: (() => Set<string>) | undefined;
  cache: TS.ModuleResolutionCache;
  /** Where `paths` substitutions are resolved from. */
  pathsBase: string | undefined;
  /** `paths` as absolute substitutions, computed on first use. */
  aliases?: AliasEntry[];
}

interface AliasEntry {
  key: string;
  /** Absolute, forward slashes, may hold one `*`. */
  substitution: string;
  /** Length of the substitution's literal part: longer is more specific. */
  literal: number;
  keyPrefix: number;
  /** The substitution and the key split at their `*` (tail `undefined`: no `*`), split once, not per call. */
  subHead: string;
  subTail: string | undefined;
  keyHead: string;
  keyTail: string | undefined;
}

/** Every (key, substitution) of a project's `paths`, resolved once. */
function aliasTable(project: Project): AliasEntry[] {
  const base = project.pathsBase;
  if (!base) return [];
  return Object.entries(project.options.paths ?? {}).flatMap(([key, substitutions]) =>
    substitutions.map((substitution) => {
      const absolute = toPosix(path.resolve(base, substitution));
      const [subHead, subTail] = splitAtStar(absolute);
      const [keyHead, keyTail] = splitAtStar(key);
      return { key, substitution: absolute, literal: subHead.length, keyPrefix: keyHead.length, subHead, subTail, keyHead, keyTail };
    }),
  );
}

/** A project-wide spelling rule (the canonical-specifiers options). */
export interface CanonicalSpellingRequest {
  fromFile: string;
  target: string;
  /**
   * `alias`: the most specific tsconfig `paths` alias; `relative`; `alias-outside-folder`: `./x` in the same
   * folder, alias otherwise; `relative-below`: relative for the importing file's folder and below it, alias for
   * what a relative path would reach through `../`. Where no alias reaches the file, every style is relative.
   */
  style: SpellingStyleName;
  /**
   * With `relative-below`: a folder (absolute) whose whole tree the importing file also reaches relatively,
   * `../useApi` included, for a folder that imports its own tree that way.
   */
  within?: string;
  /** `none`: no extension where resolution allows; `js`: `.js`-style suffix; `ts`: the file's own extension. */
  extension: 'none' | 'js' | 'ts';
  /** `drop`: name a folder for its index file (`@/types/unified`); `add`: name the index (`@/types/unified/index`). */
  index: 'drop' | 'add';
  kind?: ResolutionKind;
}

/** The project-wide spelling styles canonical-specifiers knows. */
export const SPELLING_STYLES = ['relative-below', 'alias-outside-folder', 'alias', 'relative'] as const;
export type SpellingStyleName = (typeof SPELLING_STYLES)[number];

/**
 * Whether `style` spells `target` from `fromFile` through an alias (when one reaches it) rather than
 * relatively. Pure: discover uses it to measure every style from the two spellings of each reference.
 * `within` (absolute, `relative-below` only) widens "below" to that folder's whole tree.
 */
export function usesAlias(style: SpellingStyleName, fromFile: string, target: string, within?: string): boolean {
  switch (style) {
    case 'alias':
      return true;
    case 'relative':
      return false;
    case 'alias-outside-folder':
      return path.dirname(fromFile) !== path.dirname(target);
    case 'relative-below':
      // The index of the importing file's own folder is that folder's public API: named by the folder's name
      // (`@/features/orders`), never `'.'`.
      if (isIndexFile(target) && path.dirname(target) === path.dirname(fromFile)) return true;
      return !isInside(path.dirname(fromFile), target) && !(within !== undefined && isInside(within, fromFile) && isInside(within, target));
  }
}

/** How a specifier is spelled, read off an existing one so a rewritten specifier follows the file's habits. */
export interface SpellingStyle {
  kind: 'relative' | 'alias' | 'baseUrl' | 'bare';
  /** `js`: `.js` suffixes (NodeNext); `ts`: the source's own extension; `none`. */
  extension: 'js' | 'ts' | 'none';
  /** The alias key used, for `alias`. */
  aliasKey?: string;
}

/** Resolves specifiers for many files; everything it learns is cached for the life of the object. */
export class ModuleResolver {
  private readonly listed: Project[];
  private readonly nearestByDir = new Map<string, Project>();
  /** Resolved file names, libraries included (`\0` prefix: an external library). */
  private readonly resolved = new Map<string, string | null>();
  private readonly canonical = new Map<string, string | null>();
  private readonly shadowed = new Map<string, boolean>();
  private readonly nodeModulesChains = new Map<string, string[]>();
  private readonly styles = new Map<string, SpellingStyle>();
  private readonly fallback: Project;
  private readonly host: TS.ModuleResolutionHost;
  /** Existence answers, shared with the host; a file the run will create is entered here up front. */
  private readonly knownFiles = new Map<string, boolean>();
  private readonly knownDirs = new Map<string, boolean>();
  private readonly packageTypes = new Map<string, string | null>();
  private node: Project | undefined;

  constructor(private readonly opts: ResolverOptions) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ts ??= require('typescript') as typeof TS;
    this.host = cachedHost(this.knownFiles, this.knownDirs, opts.texts);
    this.listed = opts.tsconfigs.map((file) => this.loadProject(file));
    this.fallback = this.makeProject(undefined, {}, undefined);
  }

  /** The absolute file `specifier` resolves to from `fromFile`, or `undefined` (unresolved or a library). */
  resolve(specifier: string, fromFile: string, kind: ResolutionKind = 'import'): string | undefined {
    const hit = this.resolveCached(specifier, fromFile, kind);
    return hit === null || hit.startsWith('\0') ? undefined : hit;
  }

  /**
   * The absolute file `specifier` resolves to from `fromFile`, an installed library's file included;
   * `undefined` when it does not resolve. Two resolutions name the same module when these are equal.
   */
  resolveFile(specifier: string, fromFile: string, kind: ResolutionKind = 'import'): string | undefined {
    const hit = this.resolveCached(specifier, fromFile, kind);
    return hit === null ? undefined : hit.startsWith('\0') ? hit.slice(1) : hit;
  }

  /** Cached: the file, `\0` + the file for an external library, or `null`. */
  private resolveCached(specifier: string, fromFile: string, kind: ResolutionKind): string | null {
    const project = this.projectFor(fromFile);
    const dir = path.dirname(fromFile);
    const key = `${project.configPath ?? ''}\0${dir}\0${kind}\0${specifier}`;
    const hit = this.resolved.get(key);
    if (hit !== undefined) return hit;
    const mode = this.modeFor(project, fromFile, kind);
    const result = ts.resolveModuleName(specifier, fromFile, project.options, this.host, undefined, undefined, mode);
    const module = result.resolvedModule;
    const file = module ? (module.isExternalLibraryImport ? '\0' : '') + path.resolve(module.resolvedFileName) : null;
    this.resolved.set(key, file);
    return file;
  }

  /**
   * Whether `specifier` from `fromFile` names code of this repository: a project file, or a workspace package
   * linked into node_modules (TypeScript calls that an external library; its real path is outside every
   * node_modules). `false` for an installed package or a specifier that does not resolve.
   */
  isRepositoryCode(specifier: string, fromFile: string): boolean {
    if (this.resolve(specifier, fromFile) !== undefined) return true;
    const project = this.projectFor(fromFile);
    const result = ts.resolveModuleName(specifier, fromFile, project.options, this.host, project.cache, undefined, this.modeFor(project, fromFile, 'import'));
    const file = result.resolvedModule?.resolvedFileName;
    return file !== undefined && !path.resolve(file).split(path.sep).includes('node_modules');
  }

  /** Whether `specifier` resolves from `fromFile` at all, to project code or to an installed library. */
  canResolve(specifier: string, fromFile: string): boolean {
    const project = this.projectFor(fromFile);
    return ts.resolveModuleName(specifier, fromFile, project.options, this.host, project.cache).resolvedModule !== undefined;
  }

  /** Reads the spelling habits of `specifier` as used in `fromFile`. */
  styleOf(specifier: string, fromFile: string): SpellingStyle {
    const ext = sourceExtensionOf(specifier);
    const extension = ext === undefined ? 'none' : /^\.[mc]?jsx?$/.test(ext) ? 'js' : 'ts';
    if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
      return { kind: 'relative', extension };
    }
    const project = this.projectFor(fromFile);
    const key = `${project.configPath ?? ''}\0${specifier}`;
    let style = this.styles.get(key);
    if (!style) {
      const aliasKey = Object.keys(project.options.paths ?? {}).find((k) => matchPattern(k, specifier) !== undefined);
      if (aliasKey !== undefined) style = { kind: 'alias', extension, aliasKey };
      else if (project.options.baseUrl && this.resolve(specifier, fromFile)) style = { kind: 'baseUrl', extension };
      else style = { kind: 'bare', extension };
      this.styles.set(key, style);
    }
    return style;
  }

  /**
   * A specifier that resolves from `fromFile` to `target`, spelled like `like` (alias where the file used an
   * alias and one reaches the target, relative otherwise; same extension habit). Every candidate is checked by
   * resolving it; `undefined` when none resolves to `target`.
   */
  spell(request: { fromFile: string; target: string; like: string; kind?: ResolutionKind }): string | undefined {
    const { fromFile, target } = request;
    const style = this.styleFor(request);
    const forms = this.formsLike(request);
    const candidates: string[] = [];
    for (const form of forms) {
      if (style.kind === 'baseUrl') candidates.push(...this.baseUrlSpellings(fromFile, form));
      if (style.kind === 'alias' || style.kind === 'baseUrl') candidates.push(...this.aliasSpellings(fromFile, form, style.aliasKey));
    }
    for (const form of forms) candidates.push(relativeSpecifier(fromFile, form));
    return candidates.find((c) => this.reaches(c, fromFile, target, request.kind));
  }

  /**
   * Spellings of `target` from `fromFile` in the given styles, in order of preference, keeping the extension
   * and folder-for-index habits of `like`: tsconfig `paths` aliases first (the most specific), then relative.
   * The first that resolves to `target`, that no installed package would take at run time, and that `accept`
   * allows (a check against other tsconfigs); `undefined` when none does.
   * @example spellIn({ fromFile: '/p/src/a/b.ts', target: '/p/src/ui/Button/index.tsx', like: 'ui/Button', styles: ['alias', 'relative'] }) => '@/ui/Button'
   */
  spellIn(request: {
    fromFile: string;
    target: string;
    like: string;
    kind?: ResolutionKind;
    styles: Array<'alias' | 'relative'>;
    /** The target is a file TypeScript does not resolve (a stylesheet): spelt with its own name, checked with `literalFile`. */
    literal?: boolean;
    accept?: (specifier: string) => boolean;
  }): string | undefined {
    const { fromFile, target, styles } = request;
    const forms = request.literal ? [target] : this.formsLike(request);
    const candidates: string[] = [];
    if (styles.includes('alias')) for (const form of forms) candidates.push(...this.aliasSpellings(fromFile, form, undefined));
    if (styles.includes('relative')) for (const form of forms) candidates.push(relativeSpecifier(fromFile, form));
    const reaches = (c: string) =>
      request.literal ? this.literalFile(c, fromFile) === target && !this.shadowedByPackage(c, fromFile) : this.reaches(c, fromFile, target, request.kind);
    return candidates.find((c) => reaches(c) && (request.accept?.(c) ?? true));
  }

  /** The path forms to spell `target` in, following `like`'s extension habit and whether it named a folder. */
  private formsLike(request: { fromFile: string; target: string; like: string; kind?: ResolutionKind }): string[] {
    const { fromFile, target, like } = request;
    const style = this.styleFor(request);
    const likeResolved = this.resolve(like, fromFile, request.kind);
    const likeNamesIndex = /(^|\/)index(\.[a-z]+)?$/.test(like);
    const directoryForm = !this.nodeEsmImport(request) && likeResolved !== undefined && isIndexFile(likeResolved) && !likeNamesIndex;
    return spellingForms(target, style.extension, directoryForm);
  }

  /** The spelling habit to follow for a request: `like`'s, except where Node loads the file as an ES module. */
  private styleFor(request: { fromFile: string; like: string; kind?: ResolutionKind }): SpellingStyle {
    // Node runs the file as an ES module: only a relative specifier with its extension resolves at run time.
    return this.nodeEsmImport(request) ? { kind: 'relative', extension: 'js' } : this.styleOf(request.like, request.fromFile);
  }

  private nodeEsmImport(request: { fromFile: string; kind?: ResolutionKind }): boolean {
    return request.kind !== 'require' && this.runsAsNodeEsm(request.fromFile);
  }

  /**
   * The one canonical spelling of `target` from `fromFile` under a project-wide rule, checked by resolving
   * it (and by making sure no installed package of the same name would win at run time); `undefined` when
   * no spelling in that style reaches the file.
   */
  spellCanonical(original: CanonicalSpellingRequest): string | undefined {
    // Node runs the file as an ES module: it resolves neither a missing extension nor a folder, nor a tsconfig
    // alias, whatever the rule says.
    const request: CanonicalSpellingRequest =
      original.kind !== 'require' && this.runsAsNodeEsm(original.fromFile) ? { ...original, style: 'relative', extension: 'js', index: 'add' } : original;
    const { fromFile, target } = request;
    // The spelling depends on the importing folder, not the file: files of one folder share it.
    const key = `${path.dirname(fromFile)}\0${target}\0${request.style}\0${request.extension}\0${request.index}\0${request.kind ?? ''}\0${request.within ?? ''}`;
    const hit = this.canonical.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.findCanonical(request);
    this.canonical.set(key, found ?? null);
    return found;
  }

  private findCanonical(request: CanonicalSpellingRequest): string | undefined {
    const { fromFile, target } = request;
    const forms = canonicalForms(target, request.extension, request.index);
    const candidates: string[] = [];
    if (usesAlias(request.style, fromFile, target, request.within)) for (const form of forms) candidates.push(...this.aliasSpellings(fromFile, form, undefined));
    for (const form of forms) candidates.push(relativeSpecifier(fromFile, form));
    return candidates.find((c) => this.reaches(c, fromFile, target, request.kind));
  }

  /** `specifier` resolves to `target`, and no installed package of the same name would take it at run time. */
  private reaches(specifier: string, fromFile: string, target: string, kind: ResolutionKind | undefined): boolean {
    return this.resolve(specifier, fromFile, kind) === target && !this.shadowedByPackage(specifier, fromFile);
  }

  /**
   * A non-relative specifier whose package name is installed in a node_modules folder above `fromFile`:
   * at run time (Node, jest, a bundler without the tsconfig) that package would win over the alias.
   */
  private shadowedByPackage(specifier: string, fromFile: string): boolean {
    if (specifier.startsWith('.')) return false;
    const project = this.projectFor(fromFile);
    if (!project.options.paths && !project.options.baseUrl) return false;
    return this.namesInstalledPackage(specifier, fromFile);
  }

  /**
   * Whether a bare specifier's package name (`events` of `events/x`, `@scope/p` of `@scope/p/y`) is installed
   * in a node_modules folder Node would search from `fromFile`, or is one of Node's built-in modules: at run
   * time the package is what loads.
   */
  namesPackage(specifier: string, fromFile: string): boolean {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return false;
    const name = specifier.startsWith('node:') ? specifier : specifier.split('/')[0]!;
    return isBuiltin(name) || this.namesInstalledPackage(specifier, fromFile);
  }

  private namesInstalledPackage(specifier: string, fromFile: string): boolean {
    const segments = specifier.split('/');
    const name = specifier.startsWith('@') ? segments.slice(0, 2).join('/') : segments[0]!;
    const chain = this.nodeModulesAbove(path.dirname(fromFile));
    const key = `${chain.join('\0')}\0${name}`;
    let hit = this.shadowed.get(key);
    if (hit === undefined) {
      hit = chain.some((dir) => this.host.directoryExists!(path.join(dir, name)) || this.host.fileExists(path.join(dir, `${name}.js`)));
      this.shadowed.set(key, hit);
    }
    return hit;
  }

  /** The node_modules folders Node would search from `dir`, nearest first (memoised per folder). */
  private nodeModulesAbove(dir: string): string[] {
    let chain = this.nodeModulesChains.get(dir);
    if (chain) return chain;
    const parent = path.dirname(dir);
    const own = path.join(dir, 'node_modules');
    const rest = parent === dir ? [] : this.nodeModulesAbove(parent);
    chain = path.basename(dir) !== 'node_modules' && this.host.directoryExists!(own) ? [own, ...rest] : rest;
    this.nodeModulesChains.set(dir, chain);
    return chain;
  }

  /** The tsconfigs this resolver was given, in priority order (absolute). */
  get tsconfigs(): readonly string[] {
    return this.opts.tsconfigs;
  }

  /**
   * The file a bundler loads for a specifier TypeScript does not resolve (a stylesheet, an image, a font),
   * when a file of exactly that name exists: next to `fromFile` for a relative specifier, else through the
   * tsconfig's `paths`, else below its `baseUrl`. `undefined` when there is none.
   * @example literalFile('styles/app.css', '/p/src/a.ts') => '/p/src/styles/app.css' (baseUrl "src")
   */
  literalFile(specifier: string, fromFile: string): string | undefined {
    const exists = (file: string) => this.host.fileExists(file);
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      const file = path.resolve(path.dirname(fromFile), specifier);
      return exists(file) ? file : undefined;
    }
    if (path.isAbsolute(specifier) || specifier.startsWith('.')) return undefined;
    const project = this.projectFor(fromFile);
    project.aliases ??= aliasTable(project);
    // TypeScript's rule: the matching pattern with the longest prefix wins; its substitutions in order.
    const matches = project.aliases.filter((a) => matchPattern(a.key, specifier) !== undefined).sort((a, b) => b.keyPrefix - a.keyPrefix);
    const best = matches[0]?.key;
    for (const alias of matches.filter((a) => a.key === best)) {
      const star = matchPattern(alias.key, specifier)!;
      const file = alias.subTail === undefined ? alias.substitution : alias.subHead + star + alias.subTail;
      if (exists(file)) return path.resolve(file);
    }
    const { baseUrl } = project.options;
    if (baseUrl && exists(path.join(baseUrl, specifier))) return path.join(baseUrl, specifier);
    return undefined;
  }

  /** A resolver like this one that reads `texts` instead of the disk's files (a planned tsconfig edit). */
  withTexts(texts: ReadonlyMap<string, string>): ModuleResolver {
    return new ModuleResolver({ ...this.opts, texts: new Map([...(this.opts.texts ?? []), ...texts]) });
  }

  /** The tsconfig that resolves `file`'s specifiers (absolute), or `undefined` when none applies. */
  tsconfigFor(file: string): string | undefined {
    return this.projectFor(file).configPath;
  }

  /** The tsconfigs this resolver has read (listed, and the nearest ones files needed) that set `baseUrl`. */
  projectsWithBaseUrl(): Array<{ tsconfig: string; baseUrl: string }> {
    const out: Array<{ tsconfig: string; baseUrl: string }> = [];
    for (const project of new Set([...this.listed, ...this.nearestByDir.values()])) {
      if (project.configPath && project.options.baseUrl) out.push({ tsconfig: project.configPath, baseUrl: project.options.baseUrl });
    }
    return out.sort((a, b) => (a.tsconfig < b.tsconfig ? -1 : 1));
  }

  /** Every tsconfig `paths` key that maps exactly (without `*`) to `file`, for text pre-filters. */
  exactAliasesOf(file: string): string[] {
    const keys = new Set<string>();
    for (const project of new Set([...this.listed, ...this.nearestByDir.values()])) {
      for (const key of Object.keys(project.options.paths ?? {})) {
        if (!key.includes('*') && this.resolveWith(project, key) === file) keys.add(key);
      }
    }
    return [...keys];
  }

  private resolveWith(project: Project, specifier: string): string | undefined {
    const from = path.join(project.pathsBase ?? this.opts.rootDir, '__canonize__.ts');
    const result = ts.resolveModuleName(specifier, from, project.options, this.host, project.cache);
    return result.resolvedModule ? path.resolve(result.resolvedModule.resolvedFileName) : undefined;
  }

  /**
   * Specifiers through tsconfig `paths` that name `form`: the key `preferKey` first, then the most specific
   * (the substitution with the longest literal path, then the longest key prefix).
   */
  private aliasSpellings(fromFile: string, form: string, preferKey: string | undefined): string[] {
    const project = this.projectFor(fromFile);
    project.aliases ??= aliasTable(project);
    const out: Array<{ spec: string; rank: number[] }> = [];
    for (const alias of project.aliases) {
      const spec = reverseAlias(alias, form);
      if (spec === undefined) continue;
      out.push({ spec, rank: [alias.key === preferKey ? 1 : 0, alias.literal, alias.keyPrefix] });
    }
    return out.sort((a, b) => b.rank[0]! - a.rank[0]! || b.rank[1]! - a.rank[1]! || b.rank[2]! - a.rank[2]!).map((x) => x.spec);
  }

  /** The `baseUrl` form of `form` (`src/x` with baseUrl `.`), if it lies below baseUrl. */
  private baseUrlSpellings(fromFile: string, form: string): string[] {
    const { baseUrl } = this.projectFor(fromFile).options;
    if (!baseUrl) return [];
    const rel = toPosix(path.relative(baseUrl, form));
    return rel.startsWith('../') || path.isAbsolute(rel) ? [] : [rel];
  }

  private modeFor(project: Project, fromFile: string, kind: ResolutionKind): TS.ResolutionMode {
    const { module, moduleResolution } = project.options;
    const resolution =
      moduleResolution ?? (module === ts.ModuleKind.Node16 ? ts.ModuleResolutionKind.Node16 : module === ts.ModuleKind.NodeNext ? ts.ModuleResolutionKind.NodeNext : undefined);
    if (resolution !== ts.ModuleResolutionKind.Node16 && resolution !== ts.ModuleResolutionKind.NodeNext) {
      return undefined;
    }
    if (kind === 'require') return ts.ModuleKind.CommonJS;
    const format = ts.getImpliedNodeFormatForFile(
      fromFile as TS.Path,
      project.cache.getPackageJsonInfoCache(),
      this.host,
      project.options,
    );
    return format ?? ts.ModuleKind.CommonJS;
  }

  /** Treats `file` as existing: a module the run creates (a scaffold) can be imported before it is written. */
  assumeFile(file: string): void {
    this.knownFiles.set(file, true);
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) this.knownDirs.set(dir, true);
  }

  /**
   * The tsconfig the resolver uses for `file` (the first listed one that includes it, else the nearest above
   * it; `undefined` when there is none) and its compiler options as written, `extends` applied. A program
   * over the file type-checks it with these options.
   */
  compilerOptionsFor(file: string): { configPath: string | undefined; options: TS.CompilerOptions } {
    const project = this.projectFor(file);
    return { configPath: project.configPath, options: project.compilerOptions };
  }

  /** Every file of the tsconfig programs the config lists (absolute). */
  programFiles(): Set<string> {
    const files = new Set<string>();
    for (const project of this.listed) for (const f of project.includes!()) files.add(f);
    return files;
  }

  /** The first listed tsconfig that includes `file`, else the nearest tsconfig above it. */
  private projectFor(file: string): Project {
    const nearest = this.nearestProject(path.dirname(file));
    // JavaScript no tsconfig includes is run by Node as it is: resolved as Node would, without aliases.
    if (JS_FILE.test(file) && !this.listed.some((p) => includesJs(p, file)) && !includesJs(nearest, file)) return this.nodeProject();
    // When the nearest tsconfig is the only one listed, the answer is the same whether it includes the file.
    if (this.listed.every((p) => p === nearest)) return nearest;
    return this.listed.find((project) => project.includes!().has(file)) ?? nearest;
  }

  /** Resolution as Node does it (NodeNext: conditions, `type: module`, no paths, no baseUrl). */
  private nodeProject(): Project {
    return (this.node ??= this.makeProject(undefined, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }, undefined));
  }

  /**
   * Whether Node runs `file` as an ES module: an `.mjs` file, or a `.js` file whose nearest package.json says
   * `"type": "module"`. Such a file's relative specifiers need their extension and `/index.js`.
   */
  runsAsNodeEsm(file: string): boolean {
    if (file.endsWith('.mjs')) return true;
    if (!file.endsWith('.js')) return false;
    return this.packageTypeOf(path.dirname(file)) === 'module';
  }

  /** The `type` of the nearest package.json at or above `dir` (memoised per folder). */
  private packageTypeOf(dir: string): string | undefined {
    const hit = this.packageTypes.get(dir);
    if (hit !== undefined) return hit ?? undefined;
    const manifest = path.join(dir, 'package.json');
    let type: string | null;
    if (this.host.fileExists(manifest)) {
      try {
        type = (JSON.parse(this.host.readFile(manifest) ?? '{}') as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        type = 'commonjs';
      }
    } else {
      const parent = path.dirname(dir);
      type = parent === dir ? null : (this.packageTypeOf(parent) ?? null);
    }
    this.packageTypes.set(dir, type);
    return type ?? undefined;
  }

  private nearestProject(dir: string): Project {
    const cached = this.nearestByDir.get(dir);
    if (cached) return cached;
    const candidate = path.join(dir, 'tsconfig.json');
    let project: Project;
    const listed = this.listed.find((p) => p.configPath === candidate);
    if (listed) project = listed;
    else if (this.host.fileExists(candidate)) project = this.loadProject(candidate);
    else {
      const parent = path.dirname(dir);
      project = parent === dir ? this.fallback : this.nearestProject(parent);
    }
    this.nearestByDir.set(dir, project);
    return project;
  }

  private loadProject(configPath: string): Project {
    // Options first, without enumerating the files the tsconfig includes.
    const { texts } = this.opts;
    const options = readTsconfig(configPath, { withFiles: false, texts }).options;
    let fileNames: Set<string> | undefined;
    const includes = () => (fileNames ??= new Set(readTsconfig(configPath, { withFiles: true, texts }).fileNames.map((f) => path.resolve(f))));
    return this.makeProject(configPath, options, includes);
  }

  private makeProject(configPath: string | undefined, options: TS.CompilerOptions, includes: Project['includes']): Project {
    const resolutionOptions: TS.CompilerOptions = { ...options, allowJs: true, resolveJsonModule: true, traceResolution: false };
    if (resolutionOptions.moduleResolution === undefined && resolutionOptions.module === undefined) {
      resolutionOptions.moduleResolution = ts.ModuleResolutionKind.Bundler;
      resolutionOptions.module = ts.ModuleKind.ESNext;
    }
    const dir = configPath ? path.dirname(configPath) : this.opts.rootDir;
    const cache = ts.createModuleResolutionCache(dir, (f) => f, resolutionOptions);
    const pathsBase = options.baseUrl ?? (options.pathsBasePath as string | undefined) ?? (options.paths ? dir : undefined);
    return { configPath, options: resolutionOptions, compilerOptions: options, includes, cache, pathsBase };
  }
}

const JS_FILE = /\.[cm]?jsx?$/;

/**
 * Whether a tsconfig includes a JavaScript file. Only a tsconfig with `allowJs` can; its file list (a walk of
 * the tree) is read only then.
 */
function includesJs(project: Project, file: string): boolean {
  return project.compilerOptions.allowJs === true && project.includes !== undefined && project.includes().has(file);
}

/** The version of the TypeScript canonize resolves with (loads it on first use). */
export function typescriptVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ts ??= require('typescript') as typeof TS;
  return ts.version;
}

/**
 * The one tsconfig reader: a tsconfig with its `extends` chain, read by TypeScript itself. `withFiles`: also
 * walk the tree for the files it includes; `texts`: files read instead of the disk's (a planned edit).
 */
export function readTsconfig(configPath: string, options: { withFiles: boolean; texts?: ReadonlyMap<string, string> }): TS.ParsedCommandLine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ts ??= require('typescript') as typeof TS;
  const { withFiles, texts } = options;
  const diagnostics: TS.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      ...(withFiles ? {} : { readDirectory: () => [] }),
      ...(texts ? { readFile: (file: string) => texts.get(path.resolve(file)) ?? ts.sys.readFile(file) } : {}),
      onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d),
    },
  );
  if (!parsed || diagnostics.length > 0) {
    const message = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ');
    throw new ConfigError(configPath, '', `cannot read this tsconfig: ${message || 'unknown error'}`);
  }
  return parsed;
}

/** A `ts.sys` host whose existence checks are remembered: resolution asks the same questions many times. */
function cachedHost(files = new Map<string, boolean>(), dirs = new Map<string, boolean>(), texts?: ReadonlyMap<string, string>): TS.ModuleResolutionHost {
  return {
    fileExists(file) {
      let hit = files.get(file);
      if (hit === undefined) files.set(file, (hit = ts.sys.fileExists(file)));
      return hit;
    },
    directoryExists(dir) {
      let hit = dirs.get(dir);
      if (hit === undefined) dirs.set(dir, (hit = ts.sys.directoryExists(dir)));
      return hit;
    },
    readFile: (file) => texts?.get(path.resolve(file)) ?? ts.sys.readFile(file),
    realpath: ts.sys.realpath,
    getCurrentDirectory: () => process.cwd(),
    getDirectories: (dir) => ts.sys.getDirectories(dir),
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  };
}

/** The path forms (without, or with the chosen extension; directory for an index) to spell for `target`. */
function spellingForms(target: string, extension: SpellingStyle['extension'], directoryForm: boolean): string[] {
  const stem = dropSourceExtension(target);
  const forms: string[] = [];
  if (directoryForm && isIndexFile(target) && extension === 'none') forms.push(path.dirname(target));
  if (extension === 'js') forms.push(stem + jsExtensionFor(target));
  else if (extension === 'ts') forms.push(target);
  forms.push(stem);
  if (extension === 'none') forms.push(stem + jsExtensionFor(target), target);
  return [...new Set(forms)];
}

/** Forms for a project-wide rule: the preferred one first, then the fallbacks resolution may need. */
function canonicalForms(target: string, extension: CanonicalSpellingRequest['extension'], index: CanonicalSpellingRequest['index']): string[] {
  const stem = dropSourceExtension(target);
  const byExtension = extension === 'js' ? [stem + jsExtensionFor(target), stem, target] : extension === 'ts' ? [target, stem, stem + jsExtensionFor(target)] : [stem, stem + jsExtensionFor(target), target];
  const folder = index === 'drop' && isIndexFile(target) ? [path.dirname(target)] : [];
  return [...new Set([...folder, ...byExtension])];
}

function relativeSpecifier(fromFile: string, form: string): string {
  const rel = toPosix(path.relative(path.dirname(fromFile), form));
  if (rel === '') return '.';
  return rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}

/** The `*` match of `pattern` against `text`, or `undefined` when it does not match. */
function matchPattern(pattern: string, text: string): string | undefined {
  const [head, tail] = splitAtStar(pattern);
  if (tail === undefined) return pattern === text ? '' : undefined;
  return matchSplit(head, tail, text);
}

/** What `*` stands for when `text` is `head*tail`, else `undefined`. */
function matchSplit(head: string, tail: string, text: string): string | undefined {
  if (text.length < head.length + tail.length || !text.startsWith(head) || !text.endsWith(tail)) return undefined;
  return text.slice(head.length, text.length - tail.length);
}

/** `text` before and after its first `*`; after is `undefined` when there is none. */
function splitAtStar(text: string): [string, string | undefined] {
  const star = text.indexOf('*');
  return star < 0 ? [text, undefined] : [text.slice(0, star), text.slice(star + 1)];
}

/** The specifier through `alias` (key -> absolute substitution) that names `form`, if any. */
function reverseAlias(alias: AliasEntry, form: string): string | undefined {
  if (alias.subTail === undefined) {
    if (alias.keyTail !== undefined) return undefined;
    return alias.substitution === form || dropSourceExtension(alias.substitution) === form ? alias.key : undefined;
  }
  const match = matchSplit(alias.subHead, alias.subTail, toPosix(form));
  // The `*` must stand for at least one character.
  if (match === undefined || match === '' || alias.keyTail === undefined) return undefined;
  return alias.keyHead + match + alias.keyTail;
}
