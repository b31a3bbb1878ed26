import { Scheduler } from '@/agents';
import type { Job, JobResult } from '@/models';
import { readConfig } from '../lib/config';

export async function runJobs(jobs: Job[]): Promise<JobResult[]> {
  const { concurrency } = readConfig(process.env);
  return new Scheduler({ concurrency }).runAll(jobs);
}
