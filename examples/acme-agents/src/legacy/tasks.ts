/**
 * @deprecated `TaskQueue` is now `JobQueue` in `@/workers/job-queue`. Only `taskLabel` still lives here.
 */
export { JobQueue as TaskQueue } from '@/workers/job-queue';

export function taskLabel(id: string): string {
  return `task:${id}`;
}
