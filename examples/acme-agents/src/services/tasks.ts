import { TaskQueue, taskLabel } from '@/legacy/tasks';
import { drainAll } from '@/legacy/queues';
import type { Job } from '@/models/job';

/** Queues the jobs, labels them, then drains the queue. */
export function enqueue(jobs: Job[]): string[] {
  const queue: TaskQueue = new TaskQueue();
  for (const job of jobs) queue.push(job);
  const labels = jobs.map((job) => taskLabel(job.id));
  drainAll(queue);
  return labels;
}
