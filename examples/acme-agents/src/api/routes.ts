import { createEngine } from 'legacy/engine';
import { slugify } from 'old-utils';
import type { Job } from '@/models/job';
import { formatBytes } from '../utils/format';

export interface Route {
  path: string;
  handle(body: string): Promise<string>;
}

const engine = createEngine();

export const routes: Route[] = [
  {
    path: `/${slugify('Run Job')}`,
    async handle(body) {
      const job: Job = { id: 'http', payload: body };
      console.log(`request of ${formatBytes(body.length)}`);
      return (await engine.run(job)).output;
    },
  },
];
