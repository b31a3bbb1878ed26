import { ExecutionEngine } from '../agents/execution-engine.js';
export { ExecutionEngine };
