/**
 * TypeScript's module resolution for the shapes nearly every specifier of a project takes, answered without
 * `ts.resolveModuleName`: a relative specifier, or one through the first substitution of a tsconfig `paths`
 * pattern or below `baseUrl`, that names a TypeScript file of the project directly (`./x` for `x.ts`,
 * `@/a/b.js` for `src/a/b.ts`). Everything else is `undefined`: ask TypeScript.
 *
 * Why: on the whole-tree spelling job every reference is resolved, and every candidate spelling of it too.
 * `ts.resolveModuleName` builds its state, its failed-lookup lists and its cache entries each time; for a
 * spelling clean-up at 10,000 files that was 1.2 s of the main thread's 8 s, for answers this module reaches
 * with two or three existence checks.
 *
 * The answer is TypeScript's by construction: the steps below are the first steps of TypeScript 5.9's
 * `bundler` and `node10` resolution, taken in its order with its own helpers (pattern matching, path
 * normalisation, extension removal), and asking the same host whether files and folders exist. Where a step
 * would go on (a folder, a package.json, another substitution, node_modules, `rootDirs`, `moduleSuffixes`,
 * `node16`'s rules), the shortcut stops and TypeScript answers. `__tests__/shortcut.test.ts` compares both on
 * every shape and on whole trees.
 */
import type * as TS from 'typescript';

/** What the shortcut asks of the file system: the host TypeScript would be given. */
export type ExistenceHost = Pick<TS.ModuleResolutionHost, 'fileExists' | 'directoryExists'>;

interface Pattern {
  prefix: string;
  suffix: string;
}

/** TypeScript helpers the shortcut follows; present on the 5.x namespace, though not declared. */
interface Internals {
  getEmitModuleResolutionKind(options: TS.CompilerOptions): TS.ModuleResolutionKind;
  tryParsePatterns(paths: TS.MapLike<string[]>): { matchableStringSet?: Set<string>; patterns?: Pattern[] };
  matchPatternOrExact(parsed: ReturnType<Internals['tryParsePatterns']>, candidate: string): string | Pattern | undefined;
  getPathsBasePath(options: TS.CompilerOptions, host: { getCurrentDirectory?(): string }): string | undefined;
  normalizePath(path: string): string;
  combinePaths(path: string, ...paths: string[]): string;
  removeFileExtension(path: string): string;
  tryGetExtensionFromPath(path: string): string | undefined;
}

const INTERNALS: Array<keyof Internals> = [
  'getEmitModuleResolutionKind',
  'tryParsePatterns',
  'matchPatternOrExact',
  'getPathsBasePath',
  'normalizePath',
  'combinePaths',
  'removeFileExtension',
  'tryGetExtensionFromPath',
];

/**
 * The files TypeScript tries first for a candidate path, by the extension the candidate ends with, keeping
 * only TypeScript and declaration files (`tryAddingExtensions`). A hit among these ends the resolution under
 * `bundler` and under `node10` (whose first pass is these extensions only).
 */
const FIRST_TRIES: Record<string, readonly string[]> = {
  '': ['.ts', '.tsx', '.d.ts'],
  '.ts': ['.ts', '.tsx', '.d.ts'],
  '.d.ts': ['.ts', '.tsx', '.d.ts'],
  '.js': ['.ts', '.tsx', '.d.ts'],
  '.tsx': ['.tsx', '.ts', '.d.ts'],
  '.jsx': ['.tsx', '.ts', '.d.ts'],
  '.mjs': ['.mts', '.d.mts'],
  '.mts': ['.mts', '.d.mts'],
  '.d.mts': ['.mts', '.d.mts'],
  '.cjs': ['.cts', '.d.cts'],
  '.cts': ['.cts', '.d.cts'],
  '.d.cts': ['.cts', '.d.cts'],
};

/** One project's shortcut: made once per set of compiler options. */
export class ResolutionShortcut {
  private readonly patterns: ReturnType<Internals['tryParsePatterns']> | undefined;
  private readonly pathsBase: string | undefined;
  /**
   * Answers for names that are not relative, which do not depend on the importing folder (`paths` and
   * `baseUrl` are the project's): a whole-tree job asks for `@/x` from every folder. Kept per host, the
   * first one asked with (one shortcut serves one host: a resolver's, or one view of the proof's).
   */
  private readonly bare = new Map<string, string | undefined>();
  private host: ExistenceHost | undefined;

  private constructor(
    private readonly options: TS.CompilerOptions,
    private readonly t: Internals,
  ) {
    this.patterns = options.paths ? t.tryParsePatterns(options.paths) : undefined;
    this.pathsBase = options.paths ? (options.baseUrl ?? (options.pathsBasePath as string | undefined)) : undefined;
  }

