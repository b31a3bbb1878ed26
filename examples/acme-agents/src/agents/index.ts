export { ExecutionEngine, createEngine } from '../legacy/engine';
export type { EngineOptions } from '../legacy/engine';
export { Planner } from './planner';
export { Scheduler } from './scheduler';
