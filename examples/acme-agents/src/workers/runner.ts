import type { EngineOptions } from '../legacy/engine';
import { Queue } from './queue';
import { createEngine } from '@/agents/execution-engine';

export function startRunner(options: EngineOptions): Queue {
  return new Queue(createEngine(options));
}
