/**
 * Module resolution with TypeScript's own resolver and the project's tsconfig(s), cached per
 * (project, directory, resolution mode, specifier), plus the reverse: spelling a specifier that provably
 * resolves to a given file.
 */
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { resolvedPath, toPosix } from '../files/paths';
import { AliasOrder, aliasTable, matchPattern, reverseAlias } from './aliases';
import { sourceExtensionOf, isIndexFile } from './extensions';
import { canonicalForms, relativeSpecifier, spellingForms, usesAlias, type CanonicalSpellingRequest, type SpellingStyle } from './spelling';
import { Projects, type Project } from './projects';
import { cachedHost } from './tsconfig';
import { loadTypescript } from '../typescript/load';

/** TypeScript, set when the first resolver is made (see {@link loadTypescript}). */
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

/** Resolves specifiers for many files; everything it learns is cached for the life of the object. */
/** The node_modules folders Node searches from a folder, nearest first, and one string that names them all. */
interface NodeModulesChain {
  folders: string[];
  key: string;
}

export class ModuleResolver {
  /**
   * Resolved file names, libraries included (`\0` prefix: an external library), by project and kind, then
   * folder, then specifier: nested maps, because a key joined of the four was a new string per reference
   * (garbage collection was a fifth of the main thread's time on the whole-tree spelling job at 50,000 files).
   */
  private readonly resolved = new Map<Project, Record<ResolutionKind, Nested<string | null>>>();
  /** Canonical spellings by rule, then importing folder, then target (`null`: none). */
  private readonly canonical = new Map<string, Nested<string | null>>();
  /** Whether a package name is installed, by the node_modules folders searched (their key), then the name. */
  private readonly shadowed = new Map<string, Map<string, boolean>>();
  private readonly nodeModulesChains = new Map<string, NodeModulesChain>();
  private readonly styles = new Map<string, SpellingStyle>();
  private readonly host: TS.ModuleResolutionHost;
  private readonly projects: Projects;
  /** Existence answers, shared with the host; a file the run will create is entered here up front. */
  private readonly knownFiles = new Map<string, boolean>();
  private readonly knownDirs = new Map<string, boolean>();

  constructor(private readonly opts: ResolverOptions) {
    ts = loadTypescript();
    this.host = cachedHost(this.knownFiles, this.knownDirs, opts.texts);
    this.projects = new Projects(opts, this.host);
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
    const project = this.projects.for(fromFile);
    const dir = path.dirname(fromFile);
    let byKind = this.resolved.get(project);
    if (!byKind) this.resolved.set(project, (byKind = { import: new Nested(), require: new Nested() }));
    const cache = byKind[kind];
    const hit = cache.get(dir, specifier);
    if (hit !== undefined) return hit;
    const shortcut = project.shortcut?.resolve(specifier, dir, this.host);
    const file = shortcut !== undefined ? resolvedPath(shortcut) : this.resolveWithTypescript(project, specifier, fromFile, kind);
    cache.set(dir, specifier, file);
    return file;
  }

  private resolveWithTypescript(project: Project, specifier: string, fromFile: string, kind: ResolutionKind): string | null {
    const mode = this.modeFor(project, fromFile, kind);
    const module = ts.resolveModuleName(specifier, fromFile, project.options, this.host, project.cache, undefined, mode).resolvedModule;
    return module ? (module.isExternalLibraryImport ? '\0' : '') + path.resolve(module.resolvedFileName) : null;
  }

  /**
   * Whether `specifier` from `fromFile` names code of this repository: a project file, or a workspace package
   * linked into node_modules (TypeScript calls that an external library; its real path is outside every
   * node_modules). `false` for an installed package or a specifier that does not resolve.
   */
  isRepositoryCode(specifier: string, fromFile: string): boolean {
    if (this.resolve(specifier, fromFile) !== undefined) return true;
    const project = this.projects.for(fromFile);
    const result = ts.resolveModuleName(specifier, fromFile, project.options, this.host, project.cache, undefined, this.modeFor(project, fromFile, 'import'));
    const file = result.resolvedModule?.resolvedFileName;
    return file !== undefined && !path.resolve(file).split(path.sep).includes('node_modules');
  }

