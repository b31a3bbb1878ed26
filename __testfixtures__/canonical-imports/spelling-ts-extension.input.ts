import { ExecutionEngine } from '../legacy/engine.ts';
export { ExecutionEngine };
