// the public API of the app
export { ExecutionEngine, legacyHelper, createEngine as newEngine } from '../legacy/engine';
export type { EngineOptions } from '../legacy/engine';
