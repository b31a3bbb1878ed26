import { ExecutionEngine, type EngineOptions } from '../agents/execution-engine';
export function make(o: EngineOptions) { return new ExecutionEngine(); }
