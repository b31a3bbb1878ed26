import { ExecutionEngine } from 'agents/execution-engine';
export { ExecutionEngine };
