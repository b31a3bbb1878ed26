import { ExecutionEngine } from '../agents/execution-engine.ts';
export { ExecutionEngine };
