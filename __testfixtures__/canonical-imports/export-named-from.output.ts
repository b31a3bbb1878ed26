export { ExecutionEngine as Engine } from '../agents/execution-engine';
export type { EngineOptions } from '../agents/execution-engine';
