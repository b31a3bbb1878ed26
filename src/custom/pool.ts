/**
 * Planning custom transforms ahead on worker threads (see ahead.ts). A pool (piscina) of one thread per core
 * starts once a run has planned {@link POOL_AFTER} files ahead on its own thread (a thread's start-up, loading
 * jscodeshift and the transforms, then pays for itself); each thread loads the run's custom transforms once,
 * and each task is one file through one of them. Built-in transforms stay with the runner: their filters let
 * few files through, and they read the run's resolver and texts.
 *
 * `CANONIZE_WORKERS=<n>` sets the number of threads and starts the pool with the first file (`0`: never).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ParseError } from '../errors';
import { forcedWorkers } from '../workers';
import type { SourceFile } from '../transform';
import type { CustomStepSpec } from './ahead';
import type { AheadResult } from './migration';

const WORKER = path.join(__dirname, 'pool-worker.js');

/** Files a run plans ahead on its own thread before it starts a pool. */
export const POOL_AFTER = 200;

/**
 * Tasks posted to each thread at once, where they wait in line (piscina's `concurrentTasksPerWorker`; a
 * thread still runs one at a time). With piscina's default of one, a thread that finished a file waited for
 * the runner's thread to take the answer in before it got the next, and the runner's thread was busy
 * recording files. The bench's peer codemod through canonize at 10,000 files: 26.4-29.5 s with one,
 * 23.4-25.6 s with four, 21.7-21.8 s with eight (in turns, the same patch).
 */
const IN_LINE = 8;

/** How long closing the pool waits for its threads to load the transforms (loading takes well under a second). */
const LOAD_WAIT_MS = 30_000;

/** The key of the message a pool thread sends once it has loaded the transforms (its value: the thread's id). */
export const LOADED = 'canonize:loaded';

/** A task: one file through one custom step (its position among the run's custom steps). */
export interface PoolTask {
  step: number;
  file: SourceFile;
}

/** An error as it crosses the thread boundary: its message, and a parse error's position. */
export interface ErrorData {
  message: string;
  parse?: { file: string; line: number; column: number; reason: string };
}

/** A task's answer: the outcome, or the error as data. */
export type PoolAnswer = Exclude<AheadResult, { error: unknown }> | { errorData: ErrorData };

export interface PlanPool {
  plan(step: number, file: SourceFile): Promise<AheadResult>;
  close(): Promise<void>;
}

/**
 * Decides, file by file, whether the pool plans ahead. `undefined` when it never will (one core, no compiled
 * worker under ts-jest, or `CANONIZE_WORKERS=0`).
 */
export function poolPlanner(steps: CustomStepSpec[]): { poolFor(planned: number): PlanPool | undefined; close(): Promise<void> } | undefined {
  const forced = forcedWorkers();
  const threads = forced ?? os.availableParallelism();
  if (!Number.isInteger(threads) || threads < (forced === undefined ? 2 : 1) || !fs.existsSync(WORKER)) return undefined;
  let pool: PlanPool | undefined;
  return {
    poolFor(planned) {
      if (!pool && (forced !== undefined || planned > POOL_AFTER)) pool = openPool(steps, threads);
      return pool;
    },
    close: async () => pool?.close(),
  };
}

function openPool(steps: CustomStepSpec[], threads: number): PlanPool {
  // Loaded only for a pool: most runs never start one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Piscina } = require('piscina') as typeof import('piscina');
  const piscina = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads, workerData: { steps }, concurrentTasksPerWorker: IN_LINE });
  // A thread terminated while it loads a transform written as an ES module (`require(esm)`) aborts the whole
  // process in Node 20 ("CreateRequiredModuleFacade ... Assertion failed"), and a pool that opens near the end
  // of a run can be closed before its threads have loaded. So it is closed once each thread has loaded the
  // transforms, or ended.
  const loaded = new Set<number>();
  const onLoaded = new Map<number, () => void>();
  piscina.on('message', (message: unknown) => {
    const id = (message as Record<string, unknown> | null)?.[LOADED];
    if (typeof id !== 'number') return;
    loaded.add(id);
    onLoaded.get(id)?.();
  });
  // An ended thread's id reads -1.
  const settled = (thread: import('node:worker_threads').Worker) =>
    thread.threadId < 0 || loaded.has(thread.threadId) ? undefined : new Promise<void>((resolve) => {
      onLoaded.set(thread.threadId, resolve);
      thread.once('exit', () => resolve());
    });
  return {
    async plan(step, file) {
      const answer = (await piscina.run({ step, file } satisfies PoolTask)) as PoolAnswer;
      return 'errorData' in answer ? { error: errorFromData(answer.errorData) } : answer;
    },
    async close() {
      // A transform that never finishes loading does not keep the run from ending.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(piscina.threads.map(settled)), new Promise((resolve) => (timer = setTimeout(resolve, LOAD_WAIT_MS)))]);
      clearTimeout(timer);
      await piscina.destroy();
    },
  };
}

export function errorToData(error: unknown): ErrorData {
  if (error instanceof ParseError) return { message: error.message, parse: { file: error.file, line: error.line, column: error.column, reason: error.reason } };
  return { message: error instanceof Error ? error.message : String(error) };
}

function errorFromData(data: ErrorData): Error {
  return data.parse ? new ParseError(data.parse.file, data.parse.line, data.parse.column, data.parse.reason) : new Error(data.message);
}
