import type { Job } from '@/models/job';

/** Jobs waiting for the engine, first in, first out. The one queue: the legacy names re-export it. */
export class JobQueue {
  private readonly jobs: Job[] = [];

  push(job: Job): void {
    this.jobs.push(job);
  }

  take(): Job | undefined {
    return this.jobs.shift();
  }

  get size(): number {
    return this.jobs.length;
  }
}

/** Empties a queue, returning how many jobs it held. */
export function drainAll(queue: JobQueue): number {
  let n = 0;
  while (queue.take()) n++;
  return n;
}
