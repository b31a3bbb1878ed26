import { ExecutionEngine } from './execution-engine';
export { ExecutionEngine };
