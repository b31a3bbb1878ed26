/**
 * `canonize run` as a function: config -> plan -> reports -> (guard -> write). Returns what happened; the
 * CLI prints it and picks the exit code.
 */
import * as path from 'node:path';
import { assertCleanForWrite } from '../apply/guard';
import { writeArtifacts, writeSources } from '../apply/write';
import { loadConfig } from '../config/load';
import { planRun, type RunResult } from '../plan/run';
import { buildPatch } from '../report/patch';
import { issueSummary } from '../report/summary';

export interface RunOptions {
  /** Absolute files or folders to restrict the run to. */
  paths: string[];
  /** The paths as the user typed them, for the summary's reproduce command. */
  pathArgs: string[];
  /** Absolute config file. */
  configFile: string;
  /** The config as the user typed it (`undefined`: the default). */
  configArg: string | undefined;
  issueIds: string[];
  write: boolean;
  allowDirty: boolean;
  /** Absolute output folder. */
  outDir: string;
  /** The output folder as shown to the user. */
  outLabel: string;
}

/** Plans, writes the reports and, with `write`, the sources. */
export async function run(options: RunOptions, signal?: AbortSignal): Promise<RunResult> {
  const config = loadConfig(options.configFile);
  const result = await planRun({ config, paths: options.paths, issueIds: options.issueIds, skipDirs: [options.outDir], signal });
  const sources = finalContents(result);
  if (options.write) {
    assertCleanForWrite({ repoRoot: result.repoRoot, inGit: result.inGit, files: sources.map((s) => s.file), allowDirty: options.allowDirty });
  }
  const context = { run: result, outDir: options.outLabel, configArg: options.configArg, pathArgs: options.pathArgs };
  writeArtifacts(
    options.outDir,
    result.issues.flatMap((issue) => [
      { name: `${issue.id}.patch`, content: buildPatch(issue.changes) },
      { name: `${issue.id}.md`, content: issueSummary(issue, context) },
    ]),
  );
  if (options.write) await writeSources(sources, signal);
  return result;
}

/** The last issue's text for every file any issue changed, in path order. */
function finalContents(result: RunResult): Array<{ file: string; content: string }> {
  const last = new Map<string, string>();
  for (const issue of result.issues) for (const change of issue.changes) last.set(change.file, change.after);
  return [...last.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([file, content]) => ({ file, content: content }));
}

/** How a path reads on the terminal: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel || '.';
}
