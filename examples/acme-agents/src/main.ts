import { routes } from './api';
import { UserService } from './services/users';
import { runJobs } from './services/jobs';
import { startRunner } from './workers/runner';
import { warmup } from './scripts/warmup';

export async function main(): Promise<void> {
  await warmup();
  const users = new UserService();
  users.add('1', 'Ada Lovelace');
  const queue = startRunner({ concurrency: 1 });
  queue.push({ id: 'boot', payload: 'hello' });
  await queue.drain();
  await runJobs([{ id: 'a', payload: 'x' }]);
  console.log(routes.map((r) => r.path).join(', '));
}
