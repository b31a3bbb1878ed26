/**
 * A TypeScript program over files whose texts the caller gives (the run's texts, before or after it), with
 * the compiler options of the tsconfig the resolver uses for those files. Used by the proof that a run kept
 * every binding and export list (src/verify/), and by anything else that needs TypeScript's checker on a
 * file as the run would leave it.
 *
 * Two programs over the same files (before and after a run) share a {@link SourceFileCache}: a file whose
 * text did not change is parsed and bound once.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { ModuleResolver } from '../resolve/resolver';
import { DirectoryListing } from '../resolve/listing';
import { loadTypescript as typescript } from './load';
import { ResolutionShortcut } from '../resolve/shortcut';
import { resolvedPath } from '../files/paths';

/** A file's text in a program: the text, `null` when the file does not exist there, `undefined`: read the disk. */
export type TextOf = (file: string) => string | null | undefined;

export interface ProgramRequest {
  /** Absolute root files, all of one project (see {@link groupByProject}). */
  rootNames: string[];
  /** Where the program's texts come from; everything it does not answer is read from disk. */
  textOf: TextOf;
  /** Compiler options, usually {@link programOptions} of the project. */
  options: TS.CompilerOptions;
  /** Parsed files shared with other programs over the same options. */
  cache?: SourceFileCache;
}

/** The TypeScript version programs are built with ("5.9"), for saying what checked a result. */
export function typescriptVersion(): string {
  return typescript().versionMajorMinor;
}

/**
 * How the program treats the files around its roots.
 * - `full`: the project's options as they are, with the default library and `@types`, and every imported
 *   file loaded: types of anything are known (what a type-aware transform needs).
 * - `bindings`: no default library, no `@types`, and only the root files loaded (`noResolve`): imports are
 *   still resolved and bound to the root files that hold them, so the caller lists every module whose
 *   exports matter. Enough to tell which declaration a name resolves to, and whether it is a value or a
 *   type, at a fraction of the cost.
 */
export type ProgramScope = 'full' | 'bindings';

/** The compiler options for a program: the tsconfig's own, made safe for checking in memory. */
export function programOptions(options: TS.CompilerOptions, scope: ProgramScope): TS.CompilerOptions {
  const base: TS.CompilerOptions = {
    ...options,
    noEmit: true,
    allowJs: true,
    skipLibCheck: true,
    // A project built with project references still type-checks file by file here.
    composite: false,
    incremental: false,
    tsBuildInfoFile: undefined,
  };
  if (scope === 'full') return base;
  return { ...base, noLib: true, types: [], noResolve: true };
}

/**
 * The roots grouped by the tsconfig the resolver uses for each (one program per project), with that
 * project's options.
 */
export function groupByProject(resolver: ModuleResolver, files: string[]): Array<{ configPath: string | undefined; options: TS.CompilerOptions; files: string[] }> {
  const groups = new Map<string, { configPath: string | undefined; options: TS.CompilerOptions; files: string[] }>();
  for (const file of files) {
    const { configPath, options } = resolver.compilerOptionsFor(file);
    const key = configPath ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { configPath, options, files: [] }));
    group.files.push(file);
  }
  return [...groups.values()];
}

/**
 * Parsed source files by name, options and text (two programs that see the same text share one), and what
 * the disk answered (which files and folders exist, their texts, package.json facts): every program of a
 * run asks the same questions many times.
 */
export class SourceFileCache {
  /**
   * Per file, then parse options, every text seen: the proof reads a changed file before and after in turn,
   * so one slot per file would parse both texts again for each program.
   */
  private readonly files = new Map<string, Map<string, Map<string, TS.SourceFile>>>();
  readonly exists = new Map<string, boolean>();
  readonly directories = new Map<string, boolean>();
  private listed: DirectoryListing | undefined;
  readonly texts = new Map<string, string | undefined>();
  packageJsons: TS.PackageJsonInfoCache | undefined;

  /** The disk's answers to existence checks, one listing per folder (see src/resolve/listing.ts). */
  get listing(): DirectoryListing {
    return (this.listed ??= new DirectoryListing(typescript().sys));
  }

  /**
   * `variant` names what else decides the parse for these options (see {@link parseVariant}): the module
   * indicator of a file depends on the project's `moduleDetection`, `jsx` and `module`.
   */
  get(fileName: string, text: string, options: TS.CreateSourceFileOptions, variant = ''): TS.SourceFile {
    const key = `${options.languageVersion}\0${options.impliedNodeFormat ?? ''}\0${variant}`;
    let parses = this.files.get(fileName);
    if (!parses) this.files.set(fileName, (parses = new Map()));
    let texts = parses.get(key);
    if (!texts) parses.set(key, (texts = new Map()));
    const hit = texts.get(text);
    if (hit) return hit;
    // Parent pointers: resolution modes and line lookups walk up from a specifier before any binding.
    const file = typescript().createSourceFile(fileName, text, options, true);
    texts.set(text, file);
    return file;
  }

