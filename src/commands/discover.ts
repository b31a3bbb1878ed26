/** `canonize discover` as a function: no config needed; with one, its files and tsconfigs are used. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../config/load';
import { DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE } from '../config/schema';
import { discoverFindings, projectStyle, type Finding } from '../discover/findings';
import { buildGraph } from '../discover/scan';
import { jestMappers } from '../discover/jest';
import { proposeConfig } from '../discover/emit';
import { gitRoot } from '../files/git';
import { selectFiles } from '../files/list';
import { readSource } from '../files/read';
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
}

export function discover(options: DiscoverOptions): DiscoverOutcome {
  const started = performance.now();
  const config = options.configFile ? loadConfig(options.configFile) : undefined;
  const rootDir = config?.rootDir ?? options.cwd;
  const tsconfig = path.join(rootDir, 'tsconfig.json');
  const tsconfigs = config?.tsconfigs ?? (fs.existsSync(tsconfig) ? [tsconfig] : []);
  const files = selectFiles({
    rootDir,
    include: config?.include ?? DEFAULT_INCLUDE,
    exclude: config?.exclude ?? [],
    gitRoot: gitRoot(rootDir),
    paths: options.paths,
    skipDirs: [],
  });
  const resolver = new ModuleResolver({ tsconfigs, rootDir });
  const maxFileSize = config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const read = (file: string) => {
    const text = readSource(file, maxFileSize);
    return typeof text === 'string' ? text : undefined;
  };
  const graph = buildGraph({ files, read, resolver, rootDir, mappers: jestMappers(rootDir) });
  const context = { graph, resolver, rootDir };
  const style = projectStyle(context);
  const findings = discoverFindings(context, style);
  return {
    findings,
    filesRead: graph.facts.size,
    elapsedMs: performance.now() - started,
    proposal: proposeConfig(findings, { tsconfig: tsconfigs[0] && toPosix(path.relative(rootDir, tsconfigs[0])), style }),
  };
}
