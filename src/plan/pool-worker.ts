/**
 * A planning thread of the pool (see pool.ts): loads the run's custom transforms once, then plans one file
 * through one of them per task. Errors go back as data, so a parse error keeps its line and column.
 */
import { workerData } from 'node:worker_threads';
import type { MigrationConfig } from '../config/load';
import { ParseError } from '../errors';
import { migrationFor } from '../registry';
import type { TransformEnv } from '../transform';
import type { PoolResult, PoolTask } from './pool';

const steps = (workerData as { steps: MigrationConfig[] }).steps.map((config) => {
  const migration = migrationFor(config);
  // Custom transforms read neither the resolver nor the config file: the main thread prepared them first.
  const env = { rootDir: '', configFile: '' } as unknown as TransformEnv;
  return { migration, prepared: migration.prepare(config.options, env, `${config.at}.options`) };
});

export default async function plan(task: PoolTask): Promise<PoolResult> {
  const step = steps[task.step]!;
  try {
    return { outcome: await step.migration.plan(task.file, step.prepared) };
  } catch (error) {
    if (error instanceof ParseError) return { error: { message: error.message, parse: { line: error.line, column: error.column, reason: error.reason } } };
    return { error: { message: error instanceof Error ? error.message : String(error) } };
  }
}
