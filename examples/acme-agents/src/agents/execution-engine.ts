import { createLogger } from '@/lib/logger';
import type { Job, JobResult } from '@/models/job';

/** How an engine runs jobs. */
export interface EngineOptions {
  concurrency: number;
  timeoutMs?: number;
}

/** Runs jobs, a few at a time. The one engine: everything else re-exports or wraps it. */
export class ExecutionEngine {
  private readonly log = createLogger('engine');
  constructor(readonly options: EngineOptions) {}

  async run(job: Job): Promise<JobResult> {
    this.log.info(`running ${job.id}`);
    return { jobId: job.id, ok: true, output: job.payload.toUpperCase() };
  }
}

export function createEngine(options: Partial<EngineOptions> = {}): ExecutionEngine {
  return new ExecutionEngine({ concurrency: 2, ...options });
}

export default ExecutionEngine;
