// Deprecated: the engine moved to src/agents. Only legacyHelper still lives here.
export { UserExecutionEngine as ExecutionEngine, type EngineOptions } from '../agents/user-execution-engine';
export { createEngine, makeEngine as default } from '../agents/factory';

export function legacyHelper(): string {
  return 'legacy';
}