  /**
   * Drops a file's parse of `text` (whatever the options): a file read once and done with. Thousands of kept
   * syntax trees hold hundreds of MiB.
   */
  forget(fileName: string, text: string): void {
    for (const texts of this.files.get(fileName)?.values() ?? []) texts.delete(text);
  }
}

/** What, besides the target and the module format, decides how a program parses its files. */
function parseVariant(options: TS.CompilerOptions): string {
  return `${options.moduleDetection ?? ''}/${options.jsx ?? ''}/${options.module ?? ''}`;
}

/**
 * TypeScript's own parse options for a file of a program with `options` (`languageVersion` from the target,
 * the module indicator from `moduleDetection`), so that a file read on its own ({@link Programs.sourceFile})
 * is the very file a program over it uses, parsed once. TypeScript 5.9 has the two functions it uses for this
 * on its namespace without declaring them; without them the file is parsed as before, once more for a program.
 */
function createOptionsFor(t: typeof TS, options: TS.CompilerOptions, impliedNodeFormat: TS.ResolutionMode): TS.CreateSourceFileOptions | undefined {
  const internal = t as unknown as {
    getEmitScriptTarget?: (o: TS.CompilerOptions) => TS.ScriptTarget;
    getSetExternalModuleIndicator?: (o: TS.CompilerOptions) => (file: TS.SourceFile) => void;
  };
  if (typeof internal.getEmitScriptTarget !== 'function' || typeof internal.getSetExternalModuleIndicator !== 'function') return undefined;
  return { languageVersion: internal.getEmitScriptTarget(options), impliedNodeFormat, setExternalModuleIndicator: internal.getSetExternalModuleIndicator(options) };
}

/**
 * `text` of `file` parsed as a program over `options` parses it (see {@link Programs.sourceFile}), on its own:
 * for a thread that has no {@link Programs}. `impliedNodeFormat`: from {@link Programs.impliedNodeFormat}.
 */
export function parseAsInProgram(file: string, text: string, options: TS.CompilerOptions, impliedNodeFormat: TS.ResolutionMode): TS.SourceFile {
  const t = typescript();
  return t.createSourceFile(file, text, createOptionsFor(t, options, impliedNodeFormat) ?? { languageVersion: t.ScriptTarget.Latest, impliedNodeFormat }, true);
}

/** Creates the program; nothing is checked until the caller asks the checker. */
export function createProgram(request: ProgramRequest): TS.Program {
  return new Programs(request).program(request.rootNames);
}

/**
 * Programs over one view of the texts (one `textOf`) and one set of options, made as often as the caller
 * grows its list of root files: module resolution is cached across them, parsed files are shared through
 * the {@link SourceFileCache}. Two views (before and after a run) need two of these, because a file one
 * deletes or creates resolves differently.
 */
export class Programs {
  private readonly host: TS.CompilerHost;
  private readonly resolutionCache: TS.ModuleResolutionCache;
  /** {@link resolveIn}'s answers by folder, then by specifier and mode. */
  private readonly resolved = new Map<string, Map<string, { file: string; external: boolean } | undefined>>();
  readonly options: TS.CompilerOptions;

  private readonly cache: SourceFileCache;
  private readonly variant: string;
  /** TypeScript's resolution for the common shapes of specifier (see src/resolve/shortcut.ts). */
  private readonly shortcut: ResolutionShortcut | undefined;

