import { ExecutionEngine } from '@/legacy/engine';
import { createEngine } from '@/agents/execution-engine';

export const e: ExecutionEngine = createEngine();
