/**
 * Planning custom transforms on worker threads. A jscodeshift transform parses and prints every file it is
 * given, usually without a text filter: on thousands of files that is nearly all of a run's time, and it
 * spreads over cores. A pool (piscina) of one thread per core starts once a run has handed a custom transform
 * more than {@link POOL_AFTER} files; each thread loads the run's custom transforms once, and each task is
 * one file through one transform. Built-in transforms stay on the main thread: their filters let few files
 * through, and they read the run's resolver and texts.
 *
 * `CANONIZE_WORKERS=<n>` sets the number of threads and starts the pool with the first file (`0`: never).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MigrationConfig } from '../config/load';
import { ParseError } from '../errors';
import type { FileOutcome, SourceFile } from '../transform';

const WORKER = path.join(__dirname, 'pool-worker.js');

/** Files a run plans with a custom transform on its own thread before it starts a pool (the threads' start-up). */
export const POOL_AFTER = 200;

/** One file through one custom transform, as a worker task. */
export interface PoolTask {
  /** Index of the transform among the pool's `steps`. */
  step: number;
  file: SourceFile;
}

/** What a task sends back: the outcome, or the error (a `ParseError`'s position survives the thread boundary). */
export type PoolResult = { outcome: FileOutcome } | { error: { message: string; parse?: { line: number; column: number; reason: string } } };

/** The pool as the planner sees it. */
export interface PlanPool {
  threads: number;
  plan(task: PoolTask): Promise<FileOutcome>;
  close(): Promise<void>;
}

/**
 * Decides, file by file, whether the custom transforms `steps` run on a pool. Returns `undefined` when they
 * never will (no steps, one core, no compiled worker, or `CANONIZE_WORKERS=0`).
 */
export function poolPlanner(steps: MigrationConfig[]): { poolFor(planned: number): PlanPool | undefined; close(): Promise<void> } | undefined {
  const setting = process.env.CANONIZE_WORKERS;
  const forced = setting !== undefined && setting !== '' ? Number(setting) : undefined;
  const threads = forced ?? os.availableParallelism();
  if (steps.length === 0 || !Number.isInteger(threads) || threads < (forced === undefined ? 2 : 1) || !fs.existsSync(WORKER)) return undefined;
  let pool: PlanPool | undefined;
  return {
    poolFor(planned) {
      if (!pool && (forced !== undefined || planned > POOL_AFTER)) pool = openPool(steps, threads);
      return pool;
    },
    close: async () => pool?.close(),
  };
}

function openPool(steps: MigrationConfig[], threads: number): PlanPool {
  // Loaded only for a pool: most runs never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Piscina } = require('piscina') as typeof import('piscina');
  const piscina = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads, workerData: { steps } });
  return {
    threads,
    async plan(task) {
      const result = (await piscina.run(task)) as PoolResult;
      if ('outcome' in result) return result.outcome;
      const { parse, message } = result.error;
      throw parse ? new ParseError(task.file.path, parse.line, parse.column, parse.reason) : new Error(message);
    },
    close: () => piscina.destroy(),
  };
}
