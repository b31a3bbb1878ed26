import { ExecutionEngine } from '../agents/execution-engine';

export const engine = new ExecutionEngine();
