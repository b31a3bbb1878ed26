/**
 * `canonize check` as a function: plan exactly as `run` does (so the two always agree), write nothing to
 * the sources, and measure the violations against an optional baseline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { countViolations, formatBaseline, increases, parseBaseline, updateBaseline, type Increase } from '../check/baseline';
import { violationsOf, type Violation } from '../check/violations';
import { loadConfig } from '../config/load';
import { UsageError } from '../errors';
import { planRun, type RunResult } from '../plan/run';

export interface CheckOptions {
  paths: string[];
  configFile: string;
  issueIds: string[];
  since?: string;
  /** Absolute baseline file to compare against (and, with `updateBaseline`, to write). */
  baseline?: string;
  updateBaseline: boolean;
  force: boolean;
}

export interface CheckOutcome {
  run: RunResult;
  violations: Violation[];
  /** The baseline file used, when one was. */
  baselineFile?: string;
  /** Counts above the baseline (compare), or increases refused (update without --force). */
  increases?: Increase[];
  /** The baseline was created or lowered. */
  baselineWritten: boolean;
}

/** The default baseline file: `canonize-baseline.json` beside the config. */
export function defaultBaselineFile(configFile: string): string {
  return path.join(path.dirname(configFile), 'canonize-baseline.json');
}

export async function check(options: CheckOptions, signal?: AbortSignal): Promise<CheckOutcome> {
  const config = loadConfig(options.configFile);
  const baselineFile = options.baseline ?? (options.updateBaseline ? defaultBaselineFile(config.file) : undefined);
  const previous = baselineFile && fs.existsSync(baselineFile) ? parseBaseline(fs.readFileSync(baselineFile, 'utf8'), baselineFile) : undefined;
  if (baselineFile && !previous && !options.updateBaseline) {
    throw new UsageError(`--baseline ${baselineFile}: no such file (create it with --update-baseline)`);
  }
  if (options.updateBaseline && (options.since !== undefined || options.paths.length > 0 || options.issueIds.length > 0)) {
    throw new UsageError('--update-baseline records the whole project: drop --since, paths and --issue');
  }
  // check reports what is there now: changed files are not re-planned to count what a rewrite would leave.
  // It counts each reference of the files as they are, once: every issue plans from the file as it is.
  const run = await planRun({ config, paths: options.paths, issueIds: options.issueIds, since: options.since, signal, countAfter: false, asIs: true, finish: false });
  const violations = violationsOf(run);
  if (!baselineFile) return { run, violations, baselineWritten: false };
  // Counted only for a baseline: at 50,000 files the counts took 0.4 s.
  const current = countViolations(violations);
  if (options.updateBaseline) {
    const { next, refused } = updateBaseline(current, previous, options.force);
    const changed = !previous || formatBaseline(next) !== formatBaseline(previous);
    if (changed) writeFileAtomic.sync(baselineFile, formatBaseline(next));
    return { run, violations, baselineFile, increases: refused, baselineWritten: changed };
  }
  // Under --since or paths only some files were read: only their entries can go up, which is what a
  // pull-request check needs to know.
  return { run, violations, baselineFile, increases: increases(current, previous!), baselineWritten: false };
}
