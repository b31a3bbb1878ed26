import Engine from '@/legacy/engine';
import type { Job } from '@/models/job';

export class Queue {
  private readonly jobs: Job[] = [];
  constructor(private readonly engine: Engine) {}

  push(job: Job): void {
    this.jobs.push(job);
  }

  async drain(): Promise<number> {
    let done = 0;
    for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
      await this.engine.run(job);
      done++;
    }
    return done;
  }
}
