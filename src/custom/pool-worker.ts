/**
 * A thread of the planning pool (see pool.ts): loads the run's custom transforms once, then plans one file
 * through one of them per task, as the runner's own thread would. Errors go back as data.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { TransformEnv } from '../transform';
import { customMigration, planAheadOnce, type CustomPrepared } from './migration';
import { errorToData, LOADED, type PoolAnswer, type PoolTask } from './pool';
import type { CustomStepSpec } from './ahead';

// The runner's thread loaded and checked the same modules and options; this only repeats it.
const env = { rootDir: '', configFile: '' } as unknown as TransformEnv;
const steps = (workerData as { steps: CustomStepSpec[] }).steps.map((step) => customMigration(step.spec, step.file).prepare(step.options, env, 'options') as CustomPrepared);
// The pool ends a thread only once it has loaded them (see `openPool`).
parentPort?.postMessage({ [LOADED]: threadId });

export default async function plan(task: PoolTask): Promise<PoolAnswer> {
  const result = await planAheadOnce(task.file, steps[task.step]!);
  return 'error' in result ? { errorData: errorToData(result.error) } : result;
}
