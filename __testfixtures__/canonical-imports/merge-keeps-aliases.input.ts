import { createEngine } from '../legacy/engine';
import { createEngine as make, ExecutionEngine } from '../agents/execution-engine';
export { make, createEngine, ExecutionEngine };
