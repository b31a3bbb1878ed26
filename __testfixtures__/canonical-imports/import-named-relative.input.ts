import { ExecutionEngine } from '../legacy/engine';

export const engine = new ExecutionEngine();
