import { ExecutionEngine } from '../legacy/engine.js';
export { ExecutionEngine };
