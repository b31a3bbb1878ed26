import { ExecutionEngine } from 'legacy/engine';
export { ExecutionEngine };
