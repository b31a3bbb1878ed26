export type { Job, JobResult } from './job';
export type { User } from './user';
export { makeUser } from './user';
