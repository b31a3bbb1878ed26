import { createEngine, ExecutionEngine } from '@/agents/execution-engine';

export const e: ExecutionEngine = createEngine();
