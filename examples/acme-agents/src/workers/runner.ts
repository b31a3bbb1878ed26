import type { EngineOptions } from '../legacy/engine';
import { Queue } from './queue';
import { createEngine } from '@/agents/execution-engine';
import type { Job } from 'models/job';

export function startRunner(options: EngineOptions, first?: Job): Queue {
  const queue = new Queue(createEngine(options));
  if (first) queue.push(first);
  return queue;
}