  /** Whether `specifier` resolves from `fromFile` at all, to project code or to an installed library. */
  canResolve(specifier: string, fromFile: string): boolean {
    const project = this.projects.for(fromFile);
    return ts.resolveModuleName(specifier, fromFile, project.options, this.host, project.cache).resolvedModule !== undefined;
  }

  /** Reads the spelling habits of `specifier` as used in `fromFile`. */
  styleOf(specifier: string, fromFile: string): SpellingStyle {
    const ext = sourceExtensionOf(specifier);
    const extension = ext === undefined ? 'none' : /^\.[mc]?jsx?$/.test(ext) ? 'js' : 'ts';
    if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
      return { kind: 'relative', extension };
    }
    const project = this.projects.for(fromFile);
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
    return request.kind !== 'require' && this.projects.runsAsNodeEsm(request.fromFile);
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
      original.kind !== 'require' && this.projects.runsAsNodeEsm(original.fromFile) ? { ...original, style: 'relative', extension: 'js', index: 'add' } : original;
    const { fromFile, target } = request;
    // The spelling depends on the importing folder, not the file: files of one folder share it.
    const rule = `${request.style}\0${request.extension}\0${request.index}\0${request.kind ?? ''}\0${request.within ?? ''}`;
    let cache = this.canonical.get(rule);
    if (!cache) this.canonical.set(rule, (cache = new Nested()));
    const dir = path.dirname(fromFile);
    const hit = cache.get(dir, target);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.findCanonical(request);
    cache.set(dir, target, found ?? null);
    return found;
  }

  /**
   * The first candidate that reaches the target: every alias spelling of every form (most specific alias
   * first), then every relative one. Each is made only when the ones before it failed: the first usually
   * reaches the target, and discover spells each reference twice. Plain loops, no generators: this runs for
   * every reference of a whole-tree job.
   */
  private findCanonical(request: CanonicalSpellingRequest): string | undefined {
    const { fromFile, target, kind } = request;
    const forms = canonicalForms(target, request.extension, request.index);
    if (usesAlias(request.style, fromFile, target, request.within)) {
      const aliases = this.aliasesBySpecificity(fromFile);
      for (const form of forms) {
        for (const alias of aliases.thatMaySpell(form)) {
          const candidate = reverseAlias(alias, form);
          if (candidate !== undefined && this.reaches(candidate, fromFile, target, kind)) return candidate;
        }
      }
    }
    for (const form of forms) {
      const candidate = relativeSpecifier(fromFile, form);
      if (this.reaches(candidate, fromFile, target, kind)) return candidate;
    }
    return undefined;
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
    const project = this.projects.for(fromFile);
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

  /** Asked for every alias candidate of a whole-tree job: no array or key string is made per call. */
  private namesInstalledPackage(specifier: string, fromFile: string): boolean {
    const slash = specifier.indexOf('/');
    const end = specifier.startsWith('@') && slash >= 0 ? specifier.indexOf('/', slash + 1) : slash;
    const name = end < 0 ? specifier : specifier.slice(0, end);
    const chain = this.nodeModulesAbove(path.dirname(fromFile));
    let byName = this.shadowed.get(chain.key);
    if (!byName) this.shadowed.set(chain.key, (byName = new Map()));
    let hit = byName.get(name);
    if (hit === undefined) {
      hit = chain.folders.some((dir) => this.host.directoryExists!(path.join(dir, name)) || this.host.fileExists(path.join(dir, `${name}.js`)));
      byName.set(name, hit);
    }
    return hit;
  }

  /** The node_modules folders Node would search from `dir`, nearest first (memoised per folder). */
  private nodeModulesAbove(dir: string): NodeModulesChain {
    let chain = this.nodeModulesChains.get(dir);
    if (chain) return chain;
    const parent = path.dirname(dir);
    const own = path.join(dir, 'node_modules');
    const rest = parent === dir ? { folders: [], key: '' } : this.nodeModulesAbove(parent);
    chain = path.basename(dir) !== 'node_modules' && this.host.directoryExists!(own) ? { folders: [own, ...rest.folders], key: `${own}\0${rest.key}` } : rest;
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
    const project = this.projects.for(fromFile);
    project.aliases ??= aliasTable(project.pathsBase, project.options.paths);
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
    return this.projects.for(file).configPath;
  }

  /** The tsconfigs this resolver has read (listed, and the nearest ones files needed) that set `baseUrl`. */
  projectsWithBaseUrl(): Array<{ tsconfig: string; baseUrl: string }> {
    const out: Array<{ tsconfig: string; baseUrl: string }> = [];
    for (const project of this.projects.known()) {
      if (project.configPath && project.options.baseUrl) out.push({ tsconfig: project.configPath, baseUrl: project.options.baseUrl });
    }
    return out.sort((a, b) => (a.tsconfig < b.tsconfig ? -1 : 1));
  }

  /** Every tsconfig `paths` key that maps exactly (without `*`) to `file`, for text pre-filters. */
  exactAliasesOf(file: string): string[] {
    const keys = new Set<string>();
    for (const project of this.projects.known()) {
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
   * (the substitution with the longest literal path, then the longest key prefix; the order of `paths` on a tie).
   */
  private aliasSpellings(fromFile: string, form: string, preferKey: string | undefined): string[] {
    const aliases = this.aliasesBySpecificity(fromFile).entries;
    const ordered = preferKey === undefined ? aliases : [...aliases.filter((a) => a.key === preferKey), ...aliases.filter((a) => a.key !== preferKey)];
    return ordered.flatMap((alias) => reverseAlias(alias, form) ?? []);
  }

  /** The `paths` aliases of `fromFile`'s project, most specific first: sorted once per project (stable: the order of `paths` on a tie). */
  private aliasesBySpecificity(fromFile: string): AliasOrder {
    const project = this.projects.for(fromFile);
    project.aliases ??= aliasTable(project.pathsBase, project.options.paths);
    return (project.aliasesBySpecificity ??= new AliasOrder([...project.aliases].sort((a, b) => b.literal - a.literal || b.keyPrefix - a.keyPrefix)));
  }

  /** The `baseUrl` form of `form` (`src/x` with baseUrl `.`), if it lies below baseUrl. */
  private baseUrlSpellings(fromFile: string, form: string): string[] {
    const { baseUrl } = this.projects.for(fromFile).options;
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
    const project = this.projects.for(file);
    return { configPath: project.configPath, options: project.compilerOptions };
  }

  /**
   * Whether Node runs `file` as an ES module: an `.mjs` file, or a `.js` file whose nearest package.json says
   * `"type": "module"`. Such a file's relative specifiers need their extension and `/index.js`.
   */
  runsAsNodeEsm(file: string): boolean {
    return this.projects.runsAsNodeEsm(file);
  }

  /** Every file of the tsconfig programs the config lists (absolute). */
  programFiles(): Set<string> {
    const files = new Set<string>();
    for (const project of this.projects.listed) for (const f of project.includes!()) files.add(f);
    return files;
  }

}

/** A map by two keys, kept as a map of maps: no key string is built per lookup. */
class Nested<V> {
  private readonly outer = new Map<string, Map<string, V>>();

  get(a: string, b: string): V | undefined {
    return this.outer.get(a)?.get(b);
  }

  set(a: string, b: string, value: V): void {
    let inner = this.outer.get(a);
    if (!inner) this.outer.set(a, (inner = new Map()));
    inner.set(b, value);
  }
}
