import { ExecutionEngine, type EngineOptions } from '../legacy/engine';
export function make(o: EngineOptions) { return new ExecutionEngine(); }
