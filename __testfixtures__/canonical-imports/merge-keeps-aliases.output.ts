import { createEngine as make, ExecutionEngine, createEngine } from '../agents/execution-engine';
export { make, createEngine, ExecutionEngine };
