/**
 * The tsconfigs resolution uses: the ones the config lists, in priority order, and the nearest one above any
 * other file, each read once with its `extends` chain and given its own resolution cache.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { AliasEntry, AliasOrder } from './aliases';
import { ResolutionShortcut } from './shortcut';
import { readTsconfig } from './tsconfig';
import { loadTypescript } from '../typescript/load';

export interface Project {
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
  /** The same, most specific first (longest literal substitution, then longest key prefix). */
  aliasesBySpecificity?: AliasOrder;
  /** TypeScript's resolution for the common shapes of specifier; `undefined` where none applies. */
  shortcut: ResolutionShortcut | undefined;
}

export class Projects {
  readonly listed: Project[];
  private readonly nearestByDir = new Map<string, Project>();
  private readonly fallback: Project;
  private readonly packageTypes = new Map<string, string | null>();
  private node: Project | undefined;
  private last: { file: string; project: Project } | undefined;

  constructor(
    private readonly opts: { tsconfigs: string[]; rootDir: string; texts?: ReadonlyMap<string, string> },
    private readonly host: TS.ModuleResolutionHost,
  ) {
    this.listed = opts.tsconfigs.map((file) => this.loadProject(file));
    this.fallback = this.makeProject(undefined, {}, undefined);
  }

  /** Every project read so far: the listed ones and the nearest ones files needed. */
  known(): Set<Project> {
    return new Set([...this.listed, ...this.nearestByDir.values()]);
  }

  /** The first listed tsconfig that includes `file`, else the nearest tsconfig above it. */
  for(file: string): Project {
    // Asked for one file many times in a row (each reference, each candidate spelling): the last answer is kept.
    if (this.last?.file === file) return this.last.project;
    const project = this.find(file);
    this.last = { file, project };
    return project;
  }

  private find(file: string): Project {
    const nearest = this.nearestProject(path.dirname(file));
    // JavaScript no tsconfig includes is run by Node as it is: resolved as Node would, without aliases.
    if (JS_FILE.test(file) && !this.listed.some((p) => includesJs(p, file)) && !includesJs(nearest, file)) return this.nodeProject();
    // When the nearest tsconfig is the only one listed, the answer is the same whether it includes the file.
    if (this.listed.every((p) => p === nearest)) return nearest;
    return this.listed.find((project) => project.includes!().has(file)) ?? nearest;
  }

  /** Resolution as Node does it (NodeNext: conditions, `type: module`, no paths, no baseUrl). */
  private nodeProject(): Project {
    const ts = loadTypescript();
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
    const ts = loadTypescript();
    const resolutionOptions: TS.CompilerOptions = { ...options, allowJs: true, resolveJsonModule: true, traceResolution: false };
    if (resolutionOptions.moduleResolution === undefined && resolutionOptions.module === undefined) {
      resolutionOptions.moduleResolution = ts.ModuleResolutionKind.Bundler;
      resolutionOptions.module = ts.ModuleKind.ESNext;
    }
    const dir = configPath ? path.dirname(configPath) : this.opts.rootDir;
    const cache = ts.createModuleResolutionCache(dir, (f) => f, resolutionOptions);
    const pathsBase = options.baseUrl ?? (options.pathsBasePath as string | undefined) ?? (options.paths ? dir : undefined);
    const shortcut = ResolutionShortcut.for(resolutionOptions, ts);
    return { configPath, options: resolutionOptions, compilerOptions: options, includes, cache, pathsBase, shortcut };
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

