import Engine from '@/legacy/engine';
import type { Job } from '@/models/job';
import { formatDuration } from '@/lib/format';

export class Queue {
  private readonly jobs: Job[] = [];
  constructor(private readonly engine: Engine) {}

  push(job: Job): void {
    this.jobs.push(job);
  }

  async drain(): Promise<number> {
    let done = 0;
    const started = Date.now();
    for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
      await this.engine.run(job);
      done++;
    }
    console.log(`drained ${done} jobs in ${formatDuration(Date.now() - started)}`);
    return done;
  }
}