  /**
   * The shortcut for `options`, or `undefined` where none applies: a resolution other than `bundler` or
   * `node10`, `moduleSuffixes`, `noDtsResolution`, or a TypeScript without the helpers it follows.
   */
  static for(options: TS.CompilerOptions, ts: typeof TS): ResolutionShortcut | undefined {
    const t = ts as unknown as Partial<Internals>;
    if (INTERNALS.some((name) => typeof t[name] !== 'function')) return undefined;
    const internals = t as Internals;
    const kind = internals.getEmitModuleResolutionKind(options);
    if (kind !== ts.ModuleResolutionKind.Bundler && kind !== ts.ModuleResolutionKind.Node10) return undefined;
    if ((options.moduleSuffixes?.length ?? 0) > 0 || options.noDtsResolution) return undefined;
    // `paths` without a base TypeScript would take the host's current directory: rare, left to it.
    if (options.paths && options.baseUrl === undefined && !options.pathsBasePath) return undefined;
    return new ResolutionShortcut(options, internals);
  }

  /**
   * The file (TypeScript's spelling of its path) `name` resolves to from `containingDirectory`, when it is a
   * project file found by the first steps of the resolution; `undefined`: ask TypeScript.
   */
  resolve(name: string, containingDirectory: string, host: ExistenceHost): string | undefined {
    // Folders (`.`, `..`, `x/`), Windows separators and node_modules paths take other steps.
    if (name.endsWith('/') || name.includes('\\') || name.includes('node_modules')) return undefined;
    if (name.startsWith('./') || name.startsWith('../')) {
      if (this.options.rootDirs || name.endsWith('/.') || name.endsWith('/..') || containingDirectory.includes('node_modules')) return undefined;
      return this.file(this.t.normalizePath(this.t.combinePaths(containingDirectory, name)), host);
    }
    if (name === '.' || name === '..' || name.startsWith('/') || name.startsWith('#')) return undefined;
    this.host ??= host;
    if (host !== this.host) return this.resolveBare(name, host);
    if (this.bare.has(name)) return this.bare.get(name);
    const answer = this.resolveBare(name, host);
    this.bare.set(name, answer);
    return answer;
  }

  /** A name through `paths` or below `baseUrl`. */
  private resolveBare(name: string, host: ExistenceHost): string | undefined {
    if (this.patterns) {
      const matched = this.t.matchPatternOrExact(this.patterns, name);
      if (matched !== undefined) {
        const key = typeof matched === 'string' ? matched : `${matched.prefix}*${matched.suffix}`;
        const first = this.options.paths![key]?.[0];
        // A substitution with an extension is tried as a file first: left to TypeScript.
        if (first === undefined || this.t.tryGetExtensionFromPath(first) !== undefined) return undefined;
        const star = typeof matched === 'string' ? undefined : name.slice(matched.prefix.length, name.length - matched.suffix.length);
        // As TypeScript: a `*` that matched nothing leaves the substitution as written, `*` and all.
        const path = star ? first.replace('*', star) : first;
        return this.outsideNodeModules(this.file(this.t.normalizePath(this.t.combinePaths(this.pathsBase!, path)), host));
      }
    }
    const { baseUrl } = this.options;
    if (!baseUrl) return undefined;
    return this.outsideNodeModules(this.file(this.t.normalizePath(this.t.combinePaths(baseUrl, name)), host));
  }

  /**
   * `loadModuleFromFile` for a candidate path, as far as its first tries: the TypeScript file they find, or
   * `undefined` (a folder, a JavaScript or JSON file, or nothing: TypeScript goes on).
   */
  private file(candidate: string, host: ExistenceHost): string | undefined {
    const slash = candidate.lastIndexOf('/');
    // POSIX absolute paths only: a drive's root (`C:/`) is a folder of its own to TypeScript.
    if (!candidate.startsWith('/') || slash === candidate.length - 1) return undefined;
    const folder = slash === 0 ? '/' : candidate.slice(0, slash);
    // TypeScript skips every lookup in a folder the host says is missing.
    if (host.directoryExists && !host.directoryExists(folder)) return undefined;
    if (!candidate.slice(slash + 1).includes('.')) return this.firstOf(candidate, FIRST_TRIES['']!, host);
    let stem = this.t.removeFileExtension(candidate);
    if (stem === candidate) {
      // An extension TypeScript does not know (`x.service`): `x.d.service.ts`, then `x.service.ts` and the rest.
      stem = candidate.slice(0, candidate.lastIndexOf('.'));
      // A name that starts with its dot (`.eslintrc`): TypeScript asks about the folder above; left to it.
      if (stem.endsWith('/')) return undefined;
      const declaration = `${stem}.d${candidate.slice(stem.length)}.ts`;
      if (host.fileExists(declaration)) return declaration;
      return this.firstOf(candidate, FIRST_TRIES['']!, host);
    }
    const tries = FIRST_TRIES[candidate.slice(stem.length)];
    // `.json` (a `.d.json.ts`, then the JSON file) is left to TypeScript.
    return tries === undefined ? undefined : this.firstOf(stem, tries, host);
  }

  private firstOf(stem: string, extensions: readonly string[], host: ExistenceHost): string | undefined {
    for (const extension of extensions) if (host.fileExists(stem + extension)) return stem + extension;
    return undefined;
  }

  private outsideNodeModules(file: string | undefined): string | undefined {
    return file === undefined || file.includes('/node_modules/') ? undefined : file;
  }
}
