/**
 * What is read through TypeScript (loaded by ../typescript/load.ts): a tsconfig with its `extends` chain, and a
 * module resolution host that remembers what exists.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { ConfigError } from '../errors';
import { loadTypescript } from '../typescript/load';
import { DirectoryListing } from './listing';

/** The version of the TypeScript canonize resolves with (loads it on first use). */
export function typescriptVersion(): string {
  return loadTypescript().version;
}

/**
 * The one tsconfig reader: a tsconfig with its `extends` chain, read by TypeScript itself. `withFiles`: also
 * walk the tree for the files it includes; `texts`: files read instead of the disk's (a planned edit).
 */
export function readTsconfig(configPath: string, options: { withFiles: boolean; texts?: ReadonlyMap<string, string> }): TS.ParsedCommandLine {
  const ts = loadTypescript();
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

/**
 * A `ts.sys` host whose existence checks are remembered (resolution asks the same questions many times) and
 * answered from one listing per folder.
 */
export function cachedHost(files = new Map<string, boolean>(), dirs = new Map<string, boolean>(), texts?: ReadonlyMap<string, string>): TS.ModuleResolutionHost {
  const ts = loadTypescript();
  const listing = new DirectoryListing(ts.sys);
  return {
    fileExists(file) {
      let hit = files.get(file);
      if (hit === undefined) files.set(file, (hit = listing.fileExists(file)));
      return hit;
    },
    directoryExists(dir) {
      let hit = dirs.get(dir);
      if (hit === undefined) dirs.set(dir, (hit = listing.directoryExists(dir)));
      return hit;
    },
    readFile: (file) => texts?.get(path.resolve(file)) ?? ts.sys.readFile(file),
    realpath: ts.sys.realpath,
    getCurrentDirectory: () => process.cwd(),
    getDirectories: (dir) => ts.sys.getDirectories(dir),
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  };
}
