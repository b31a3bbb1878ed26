import {
  createEngine,
  EngineOptions,
  ExecutionEngine,
} from '../agents/execution-engine';
export { createEngine, ExecutionEngine };
export type { EngineOptions };
