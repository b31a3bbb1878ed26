export * from '../legacy/engine';
export { UserExecutionEngine as ExecutionEngine, type EngineOptions } from '../agents/user-execution-engine';
export { createEngine } from '../agents/factory';
export { runEngine } from '../agents/user-execution-engine';
