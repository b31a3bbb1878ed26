export { ExecutionEngine as Engine } from '../legacy/engine';
export type { EngineOptions } from '../legacy/engine';
