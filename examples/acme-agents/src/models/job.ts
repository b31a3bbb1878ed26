export interface Job {
  id: string;
  payload: string;
}

export interface JobResult {
  jobId: string;
  ok: boolean;
  output: string;
}
