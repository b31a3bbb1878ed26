/** `canonize discover` as a function: no config needed; with one, its files and tsconfigs are used. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkingGlobs, configGlobs } from '../config/globs';
import { loadConfig } from '../config/load';
import { DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE } from '../config/schema';
import { discoverFindings, projectStyle, type Finding } from '../discover/findings';
import { buildGraph } from '../discover/scan';
import { jestMappers } from '../discover/jest';
import { proposeConfig } from '../discover/emit';
import { gitRoot } from '../files/git';
import { checkPaths } from '../files/list';
import { startScan } from '../files/scan';
import { toPosix } from '../files/paths';
import { ModuleResolver } from '../resolve/resolver';

export interface DiscoverOptions {
  paths: string[];
  /** A config to take files and tsconfigs from; `undefined` when there is none. */
  configFile: string | undefined;
  /** Where the project starts when there is no config. */
  cwd: string;
}

export interface DiscoverOutcome {
  findings: Finding[];
  filesRead: number;
  elapsedMs: number;
  /** A config fragment proposing migrations for what was found. */
  proposal: Record<string, unknown>;
  /** Files that could not be read and folders that could not be listed (paths relative to the project), with why. */
  unreadable: Array<{ path: string; reason: string }>;
}

export async function discover(options: DiscoverOptions, signal?: AbortSignal): Promise<DiscoverOutcome> {
  const started = performance.now();
  const config = options.configFile ? loadConfig(options.configFile) : undefined;
  const rootDir = config?.rootDir ?? options.cwd;
  const tsconfig = path.join(rootDir, 'tsconfig.json');
  const tsconfigs = config?.tsconfigs ?? (fs.existsSync(tsconfig) ? [tsconfig] : []);
  const selection = {
    rootDir,
    include: config?.include ?? DEFAULT_INCLUDE,
    exclude: config?.exclude ?? [],
    gitRoot: gitRoot(rootDir),
    paths: options.paths,
    skipDirs: [],
  };
  checkPaths(selection);
  // Every file is needed: no filter. The reading thread reads while TypeScript loads, then hands files over
  // as they are read.
  const scan = startScan({ selection, maxFileSize: config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE });
  try {
    const resolver = new ModuleResolver({ tsconfigs, rootDir });
    const checked = config ? checkingGlobs(scan, configGlobs(config), config) : scan;
    const graph = await buildGraph({ scan: checked, resolver, rootDir, mappers: jestMappers(rootDir), signal });
    const context = { graph, resolver, rootDir };
    const style = projectStyle(context);
    const findings = discoverFindings(context, style);
    return {
      findings,
      filesRead: graph.facts.size,
      elapsedMs: performance.now() - started,
      proposal: proposeConfig(findings, { tsconfig: tsconfigs[0] && toPosix(path.relative(rootDir, tsconfigs[0])), style }),
      unreadable: scan.summary().unreadable.map((u) => ({ path: toPosix(path.relative(rootDir, u.file)), reason: u.reason })),
    };
  } finally {
    scan.cancel();
  }
}
