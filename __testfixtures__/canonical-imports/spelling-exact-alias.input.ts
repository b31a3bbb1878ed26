import { ExecutionEngine } from '#engine';
export { ExecutionEngine };
