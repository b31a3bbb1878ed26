import { ExecutionEngine, type EngineOptions } from '../legacy/engine';
import { Planner } from './planner';
import type { Job, JobResult } from '../models/job';

export class Scheduler {
  private readonly planner = new Planner();
  private readonly engine: ExecutionEngine;

  constructor(options: EngineOptions) {
    this.engine = new ExecutionEngine(options);
  }

  async runAll(jobs: Job[]): Promise<JobResult[]> {
    const results: JobResult[] = [];
    for (const batch of this.planner.plan(jobs)) {
      results.push(...(await Promise.all(batch.map((job) => this.engine.run(job)))));
    }
    return results;
  }
}
