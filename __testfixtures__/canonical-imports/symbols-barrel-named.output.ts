// the public API of the app
export { legacyHelper } from '../legacy/engine';
export { UserExecutionEngine as ExecutionEngine } from '../agents/user-execution-engine';
export { createEngine as newEngine } from '../agents/factory';
export type { EngineOptions } from '../agents/user-execution-engine';
