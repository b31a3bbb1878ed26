import { ExecutionEngine } from '@/legacy/engine';
import { createEngine } from '@/agents/execution-engine';
import type { Job } from '@/models/job';

export class Planner {
  private readonly engine: ExecutionEngine = createEngine({ concurrency: 4 });

  plan(jobs: Job[]): Job[][] {
    const size = this.engine.options.concurrency;
    const batches: Job[][] = [];
    for (let i = 0; i < jobs.length; i += size) batches.push(jobs.slice(i, i + size));
    return batches;
  }
}
