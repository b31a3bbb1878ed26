import { Scheduler } from '@/agents';
import type { Job, JobResult } from '@/models';
import { readConfig } from '../lib/config';
import { formatBytes } from '../lib/format';

export async function runJobs(jobs: Job[]): Promise<JobResult[]> {
  const { concurrency } = readConfig(process.env);
  console.log(`running ${jobs.length} jobs, ${formatBytes(JSON.stringify(jobs).length)} of payload`);
  return new Scheduler({ concurrency }).runAll(jobs);
}