  constructor(request: Omit<ProgramRequest, 'rootNames'>) {
    const t = typescript();
    const cache = (this.cache = request.cache ?? new SourceFileCache());
    const options = (this.options = request.options);
    this.variant = parseVariant(options);
    this.shortcut = ResolutionShortcut.for(options, t);
    const host = (this.host = t.createCompilerHost(options, false));
    const diskRead = host.readFile.bind(host);
    const diskExists = (file: string) => cache.listing.fileExists(file);
    const diskDirectory = (dir: string) => cache.listing.directoryExists(dir);
    const remembered = <T>(map: Map<string, T>, key: string, ask: () => T): T => {
      if (map.has(key)) return map.get(key)!;
      const answer = ask();
      map.set(key, answer);
      return answer;
    };
    const text = (file: string): string | undefined => {
      const own = request.textOf(resolvedPath(file));
      if (own === null) return undefined;
      return own ?? remembered(cache.texts, file, () => diskRead(file));
    };
    host.readFile = text;
    host.fileExists = (file) => {
      const own = request.textOf(resolvedPath(file));
      return own === null ? false : own !== undefined || remembered(cache.exists, file, () => diskExists(file));
    };
    host.directoryExists = (dir) => remembered(cache.directories, dir, () => diskDirectory(dir));
    host.getSourceFile = (fileName, languageVersionOrOptions) => {
      const source = text(fileName);
      if (source === undefined) return undefined;
      const createOptions = typeof languageVersionOrOptions === 'object' ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
      return cache.get(fileName, source, createOptions, this.variant);
    };
    host.writeFile = () => undefined;
    const resolutionCache = (this.resolutionCache = t.createModuleResolutionCache(host.getCurrentDirectory(), (f) => host.getCanonicalFileName(f), options, cache.packageJsons));
    cache.packageJsons ??= resolutionCache.getPackageJsonInfoCache();
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, containingSourceFile) =>
      literals.map((literal) => t.resolveModuleName(literal.text, containingFile, compilerOptions, host, resolutionCache, redirected, t.getModeForUsageLocation(containingSourceFile, literal, compilerOptions)));
  }

  /** A file's text in this view; `undefined` when it does not exist here. */
  text(file: string): string | undefined {
    return this.host.readFile(file);
  }

  /**
   * One file parsed on its own, without a program (no module of it is resolved), for reading its syntax:
   * `undefined` when it does not exist in this view.
   */
  sourceFile(file: string): TS.SourceFile | undefined {
    const text = this.host.readFile(file);
    if (text === undefined) return undefined;
    const impliedNodeFormat = this.impliedNodeFormat(file);
    const asInProgram = createOptionsFor(typescript(), this.options, impliedNodeFormat);
    if (asInProgram) return this.cache.get(file, text, asInProgram, this.variant);
    return this.cache.get(file, text, { languageVersion: typescript().ScriptTarget.Latest, impliedNodeFormat }, 'alone');
  }

  /** The module format TypeScript implies for `file` (from its extension and the nearest package.json). */
  impliedNodeFormat(file: string): TS.ResolutionMode {
    return typescript().getImpliedNodeFormatForFile(file as TS.Path, this.resolutionCache.getPackageJsonInfoCache(), this.host, this.options);
  }

  /**
   * What `literal`, a module specifier in `file` (from {@link sourceFile}), resolves to; as {@link resolve}.
   * `text` resolves another specifier in its place (same file, same resolution mode).
   */
  resolveIn(file: TS.SourceFile, literal: TS.StringLiteralLike, text = literal.text): { file: string; external: boolean } | undefined {
    return this.resolveText(file.fileName, text, typescript().getModeForUsageLocation(file, literal, this.options));
  }

  /** What `text`, a module specifier of `fileName` read with resolution `mode`, resolves to; as {@link resolve}. */
  resolveText(fileName: string, text: string, mode: TS.ResolutionMode): { file: string; external: boolean } | undefined {
    const t = typescript();
    // A resolution depends on the folder, the specifier and the mode only (one set of options per Programs):
    // a spelling clean-up asks the same question from every file of a folder.
    const dir = path.dirname(fileName);
    const key = `${text}\0${mode ?? ''}`;
    let inDir = this.resolved.get(dir);
    if (!inDir) this.resolved.set(dir, (inDir = new Map()));
    if (inDir.has(key)) return inDir.get(key);
    const shortcut = this.shortcut?.resolve(text, dir, this.host);
    const resolved = shortcut === undefined ? t.resolveModuleName(text, fileName, this.options, this.host, this.resolutionCache, undefined, mode).resolvedModule : undefined;
    const answer =
      shortcut !== undefined
        ? { file: resolvedPath(shortcut), external: false }
        : resolved === undefined
          ? undefined
          : { file: path.resolve(resolved.resolvedFileName), external: resolved.isExternalLibraryImport === true };
    inDir.set(key, answer);
    return answer;
  }

  /** A program over `rootNames`. */
  program(rootNames: string[]): TS.Program {
    return typescript().createProgram({ rootNames, options: this.options, host: this.host });
  }

  /**
   * The absolute file `literal` (a module specifier in `file` of `program`) resolves to, and whether it is a
   * package's (`external`); `undefined` when it does not resolve.
   */
  resolve(program: TS.Program, file: TS.SourceFile, literal: TS.StringLiteralLike): { file: string; external: boolean } | undefined {
    const t = typescript();
    const result = t.resolveModuleName(literal.text, file.fileName, this.options, this.host, this.resolutionCache, undefined, program.getModeForUsageLocation(file, literal));
    const resolved = result.resolvedModule;
    return resolved === undefined ? undefined : { file: path.resolve(resolved.resolvedFileName), external: resolved.isExternalLibraryImport === true };
  }
}
